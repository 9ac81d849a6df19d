// The Hono app: mounts each vendor under its prefix (or one vendor at the root), serves the
// specs, the admin API, and turns HTTP into the engine's plain requests and back.
import type { IncomingMessage } from "node:http";
import type { Faker } from "@faker-js/faker";
// Only the English locale: the package's index loads every locale (~0.25 s at start).
import { faker as englishFaker } from "@faker-js/faker/locale/en";
import { type Context, Hono } from "hono";
import { createClock } from "../engine/clock.js";
import { FaultRules } from "../engine/faults.js";
import { Journal } from "../engine/journal.js";
import { type EngineServices, handleRequest, type VendorRuntime } from "../engine/pipeline.js";
import { PROBLEM_CONTENT_TYPE, problem } from "../engine/problem.js";
import { RateLimiter } from "../engine/rateLimit.js";
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import { FIXTURE_DIR, SPEC_DIR } from "../paths.js";
import type { Store } from "../store/store.js";
import { VENDORS } from "../vendors/index.js";
import { VENDOR_NAMES, type VendorName } from "../vendors/types.js";
import { mountAdmin } from "./admin.js";
import { buildRuntime, StartupError } from "./runtime.js";

export interface MockServerOptions {
  /** Serve only this vendor, at the root (`--vendor omni`); default: all five under prefixes. */
  vendor?: VendorName;
  /** Makes generated values and ids deterministic. */
  seed?: number;
  /** Fixes the clock at this time (ISO 8601); default: real time. */
  clock?: string | Date;
  /** The admin API under /__admin (default on). */
  admin?: boolean;
  /** Enforce the vendors' documented rate limits (`--rate-limits`; default off). */
  rateLimits?: boolean;
  /** How many requests the journal keeps (default 1000). */
  journalSize?: number;
  specDir?: string;
  fixtureDir?: string;
  /** Where taskmock reports its own bugs; default stderr. */
  report?: (line: string) => void;
}

/** Largest request body read, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface MockContext {
  runtimes: Map<VendorName, VendorRuntime<Store>>;
  services: EngineServices;
  /** Restores every store to its fixtures and clears the journal. */
  reset(): void;
  /** Sets or advances the clock and runs each vendor's scheduled work in between. */
  moveClock(change: { set: Date } | { advanceMs: number }): Date;
  /**
   * Runs the scheduled work that fell due since a vendor last looked at the clock (real time
   * passing): one vendor's before its own requests and state dump, every vendor's on a clock move.
   */
  tick(vendor?: VendorName): void;
  /** One request to a vendor: its scheduled work catches up, then the pipeline answers. */
  answer(vendor: VendorName, request: EngineRequest): Promise<EngineResponse>;
  /**
   * The vendor whose API a request path (no query) belongs to and the prefix to strip; undefined
   * for the admin API, the served specs and paths outside every vendor.
   */
  vendorAt(path: string): { vendor: VendorName; prefix: string } | undefined;
}

export type MockApp = Hono & { readonly mock: MockContext };

