// Crego as the tests call it: the shared request helper (the production listener) with Crego's
// admin token, answers read as status, headers and body, and the admin calls the tests make.
import { expect } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";

/** mockOf's clock, as Crego writes a date-time (date_changed, last_run_at): a Thursday. */
export const CLOCK = "2026-01-01T00:00:00Z";
export const ADMIN = { authorization: "Bearer taskmock-admin" };
export const READONLY = { authorization: "Bearer taskmock-readonly" };
/** A Celery task the fixtures have. */
export const TASK = "/tasks/reports.tasks.generate_report/";

/** A scheduled task's run counters, as a client reads them. */
export interface Runs {
  total_run_count: number;
  last_run_at: string | null;
  enabled: boolean;
}

/**
 * Calls on the mock `app()` returns when called: a test file keeps one `let app`, built afresh
 * in its beforeEach (or replaced inside a test), and these always reach the current one.
 */
export function cregoClient(app: () => MockApp) {
  /** A JSON body (or a raw string) sent with the admin token unless `headers` says otherwise. */
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await request(app(), path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
  }

  async function schedule(id: number): Promise<Runs & Record<string, unknown>> {
    return (await json(request(app(), `/tasks/schedules/${id}/`, { headers: ADMIN }))) as Runs & Record<string, unknown>;
  }

  return {
    call,
    get: (path: string) => call("GET", path),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    put: (path: string, body: unknown) => call("PUT", path, body),
    /** Crego's whole state, as /__admin/state shows it. */
    state: async () => json(request(app(), "/__admin/state/crego")),
    /** Moves the mock's clock through the admin API (which must accept the move). */
    async clock(change: { advance: string } | { set: string }) {
      const res = await request(app(), "/__admin/clock", { method: "POST", body: JSON.stringify(change) });
      expect(res.status).toBe(200);
    },
    schedule,
    /** The run counters of a schedule. */
    async runs(id: number): Promise<Runs> {
      const { total_run_count, last_run_at, enabled } = await schedule(id);
      return { total_run_count, last_run_at, enabled };
    },
  };
}
