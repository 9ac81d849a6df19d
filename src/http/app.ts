// The HTTP face of one mock. Vendor traffic goes from Node's message to the mock and back through
// one reader and one writer (read.ts, write.ts, node.ts). The Hono app serves the rest: the admin
// API, the served specs, the paths outside every vendor, and the `fetch` entry for in-process use
// (`app.fetch(request)`), whose vendor requests go through the same reader and writer.
import { type Context, Hono } from "hono";
import { StartupError, type VendorDefinition } from "../core/definitions.js";
import { loadDefinitions, type Mock, type MockOptions } from "../core/mock.js";
import type { ProxyHooks } from "../core/proxy.js";
import { Recorder } from "../core/record.js";
import { goneResponse, Replica } from "../core/replica.js";
import { DEFAULT_SESSION, invalidSessionId, SESSION_HEADER, SESSION_ID, sessionFactory, Sessions } from "../core/sessions.js";
import { PROBLEM_CONTENT_TYPE, problem } from "../engine/problem.js";
import type { JournalRecord } from "../engine/journal.js";
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import { problemResponse } from "../pipeline/answers.js";
import { VENDORS } from "../vendors/index.js";
import { VENDOR_NAMES, type VendorName } from "../vendors/types.js";
import type { SharedStore } from "../store/redis.js";
import { mountAdmin } from "./admin/index.js";
import { mountSharedAdmin } from "./admin/shared.js";
import { engineRequest, headersOf, readWebBody } from "./read.js";
import { upstreamOf } from "./upstream.js";
import { internalError, toWebResponse } from "./write.js";

/** The mock's own options (core/mock.ts: seed, clock, rate limits, journal bounds, folders, report, definitions), and what the HTTP face adds. */
export interface MockServerOptions extends Omit<MockOptions, "vendors" | "proxy"> {
  /** Serve only this vendor, at the root (`--vendor omni`); default: all five under prefixes. */
  vendor?: VendorName;
  /** The admin API under /__admin (default on). */
  admin?: boolean;
  /** CORS on vendor routes: preflight answered, Access-Control-* on every answer to a request with an Origin (default on, as in Prism). */
  cors?: boolean;
  /** Told of every request of every session as it is recorded (the terminal's request log). */
  log?: (session: string, record: JournalRecord) => void;
  /** Most sessions held at once (`--max-sessions`, default 1,000). */
  maxSessions?: number;
  /** Idle time (ms) after which a session expires (`--session-ttl`, default 30 minutes). */
  sessionTtlMs?: number;
  /**
   * The validating proxy (`taskmock proxy`): the vendor, served at the root, whose requests are
   * checked and forwarded to `upstream` (its base URL) instead of answered by the mock; its
   * answers come back unchanged and are checked too (core/proxy.ts). `record`: a file the real
   * answers are kept in as a snapshot (core/record.ts). CORS is the upstream's then.
   */
  proxy?: ProxyOptions;
  /**
   * A shared store (`--store redis://…`, connected): every session's state lives there and this
   * server is one replica of it (core/replica.ts). Default: the embedded memory store.
   */
  store?: SharedStore;
}

export interface ProxyOptions {
  vendor: VendorName;
  upstream: string;
  record?: string;
  /** How long the upstream may stay silent (ms; default 60 s). */
  timeoutMs?: number;
}

/** A proxy as served: where it forwards, what it recorded. */
export interface RunningProxy {
  vendor: VendorName;
  /** The upstream's base URL. */
  upstream: string;
  recorder: Recorder | undefined;
  /** Closes the connections kept to the upstream. */
  close(): void;
}

/** Where a path goes: a vendor (the prefix to strip, and the session its path names), or the Hono app. */
export type Target = { vendor: VendorName; prefix: string; session?: string } | undefined;

/** A session's vendors and admin API live under this prefix. */
const SESSION_PATH = /^\/__sessions\/([^/]*)(?=\/|$)/;

