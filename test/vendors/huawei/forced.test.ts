// Forced and generated answers that fit the request (src/vendors/huawei/forced.ts): an error a test
// forces without naming an example is the one the handlers would give for this request (the 404
// names the requested task, execution or project), every forced answer carries X-Request-Id, and
// a body generated with Prefer: dynamic=true obeys the spec's x-taskmock-rules, seed after seed.
import { CronExpressionParser } from "cron-parser";
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { isKnownZone } from "../../../src/vendors/zones.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { batchPath, EXECUTION, futurePath, huaweiClient, type Json, PROJECT, restartDaily, SEED, taskPath, tasksPath, UNKNOWN } from "./client.js";
import { signedHeaders } from "./signing.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, admin } = huaweiClient(() => app);

const NO_PROJECT = "ffffffffffffffffffffffffffffffff";
const REQUEST_ID = /^[0-9a-f]{32}$/;
const future = { scheduled_type: "DAY", day_interval: 1, scheduled_time: "09:00:00" };

/** [operation, method, path on an id the handler answers 404 for, body, path on a stored id, what the 404 names there]. */
const NOT_FOUND: [string, string, string, unknown, string, string][] = [
  ["createScheduleTask", "POST", tasksPath(NO_PROJECT), restartDaily, tasksPath(), `no project "${PROJECT}"`],
  ["listScheduleTasks", "GET", tasksPath(NO_PROJECT), undefined, tasksPath(), `no project "${PROJECT}"`],
  ["showScheduleTask", "GET", taskPath(UNKNOWN), undefined, taskPath(SEED), `no task "${SEED}"`],
  ["updateScheduleTask", "PATCH", taskPath(UNKNOWN), { description: "x" }, taskPath(SEED), `no task "${SEED}"`],
  // DELETE of an unknown task succeeds: only an unknown project is its 404.
  ["deleteScheduleTask", "DELETE", taskPath(UNKNOWN, NO_PROJECT), undefined, taskPath(SEED), `no project "${PROJECT}"`],
  ["batchDeleteScheduleTask", "POST", `${tasksPath(NO_PROJECT)}/actions/batch-delete`, { items: [SEED] }, batchPath, `no project "${PROJECT}"`],
  ["listFutureExecutions", "POST", `${tasksPath(NO_PROJECT)}/future-executions`, future, futurePath, `no project "${PROJECT}"`],
  ["listTaskExecuteHistory", "GET", `${taskPath(UNKNOWN)}/execute-history`, undefined, `${taskPath(SEED)}/execute-history`, `no task "${SEED}"`],
  ["listTaskExecuteDetail", "GET", `${taskPath(UNKNOWN)}/execute-detail`, undefined, `${taskPath(EXECUTION)}/execute-detail`, `no execution "${EXECUTION}"`],
];

describe("a forced 404 is the handler's own, naming what the request names", () => {
  test.each(NOT_FOUND)("%s", async (_op, method, missing, body, stored, names) => {
    // Before: every forced 404 was the first documented example, naming 00000000-…-0000000000ff.
    const handled = await call(method, missing, { body });
    expect(handled.status).toBe(404);
    const forced = await call(method, missing, { body, prefer: "code=404" });
    expect(forced.status).toBe(404);
    expect(forced.body).toEqual(handled.body);
    expect(forced.headers.get("x-request-id")).toMatch(REQUEST_ID);

    const onStored = await call(method, stored, { body, prefer: "code=404" });
    expect(onStored.status).toBe(404);
    expect(onStored.body.error_code).toBe("WKS.00211902");
    expect(onStored.body.error_msg).toContain(names);
    expect(onStored.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });

  test("a fault rule's 404 names the requested task too, by __code as well", async () => {
    await admin("POST", "faults", { vendor: "huawei", operationId: "showScheduleTask", status: 404, times: 1 });
    const res = await call("GET", taskPath(SEED));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error_code: "WKS.00211902", error_msg: `The scheduled task does not exist: no task "${SEED}" in this project.` });
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect((await call("GET", `${taskPath(SEED)}?__code=404`)).body.error_msg).toContain(SEED);
  });

  test("an example asked by name is sent as documented", async () => {
    const res = await call("GET", taskPath(SEED), { prefer: "example=projectNotFound" });
    expect(res.body).toEqual({ error_code: "WKS.00211902", error_msg: 'The project does not exist: no project "ffffffffffffffffffffffffffffffff".' });
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });
});

