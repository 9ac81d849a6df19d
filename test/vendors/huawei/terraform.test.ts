// The request sequence Huawei's Terraform provider sends for huaweicloud_workspace_app_schedule_task
// and its data sources (vendor-refs huawei/terraform/expectations.md: what the provider's code
// sends), signed with AK/SK as the provider does, and what its acceptance test asserts against the
// real API. The provider is Go; the sequence is replayed here: create (only the fields set), a
// PATCH {"is_enable": false} when the config disables the task, read (the detail, then the list
// for is_enable), update (every optional string sent, "" when unset), delete, then read until 404.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { EMPTY_GROUP, type Json, SEED, SERVER_GROUP, taskPath, tasksPath } from "./client.js";
import { signedHeaders } from "./signing.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf();
});

/** One request of the provider: the client's HTTP call, AK/SK-signed, to the mock under /huawei. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const url = new URL(`http://127.0.0.1:4010/huawei${path}`);
  const query = Object.fromEntries(url.searchParams);
  const headers = signedHeaders(method, `${url.origin}${url.pathname}`, { query, ...(body === undefined ? {} : { body }) });
  const res = await request(app, `${url.pathname}${url.search}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The resource's configuration (its arguments; unset ones absent). */
interface Config {
  task_name: string;
  task_type: string;
  scheduled_type: string;
  scheduled_time: string;
  target_infos: { target_type: string; target_id: string }[];
  day_interval?: number;
  week_list?: string;
  month_list?: string;
  date_list?: string;
  scheduled_date?: string;
  time_zone?: string;
  expire_time?: string;
  description?: string;
  schedule_task_policy?: { enforcement_enable: boolean }[];
  is_enable?: boolean;
}

/** utils.ValueIgnoreEmpty: a value only when it is set and not empty. */
const ifSet = (value: unknown) => (value === undefined || value === "" || value === 0 ? {} : { value });

/** The create body: the five required fields always, every other one only when set; never is_enable. */
function createBody(c: Config): Record<string, unknown> {
  const body: Record<string, unknown> = {
    task_name: c.task_name,
    task_type: c.task_type,
    scheduled_time: c.scheduled_time,
    scheduled_type: c.scheduled_type,
    target_infos: c.target_infos,
  };
  for (const field of ["day_interval", "week_list", "month_list", "date_list", "time_zone", "scheduled_date", "expire_time", "description"] as const) {
    const set = ifSet(c[field]);
    if ("value" in set) body[field] = set.value;
  }
  if (c.schedule_task_policy?.[0]) body["schedule_task_policy"] = c.schedule_task_policy[0];
  return body;
}

/** The update body: the required fields, every optional string always ("" when unset, time_zone its default), day_interval only when non-zero, is_enable always. */
function updateBody(c: Config): Record<string, unknown> {
  const body: Record<string, unknown> = {
    task_name: c.task_name,
    task_type: c.task_type,
    scheduled_type: c.scheduled_type,
    scheduled_time: c.scheduled_time,
    target_infos: c.target_infos,
  };
  for (const field of ["week_list", "month_list", "date_list", "scheduled_date", "expire_time", "description"] as const) body[field] = c[field] ?? "";
  // time_zone "Defaults to Asia/Shanghai" (the resource's docs): d.Get gives the default, never "".
  body["time_zone"] = c.time_zone ?? "Asia/Shanghai";
  if (c.day_interval) body["day_interval"] = c.day_interval;
  if (c.schedule_task_policy?.[0]) body["schedule_task_policy"] = c.schedule_task_policy[0];
  body["is_enable"] = c.is_enable ?? true;
  return body;
}

/** The state Terraform keeps after a read, flattened as its acceptance test reads it (`attr.#`, `attr.0.field`). */
type State = Record<string, string>;

async function create(c: Config): Promise<string> {
  const created = await api("POST", tasksPath(), createBody(c));
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.id as string; // "unable to find schedule task ID in the response"
  expect(id).toBeTruthy();
  if (c.is_enable === false) expect((await api("PATCH", taskPath(id), { is_enable: false })).status).toBe(200);
  return id;
}

/** The detail, then the list pages of its task_type until one has fewer than 100 items, for is_enable; undefined once the detail is a 404. */
async function read(id: string): Promise<State | undefined> {
  const detail = await api("GET", taskPath(id));
  if (detail.status === 404) return undefined; // common.CheckDeletedDiag
  expect(detail.status).toBe(200);
  let isEnable: boolean | undefined;
  for (let offset = 0; ; offset += 100) {
    const page = await api("GET", `${tasksPath()}?limit=100&task_type=${detail.body.task_type}&offset=${offset}`);
    expect(page.status).toBe(200);
    isEnable ??= (page.body.items as { id: string; is_enable: boolean }[]).find((t) => t.id === id)?.is_enable;
    if (page.body.items.length < 100) break;
  }
  const d = detail.body;
  const state: State = { id: d.id, is_enable: String(isEnable) };
  for (const field of ["task_name", "task_type", "scheduled_type", "scheduled_time", "week_list", "month_list", "date_list", "scheduled_date", "time_zone", "expire_time", "description"]) {
    state[field] = d[field] === undefined || d[field] === null ? "" : String(d[field]);
  }
  state["day_interval"] = d.day_interval === undefined ? "0" : String(d.day_interval);
  // flattenAppScheduleTaskPolicy returns nil only when the field is nil.
  const policy = d.schedule_task_policy;
  state["schedule_task_policy.#"] = policy === undefined || policy === null ? "0" : "1";
  if (policy) state["schedule_task_policy.0.enforcement_enable"] = String(policy.enforcement_enable);
  state["target_infos.#"] = String(d.target_infos.length);
  return state;
}

