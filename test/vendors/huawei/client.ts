// Huawei as the tests call it: the fixtures' ids, the paths, the spec's named examples, and calls
// with an X-Auth-Token and the admin calls, all through the shared request helper (the production
// Node listener).
import { expect } from "vitest";
import type { ExampleObject, MediaTypeObject, OperationObject, RequestBodyObject, ResponseObject } from "../../../src/engine/openapi.js";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";
import { CLOCK } from "../../helpers/mock.js";
import { allSpecs } from "../../helpers/specs.js";

/** mockOf's clock: 08:00 on Thursday 2026-01-01 in Shanghai. */
export const START = CLOCK;

export const PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";
export const OTHER_PROJECT = "d97aa212486abc4e0e192b73bce90a15";
/** The spec's seed task: DAY at 09:00 in Shanghai, with week_list 1,2,7 it does not use. */
export const SEED = "62f48b59-0ebb-4b1e-ad35-f64948a0591b";
/** Created 2026-05-21, the newest task; last_status SUCCESS. */
export const NIGHTLY = "8d2c5f0e-4b7a-4f5e-9a61-2b9e7c3d1f40";
/** A task whose latest execution (RUNNING_EXECUTION) the fixtures leave RUNNING. */
export const RUNNING = "532d64f9-6ebf-452e-9196-d14e7a06ab01";
export const RUNNING_EXECUTION = "57ea3705-00f9-4777-96ba-f98710690745";
/** Sundays (week_list 1) at 05:00, disabled. */
export const DISABLED_WEEKLY = "6161003a-6754-454b-af56-7095169f2f91";
/** FIXED_TIME 2026-09-12 01:00 in Shanghai. */
export const FIXED_ONCE = "545d8708-6307-47a1-b0a1-a07882c1aa1b";
/** Daily at 06:30 in Shanghai, expires 2026-01-31T15:59:59Z. */
export const EXPIRED_DAILY = "318f1f5a-5f8e-4064-8c23-2d5dbb1eedc3";
/** Sundays at 01:00 in Shanghai, created 2026-02-01T02:00Z. */
export const LATE_WEEKLY = "466eee4d-0e44-4f4f-97f4-d7ddc1652aba";
/** An execution of SEED (the spec's failedRestart sub-task). */
export const EXECUTION = "5a0f6c7e-3d1b-4e0a-9c2f-7b8d6e5f4a31";
/** aps-design-01. */
export const SERVER = "3f791197-d166-4c8e-81e4-38c40ffc1989";
/** aps-design-02. */
export const SERVER_2 = "90a847da-7bbd-439b-a2f9-dd084669b67f";
/** sg-design-tools. */
export const SERVER_GROUP = "0b6f7b0e-2c7d-4a43-9d0a-2f1c8e5a9b31";
/** sg-marketing: no server. */
export const EMPTY_GROUP = "18353da2-7983-4f34-82c8-f2f06b8ae4bb";
/** A server of the other project. */
export const FOREIGN_SERVER = "ca213a07-e8cf-46b9-adaa-cf18e1c55a99";
export const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const tasksPath = (project = PROJECT) => `/v1/${project}/schedule-task`;
export const taskPath = (id: string, project = PROJECT) => `${tasksPath(project)}/${id}`;
export const futurePath = `${tasksPath()}/future-executions`;
export const batchPath = `${tasksPath()}/actions/batch-delete`;

const spec = allSpecs().find((s) => s.vendor === "huawei");
if (!spec) throw new Error("no huawei spec");
export const doc = spec.doc;

/** A named example of the spec, request (status "request") or response. */
export function example(path: string, method: "get" | "post" | "patch", status: string, name: string): Record<string, unknown> {
  const operation = doc.paths[path]?.[method] as OperationObject;
  const content =
    status === "request" ? (operation.requestBody as RequestBodyObject).content : (operation.responses[status] as ResponseObject).content;
  const value = (content?.["application/json"] as MediaTypeObject | undefined)?.examples?.[name] as ExampleObject | undefined;
  if (value === undefined) throw new Error(`no example ${name} for ${method} ${path} ${status}`);
  return structuredClone(value.value) as Record<string, unknown>;
}

/** The spec's restartDaily create: aps-design-01 every day at 03:00 in Shanghai. */
export const restartDaily = example("/v1/{project_id}/schedule-task", "post", "request", "restartDaily");

/** Restart aps-design-01 every day at 03:00 in Shanghai (19:00 UTC the day before). */
export const daily = {
  task_name: "nightly_restart",
  task_type: "RESTART_SERVER",
  scheduled_type: "DAY",
  day_interval: 1,
  scheduled_time: "03:00:00",
  time_zone: "Asia/Shanghai",
  target_infos: [{ target_type: "SERVER", target_id: SERVER }],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
export type Json = any;

export interface Call {
  /** The X-Auth-Token; null sends none. */
  token?: string | null;
  body?: unknown;
  /** A body sent as is, instead of body's JSON. */
  raw?: string;
  contentType?: string;
  /** A Prefer header (Prism's negotiation). */
  prefer?: string;
  /** Further headers, sent as given. */
  headers?: Record<string, string>;
}

/**
 * Calls on the mock `app()` returns when called: a test file keeps one `let app`, built afresh
 * in its beforeEach (or another mock made inside a test), and these always reach the current one.
 */
export function huaweiClient(app: () => MockApp) {
  /** One Huawei request: its status, headers and JSON body (undefined when empty). */
  async function call(method: string, path: string, { token = "taskmock-admin", body, raw, contentType = "application/json", prefer, headers: extra = {} }: Call = {}) {
    const headers: Record<string, string> = { ...extra };
    if (token !== null) headers["x-auth-token"] = token;
    if (prefer !== undefined) headers["prefer"] = prefer;
    const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (text !== undefined) headers["content-type"] = contentType;
    const res = await request(app(), path, { method, headers, ...(text === undefined ? {} : { body: text }) });
    const out = await res.text();
    return { status: res.status, headers: res.headers, body: (out === "" ? undefined : JSON.parse(out)) as Json };
  }

  /** One admin API call (/__admin/<path>), which must succeed. */
  async function admin(method: string, path: string, body?: unknown): Promise<number> {
    const res = await request(app(), `/__admin/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} /__admin/${path}`).toBeLessThan(300);
    return res.status;
  }

  return {
    call,
    admin,
    async setClock(time: string) {
      expect(await admin("POST", "clock", { set: time })).toBe(200);
    },
    async advance(duration: string) {
      await admin("POST", "clock", { advance: duration });
    },
    /** Huawei's whole stored state, as the admin API dumps it. */
    state: async (): Promise<Json> => json(request(app(), "/__admin/state/huawei")),
    /** A task as the list shows it (with last_status and next_execution_time: the state fields live only there). */
    async listed(id: string, project = PROJECT): Promise<Json> {
      return (await call("GET", `${tasksPath(project)}?limit=100`)).body.items.find((t: { id: string }) => t.id === id);
    },
    /** Every execution of a task, latest first. */
    async history(id: string): Promise<Json[]> {
      return (await call("GET", `${taskPath(id)}/execute-history?limit=100`)).body.items;
    },
    async details(executionId: string): Promise<Json[]> {
      return (await call("GET", `${taskPath(executionId)}/execute-detail?limit=100`)).body.items;
    },
    /** A new task in PROJECT (the create must succeed); its id. */
    async create(body: unknown): Promise<string> {
      const res = await call("POST", tasksPath(), { body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.id;
    },
    future: (body: unknown) => call("POST", futurePath, { body }),
  };
}