export type MockApp = Hono & {
  /** The default session's mock: the one requests that name no session reach. */
  readonly mock: Mock;
  readonly sessions: Sessions;
  /** Answers a vendor request in its session (the target's, else the X-Taskmock-Session header's, else the default one). */
  answer(target: NonNullable<Target>, request: EngineRequest): Promise<EngineResponse>;
  /** The vendor whose API a path (no query) belongs to; undefined for the admin API, the specs and paths outside every vendor. */
  vendorAt(path: string): Target;
  /** Set in proxy mode (MockServerOptions.proxy). */
  readonly proxy: RunningProxy | undefined;
  /** Set over a shared store (MockServerOptions.store): how this replica runs a session's jobs. */
  readonly replica: Replica | undefined;
};

/** A browser's CORS preflight: OPTIONS asking whether a method may be sent. */
function isPreflight(request: EngineRequest): boolean {
  return request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
}

/** The preflight's answer, as Prism gives it: every method, the headers asked for, the origin asked from. */
function preflight(request: EngineRequest): EngineResponse {
  const headers: Record<string, string> = {
    "access-control-allow-origin": request.headers["origin"] ?? "*",
    "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Headers",
  };
  const asked = request.headers["access-control-request-headers"];
  if (asked !== undefined) headers["access-control-allow-headers"] = asked;
  if (request.headers["origin"] !== undefined) headers["access-control-allow-credentials"] = "true";
  return { status: 204, headers, body: undefined };
}

/**
 * An answer a browser may read: the origin allowed, credentials too, each of its headers exposed
 * (named: with credentials, `*` would not count as a wildcard).
 */
function withCors(response: EngineResponse, request: EngineRequest): EngineResponse {
  const origin = request.headers["origin"];
  if (origin === undefined || response.drop) return response;
  const headers: Record<string, string> = { ...response.headers, "access-control-allow-origin": origin, "access-control-allow-credentials": "true" };
  const exposed = Object.keys(response.headers).filter((name) => name !== "content-type");
  if (exposed.length > 0) headers["access-control-expose-headers"] = exposed.join(", ");
  headers["vary"] = response.headers["vary"] ? `${response.headers["vary"]}, Origin` : "Origin";
  return { ...response, headers };
}