describe("other forced errors", () => {
  test("409 on DELETE names the task, as a running task's refusal does", async () => {
    const res = await call("DELETE", taskPath(SEED), { prefer: "code=409" });
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe("WKS.00211103");
    expect(res.body.error_msg).toContain(`Task ${SEED} is running`);
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });

  test("401 is the gateway's refusal, its request_id the answer's X-Request-Id; a signed request hears of its signature", async () => {
    // Before: the example's request_id, another answer's.
    const res = await call("GET", tasksPath(), { prefer: "code=401" });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: decrypt token fail",
      request_id: res.headers.get("x-request-id"),
    });
    const headers = { ...signedHeaders("GET", `http://127.0.0.1:4010${tasksPath()}`), prefer: "code=401" };
    const signed = await request(app, tasksPath(), { headers });
    const body: Json = await signed.json();
    expect(body).toEqual({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail", request_id: signed.headers.get("x-request-id") });
  });

  test.each([
    [400, "WKS.00211102"],
    [403, "WKS.00081102"],
    [500, "WKS.00211401"],
    [503, "WKS.00050902"],
  ])("%i keeps its documented example, with an X-Request-Id", async (status, code) => {
    const res = await call("GET", taskPath(SEED), { prefer: `code=${status}` });
    expect(res.status).toBe(status);
    expect(res.body.error_code).toBe(code);
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });
});

// ---- Prefer: dynamic=true obeys the rules, seed after seed ----

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ms = (t: string) => Date.parse(t);