/** time.Now().AddDate(0, 1, 0).Format("2006-01-02T15:04:05Z"): the real time, a month on, no fraction. */
function aMonthFromNow(): string {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() + 1);
  return `${at.toISOString().slice(0, 19)}Z`;
}

describe("huaweicloud_workspace_app_schedule_task: the acceptance test's steps", () => {
  test("create (disabled, no time_zone, no policy, two server groups), update DAY to MONTH, delete", async () => {
    const expire = aMonthFromNow();
    const step1: Config = {
      task_name: "tf_acc_schedule_task",
      task_type: "STOP_SERVER",
      scheduled_type: "DAY",
      day_interval: 1,
      scheduled_time: "22:00:00",
      expire_time: expire,
      description: "Created by acceptance test",
      target_infos: [
        { target_type: "SERVER_GROUP", target_id: SERVER_GROUP },
        { target_type: "SERVER_GROUP", target_id: EMPTY_GROUP },
      ],
      is_enable: false,
    };
    const id = await create(step1);
    expect(await read(id)).toMatchObject({
      time_zone: "Asia/Shanghai", // the default time zone
      "schedule_task_policy.#": "0", // no policy was set
      is_enable: "false", // create, then PATCH {"is_enable": false}
      "target_infos.#": "2",
      expire_time: expire,
      day_interval: "1",
    });

    // DAY -> MONTH: the update sends "" for week_list, scheduled_date and description, and no day_interval.
    const step2: Config = {
      ...step1,
      scheduled_type: "MONTH",
      month_list: "1,4,7,10",
      date_list: "L",
      description: undefined,
      day_interval: undefined,
      schedule_task_policy: [{ enforcement_enable: false }],
      is_enable: true,
    };
    const updated = await api("PATCH", taskPath(id), updateBody(step2));
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(await read(id)).toMatchObject({
      scheduled_type: "MONTH",
      month_list: "1,4,7,10",
      date_list: "L",
      week_list: "",
      scheduled_date: "",
      description: "",
      "schedule_task_policy.#": "1",
      "schedule_task_policy.0.enforcement_enable": "false",
      is_enable: "true",
      // "the update interface cannot update day_interval to null": the old value stays stored.
      day_interval: "1",
    });

    expect((await api("DELETE", taskPath(id))).status).toBe(200);
    expect(await read(id)).toBeUndefined();
  });

  test("created enabled by default: is_enable reads back true without a PATCH", async () => {
    const id = await create({
      task_name: "tf_acc_enabled",
      task_type: "RESTART_SERVER",
      scheduled_type: "WEEK",
      week_list: "1,3",
      scheduled_time: "03:00:00",
      time_zone: "Asia/Shanghai",
      target_infos: [{ target_type: "SERVER_GROUP", target_id: SERVER_GROUP }],
    });
    expect(await read(id)).toMatchObject({ is_enable: "true", week_list: "1,3", "schedule_task_policy.#": "0" });
  });
});

describe("the data sources' requests", () => {
  test("schedule tasks by task_type and task_name, execute history and details paged by 100, future executions", async () => {
    const tasks = await api("GET", `${tasksPath()}?limit=100&offset=0&task_type=RESTART_SERVER&task_name=Startup`);
    expect(tasks.body).toMatchObject({ count: 1, items: [{ id: SEED }] });
    const history = await api("GET", `${taskPath(SEED)}/execute-history?limit=100&offset=0`);
    expect(history.status).toBe(200);
    expect(history.body.items.length).toBeLessThan(100);
    for (const execution of history.body.items) {
      const details = await api("GET", `${taskPath(execution.id)}/execute-detail?limit=100&offset=0`);
      expect(details.status).toBe(200);
      for (const detail of details.body.items) expect(["SUCCESS", "FAILED", "RUNNING", "WAITING"]).toContain(detail.status);
    }
    const future = await api("POST", `${tasksPath()}/future-executions`, { scheduled_type: "DAY", day_interval: 2, scheduled_time: "08:30:00" });
    expect(future.status).toBe(200);
    // "Only the last 5 times can be queried."
    expect(future.body.future_executions).toHaveLength(5);
  });
});
