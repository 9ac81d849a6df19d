// awork as the tests call it: the seed's shared uuid, the task schedules path, a create and an update body,
// and calls with the admin bearer token through the shared request helper (the production Node
// listener), answers read as status, headers and body.
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";

/** The seed's one uuid: a user, a task and a task schedule at once (awork-seed-shared-uuid). */
export const SEED = "123e4567-e89b-12d3-a456-426614174000";
export const BASE = "/api/v1/taskschedules";
export const A = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
export const body = { taskId: SEED, userId: SEED, startDate: "2026-02-02T08:00:00Z", endDate: "2026-02-02T12:30:00Z" };
/** The same schedule as an update sends it: awork's PUT form has no userId. */
export const change = { taskId: SEED, startDate: body.startDate, endDate: body.endDate };

/**
 * Calls on the mock `app()` returns when called: a test file keeps one `let app`, built afresh
 * in its beforeEach (or replaced inside a test), and these always reach the current one.
 */
export function aworkClient(app: () => MockApp) {
  /** A JSON body sent with the admin token unless `headers` says otherwise. */
  const send = async (method: string, path: string, payload?: unknown, headers: Record<string, string> = A) => {
    const res = await request(app(), path, { method, headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  /** awork's whole state, as /__admin/state shows it. */
  const state = async () => (await send("GET", "/__admin/state/awork")).body;
  return { send, state };
}
