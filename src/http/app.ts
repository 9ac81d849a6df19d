// The HTTP face of one mock. Vendor traffic goes from Node's message to the mock and back through
// one reader and one writer (read.ts, write.ts, node.ts). The Hono app serves the rest: the admin
// API, the served specs, the paths outside every vendor, and the `fetch` entry for in-process use
// (`app.fetch(request)`), whose vendor requests go through the same reader and writer.
import { type Context, Hono } from "hono";
import { createMock, type Mock, type MockOptions } from "../core/mock.js";
import { PROBLEM_CONTENT_TYPE, problem } from "../engine/problem.js";
import { VENDORS } from "../vendors/index.js";
import { VENDOR_NAMES, type VendorName } from "../vendors/types.js";
import { mountAdmin } from "./admin/index.js";
import { engineRequest, headersOf, readWebBody } from "./read.js";
import { internalError, toWebResponse } from "./write.js";

/** The mock's own options (core/mock.ts: seed, clock, rate limits, journal bounds, folders, report, definitions), and what the HTTP face adds. */
export interface MockServerOptions extends Omit<MockOptions, "vendors"> {
  /** Serve only this vendor, at the root (`--vendor omni`); default: all five under prefixes. */
  vendor?: VendorName;
  /** The admin API under /__admin (default on). */
  admin?: boolean;
}

/** Where a path goes: a vendor (and the prefix to strip), or the Hono app. */
export type Target = { vendor: VendorName; prefix: string } | undefined;

export type MockApp = Hono & {
  readonly mock: Mock;
  /** The vendor whose API a path (no query) belongs to; undefined for the admin API, the specs and paths outside every vendor. */
  vendorAt(path: string): Target;
};

export function createMockServer(options: MockServerOptions = {}): MockApp {
  const names: VendorName[] = options.vendor ? [options.vendor] : [...VENDOR_NAMES];
  const mock = createMock({ ...options, vendors: names.map((name) => VENDORS[name]) });
  const admin = options.admin !== false;
  const vendorAt = (path: string): Target => {
    if (options.vendor) {
      const adminPath = admin && (path === "/__admin" || path.startsWith("/__admin/"));
      return adminPath || path === "/openapi.json" ? undefined : { vendor: options.vendor, prefix: "" };
    }
    const end = path.indexOf("/", 1);
    const name = path.slice(1, end === -1 ? undefined : end);
    if (!(names as string[]).includes(name) || path.slice(name.length + 1) === "/openapi.json") return undefined;
    return { vendor: name as VendorName, prefix: `/${name}` };
  };

  const app = new Hono();
  app.onError((error, c) => {
    mock.report(`taskmock bug: ${error.stack ?? error.message}`);
    return c.body(JSON.stringify(problem("internal-error", 500, error.message)), 500, { "content-type": PROBLEM_CONTENT_TYPE });
  });
  if (admin) mountAdmin(app, mock);
  for (const name of names) {
    const prefix = options.vendor ? "" : `/${name}`;
    app.get(`${prefix}/openapi.json`, (c) => c.json(mock.specs.get(name)?.doc));
  }
  // The in-process entry: the same reader and writer as Node's path, from a web Request.
  app.all("*", async (c: Context) => {
    const url = new URL(c.req.url);
    const path = url.pathname;
    const search = url.search.slice(1);
    const target = vendorAt(path);
    if (!target) {
      return c.body(
        JSON.stringify(
          problem("admin-not-found", 404, `No vendor at ${path}; the vendors are served under ${names.map((n) => `/${n}`).join(", ")}`),
        ),
        404,
        { "content-type": PROBLEM_CONTENT_TYPE },
      );
    }
    const raw: string[] = [];
    c.req.raw.headers.forEach((value, key) => raw.push(key, value));
    const request = engineRequest(c.req.method, path, target.prefix, search, headersOf(raw), await readWebBody(c.req.raw));
    try {
      return toWebResponse(await mock.answer(target.vendor, request), c.req.method);
    } catch (error) {
      mock.report(`taskmock bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return toWebResponse(internalError(error));
    }
  });
  return Object.assign(app, { mock, vendorAt });
}
