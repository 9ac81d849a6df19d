// Huawei Workspace scheduled tasks as a client sees them: the task lifecycle per project, lists
// that page and filter, the derived task_cron and next_execution_time at the mock's clock, the
// future-executions calculator, the schedule and target rules, every conflict decision of the
// spec, executions and sub-tasks, and bad input that changes nothing.
import { beforeEach, describe, expect, test } from "vitest";
import type { ExampleObject, MediaTypeObject, OperationObject, RequestBodyObject, ResponseObject } from "../../src/engine/openapi.js";
import type { VendorError } from "../../src/engine/vendor.js";
import { createMockServer } from "../../src/index.js";
import { huaweiErrorBody } from "../../src/vendors/huawei/errors.js";
import { allSpecs, conflictsOf } from "../helpers/specs.js";
import { request } from "../helpers/http.js";

const PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";
const OTHER_PROJECT = "d97aa212486abc4e0e192b73bce90a15";
const SEED = "62f48b59-0ebb-4b1e-ad35-f64948a0591b";
const NIGHTLY = "8d2c5f0e-4b7a-4f5e-9a61-2b9e7c3d1f40";
const RUNNING = "532d64f9-6ebf-452e-9196-d14e7a06ab01";
const DISABLED_WEEKLY = "6161003a-6754-454b-af56-7095169f2f91";
const FIXED_ONCE = "545d8708-6307-47a1-b0a1-a07882c1aa1b";
const EXECUTION = "5a0f6c7e-3d1b-4e0a-9c2f-7b8d6e5f4a31";
const SERVER = "3f791197-d166-4c8e-81e4-38c40ffc1989";
const SERVER_GROUP = "0b6f7b0e-2c7d-4a43-9d0a-2f1c8e5a9b31";
/** A server of the other project. */
const FOREIGN_SERVER = "ca213a07-e8cf-46b9-adaa-cf18e1c55a99";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const tasksPath = (project = PROJECT) => `/v1/${project}/schedule-task`;
const taskPath = (id: string, project = PROJECT) => `${tasksPath(project)}/${id}`;
const futurePath = `${tasksPath()}/future-executions`;
const batchPath = `${tasksPath()}/actions/batch-delete`;

const spec = allSpecs().find((s) => s.vendor === "huawei");
if (!spec) throw new Error("no huawei spec");
const doc = spec.doc;

/** A named example of the spec, request (status "request") or response. */
function example(path: string, method: "get" | "post" | "patch", status: string, name: string): Record<string, unknown> {
  const operation = doc.paths[path]?.[method] as OperationObject;
  const content =
    status === "request" ? (operation.requestBody as RequestBodyObject).content : (operation.responses[status] as ResponseObject).content;
  const value = (content?.["application/json"] as MediaTypeObject | undefined)?.examples?.[name] as ExampleObject | undefined;
  if (value === undefined) throw new Error(`no example ${name} for ${method} ${path} ${status}`);
  return structuredClone(value.value) as Record<string, unknown>;
}

const restartDaily = example("/v1/{project_id}/schedule-task", "post", "request", "restartDaily");

const app = createMockServer({ vendor: "huawei", seed: 7, clock: "2026-01-01T00:00:00Z", report: () => {} });

interface Call {
  token?: string | null;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

async function call(method: string, path: string, { token = "taskmock-admin", body, raw, contentType = "application/json" }: Call = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers["x-auth-token"] = token;
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) headers["content-type"] = contentType;
  const res = await request(app, path, { method, headers, ...(text === undefined ? {} : { body: text }) });
  const out = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
  return { status: res.status, headers: res.headers, body: (out === "" ? undefined : JSON.parse(out)) as any };
}

async function setClock(time: string) {
  const res = await request(app, "/__admin/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ set: time }),
  });
  expect(res.status).toBe(200);
}

async function state() {
  return (await request(app, "/__admin/state/huawei")).json();
}

/** One task as the list shows it (the state fields live only there). */
async function listed(id: string, project = PROJECT) {
  const { body } = await call("GET", `${tasksPath(project)}?limit=100`);
  return body.items.find((t: { id: string }) => t.id === id);
}

async function future(body: unknown) {
  return call("POST", futurePath, { body });
}

// The clock goes back first: a reset runs the scheduled work from the clock's time, and a clock
// set back runs nothing until it passes the time already run through.
beforeEach(async () => {
  await setClock("2026-01-01T00:00:00Z");
  await request(app, "/__admin/reset", { method: "POST" });
});

