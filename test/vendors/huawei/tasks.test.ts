// Huawei Workspace scheduled tasks as a client sees them (src/vendors/huawei/tasks.ts): the task
// lifecycle per project, the spec's examples, lists that page and filter, the future-executions
// calculator, PATCH and delete, and the spec's conflict decisions about a task's body.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { conflictsOf } from "../../helpers/specs.js";
import {
  batchPath,
  DISABLED_WEEKLY,
  daily,
  doc,
  EXECUTION,
  example,
  FIXED_ONCE,
  huaweiClient,
  NIGHTLY,
  OTHER_PROJECT,
  PROJECT,
  RUNNING,
  restartDaily,
  SEED,
  SERVER,
  SERVER_GROUP,
  taskPath,
  tasksPath,
  UNKNOWN,
  UUID,
} from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, setClock, state, listed, future, create } = huaweiClient(() => app);

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
      error_code: "WKS.00211902",
      error_msg: `The scheduled task does not exist: no task "${id}" in this project.`,
    });
    expect((await call("GET", `${taskPath(id)}/execute-history`)).status).toBe(404);
  });

  test("tasks live in their project: another project neither lists nor finds them", async () => {
    expect((await call("GET", taskPath(SEED, OTHER_PROJECT))).status).toBe(404);
    const other = await call("GET", tasksPath(OTHER_PROJECT));
    expect(other.body.count).toBe(6);
    expect(other.body.items.map((t: { id: string }) => t.id)).not.toContain(SEED);
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
    expect(res.body.error_msg).toBe('The parameter is invalid. scheduled_type: "day" is not one of FIXED_TIME, DAY, WEEK, MONTH');
  });

  test("huawei-task-name-spaces, huawei-task-name-charset: the definitions' pattern holds on create too; Chinese names and hyphens pass", async () => {
    const spaced = await call("POST", tasksPath(), { body: { ...restartDaily, task_name: "nightly restart" } });
    expect(spaced.status).toBe(400);
    expect(spaced.body.error_msg).toBe('The parameter is invalid. task_name: "nightly restart" may only hold letters, digits, Chinese characters, _ and -');
    expect((await call("POST", tasksPath(), { body: { ...restartDaily, task_name: "定时-重启_01" } })).status).toBe(200);
  });

  test("huawei-target-id-array: an array target_id is refused; several objects are several entries", async () => {
    const array = await call("POST", tasksPath(), {
      body: { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: [SERVER] }] },
    });
    expect(array.body.error_msg).toBe("The parameter is invalid. target_infos/0/target_id: must be a string, not an array");
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

  test('huawei-update-empty-strings: "" is no value: PATCH clears, create and future-executions leave unset; expire_time "" only on PATCH', async () => {
    const cleared = await call("PATCH", taskPath(SEED), { body: { week_list: "", description: "", expire_time: "" } });
    expect(cleared.status).toBe(200);
    for (const field of ["week_list", "description", "expire_time"]) expect(cleared.body).not.toHaveProperty(field);
    expect((await call("GET", taskPath(SEED))).body).not.toHaveProperty("description");
    // Before: create refused "" (week_list must match pattern, description must NOT have fewer than 1 characters).
    const created = await call("POST", tasksPath(), { body: { ...restartDaily, week_list: "", month_list: "", date_list: "", scheduled_date: "", description: "" } });
    expect(created.status).toBe(200);
    for (const field of ["week_list", "month_list", "date_list", "scheduled_date", "description"]) expect(created.body).not.toHaveProperty(field);
    const calculated = await future({ scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", week_list: "", scheduled_date: "" });
    expect(calculated.status).toBe(200);
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
    expect((await call("GET", `${tasksPath()}?limit=0`)).body.error_msg).toBe("The parameter is invalid. limit: 0 is less than 1");
    expect((await call("GET", `${tasksPath()}?task_type=REBOOT`)).body.error_msg).toBe(
      'The parameter is invalid. task_type: "REBOOT" is not one of RESTART_SERVER, START_SERVER, STOP_SERVER, REINSTALL_OS, UPGRADE_ACCESS_AGENT',
    );
    expect((await call("GET", `${tasksPath()}?task_name=${"n".repeat(65)}`)).body.error_msg).toBe(
      "The parameter is invalid. task_name: must be at most 64 characters (it has 65)",
    );
  });

  test("H7, H8: the definition's task_type list (UPGRADE_ACCESS_AGENT, matching none) and empty filters (matching all)", async () => {
    // Before: UPGRADE_ACCESS_AGENT and task_name= were 400s.
    expect((await call("GET", `${tasksPath()}?task_type=UPGRADE_ACCESS_AGENT`)).body).toEqual({ count: 0, items: [] });
    expect((await call("GET", `${tasksPath()}?task_type=&task_name=`)).body.count).toBe(30);
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
      "The parameter is invalid. items: must list at most 20 items (it lists 21)",
    );
    expect((await call("POST", batchPath, { body: { items: many.slice(0, 20) } })).status).toBe(200);
  });
});

describe("batch delete", () => {
  test("takes 1 to 20 ids: an empty list is a 400 and deletes nothing", async () => {
    const id = await create(daily);
    const res = await call("POST", `${tasksPath()}/actions/batch-delete`, { body: { items: [] } });
    expect(res).toMatchObject({ status: 400, body: { error_msg: "The parameter is invalid. items: must list at least 1 item" } });
    expect(await listed(id)).toBeDefined();
    expect((await call("POST", `${tasksPath()}/actions/batch-delete`, { body: { items: [id, "no-such-task"] } })).status).toBe(200);
    expect(await listed(id)).toBeUndefined();
  });
});
