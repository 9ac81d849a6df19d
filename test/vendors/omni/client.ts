// Omni as the tests call it: the fixtures' ids, the schedule paths, a call with a bearer token and
// the admin calls, all through the shared request helper (the production Node listener).
import { expect } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";

export const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
export const OTHER_CONNECTION = "ee73bc77-88ee-4e65-bd0b-99e48c26fe4f";
export const NO_CONNECTION = "00000000-0000-4000-8000-000000000000";
export const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/** Disabled on 2024-04-12: an update must keep that. */
export const DISABLED_SCHEDULE = "8d1cb1d8-170d-49c1-a15d-25196e3085df";
/** A schedule of OTHER_CONNECTION. */
export const FOREIGN_SCHEDULE = "77f17715-9a77-44d8-b193-d6e82f1a85b5";

export const ADMIN = "taskmock-admin";
export const READONLY = "taskmock-readonly";

export const list = (connection = CONNECTION) => `/api/v1/connections/${connection}/schedules`;
export const one = (schedule: string, connection = CONNECTION) => `${list(connection)}/${schedule}`;

export const LONDON_SIX = { schedule: "00 18 ? * * *", timezone: "Europe/London" };

const PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** An Omni error body: the errors page's {error, message} and the definition's {detail, status}, at once. */
export function omniError(status: number, message: string) {
  return { error: PHRASES[status], message, detail: message, status };
}

/** Every operation of the spec, each with a request that would succeed. */
export const EVERY_OPERATION: [string, string, string, unknown][] = [
  ["listSchemaRefreshSchedules", "GET", list(), undefined],
  ["createSchemaRefreshSchedule", "POST", list(), LONDON_SIX],
  ["getSchemaRefreshSchedule", "GET", one(SEED_SCHEDULE), undefined],
  ["updateSchemaRefreshSchedule", "PUT", one(SEED_SCHEDULE), LONDON_SIX],
  ["deleteSchemaRefreshSchedule", "DELETE", one(SEED_SCHEDULE), undefined],
];

export interface Call {
  /** The bearer token; null sends no Authorization header. */
  token?: string | null;
  body?: unknown;
  /** A body sent as is, instead of body's JSON. */
  raw?: string;
  contentType?: string;
}

/** One Omni request: its status, headers and JSON body (undefined when empty). */
export async function send(app: MockApp, method: string, path: string, { token = ADMIN, body, raw, contentType = "application/json" }: Call = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) headers["content-type"] = contentType;
  const res = await request(app, path, { method, headers, ...(text === undefined ? {} : { body: text }) });
  const out = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
  return { status: res.status, headers: res.headers, body: (out === "" ? undefined : JSON.parse(out)) as any };
}

/** One Omni request, as {status, body}: what most tests compare whole. */
export async function call(app: MockApp, method: string, path: string, input: Call = {}) {
  const { status, body } = await send(app, method, path, input);
  return { status, body };
}

/** One admin API call (/__admin/<path>), as {status, body}. */
export async function admin(app: MockApp, method: string, path: string, body?: unknown) {
  const res = await request(app, `/__admin/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

/** Omni's whole stored state, as the admin API dumps it. */
export const state = async (app: MockApp) => (await admin(app, "GET", "state/omni")).body;

export async function setClock(app: MockApp, time: string) {
  expect((await admin(app, "POST", "clock", { set: time })).status).toBe(200);
}