describe("task lifecycle", () => {
  test("create, show, list, PATCH, delete, then the task is gone", async () => {
    const created = await call("POST", tasksPath(), { body: restartDaily });
    expect(created.status).toBe(200);
    expect(created.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    const id = created.body.id as string;
    expect(id).toMatch(UUID);
    expect(created.body).toMatchObject({
      is_enable: true,
      last_status: "WAITING",
      create_time: "2026-01-01T00:00:00.000Z",
      update_time: "2026-01-01T00:00:00.000Z",
    });
    expect(created.body).not.toHaveProperty("target_infos");

    const shown = await call("GET", taskPath(id));
    expect(shown.status).toBe(200);
    expect(shown.body.target_infos).toEqual([{ target_type: "SERVER", target_id: SERVER, target_name: "aps-design-01" }]);
    expect(await listed(id)).toEqual(created.body);

    await setClock("2026-01-02T00:00:00Z");
    const patched = await call("PATCH", taskPath(id), { body: { description: "changed", scheduled_time: "04:00:00" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id,
      description: "changed",
      scheduled_time: "04:00:00",
      task_cron: "0 0 4 */1 * ?",
      next_execution_time: "2026-01-03 04:00:00",
      create_time: "2026-01-01T00:00:00.000Z",
      update_time: "2026-01-02T00:00:00.000Z",
      task_name: "nightly_restart_aps01",
    });
    expect((await call("GET", taskPath(id))).body.description).toBe("changed");

    expect((await call("DELETE", taskPath(id))).status).toBe(200);
    const gone = await call("GET", taskPath(id));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      error_code: "WKS.00211104",
      error_msg: `The scheduled task does not exist. No task ${id} in this project.`,
    });
    expect((await call("GET", `${taskPath(id)}/execute-history`)).status).toBe(404);
  });

  test("tasks live in their project: another project neither lists nor finds them", async () => {
    expect((await call("GET", taskPath(SEED, OTHER_PROJECT))).status).toBe(404);
    const other = await call("GET", tasksPath(OTHER_PROJECT));
    expect(other.body.count).toBe(6);
    expect(other.body.items.map((t: { id: string }) => t.id)).not.toContain(SEED);
  });

  test("an unknown project answers 404 WKS.00000404 on every operation", async () => {
    const none = "ffffffffffffffffffffffffffffffff";
    const answers = await Promise.all([
      call("GET", tasksPath(none)),
      call("POST", tasksPath(none), { body: restartDaily }),
      call("GET", taskPath(SEED, none)),
      call("PATCH", taskPath(SEED, none), { body: { is_enable: false } }),
      call("DELETE", taskPath(SEED, none)),
      call("POST", `${tasksPath(none)}/actions/batch-delete`, { body: { items: [SEED] } }),
      call("POST", `${tasksPath(none)}/future-executions`, {
        body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00" },
      }),
      call("GET", `${taskPath(SEED, none)}/execute-history`),
      call("GET", `${taskPath(EXECUTION, none)}/execute-detail`),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ status: 404, body: { error_code: "WKS.00000404" } });
  });

  test("POST /__admin/reset restores the fixtures", async () => {
    const before = await state();
    await call("DELETE", taskPath(SEED));
    await call("POST", tasksPath(), { body: restartDaily });
    expect(await state()).not.toEqual(before);
    await request(app, "/__admin/reset", { method: "POST" });
    expect(await state()).toEqual(before);
    expect((await call("GET", taskPath(SEED))).status).toBe(200);
  });

  test("a read-only token reads but cannot write", async () => {
    expect((await call("GET", tasksPath(), { token: "taskmock-readonly" })).status).toBe(200);
    const refused = await call("PATCH", taskPath(SEED), { token: "taskmock-readonly", body: { is_enable: false } });
    expect(refused).toMatchObject({
      status: 403,
      body: { error_code: "WKS.00081102", error_msg: "User does not have permission to access this resource." },
    });
    expect((await listed(SEED)).is_enable).toBe(true);
  });

  test("a read-only token may ask for future executions: a POST that only calculates", async () => {
    const res = await call("POST", `${tasksPath()}/future-executions`, {
      token: "taskmock-readonly",
      body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "09:00:00", time_zone: "Asia/Shanghai" },
    });
    expect(res.status).toBe(200);
    expect((res.body as { future_executions: string[] }).future_executions).toHaveLength(5);
  });
});

describe("the spec's examples, sent as documented", () => {
  test("the corrected seed PATCH at its update_time answers the seed response exactly", async () => {
    await setClock("2024-12-25T12:38:27.942Z");
    const path = "/v1/{project_id}/schedule-task/{task_id}";
    const res = await call("PATCH", taskPath(SEED), { body: example(path, "patch", "request", "seed") });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(example(path, "patch", "200", "seed"));
    // …and the detail is the documented detail of the seed task.
    expect((await call("GET", taskPath(SEED))).body).toEqual(example(path, "get", "200", "seedTask"));
  });

  test("disabling answers the documented disabled task, without next_execution_time", async () => {
    await setClock("2024-12-25T12:40:03.511Z");
    const path = "/v1/{project_id}/schedule-task/{task_id}";
    const res = await call("PATCH", taskPath(SEED), { body: example(path, "patch", "request", "disable") });
    expect(res.body).toEqual(example(path, "patch", "200", "disabled"));
  });

  test("the restartDaily create answers the documented task (a new id)", async () => {
    await setClock("2026-05-21T08:15:02.117Z");
    const res = await call("POST", tasksPath(), { body: restartDaily });
    expect(res.status).toBe(200);
    expect({ ...res.body, id: "x" }).toEqual({ ...example("/v1/{project_id}/schedule-task", "post", "200", "restartDaily"), id: "x" });
  });

  test("the stopWeekly and reinstallOnce creates succeed with their crons", async () => {
    const weekly = await call("POST", tasksPath(), { body: example("/v1/{project_id}/schedule-task", "post", "request", "stopWeekly") });
    expect(weekly.body).toMatchObject({
      task_cron: "0 30 21 ? * 6,7",
      next_execution_time: "2026-01-02 21:30:00",
      expire_time: "2027-12-31T15:59:59Z",
    });
    const once = await call("POST", tasksPath(), { body: example("/v1/{project_id}/schedule-task", "post", "request", "reinstallOnce") });
    expect(once.body).toMatchObject({
      task_name: "重装系统-一次性",
      task_cron: "0 0 1 12 9 ? 2026",
      next_execution_time: "2026-09-12 01:00:00",
    });
  });

  test("the weekly future-executions request on Thursday 2026-05-21 answers the documented five runs", async () => {
    await setClock("2026-05-21T08:15:02.117Z");
    const path = "/v1/{project_id}/schedule-task/future-executions";
    const res = await future(example(path, "post", "request", "weekly"));
    expect(res.body).toEqual(example(path, "post", "200", "weekly"));
  });

  test('the Terraform update, with "" for unset fields, clears them', async () => {
    const path = "/v1/{project_id}/schedule-task/{task_id}";
    const res = await call("PATCH", taskPath(SEED), { body: example(path, "patch", "request", "terraformUpdate") });
    expect(res.status).toBe(200);
    for (const cleared of ["month_list", "date_list", "scheduled_date", "expire_time", "description"])
      expect(res.body).not.toHaveProperty(cleared);
    // 08:00:00 on Thursday 2026-01-01 in Shanghai is the clock itself: runs are strictly after it.
    expect(res.body).toMatchObject({
      task_type: "START_SERVER",
      scheduled_type: "WEEK",
      task_cron: "0 0 8 ? * 2,3,4,5,6",
      next_execution_time: "2026-01-02 08:00:00",
    });
    expect((await call("GET", taskPath(SEED))).body.target_infos).toEqual([
      { target_type: "SERVER_GROUP", target_id: SERVER_GROUP, target_name: "sg-design-tools" },
    ]);
  });

  test("the documented execution records and sub-task", async () => {
    const history = await call("GET", `${taskPath(SEED)}/execute-history?limit=2`);
    expect(history.body).toEqual(example("/v1/{project_id}/schedule-task/{task_id}/execute-history", "get", "200", "twoRuns"));
    const detail = await call("GET", `${taskPath(EXECUTION)}/execute-detail`);
    expect(detail.body).toEqual(
      example("/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail", "get", "200", "failedRestart"),
    );
  });
});

