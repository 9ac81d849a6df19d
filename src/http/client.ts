// One session of a running server, as a test holds it: its base URL per vendor and its admin API
// as typed calls over HTTP (`server.session(id)`, `connectSession(url, id)`, the vitest helper).
// Over HTTP rather than on the in-process Mock, so the calls work the same from a test worker in
// another process as beside the server, and every input goes through the admin API's own checks
// (a fault rule's status documented, a maintenance window's 503 documented). It loads nothing of
// the mock at run time: a worker that only talks to a server pays for fetch alone.
import type { CoverageReport } from "../engine/coverage.js";
import type { FaultInput, FaultRule } from "../engine/faults.js";
import type { JournalEntry } from "../engine/journal.js";
import type { VerifyReport } from "../engine/verify.js";
import type { VendorName } from "../vendors/types.js";

/** Where a session's vendors and admin API are on a server: `origin/__sessions/{id}/<vendor>` (the prefix alone when one vendor is served at the root). */
export function sessionUrls(origin: string, id: string, vendors: readonly string[], rootVendor?: string): { vendors: Record<string, string>; admin: string } {
  const base = `${origin}/__sessions/${id}`;
  return { vendors: Object.fromEntries(vendors.map((v) => [v, rootVendor ? base : `${base}/${v}`])), admin: `${base}/__admin` };
}

/** An answer of the admin API that is not a success: its status and problem+json body. */
export class TaskmockAdminError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    const detail = (problem as { detail?: unknown } | undefined)?.detail;
    super(`taskmock: ${method} ${url} answered ${status}${typeof detail === "string" ? `: ${detail}` : ""}`);
    this.name = "TaskmockAdminError";
  }
}

/** A maintenance window as the admin API shows it. */
export interface MaintenanceWindow {
  vendor: string;
  retryAfter: number;
  /** When it ends by itself (ISO 8601), or null: until cleared. */
  until: string | null;
}

export interface RequestFilter {
  vendor?: VendorName;
  operationId?: string;
  status?: number;
  /** Only the requests that broke the contract (true), or only those that did not (false). */
  invalid?: boolean;
}

/** One session: a complete mock of its own on a shared server. Every admin call speaks for this session only. */
export interface TaskmockSession {
  readonly id: string;
  /** Each served vendor's base URL in this session: point a client here instead of the vendor. */
  readonly urls: Readonly<Partial<Record<VendorName, string>>>;
  /** The session's admin API (`…/__sessions/{id}/__admin`). */
  readonly admin: string;
  /** A vendor's base URL; throws when the server does not serve it. */
  url(vendor: VendorName): string;
  /** The header that picks this session, for a client whose base URL cannot change. */
  readonly headers: Readonly<{ "x-taskmock-session": string }>;
  /** Every store back to its fixtures, the journal and rate-limit counters empty (POST /__admin/reset); with a vendor, only its records. The verify record stays. */
  reset(vendor?: VendorName): Promise<void>;
  readonly clock: {
    now(): Promise<Date>;
    /** Fixes the clock at a time, running the scheduled work it passes. */
    set(time: Date | string): Promise<Date>;
    /** Moves it by milliseconds or an ISO 8601 duration (`PT1H`, `P1D`), running the scheduled work it passes. */
    advance(by: number | string): Promise<Date>;
  };
  readonly faults: {
    add(rule: FaultInput): Promise<FaultRule>;
    list(): Promise<FaultRule[]>;
    remove(id: number): Promise<void>;
    clear(): Promise<void>;
  };
  readonly maintenance: {
    /** Every request to the vendor answers 503 with Retry-After (default 120 s) until `until` or `clear()`. */
    open(vendor: VendorName, window?: { retryAfter?: number; until?: Date | string }): Promise<MaintenanceWindow>;
    list(): Promise<MaintenanceWindow[]>;
    clear(): Promise<void>;
  };
  /** Did the requests keep the contract? Reads the session's record, which a reset keeps. */
  verify(options?: { vendors?: VendorName[]; strict?: boolean }): Promise<VerifyReport>;
  /** `verify`'s terminal report (what `taskmock verify` prints). */
  verifyText(options?: { vendors?: VendorName[]; strict?: boolean }): Promise<string>;
  coverage(options?: { vendors?: VendorName[] }): Promise<CoverageReport>;
  /** A vendor's records now, its bookkeeping included. */
  state(vendor: VendorName): Promise<Record<string, unknown>>;
  /** The journal, oldest first. */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** Empties the journal and the verify and coverage record (the verify report says when). */
  clearRequests(): Promise<void>;
  /** Drops the session (DELETE /__admin/sessions/{id}): its later requests answer 410. */
  delete(): Promise<void>;
}