export function createMockServer(options: MockServerOptions = {}): MockApp {
  const names: VendorName[] = options.vendor ? [options.vendor] : [...VENDOR_NAMES];
  const runtimes = new Map<VendorName, VendorRuntime<Store>>();
  for (const name of names) runtimes.set(name, buildRuntime(VENDORS[name], options.specDir ?? SPEC_DIR, options.fixtureDir ?? FIXTURE_DIR));

  let start: Date | undefined;
  if (options.clock !== undefined) {
    start = new Date(options.clock);
    if (Number.isNaN(start.getTime())) throw new StartupError(`--clock ${String(options.clock)} is not an ISO 8601 time`);
  }
  const faker = newFaker();
  faker.seed(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const services: EngineServices = {
    clock: createClock(start),
    journal: new Journal(options.journalSize ?? 1000),
    faults: new FaultRules(),
    faker,
    random: () => faker.number.float({ min: 0, max: 1, fractionDigits: 6 }) % 1,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    report: options.report ?? ((line) => process.stderr.write(`${line}\n`)),
    ...(options.rateLimits ? { rateLimiter: new RateLimiter() } : {}),
    maintenance: new Map(),
  };
  const mock: MockContext = {
    runtimes,
    services,
    reset() {
      for (const rt of runtimes.values()) rt.state.reset();
      services.journal.clear();
      services.rateLimiter?.clear();
    },
    moveClock(change) {
      if ("set" in change) services.clock.set(change.set);
      else services.clock.advance(change.advanceMs);
      mock.tick();
      return services.clock.now();
    },
    tick(vendor) {
      // A vendor without scheduled work (Omni, awork) has nothing to catch up.
      if (vendor !== undefined && !runtimes.get(vendor)?.adapter.onClock) return;
      const to = services.clock.now();
      for (const [name, rt] of runtimes) {
        if (vendor !== undefined && name !== vendor) continue;
        const from = lastTick.get(name) ?? to;
        // A clock set backwards runs nothing; scheduled work resumes from the new time.
        if (to > from) {
          rt.adapter.onClock?.(rt.state, from, to, faker, (operationId, path) =>
            services.faults.takeRun({ vendor: rt.spec.vendor, operationId, path }, services.random) !== undefined,
          );
        }
        lastTick.set(name, to);
      }
    },
    answer(name, request) {
      const rt = runtimes.get(name);
      if (!rt) throw new Error(`${name} is not served`);
      mock.tick(name);
      return handleRequest(rt, services, request);
    },
    vendorAt(path) {
      if (options.vendor) {
        const admin = options.admin !== false && (path === "/__admin" || path.startsWith("/__admin/"));
        return admin || path === "/openapi.json" ? undefined : { vendor: options.vendor, prefix: "" };
      }
      const end = path.indexOf("/", 1);
      const name = path.slice(1, end === -1 ? undefined : end);
      if (!runtimes.has(name as VendorName) || path.slice(name.length + 1) === "/openapi.json") return undefined;
      return { vendor: name as VendorName, prefix: `/${name}` };
    },
  };
  // Each vendor's last look at the clock: a request to one vendor need not run the others' work.
  const started = services.clock.now();
  const lastTick = new Map<VendorName, Date>([...runtimes.keys()].map((name) => [name, started]));

  const app = new Hono();
  app.onError((error, c) => {
    services.report(`taskmock bug: ${error.stack ?? error.message}`);
    return c.body(JSON.stringify(problem("internal-error", 500, error.message)), 500, { "content-type": PROBLEM_CONTENT_TYPE });
  });
  if (options.admin !== false) mountAdmin(app, mock);

  const serve = (name: VendorName, prefix: string) => async (c: Context) => {
    const request = await toEngineRequest(c, prefix);
    return toResponse(c, await mock.answer(name, request));
  };
  for (const [name, rt] of runtimes) {
    const prefix = options.vendor ? "" : `/${name}`;
    app.get(`${prefix}/openapi.json`, (c) => c.json(rt.spec.doc));
    app.all(prefix === "" ? "*" : `${prefix}/*`, serve(name, prefix));
  }
  if (!options.vendor) {
    app.all("*", (c) =>
      c.body(
        JSON.stringify(
          problem(
            "admin-not-found",
            404,
            `No vendor at ${c.req.path}; the vendors are served under ${VENDOR_NAMES.map((n) => `/${n}`).join(", ")}`,
          ),
        ),
        404,
        { "content-type": PROBLEM_CONTENT_TYPE },
      ),
    );
  }
  return Object.assign(app, { mock });
}

/** A Faker with the English locale (over the base locale, which fills what English lacks). */
function newFaker(): Faker {
  const FakerClass = englishFaker.constructor as new (options: { locale: Faker["rawDefinitions"] }) => Faker;
  return new FakerClass({ locale: englishFaker.rawDefinitions });
}

async function toEngineRequest(c: Context, prefix: string): Promise<EngineRequest> {
  const url = new URL(c.req.url);
  const query = queryOf(url.searchParams);
  // Under node:http the request is read straight from Node's message, without building the web
  // Request and its streams (most of the cost of a small request); the answer is the same.
  const incoming = nodeMessage(c);
  const headers: Record<string, string> = incoming ? headersOf(incoming.rawHeaders) : {};
  if (!incoming) {
    c.req.raw.headers.forEach((value, key) => {
      headers[key] = value;
    });
  }
  const { text, tooLarge } = await ((incoming ? readDirectly(incoming) : undefined) ?? readLimited(c.req.raw));
  return {
    method: c.req.method,
    path: url.pathname.slice(prefix.length) || "/",
    query,
    headers,
    bodyText: text,
    ...(tooLarge ? { bodyTooLarge: true } : {}),
  };
}

/** The query as the engine reads it: a name sent more than once becomes an array. */
export function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prior = query[key];
    query[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return query;
}

/** Node's own request, when the app runs under @hono/node-server over HTTP/1 and nothing read the body yet. */
function nodeMessage(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.rawHeaders !== "object" || incoming.httpVersionMajor !== 1 || incoming.readableDidRead) return undefined;
  return incoming;
}