describe("conflict decisions", () => {
  test("huawei-scheduled-type-case, huawei-task-name-spaces, huawei-target-id-array: the original seed request is a 400 naming each", async () => {
    const original = conflictsOf(doc).find((c) => c["id"] === "huawei-scheduled-type-case")?.["seedExample"];
    expect(original).toMatchObject({ scheduled_type: "day", task_name: "Scheduled Startup Task" });
    const before = await state();
    const res = await call("PATCH", taskPath(SEED), { body: original });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe("WKS.00211102");
    for (const field of ["scheduled_type", "task_name", "target_infos/0/target_id"]) expect(res.body.error_msg).toContain(`${field}:`);
    expect(await state()).toEqual(before);
  });

  test("huawei-scheduled-type-case: upper case only", async () => {
    const res = await call("PATCH", taskPath(SEED), { body: { scheduled_type: "day" } });
    expect(res.body.error_msg).toBe('The parameter is invalid. scheduled_type: must be one of "FIXED_TIME", "DAY", "WEEK", "MONTH"');
  });

  test("huawei-task-name-spaces: the pattern holds on create too; Chinese names and hyphens pass", async () => {
    const spaced = await call("POST", tasksPath(), { body: { ...restartDaily, task_name: "nightly restart" } });
    expect(spaced.status).toBe(400);
    expect(spaced.body.error_msg).toMatch(/^The parameter is invalid\. task_name: must match pattern/);
    expect((await call("POST", tasksPath(), { body: { ...restartDaily, task_name: "定时-重启_01" } })).status).toBe(200);
  });

  test("huawei-target-id-array: an array target_id is refused; several objects are several entries", async () => {
    const array = await call("POST", tasksPath(), {
      body: { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: [SERVER] }] },
    });
    expect(array.body.error_msg).toBe("The parameter is invalid. target_infos/0/target_id: must be string");
    const two = await call("POST", tasksPath(), {
      body: {
        ...restartDaily,
        target_infos: [
          { target_type: "SERVER", target_id: SERVER },
          { target_type: "SERVER_GROUP", target_id: SERVER_GROUP },
        ],
      },
    });
    expect(two.status).toBe(200);
    expect((await call("GET", taskPath(two.body.id))).body.target_infos.map((t: { target_name: string }) => t.target_name)).toEqual([
      "aps-design-01",
      "sg-design-tools",
    ]);
  });

  test("huawei-task-cron-derived: task_cron comes from the schedule and cannot be sent", async () => {
    const sent = await call("PATCH", taskPath(SEED), { body: { task_cron: "*/10 * * * * ?" } });
    expect(sent.body.error_msg).toBe("The parameter is invalid. task_cron: is not a known property");
    const changed = await call("PATCH", taskPath(SEED), { body: { scheduled_time: "18:05:30", day_interval: 2 } });
    expect(changed.body.task_cron).toBe("30 5 18 */2 * ?");
  });

  test("huawei-is-enable-echo: PATCH is_enable true answers true and the list shows it", async () => {
    const res = await call("PATCH", taskPath(DISABLED_WEEKLY), { body: { is_enable: true } });
    // week_list 1 is Sunday: the first Sunday after Thursday 2026-01-01.
    expect(res.body).toMatchObject({ is_enable: true, next_execution_time: "2026-01-04 05:00:00" });
    expect(await listed(DISABLED_WEEKLY)).toMatchObject({ is_enable: true, next_execution_time: "2026-01-04 05:00:00" });
  });

  test("huawei-expire-before-schedule: expire_time must follow scheduled_date at scheduled_time in the zone", async () => {
    const body = { ...restartDaily, scheduled_date: "2026-03-01", expire_time: "2026-03-01T01:00:00Z" };
    // 2026-03-01 03:00 in Shanghai is 2026-02-28T19:00Z: the expiry 01:00Z is six hours after it.
    expect((await call("POST", tasksPath(), { body })).status).toBe(200);
    const early = await call("POST", tasksPath(), { body: { ...body, expire_time: "2026-02-28T19:00:00Z" } });
    expect(early.body.error_msg).toBe(
      "The parameter is invalid. expire_time: must be later than scheduled_date 2026-03-01 03:00:00 (Asia/Shanghai)",
    );
    // The same wall-clock time in Lisbon is eight hours later, so the same expiry is too early there.
    const lisbon = await call("POST", tasksPath(), { body: { ...body, time_zone: "Europe/Lisbon" } });
    expect(lisbon.body.error_msg).toContain("expire_time: must be later than scheduled_date 2026-03-01 03:00:00 (Europe/Lisbon)");
    // Checked on the merged task: the seed's scheduled_date 2022-12-23 stays.
    const patched = await call("PATCH", taskPath(SEED), { body: { expire_time: "2022-03-07T10:40:43.858Z" } });
    expect(patched.body.error_msg).toContain("expire_time: must be later than scheduled_date 2022-12-23 09:00:00 (Asia/Shanghai)");
  });

  test("huawei-expire-before-schedule: after expire_time a task has no next_execution_time", async () => {
    const expiring = "318f1f5a-5f8e-4064-8c23-2d5dbb1eedc3"; // daily 06:30, expires 2026-01-31T15:59:59Z
    expect((await listed(expiring)).next_execution_time).toBe("2026-01-02 06:30:00");
    await setClock("2026-01-30T22:00:00Z"); // 06:00 on the 31st in Shanghai: the last run is ahead
    expect((await listed(expiring)).next_execution_time).toBe("2026-01-31 06:30:00");
    await setClock("2026-01-30T23:00:00Z"); // 07:00: the next daily run would be after the expiry
    expect(await listed(expiring)).not.toHaveProperty("next_execution_time");
  });

  test("huawei-unused-schedule-fields: fields of another type are echoed but do not drive the schedule", async () => {
    // The seed is DAY with week_list 1,2,7 (Sun, Mon, Sat): it still runs on Thursday.
    expect(await listed(SEED)).toMatchObject({ week_list: "1,2,7", next_execution_time: "2026-01-01 09:00:00" });
    // scheduled_date on a WEEK schedule is the first date it may fire.
    const res = await future({
      scheduled_type: "WEEK",
      week_list: "2,4,6",
      scheduled_date: "2026-01-10",
      scheduled_time: "07:30:00",
      day_interval: 3,
    });
    expect(res.body.future_executions[0]).toBe("2026-01-12 07:30:00");
  });

  test('huawei-update-empty-strings: PATCH clears with ""; create and future-executions refuse it', async () => {
    const cleared = await call("PATCH", taskPath(SEED), { body: { week_list: "", description: "", expire_time: "" } });
    expect(cleared.status).toBe(200);
    for (const field of ["week_list", "description", "expire_time"]) expect(cleared.body).not.toHaveProperty(field);
    expect((await call("GET", taskPath(SEED))).body).not.toHaveProperty("description");
    const created = await call("POST", tasksPath(), { body: { ...restartDaily, week_list: "", description: "" } });
    expect(created.body.error_msg).toContain("week_list: must match pattern");
    expect(created.body.error_msg).toContain("description: must NOT have fewer than 1 characters");
    expect((await future({ scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", expire_time: "" })).status).toBe(400);
    // A cleared field a schedule needs is missing from the merged task.
    const fixed = await call("PATCH", taskPath(FIXED_ONCE), { body: { scheduled_date: "" } });
    expect(fixed.body.error_msg).toBe("The parameter is invalid. scheduled_date: is required when scheduled_type is FIXED_TIME");
  });

  test("huawei-create-is-enable: a new task is enabled; is_enable is a PATCH field only", async () => {
    const refused = await call("POST", tasksPath(), { body: { ...restartDaily, is_enable: false } });
    expect(refused.body.error_msg).toBe("The parameter is invalid. is_enable: is not a known property");
    const created = await call("POST", tasksPath(), { body: restartDaily });
    expect(created.body.is_enable).toBe(true);
    const disabled = await call("PATCH", taskPath(created.body.id), { body: { is_enable: false } });
    expect(disabled.body.is_enable).toBe(false);
    expect(disabled.body).not.toHaveProperty("next_execution_time");
  });

  test("huawei-scheduled-time-required: create and future-executions need scheduled_time", async () => {
    const { scheduled_time: _, ...withoutTime } = restartDaily;
    expect((await call("POST", tasksPath(), { body: withoutTime })).body.error_msg).toBe(
      "The parameter is invalid. scheduled_time: is required",
    );
    expect((await future({ scheduled_type: "DAY", day_interval: 1 })).body.error_msg).toBe(
      "The parameter is invalid. scheduled_time: is required",
    );
  });

  test("huawei-show-task-fields: the detail has targets and no state; list items the reverse", async () => {
    const detail = (await call("GET", taskPath(SEED))).body;
    for (const field of ["is_enable", "last_status", "task_cron", "next_execution_time", "create_time", "update_time"])
      expect(detail).not.toHaveProperty(field);
    const item = await listed(SEED);
    expect(item).not.toHaveProperty("target_infos");
    expect(item).toMatchObject({ is_enable: true, last_status: "WAITING", task_cron: "0 0 9 */1 * ?" });
  });

  test("huawei-delete-unknown-task: deleting an unknown task answers 200 with no body", async () => {
    const before = await state();
    const res = await call("DELETE", taskPath(UNKNOWN));
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(await state()).toEqual(before);
  });

  test("huawei-batch-delete-running: running tasks are skipped, unknown ids ignored, the rest deleted", async () => {
    const res = await call("POST", batchPath, { body: { items: [RUNNING, SEED, UNKNOWN, NIGHTLY] } });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect((await call("GET", taskPath(RUNNING))).status).toBe(200);
    expect((await call("GET", taskPath(SEED))).status).toBe(404);
    expect((await call("GET", taskPath(NIGHTLY))).status).toBe(404);
    expect((await call("GET", tasksPath())).body.count).toBe(28);
  });

  test("huawei-execute-detail-param: the path takes an execution id, not a task id", async () => {
    const byTask = await call("GET", `${taskPath(SEED)}/execute-detail`);
    expect(byTask).toMatchObject({ status: 404, body: { error_code: "WKS.00211104" } });
    expect(byTask.body.error_msg).toMatch(/^The scheduled task execution record does not exist\./);
    expect((await call("GET", `${taskPath(EXECUTION)}/execute-detail`)).status).toBe(200);
  });
});

describe("lists", () => {
  test("offset and limit page the tasks, newest create_time first; count counts every match", async () => {
    const all = (await call("GET", `${tasksPath()}?limit=100`)).body;
    expect(all.count).toBe(30);
    const times = all.items.map((t: { create_time: string }) => Date.parse(t.create_time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.items[0].id).toBe(NIGHTLY); // created 2026-05-21, the newest
    const defaultPage = (await call("GET", tasksPath())).body;
    expect(defaultPage.items).toHaveLength(10);
    const page = (await call("GET", `${tasksPath()}?offset=5&limit=5`)).body;
    expect(page.count).toBe(30);
    expect(page.items).toEqual(all.items.slice(5, 10));
    expect((await call("GET", `${tasksPath()}?offset=30`)).body).toEqual({ count: 30, items: [] });
  });

  test("task_name matches a case-sensitive substring, task_type by equality", async () => {
    const chinese = (await call("GET", `${tasksPath()}?task_name=${encodeURIComponent("定时")}`)).body;
    expect(chinese.items.map((t: { task_name: string }) => t.task_name).sort()).toEqual(["定时关机-设计部", "定时开机-设计部"]);
    expect((await call("GET", `${tasksPath()}?task_name=startup`)).body.count).toBe(2); // morning-startup-finance, startup_sao_paulo_office
    expect((await call("GET", `${tasksPath()}?task_name=Startup`)).body.count).toBe(1); // Scheduled_Startup_Task only
    const reinstalls = (await call("GET", `${tasksPath()}?task_type=REINSTALL_OS&limit=100`)).body;
    expect(reinstalls.count).toBeGreaterThan(0);
    expect(reinstalls.items.every((t: { task_type: string }) => t.task_type === "REINSTALL_OS")).toBe(true);
    const both = (await call("GET", `${tasksPath()}?task_name=restart&task_type=STOP_SERVER`)).body;
    expect(both).toEqual({ count: 0, items: [] });
  });

  test("a list sorted once is not served stale: each create, PATCH and delete shows in the next list, filtered or not", async () => {
    const list = async (query = "") => (await call("GET", `${tasksPath()}?limit=100${query}`)).body;
    const named = `&task_name=${encodeURIComponent("cache_check")}`;
    expect((await list(named)).count).toBe(0);
    // Created at a clock later than every fixture task: the newest, so listed first.
    await setClock("2026-06-01T00:00:00Z");
    const created = (await call("POST", tasksPath(), { body: { ...restartDaily, task_name: "cache_check" } })).body;
    expect((await list()).items[0].id).toBe(created.id);
    expect((await list(named)).items.map((t: { id: string }) => t.id)).toEqual([created.id]);

    expect((await call("PATCH", taskPath(created.id), { body: { task_name: "renamed", task_type: "STOP_SERVER" } })).status).toBe(200);
    expect((await list()).items[0]).toMatchObject({ id: created.id, task_name: "renamed", task_type: "STOP_SERVER" });
    expect((await list(named)).count).toBe(0);
    expect((await list("&task_type=STOP_SERVER")).items.map((t: { id: string }) => t.id)).toContain(created.id);

    expect((await call("DELETE", taskPath(created.id))).status).toBe(200);
    expect((await list()).count).toBe(30);
    expect((await list("&task_type=STOP_SERVER")).items.map((t: { id: string }) => t.id)).not.toContain(created.id);
  });

  test("query parameters out of range are a 400 naming them", async () => {
    expect((await call("GET", `${tasksPath()}?limit=0`)).body.error_msg).toBe("The parameter is invalid. limit: must be >= 1");
    expect((await call("GET", `${tasksPath()}?task_type=REBOOT`)).body.error_msg).toBe(
      'The parameter is invalid. task_type: must be one of "RESTART_SERVER", "START_SERVER", "STOP_SERVER", "REINSTALL_OS"',
    );
  });

  test("execute-history pages a task's executions, latest begin_time first", async () => {
    const res = await call("GET", `${taskPath(SEED)}/execute-history?offset=2&limit=2`);
    expect(res.body.count).toBe(6);
    expect(res.body.items.map((h: { id: string }) => h.id)).toEqual([
      "e41e2a2c-f9cf-47c5-868f-876d756fcaf3",
      "fb5afa09-fc33-4a75-8133-ec590f96866d",
    ]);
    const never = await call("POST", tasksPath(), { body: restartDaily });
    expect((await call("GET", `${taskPath(never.body.id)}/execute-history`)).body).toEqual({ count: 0, items: [] });
  });

  test("execute-detail pages an execution's sub-tasks", async () => {
    const execution = "79d48279-99db-4e4f-a990-fc2208c8fc1c";
    const first = await call("GET", `${taskPath(execution)}/execute-detail?limit=3`);
    expect(first.body.count).toBe(4);
    expect(first.body.items).toHaveLength(3);
    const rest = await call("GET", `${taskPath(execution)}/execute-detail?offset=3`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.items[0].execute_id).toBe(execution);
  });
});

describe("derived fields", () => {
  test("task_cron per scheduled_type, in Quartz syntax without leading zeros", async () => {
    const crons = Object.fromEntries(
      (await call("GET", `${tasksPath()}?limit=100`)).body.items.map((t: { id: string; task_cron: string }) => [t.id, t.task_cron]),
    );
    expect(crons[FIXED_ONCE]).toBe("0 0 1 12 9 ? 2026");
    expect(crons["972c2e5b-c6b9-4d94-a1a2-13dddc47a5f6"]).toBe("0 30 21 ? * 6,7");
    expect(crons["5e34d429-2ee7-4c96-b4a3-1ce87f22a917"]).toBe("0 0 23 L 3,6,9,12 ?");
    expect(crons["03becae1-ae16-4566-a77f-f89b13df4251"]).toBe("0 0 4 */3 * ?");
    const month = await call("PATCH", taskPath(SEED), { body: { scheduled_type: "MONTH", scheduled_time: "07:08:09" } });
    expect(month.body.task_cron).toBe("9 8 7 1,2,28,L 1,3,12 ?");
  });

  test("next_execution_time is recomputed at the mock's clock on every read", async () => {
    const items = Object.fromEntries((await call("GET", `${tasksPath()}?limit=100`)).body.items.map((t: { id: string }) => [t.id, t]));
    expect(items[SEED].next_execution_time).toBe("2026-01-01 09:00:00"); // the fixture stored 2024-12-26
    expect(items[FIXED_ONCE].next_execution_time).toBe("2026-09-12 01:00:00");
    expect(items["5e34d429-2ee7-4c96-b4a3-1ce87f22a917"].next_execution_time).toBe("2026-03-31 23:00:00"); // L of March
    expect(items["43b6a1d0-6fc7-4767-976a-88317ab9ef08"].next_execution_time).toBe("2026-01-28 22:30:00"); // 28,L
    expect(items["5eed49b9-f4a2-4b86-a41b-0549141896cc"]).not.toHaveProperty("next_execution_time"); // FIXED_TIME in the past
    expect(items[DISABLED_WEEKLY]).not.toHaveProperty("next_execution_time"); // disabled
    await setClock("2026-01-01T01:00:00Z"); // 09:00 in Shanghai: that run is not strictly after it
    expect((await listed(SEED)).next_execution_time).toBe("2026-01-02 09:00:00");
  });

  test("next_execution_time is the wall-clock time in the task's own zone", async () => {
    // Berlin weekdays at 07:45; 2026-01-01T00:00Z is 01:00 on Thursday in Berlin.
    expect((await listed("63b273b7-ae6f-4619-b329-4110897870f1", OTHER_PROJECT)).next_execution_time).toBe("2026-01-01 07:45:00");
    const lisbon = await call("PATCH", taskPath(SEED), { body: { time_zone: "Europe/Lisbon", scheduled_time: "00:30:00" } });
    // 00:00Z is midnight in Lisbon: today's 00:30 is still ahead.
    expect(lisbon.body.next_execution_time).toBe("2026-01-01 00:30:00");
  });

  test("DAY counts day_interval from scheduled_date, else from the creation date in the zone", async () => {
    // restart_every_3_days_cad: every 3 days from 2026-01-05, which is also its first date.
    expect((await listed("03becae1-ae16-4566-a77f-f89b13df4251")).next_execution_time).toBe("2026-01-05 04:00:00");
    await setClock("2026-01-06T00:00:00Z");
    expect((await listed("03becae1-ae16-4566-a77f-f89b13df4251")).next_execution_time).toBe("2026-01-08 04:00:00");
    await setClock("2026-01-01T00:00:00Z");
    // Created on 2026-01-01 (Shanghai) at 08:00: day 0's 07:00 has passed, so day 2.
    const early = await call("POST", tasksPath(), { body: { ...restartDaily, day_interval: 2, scheduled_time: "07:00:00" } });
    expect(early.body.next_execution_time).toBe("2026-01-03 07:00:00");
    const late = await call("POST", tasksPath(), { body: { ...restartDaily, day_interval: 2, scheduled_time: "09:00:00" } });
    expect(late.body.next_execution_time).toBe("2026-01-01 09:00:00");
  });
});

describe("future executions", () => {
  test("nothing is stored", async () => {
    const before = await state();
    expect((await future({ scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00" })).status).toBe(200);
    expect(await state()).toEqual(before);
  });

  test("five runs, time_zone defaulting to Asia/Shanghai", async () => {
    const res = await future({ scheduled_type: "DAY", day_interval: 10, scheduled_time: "12:00:00" });
    expect(res.body).toEqual({
      future_executions: [
        "2026-01-01 12:00:00",
        "2026-01-11 12:00:00",
        "2026-01-21 12:00:00",
        "2026-01-31 12:00:00",
        "2026-02-10 12:00:00",
      ],
      time_zone: "Asia/Shanghai",
    });
  });

  test("a DAY interval without scheduled_date counts from today in the schedule's zone", async () => {
    // 2026-01-01T00:00Z is 21:00 on 2025-12-31 in São Paulo: counting from the 31st gives even
    // January days (counting from the UTC date would give odd ones).
    const res = await future({ scheduled_type: "DAY", day_interval: 2, scheduled_time: "09:00:00", time_zone: "America/Sao_Paulo" });
    expect(res.body.future_executions).toEqual([
      "2026-01-02 09:00:00",
      "2026-01-04 09:00:00",
      "2026-01-06 09:00:00",
      "2026-01-08 09:00:00",
      "2026-01-10 09:00:00",
    ]);
    expect(res.body.time_zone).toBe("America/Sao_Paulo");
  });

  test("MONTH with L is the last day of each month, leap years included", async () => {
    const res = await future({ scheduled_type: "MONTH", month_list: "2", date_list: "L", scheduled_time: "12:00:00", time_zone: "UTC" });
    expect(res.body.future_executions).toEqual([
      "2026-02-28 12:00:00",
      "2027-02-28 12:00:00",
      "2028-02-29 12:00:00",
      "2029-02-28 12:00:00",
      "2030-02-28 12:00:00",
    ]);
  });

  test("a day that some listed months lack is skipped in those months", async () => {
    const res = await future({
      scheduled_type: "MONTH",
      month_list: "1,2,3",
      date_list: "30",
      scheduled_time: "12:00:00",
      time_zone: "UTC",
    });
    expect(res.body.future_executions).toEqual([
      "2026-01-30 12:00:00",
      "2026-03-30 12:00:00",
      "2027-01-30 12:00:00",
      "2027-03-30 12:00:00",
      "2028-01-30 12:00:00",
    ]);
  });

  test("FIXED_TIME yields at most one run, none once past", async () => {
    expect(
      (await future({ scheduled_type: "FIXED_TIME", scheduled_date: "2026-02-01", scheduled_time: "10:00:00" })).body.future_executions,
    ).toEqual(["2026-02-01 10:00:00"]);
    expect(
      (await future({ scheduled_type: "FIXED_TIME", scheduled_date: "2025-12-31", scheduled_time: "10:00:00" })).body.future_executions,
    ).toEqual([]);
  });

  test("runs stop at expire_time; an expired schedule has none", async () => {
    const res = await future({ scheduled_type: "DAY", day_interval: 1, scheduled_time: "09:00:00", expire_time: "2026-01-03T01:00:00Z" });
    expect(res.body.future_executions).toEqual(["2026-01-01 09:00:00", "2026-01-02 09:00:00", "2026-01-03 09:00:00"]);
    const expired = await future({
      scheduled_type: "WEEK",
      week_list: "2",
      scheduled_time: "09:00:00",
      expire_time: "2025-12-01T00:00:00Z",
    });
    expect(expired.body).toEqual({ future_executions: [], time_zone: "Asia/Shanghai" });
  });
});

describe("schedule and target rules", () => {
  test("each scheduled_type needs its fields", async () => {
    const { day_interval: _, ...noInterval } = restartDaily;
    expect((await call("POST", tasksPath(), { body: noInterval })).body.error_msg).toBe(
      "The parameter is invalid. day_interval: is required when scheduled_type is DAY",
    );
    expect((await future({ scheduled_type: "MONTH", scheduled_time: "01:00:00" })).body.error_msg).toBe(
      "The parameter is invalid. month_list: is required when scheduled_type is MONTH; date_list: is required when scheduled_type is MONTH",
    );
    expect((await future({ scheduled_type: "FIXED_TIME", scheduled_time: "01:00:00" })).body.error_msg).toBe(
      "The parameter is invalid. scheduled_date: is required when scheduled_type is FIXED_TIME",
    );
    // Checked on the merged task: NIGHTLY has no month fields.
    const patched = await call("PATCH", taskPath(NIGHTLY), { body: { scheduled_type: "MONTH" } });
    expect(patched.body.error_msg).toContain("month_list: is required when scheduled_type is MONTH");
  });

  test("list values must not repeat", async () => {
    expect((await future({ scheduled_type: "WEEK", week_list: "2,3,2", scheduled_time: "01:00:00" })).body.error_msg).toBe(
      "The parameter is invalid. week_list: must not repeat a value (2)",
    );
    const res = await call("PATCH", taskPath(SEED), { body: { date_list: "L,1,L" } });
    expect(res.body.error_msg).toBe("The parameter is invalid. date_list: must not repeat a value (L)");
  });

  test("time_zone must be an IANA zone the runtime knows", async () => {
    const res = await call("POST", tasksPath(), { body: { ...restartDaily, time_zone: "Mars/Olympus_Mons" } });
    expect(res.body.error_msg).toBe('The parameter is invalid. time_zone: is not an IANA time zone name: "Mars/Olympus_Mons"');
    expect((await future({ scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", time_zone: "+08:00" })).status).toBe(400);
  });

  test("a month schedule that can never fire is refused", async () => {
    const res = await future({ scheduled_type: "MONTH", month_list: "2,4", date_list: "31", scheduled_time: "01:00:00" });
    expect(res.body.error_msg).toBe(
      "The parameter is invalid. date_list: names no day that the months 2,4 have, so the task would never run",
    );
  });

  test("targets must exist in the project, by type, and appear once", async () => {
    const foreign = await call("POST", tasksPath(), {
      body: { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: FOREIGN_SERVER }] },
    });
    expect(foreign.body.error_msg).toBe(`The parameter is invalid. target_infos/0/target_id: no SERVER ${FOREIGN_SERVER} in this project`);
    const wrongType = await call("PATCH", taskPath(SEED), { body: { target_infos: [{ target_type: "SERVER_GROUP", target_id: SERVER }] } });
    expect(wrongType.body.error_msg).toBe(`The parameter is invalid. target_infos/0/target_id: no SERVER_GROUP ${SERVER} in this project`);
    const twice = await call("POST", tasksPath(), {
      body: {
        ...restartDaily,
        target_infos: [
          { target_type: "SERVER", target_id: SERVER },
          { target_type: "SERVER", target_id: SERVER },
        ],
      },
    });
    expect(twice.body.error_msg).toBe(`The parameter is invalid. target_infos: lists SERVER ${SERVER} more than once`);
  });

  test("several broken rules are named together", async () => {
    const res = await call("POST", tasksPath(), {
      body: {
        ...restartDaily,
        scheduled_type: "WEEK",
        time_zone: "Nowhere/City",
        target_infos: [{ target_type: "SERVER", target_id: UNKNOWN }],
      },
    });
    expect(res.body.error_msg).toBe(
      `The parameter is invalid. week_list: is required when scheduled_type is WEEK; time_zone: is not an IANA time zone name: "Nowhere/City"; target_infos/0/target_id: no SERVER ${UNKNOWN} in this project`,
    );
  });
});

describe("PATCH and delete", () => {
  test("PATCH merges: unsent fields keep their values, target_infos is replaced whole, last_status returns to WAITING", async () => {
    const before = await listed(NIGHTLY);
    expect(before.last_status).toBe("SUCCESS");
    const res = await call("PATCH", taskPath(NIGHTLY), {
      body: { target_infos: [{ target_type: "SERVER_GROUP", target_id: SERVER_GROUP }] },
    });
    expect(res.body).toEqual({
      ...before,
      last_status: "WAITING",
      update_time: "2026-01-01T00:00:00.000Z",
      next_execution_time: before.next_execution_time,
    });
    expect((await call("GET", taskPath(NIGHTLY))).body.target_infos).toEqual([
      { target_type: "SERVER_GROUP", target_id: SERVER_GROUP, target_name: "sg-design-tools" },
    ]);
  });

  test("a running task cannot be deleted (409); its record stays", async () => {
    const res = await call("DELETE", taskPath(RUNNING));
    expect(res).toMatchObject({ status: 409, body: { error_code: "WKS.00211103" } });
    expect((await call("GET", taskPath(RUNNING))).status).toBe(200);
    expect((await call("GET", `${taskPath(RUNNING)}/execute-history`)).body.count).toBe(2);
  });

  test("deleting a task deletes its executions and their sub-tasks", async () => {
    expect((await call("DELETE", taskPath(SEED))).status).toBe(200);
    expect((await call("GET", `${taskPath(EXECUTION)}/execute-detail`)).status).toBe(404);
    const dump = (await state()) as Record<string, Record<string, { task_id?: string; execute_id?: string }[]>>;
    expect(dump["execute_histories"]?.[PROJECT]?.some((h) => h.task_id === SEED)).toBe(false);
    expect(dump["execute_details"]?.[PROJECT]?.some((d) => d.execute_id === EXECUTION)).toBe(false);
  });

  test("batch delete takes 1 to 20 ids", async () => {
    const many = Array.from({ length: 21 }, (_, i) => `id-${i}`);
    expect((await call("POST", batchPath, { body: { items: many } })).body.error_msg).toBe(
      "The parameter is invalid. items: must NOT have more than 20 items",
    );
    expect((await call("POST", batchPath, { body: { items: many.slice(0, 20) } })).status).toBe(200);
  });
});

describe("bad input changes nothing", () => {
  test("malformed JSON, a wrong content-type and an unknown field are 400s and leave the state as it was", async () => {
    const before = await state();
    const malformed = await call("POST", tasksPath(), { raw: '{"task_name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_msg).toMatch(/^The parameter is invalid\. body: is not valid JSON/);
    const wrongType = await call("PATCH", taskPath(SEED), { raw: JSON.stringify({ is_enable: false }), contentType: "text/plain" });
    expect(wrongType.body.error_msg).toBe('The parameter is invalid. content-type: must be application/json, not "text/plain"');
    const unknown = await call("PATCH", taskPath(SEED), { body: { is_enable: false, colour: "red" } });
    expect(unknown.body.error_msg).toBe("The parameter is invalid. colour: is not a known property");
    const ruleBroken = await call("PATCH", taskPath(SEED), { body: { is_enable: false, week_list: "1,1" } });
    expect(ruleBroken.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe("error bodies", () => {
  test("401s name the cause", async () => {
    expect((await call("GET", tasksPath(), { token: null })).body).toEqual({
      error_code: "WKS.00000401",
      error_msg: "Authentication failed. The request has no X-Auth-Token.",
    });
    expect((await call("GET", tasksPath(), { token: "expired" })).body).toEqual({
      error_code: "WKS.00000401",
      error_msg: "Authentication failed. The token is invalid or expired.",
    });
  });

  test("the router's 404 and 405 in Huawei's shape", async () => {
    const route = await call("GET", "/v1/nothing-here");
    expect(route).toMatchObject({ status: 404, body: { error_code: "WKS.00000404" } });
    expect(route.body.error_msg).toMatch(/^The requested resource does not exist\./);
    const method = await call("PUT", taskPath(SEED));
    expect(method).toMatchObject({ status: 405, body: { error_code: "WKS.00000405" } });
    expect(method.body.error_msg).toBe(
      "The method specified in the request is not allowed for this resource. PUT is not allowed; this resource allows DELETE, GET, PATCH.",
    );
    expect(method.headers.get("allow")).toBe("DELETE, GET, PATCH");
  });

  const rendered: [string, VendorError, string][] = [
    [
      "no token",
      { status: 401, kind: "unauthorized", message: "not read", credential: "missing" },
      "Authentication failed. The request has no X-Auth-Token.",
    ],
    [
      "an unknown token",
      { status: 401, kind: "unauthorized", message: "not read", credential: "unknown" },
      "Authentication failed. The token is invalid or expired.",
    ],
    [
      "a malformed token (an X-Auth-Token is taken as it is)",
      { status: 401, kind: "unauthorized", message: "not read", credential: "malformed" },
      "Authentication failed. The token is invalid or expired.",
    ],
    [
      "a method the path does not allow",
      { status: 405, kind: "method-not-allowed", message: "not read", method: "POST", allow: ["DELETE", "GET"] },
      "The method specified in the request is not allowed for this resource. POST is not allowed; this resource allows DELETE, GET.",
    ],
  ];
  test.each(rendered)("error_msg comes from the error's fields, not its English message: %s", (_name, error, message) => {
    expect(huaweiErrorBody(error).error_msg).toBe(message);
  });

  test("error_msg is cut to its 255 characters", async () => {
    const body = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unknown_field_number_${i}`, i]));
    const res = await call("PATCH", taskPath(SEED), { body });
    expect(res.status).toBe(400);
    expect(res.body.error_msg).toHaveLength(255);
    expect(res.body.error_msg.endsWith("…")).toBe(true);
  });
});