export interface SessionClientOptions {
  /** The server's origin: `http://127.0.0.1:4010`. */
  origin: string;
  id: string;
  /** Each served vendor's base URL in the session, and its admin API (`sessionUrls`, or what POST /__admin/sessions answers). */
  vendors: Record<string, string>;
  admin: string;
  /** A fetch of your own (default: the global one); `app.request` routes it in-process. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A session's client. It creates nothing: a session is created on first use (or see `connectSession`). */
export function sessionClient(options: SessionClientOptions): TaskmockSession {
  const { id, admin, origin } = options;
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const served = Object.keys(options.vendors);

  async function call(method: string, path: string, body?: unknown, query: Record<string, string | undefined> = {}): Promise<unknown> {
    return answerOf(send, method, `${admin}${path}`, body, query, "json");
  }
  const vendorQuery = (vendors?: readonly string[]) => (vendors && vendors.length > 0 ? vendors.join(",") : undefined);
  const time = async (answer: Promise<unknown>) => new Date((await answer as { now: string }).now);

  return {
    id,
    urls: { ...options.vendors },
    admin,
    url(vendor) {
      const found = options.vendors[vendor];
      if (found === undefined) throw new Error(`taskmock: ${vendor} is not served; served: ${served.join(", ")}`);
      return found;
    },
    headers: { "x-taskmock-session": id },
    async reset(vendor) {
      await call("POST", "/reset", vendor === undefined ? {} : { vendor });
    },
    clock: {
      now: () => time(call("GET", "/clock")),
      set: (at) => time(call("POST", "/clock", { set: at instanceof Date ? at.toISOString() : at })),
      advance: (by) => time(call("POST", "/clock", { advance: by })),
    },
    faults: {
      add: async (rule) => (await call("POST", "/faults", rule)) as FaultRule,
      list: async () => ((await call("GET", "/faults")) as { faults: FaultRule[] }).faults,
      async remove(rule) {
        await call("DELETE", `/faults/${rule}`);
      },
      async clear() {
        await call("DELETE", "/faults");
      },
    },
    maintenance: {
      open: async (vendor, window = {}) =>
        (await call("POST", "/maintenance", {
          vendor,
          ...(window.retryAfter !== undefined ? { retryAfter: window.retryAfter } : {}),
          ...(window.until !== undefined ? { until: window.until instanceof Date ? window.until.toISOString() : window.until } : {}),
        })) as MaintenanceWindow,
      async list() {
        const { maintenance } = (await call("GET", "/maintenance")) as { maintenance: Record<string, Omit<MaintenanceWindow, "vendor">> };
        return Object.entries(maintenance).map(([vendor, w]) => ({ vendor, ...w }));
      },
      async clear() {
        await call("DELETE", "/maintenance");
      },
    },
    verify: async (o = {}) => (await call("GET", "/verify", undefined, { vendor: vendorQuery(o.vendors), strict: o.strict ? "true" : undefined })) as VerifyReport,
    verifyText: async (o = {}) =>
      (await answerOf(send, "GET", `${admin}/verify`, undefined, { vendor: vendorQuery(o.vendors), strict: o.strict ? "true" : undefined, format: "text" }, "text")) as string,
    coverage: async (o = {}) => (await call("GET", "/coverage", undefined, { vendor: vendorQuery(o.vendors) })) as CoverageReport,
    state: async (vendor) => (await call("GET", `/state/${encodeURIComponent(vendor)}`)) as Record<string, unknown>,
    requests: async (filter = {}) =>
      (
        (await call("GET", "/requests", undefined, {
          vendor: filter.vendor,
          operationId: filter.operationId,
          status: filter.status === undefined ? undefined : String(filter.status),
          invalid: filter.invalid === undefined ? undefined : String(filter.invalid),
        })) as { requests: JournalEntry[] }
      ).requests,
    async clearRequests() {
      await call("DELETE", "/requests");
    },
    async delete() {
      await answerOf(send, "DELETE", `${origin}/__admin/sessions/${id}`, undefined, {}, "json");
    },
  };
}

/**
 * Creates a session on a running server (or takes the live one of that id) with
 * `POST /__admin/sessions`, and answers its client; without an id, the server picks one.
 */
export async function connectSession(url: string, id?: string, options: Pick<SessionClientOptions, "fetch"> = {}): Promise<TaskmockSession> {
  const origin = url.replace(/\/+$/, "");
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const created = (await answerOf(send, "POST", `${origin}/__admin/sessions`, id === undefined ? {} : { id }, {}, "json")) as {
    id: string;
    vendors: Record<string, string>;
    admin: string;
  };
  return sessionClient({ origin, id: created.id, vendors: created.vendors, admin: created.admin, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

async function answerOf(
  send: (request: Request) => Promise<Response>,
  method: string,
  url: string,
  body: unknown,
  query: Record<string, string | undefined>,
  as: "json" | "text",
): Promise<unknown> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, value);
  const target = search.size > 0 ? `${url}?${search}` : url;
  const response = await send(
    new Request(target, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  );
  const text = await response.text();
  if (!response.ok) {
    let problem: unknown = text;
    try {
      problem = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    throw new TaskmockAdminError(method, target, response.status, problem);
  }
  if (as === "text") return text;
  return text === "" ? undefined : JSON.parse(text);
}