/** A task's schedule rules (ScheduleTaskCreate x-taskmock-rules): the fields its type needs, their formats, a known zone. */
function expectWholeSchedule(task: Json): void {
  expect(isKnownZone(task.time_zone), task.time_zone).toBe(true);
  expect(task.scheduled_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
  const needs: Record<string, string[]> = { FIXED_TIME: ["scheduled_date"], DAY: ["day_interval"], WEEK: ["week_list"], MONTH: ["month_list", "date_list"] };
  for (const field of needs[task.scheduled_type] ?? ["unknown type"]) expect(task[field], `${task.scheduled_type} needs ${field}`).toBeDefined();
}

/** task_cron is the Quartz expression of the schedule (ScheduleTask rules), read back field by field. */
function expectCron(task: Json): void {
  const [second, minute, hour, day, month, weekday, year] = task.task_cron.split(" ");
  expect([hour, minute, second].map((n: string) => n.padStart(2, "0")).join(":")).toBe(task.scheduled_time);
  const [y, m, d] = (task.scheduled_date ?? "").split("-").map(Number);
  const expected: Record<string, string[]> = {
    FIXED_TIME: [String(d), String(m), "?", String(y)],
    DAY: [`*/${task.day_interval}`, "*", "?"],
    WEEK: ["?", "*", task.week_list],
    MONTH: [task.date_list, task.month_list, "?"],
  };
  expect([day, month, weekday, ...(year ? [year] : [])]).toEqual(expected[task.scheduled_type]);
}

/**
 * next_execution_time (ScheduleTask rules): absent when disabled or expired; else a time of day
 * scheduled_time, after the answer's clock (`now`) in the task's zone, not after expire_time, and
 * the first such run (a DAY or FIXED_TIME task's runs are days apart; cron-parser lists WEEK and MONTH runs).
 */
function expectNext(task: Json, now: number): void {
  const expired = task.expire_time !== undefined && ms(task.expire_time) <= now;
  if (!task.is_enable || expired) {
    expect(task.next_execution_time).toBeUndefined();
    return;
  }
  if (task.next_execution_time === undefined) {
    // Only a FIXED_TIME run in the past, or runs all after expire_time, leave none.
    const runsLeft = task.scheduled_type !== "FIXED_TIME" && task.expire_time === undefined;
    expect(runsLeft, JSON.stringify(task)).toBe(false);
    return;
  }
  expect(task.next_execution_time).toMatch(TIME);
  expect(task.next_execution_time.slice(11)).toBe(task.scheduled_time);
  const at = instant(task.next_execution_time, task.time_zone);
  expect(at).toBeGreaterThan(now);
  if (task.expire_time !== undefined) expect(at).toBeLessThanOrEqual(ms(task.expire_time));
  if (task.scheduled_type === "WEEK" || task.scheduled_type === "MONTH") {
    const cron = task.task_cron.split(" ").slice(0, 6).join(" ");
    const from = Math.max(now, ms(task.create_time), task.scheduled_date ? instant(`${task.scheduled_date} 00:00:00`, task.time_zone) - 1 : 0);
    const parsed = CronExpressionParser.parse(quartzToCronParser(cron), { currentDate: new Date(from), tz: task.time_zone });
    expect(parsed.next().getTime()).toBe(at);
  }
}

/** cron-parser's day-of-week counts from 0 (Sunday) where Quartz's counts from 1; L in a list is cron-parser's too. */
function quartzToCronParser(cron: string): string {
  const fields = cron.split(" ");
  if (fields[5] !== "?") fields[5] = (fields[5] as string).split(",").map((d) => String(Number(d) - 1)).join(",");
  return fields.map((f) => (f === "?" ? "*" : f)).join(" ");
}

/** The instant of a wall-clock `yyyy-MM-dd HH:mm:ss` in a zone. */
function instant(wall: string, zone: string): number {
  const guess = Date.parse(`${wall.replace(" ", "T")}Z`);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(at))
      .reduce<Record<string, string>>((out, p) => ({ ...out, [p.type]: p.value }), {});
    return Date.parse(`${parts["year"]}-${parts["month"]}-${parts["day"]}T${parts["hour"]}:${parts["minute"]}:${parts["second"]}Z`) - at;
  };
  return guess - offset(guess - offset(guess));
}

function expectTimesInOrder(record: Json, ...fields: string[]): void {
  const times = fields.filter((f) => record[f] !== undefined).map((f) => ms(record[f]));
  expect(times, JSON.stringify(record)).toEqual([...times].sort((a, b) => a - b));
}

/** A generated answer: its status 200, an X-Request-Id, and no report of a response that broke the spec. */
async function generated(seed: number, method: string, path: string, body?: unknown): Promise<Json> {
  const mock = mockOf("huawei", { seed });
  app = mock;
  const res = await call(method, path, { body, prefer: "dynamic=true" });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
  expect(mock.reports).toEqual([]);
  return res.body;
}