/**
 * The headers as the web Request's Headers hold them: names in lower case, in sorted order,
 * values trimmed of HTTP whitespace, repeats joined with ", " ("; " for cookie), the last
 * set-cookie kept (Headers lists each one and the record keeps the last).
 */
export function headersOf(raw: string[]): Record<string, string> {
  const entries: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name.charCodeAt(0) === 58 /* ":" */) continue;
    entries.push([name, trimHttpWhitespace(raw[i + 1] as string)]);
  }
  // Sorted by name, stably (the repeats of a name stay in the order they came, next to each
  // other): an insertion sort for the handful of headers a request has, Array.sort past that.
  if (entries.length > 16) entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  else for (let i = 1; i < entries.length; i++) {
    const entry = entries[i] as [string, string];
    let j = i - 1;
    while (j >= 0 && (entries[j] as [string, string])[0] > entry[0]) {
      entries[j + 1] = entries[j] as [string, string];
      j--;
    }
    entries[j + 1] = entry;
  }
  const headers: Record<string, string> = {};
  let previous: string | undefined;
  for (const [name, value] of entries) {
    headers[name] = name !== previous || name === "set-cookie" ? value : `${headers[name]}${name === "cookie" ? "; " : ", "}${value}`;
    previous = name;
  }
  return headers;
}

const isSpace = (code: number) => code === 9 || code === 10 || code === 13 || code === 32;

/** HTTP whitespace (tab, line feed, carriage return, space) off both ends, as the Headers class does. */
function trimHttpWhitespace(value: string): string {
  if (value === "" || (!isSpace(value.charCodeAt(0)) && !isSpace(value.charCodeAt(value.length - 1)))) return value;
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

/**
 * The body read from Node's message when it is not chunked and its declared length is within
 * MAX_BODY_BYTES (Node's parser then delivers exactly that many bytes; none when no length is
 * declared); undefined otherwise, for readLimited to handle through the web Request as before.
 * GET, HEAD and TRACE have no body, as in the web Request.
 */
export function readDirectly(incoming: IncomingMessage): Promise<{ text: string | undefined; tooLarge: boolean }> | undefined {
  const method = incoming.method;
  if (method === "GET" || method === "HEAD" || method === "TRACE") return Promise.resolve({ text: undefined, tooLarge: false });
  const declared = incoming.headers["content-length"];
  if (incoming.headers["transfer-encoding"] !== undefined || Number(declared ?? "0") > MAX_BODY_BYTES) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => {
      cleanup();
      resolve({ text: (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8"), tooLarge: false });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      if (incoming.readableEnded) return onEnd();
      cleanup();
      reject(new Error("Client connection prematurely closed."));
    };
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/** Reads a body up to MAX_BODY_BYTES; past that it stops and says so. */
async function readLimited(request: Request): Promise<{ text: string | undefined; tooLarge: boolean }> {
  if (!request.body) return { text: undefined, tooLarge: false };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    await request.body.cancel();
    return { text: undefined, tooLarge: true };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return { text: undefined, tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
}

function toResponse(c: Context, response: EngineResponse): Response {
  if (response.drop) {
    const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
    incoming?.socket?.destroy();
    return Response.error();
  }
  const body = response.body === undefined ? null : JSON.stringify(response.body);
  return new Response(body, { status: response.status, headers: response.headers });
}