export function createMockServer(options: MockServerOptions = {}): MockApp {
  if (options.proxy && options.vendor !== undefined && options.vendor !== options.proxy.vendor) {
    throw new StartupError(`the proxy forwards ${options.proxy.vendor}'s requests, so it cannot serve ${options.vendor}`);
  }
  const rootVendor = options.proxy?.vendor ?? options.vendor;
  const names: VendorName[] = rootVendor ? [rootVendor] : [...VENDOR_NAMES];
  const vendors = names.map((name) => VENDORS[name]);
  const { proxy: proxyOptions, ...mockOptions } = options;
  const proxy = proxyOptions ? startProxy(proxyOptions, options, options.definitions ?? loadDefinitions({ ...mockOptions, vendors })) : undefined;
  const create = sessionFactory({
    ...mockOptions,
    vendors,
    ...(options.log ? { onSessionRecord: options.log } : {}),
    ...(proxy ? { definitions: proxy.definitions, proxy: proxy.hooks } : {}),
  });
  const sessions = new Sessions({
    create,
    definitions: create.definitions,
    ...(options.maxSessions !== undefined ? { max: options.maxSessions } : {}),
    ...(options.sessionTtlMs !== undefined ? { ttlMs: options.sessionTtlMs } : {}),
    ...(rootVendor ? { rootVendor } : {}),
  });
  const mock = sessions.default.mock;
  const admin = options.admin !== false;
  if (options.store && proxy) throw new StartupError("the validating proxy keeps no state to share: it takes no --store");
  const replica = options.store ? new Replica(options.store, sessions) : undefined;
  // Each vendor's target, made once (a target is only read).
  const rootTarget: Target = rootVendor ? Object.freeze({ vendor: rootVendor, prefix: "" }) : undefined;
  const targets = new Map(names.map((name) => [name as string, Object.freeze({ vendor: name, prefix: `/${name}` })]));
  const vendorAt = (path: string): Target => {
    if (path.startsWith("/__sessions/")) {
      const session = SESSION_PATH.exec(path);
      if (session) {
        const inner = vendorAt(path.slice(session[0].length) || "/");
        return inner && { ...inner, prefix: `${session[0]}${inner.prefix}`, session: session[1] as string };
      }
    }
    if (rootTarget) {
      const adminPath = admin && (path === "/__admin" || path.startsWith("/__admin/"));
      return adminPath || path === "/openapi.json" ? undefined : rootTarget;
    }
    const end = path.indexOf("/", 1);
    const target = targets.get(end === -1 ? path.slice(1) : path.slice(1, end));
    // The vendor's own spec (/omni/openapi.json) is the Hono app's.
    if (target === undefined || (path.length === target.prefix.length + 13 && path.endsWith("/openapi.json"))) return undefined;
    return target;
  };

  // A proxied answer is the upstream's, its CORS headers included (a preflight goes to it too).
  const cors = options.cors !== false && !proxy;
  // Not async: one promise per answer (the mock's), and the session's count of requests in flight
  // taken down when it settles.
  function answer(target: NonNullable<Target>, request: EngineRequest): Promise<EngineResponse> {
    if (cors && isPreflight(request)) return Promise.resolve(preflight(request));
    if (replica) {
      const id = target.session ?? request.headers[SESSION_HEADER] ?? DEFAULT_SESSION;
      if (!SESSION_ID.test(id)) return Promise.resolve(problemResponse(problem("admin-bad-request", 400, invalidSessionId(id))));
      const pass = (response: EngineResponse) => response;
      const shared = replica.run(id, { run: (m) => m.answer(target.vendor, request), unavailable: pass, gone: pass });
      return cors ? shared.then((response) => withCors(response, request)) : shared;
    }
    const found = sessions.resolve(target.session ?? request.headers[SESSION_HEADER]);
    if ("invalid" in found) return Promise.resolve(problemResponse(problem("admin-bad-request", 400, found.invalid)));
    if ("gone" in found) return Promise.resolve(goneResponse(found.gone));
    const { session } = found;
    session.requests++;
    session.inflight++;
    let pending: Promise<EngineResponse>;
    try {
      pending = session.mock.answer(target.vendor, request);
    } catch (error) {
      session.inflight--;
      return Promise.reject(error as Error);
    }
    return pending.then(
      (response) => {
        session.inflight--;
        return cors ? withCors(response, request) : response;
      },
      (error: unknown) => {
        session.inflight--;
        throw error;
      },
    );
  }

  const app = new Hono();
  app.onError((error, c) => {
    mock.report(`taskmock bug: ${error.stack ?? error.message}`);
    return c.body(JSON.stringify(problem("internal-error", 500, error.message)), 500, { "content-type": PROBLEM_CONTENT_TYPE });
  });
  if (admin && replica) mountSharedAdmin(app, sessions, replica);
  else if (admin) mountAdmin(app, sessions);
  for (const name of names) {
    const prefix = rootVendor ? "" : `/${name}`;
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
      return toWebResponse(await answer(target, request), c.req.method);
    } catch (error) {
      mock.report(`taskmock bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return toWebResponse(internalError(error));
    }
  });
  return Object.assign(app, { mock, sessions, vendorAt, answer, proxy: proxy?.running, replica });
}

/** The proxy's upstream and recorder, and the hooks every session's mock forwards through. */
function startProxy(options: ProxyOptions, server: MockServerOptions, definitions: Map<string, VendorDefinition>) {
  const report = server.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  const upstream = upstreamOf(options.upstream, options.timeoutMs);
  let recorder: Recorder | undefined;
  if (options.record !== undefined) {
    try {
      recorder = new Recorder(options.vendor, definitions.get(options.vendor) as VendorDefinition, options.record, report);
    } catch (error) {
      upstream.close();
      throw new StartupError(`--record ${options.record}: cannot be written: ${(error as Error).message}`);
    }
  }
  const hooks: ProxyHooks = { forward: (request) => upstream.forward(request), upstream: upstream.base };
  if (recorder) {
    const keeping = recorder;
    hooks.observe = (read) => {
      try {
        keeping.observe(read);
      } catch (error) {
        report(`taskmock proxy: --record ${options.record}: cannot be written: ${(error as Error).message}`);
      }
    };
  }
  const running: RunningProxy = { vendor: options.vendor, upstream: upstream.base, recorder, close: () => upstream.close() };
  return { definitions, hooks, running };
}