describe("Prefer: dynamic=true obeys the spec's rules", () => {
  test("create: a new task (enabled, WAITING, created now) with a whole schedule, its task_cron and next run derived", async () => {
    const ids = new Set<string>();
    for (const seed of SEEDS) {
      const task = await generated(seed, "POST", tasksPath(), restartDaily);
      ids.add(task.id);
      expectWholeSchedule(task);
      expectCron(task);
      expect(task).toMatchObject({ is_enable: true, last_status: "WAITING", update_time: task.create_time });
      expectNext(task, ms(task.update_time));
    }
    // Generated, not the documented example every time.
    expect(ids.size).toBe(SEEDS.length);
  });

  test("PATCH: WAITING, update_time not before create_time, task_cron and next run as of the change", async () => {
    const types = new Set<string>();
    for (const seed of SEEDS) {
      const task = await generated(seed, "PATCH", taskPath(SEED), { description: "x" });
      types.add(task.scheduled_type);
      expectWholeSchedule(task);
      expectCron(task);
      expect(task.last_status).toBe("WAITING");
      expectTimesInOrder(task, "create_time", "update_time");
      expectNext(task, ms(task.update_time));
    }
    expect(types.size).toBe(4);
  });

  test("list: newest first, count at least the page, each task whole and its next run after the latest change", async () => {
    for (const seed of SEEDS) {
      const list = await generated(seed, "GET", tasksPath());
      expect(list.count).toBeGreaterThanOrEqual(list.items.length);
      const created = list.items.map((t: Json) => ms(t.create_time));
      expect(created).toEqual([...created].sort((a, b) => b - a));
      const now = Math.max(...list.items.map((t: Json) => ms(t.update_time)));
      for (const task of list.items) {
        expectWholeSchedule(task);
        expectCron(task);
        expectTimesInOrder(task, "create_time", "update_time");
        expectNext(task, now);
      }
    }
  });

  test("detail: a whole schedule, each target once", async () => {
    for (const seed of SEEDS) {
      const task = await generated(seed, "GET", taskPath(SEED));
      expectWholeSchedule(task);
      const pairs = task.target_infos.map((t: Json) => `${t.target_type} ${t.target_id}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    }
  });

  test("future executions: earliest first, each once, at most five, in a known zone", async () => {
    for (const seed of SEEDS) {
      const body = await generated(seed, "POST", futurePath, future);
      expect(isKnownZone(body.time_zone)).toBe(true);
      expect(body.future_executions.length).toBeLessThanOrEqual(5);
      const sorted = [...new Set<string>(body.future_executions)].sort();
      expect(body.future_executions).toEqual(sorted);
    }
  });

  test("execution history: counts and times as each status says, one task, latest first", async () => {
    const statuses = new Set<string>();
    for (const seed of SEEDS) {
      const list = await generated(seed, "GET", `${taskPath(SEED)}/execute-history`);
      expect(list.count).toBeGreaterThanOrEqual(list.items.length);
      expect(new Set(list.items.map((h: Json) => h.task_id)).size).toBeLessThanOrEqual(1);
      const latest = list.items.map((h: Json) => ms(h.begin_time ?? h.create_time));
      expect(latest).toEqual([...latest].sort((a, b) => b - a));
      for (const h of list.items) {
        statuses.add(h.status);
        expect(isKnownZone(h.time_zone)).toBe(true);
        expect(h.success_count + h.failed_count + h.excuting_count).toBeLessThanOrEqual(h.total_count);
        expectTimesInOrder(h, "create_time", "begin_time", "end_time");
        if (h.status === "WAITING") expect([h.begin_time, h.end_time, h.success_count + h.failed_count + h.excuting_count]).toEqual([undefined, undefined, 0]);
        if (h.status === "RUNNING") expect([h.begin_time !== undefined, h.end_time, h.excuting_count > 0]).toEqual([true, undefined, true]);
        if (h.status === "SUCCESS") expect([h.end_time !== undefined, h.success_count, h.excuting_count]).toEqual([true, h.total_count, 0]);
        if (h.status === "FAILED") expect([h.end_time !== undefined, h.failed_count > 0, h.excuting_count]).toEqual([true, true, 0]);
      }
    }
    expect(statuses.size).toBe(4);
  });

  test("execution details: one execution, times as each status says, a result only on a failed sub-task", async () => {
    for (const seed of SEEDS) {
      const list = await generated(seed, "GET", `${taskPath(EXECUTION)}/execute-detail`);
      expect(list.count).toBeGreaterThanOrEqual(list.items.length);
      expect(new Set(list.items.map((d: Json) => d.execute_id)).size).toBeLessThanOrEqual(1);
      for (const d of list.items) {
        expect(isKnownZone(d.time_zone)).toBe(true);
        expectTimesInOrder(d, "begin_time", "end_time");
        if (d.status !== "FAILED") expect([d.result_code, d.result_message]).toEqual([undefined, undefined]);
        if (d.status === "WAITING") expect(d.begin_time).toBeUndefined();
        if (d.status !== "SUCCESS" && d.status !== "FAILED") expect(d.end_time).toBeUndefined();
      }
    }
  });
});
