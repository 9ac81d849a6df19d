// Forced and generated answers that fit the request and the spec's rules (the same file in every
// vendor's folder). forcedError: the error a test forces (Prefer: code=N, __code, a fault rule)
// without naming an example, worded as the handlers word it for this request: a 404 names the
// requested task, execution or project with WKS.00211902, a 409 the task, a 401 is the API
// gateway's sign-in refusal whose request_id is the answer's X-Request-Id. conform: a body
// generated from the schema (Prefer: dynamic=true) made to obey the x-taskmock-rules a schema
// cannot state: a whole schedule in a known zone, task_cron and next_execution_time derived from
// it, create_time <= update_time, execution counts and times consistent with their status, lists
// in their documented order.
import type { ForcedRequest, VendorError } from "../../engine/vendor.js";
import { DEFAULT_TIME_ZONE, executionTime, type Schedule, taskCron } from "./calendar.js";
import { CODES, executeHistoryMissing, projectMissing, SIGN_IN, taskMissing, taskRunning } from "./errors.js";
import { isKnownZone } from "../zones.js";
import { nextFire, type TaskRecord } from "./records.js";
import { requestRules } from "./rules.js";

type Json = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : String(value ?? ""));

/** What each operation's 404 names, as its handler's would (an unknown task on DELETE is not a 404: only the project is). */
const NOT_FOUND: Record<string, (params: Record<string, unknown>) => VendorError> = {
  createScheduleTask: (p) => projectMissing(text(p["project_id"])),
  listScheduleTasks: (p) => projectMissing(text(p["project_id"])),
  showScheduleTask: (p) => taskMissing(text(p["task_id"])),
  updateScheduleTask: (p) => taskMissing(text(p["task_id"])),
  deleteScheduleTask: (p) => projectMissing(text(p["project_id"])),
  batchDeleteScheduleTask: (p) => projectMissing(text(p["project_id"])),
  listFutureExecutions: (p) => projectMissing(text(p["project_id"])),
  listTaskExecuteHistory: (p) => taskMissing(text(p["task_id"])),
  listTaskExecuteDetail: (p) => executeHistoryMissing(text(p["execute_history_id"])),
};

/** VendorAdapter.forcedError. */
export function huaweiForcedError(status: number, request: ForcedRequest): VendorError | undefined {
  const { operationId } = request.operation;
  switch (status) {
    case 404:
      return NOT_FOUND[operationId]?.(request.params);
    case 409:
      return operationId === "deleteScheduleTask" ? taskRunning(text(request.params["task_id"])) : undefined;
    case 401: {
      // The gateway's refusal, with the request_id of this answer (the documented example's is another answer's).
      const signed = typeof request.principal?.["secret_key"] === "string";
      return { status, kind: "unauthorized", message: signed ? SIGN_IN.badSignature : SIGN_IN.unknownToken, code: CODES.signIn };
    }
    default:
      return undefined;
  }
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const items = (list: unknown): Json[] => (isObject(list) && Array.isArray(list["items"]) ? list["items"].filter(isObject) : []);

/** A value for each schedule field a rule refuses (or a scheduled_type needs): valid for every scheduled_type (the lists are the spec's examples). */
const REPAIRS: Record<string, unknown> = {
  scheduled_time: "09:00:00",
  scheduled_date: "2026-01-05",
  day_interval: 1,
  week_list: "1,2,7",
  month_list: "1,3,12",
  date_list: "1,2,28,L",
  time_zone: DEFAULT_TIME_ZONE,
};

/** Makes a task's schedule whole: each field the schedule rules refuse gets its REPAIRS value. */
function wholeSchedule(task: Json): void {
  const rule = requestRules["listFutureExecutions"];
  if (!rule) return;
  // A repair can only remove violations (each value is valid and whole for every type), so two passes suffice.
  for (let pass = 0; pass < 2; pass++) {
    const violations = rule({ params: {}, query: {}, headers: {}, body: task });
    if (violations.length === 0) return;
    for (const v of violations) {
      const field = v.pointer.slice(1);
      if (Object.hasOwn(REPAIRS, field)) task[field] = REPAIRS[field];
    }
  }
}

/** Two date-times in order: the later one is never before the earlier. */
function ordered(record: Json, earlier: string, later: string): void {
  const a = record[earlier];
  const b = record[later];
  if (typeof a === "string" && typeof b === "string" && Date.parse(b) < Date.parse(a)) {
    record[earlier] = b;
    record[later] = a;
  }
}

/** task_cron from the schedule, next_execution_time the first run after `now` (none when disabled, expired or past). */
function derived(task: Json, now: number): void {
  const schedule = task as unknown as Schedule;
  if ("task_cron" in task) task["task_cron"] = taskCron(schedule);
  const next = nextFire(task as unknown as TaskRecord, now);
  if (next === undefined) delete task["next_execution_time"];
  else task["next_execution_time"] = executionTime(new Date(next), schedule.time_zone);
}

/** A ScheduleTask answer's own fields: a create answer is new (enabled, WAITING, created now), a PATCH answer WAITING. */
function conformTask(task: Json, answer: "create" | "patch" | "list"): void {
  wholeSchedule(task);
  ordered(task, "create_time", "update_time");
  if (answer === "create") {
    task["update_time"] = task["create_time"];
    task["is_enable"] = true;
  }
  if (answer !== "list") task["last_status"] = "WAITING";
}

/** target_infos with each (target_type, target_id) once. */
function uniqueTargets(task: Json): void {
  const targets = task["target_infos"];
  if (!Array.isArray(targets)) return;
  const seen = new Set<string>();
  task["target_infos"] = targets.filter((t) => {
    const pair = isObject(t) ? `${text(t["target_type"])} ${text(t["target_id"])}` : "";
    if (seen.has(pair)) return false;
    seen.add(pair);
    return true;
  });
}

/** count is the number of matches, never fewer than the page shows. */
function counted(list: Json): void {
  const count = list["count"];
  const shown = items(list).length;
  if (typeof count !== "number" || count < shown) list["count"] = shown;
}

function byNewest(read: (record: Json) => string): (a: Json, b: Json) => number {
  return (a, b) => Date.parse(read(b)) - Date.parse(read(a)) || (text(a["id"]) < text(b["id"]) ? -1 : text(a["id"]) > text(b["id"]) ? 1 : 0);
}

/** The same value of `field` on every item of a page (the path's task or execution). */
function sameOwner(list: Json[], field: string): void {
  const owner = list[0]?.[field];
  if (owner !== undefined) for (const item of list) item[field] = owner;
}

const plus = (time: string, ms: number): string => new Date(Date.parse(time) + ms).toISOString();
/** The mock's own runs: RUNNING one second after the execution is created, done two minutes later (ScheduleTaskExecuteHistory rules). */
const BEGIN_MS = 1000;
const RUN_MS = 2 * 60_000;

/** time_zone a zone the runtime knows. */
function knownZone(record: Json): void {
  const zone = record["time_zone"];
  if (typeof zone !== "string" || !isKnownZone(zone)) record["time_zone"] = DEFAULT_TIME_ZONE;
}

/** begin_time and end_time as the status says: none while WAITING, no end while RUNNING; begin_time is `begin`. */
function timed(record: Json, begin: string | undefined): void {
  const status = record["status"];
  delete record["begin_time"];
  delete record["end_time"];
  if (status === "WAITING" || begin === undefined || Number.isNaN(Date.parse(begin))) return;
  record["begin_time"] = new Date(Date.parse(begin)).toISOString();
  if (status !== "RUNNING") record["end_time"] = plus(begin, RUN_MS);
}

/** An execution's counts and times as its status says. */
function conformHistory(history: Json): void {
  knownZone(history);
  const status = text(history["status"]);
  const total = Math.max(Number(history["total_count"]) || 0, status === "WAITING" ? 0 : 1);
  const failed = Math.min(Math.max(Number(history["failed_count"]) || 0, 1), total);
  const counts: Record<string, [number, number, number]> = {
    WAITING: [0, 0, 0],
    RUNNING: [0, 0, total],
    SUCCESS: [total, 0, 0],
    FAILED: [total - failed, failed, 0],
  };
  const [success, fails, running] = counts[status] ?? [0, 0, 0];
  Object.assign(history, { total_count: total, success_count: success, failed_count: fails, excuting_count: running });
  const created = history["create_time"];
  timed(history, typeof created === "string" ? plus(created, BEGIN_MS) : undefined);
}

/** A sub-task: times as its status says, a result only when it failed. */
function conformSubTask(detail: Json): void {
  knownZone(detail);
  const begin = detail["begin_time"];
  timed(detail, typeof begin === "string" ? begin : undefined);
  if (detail["status"] !== "FAILED") {
    delete detail["result_code"];
    delete detail["result_message"];
  }
}

/** VendorAdapter.conform. */
export function huaweiConform(operationId: string, status: number, body: unknown): unknown {
  if (status !== 200 || !isObject(body)) return body;
  switch (operationId) {
    case "createScheduleTask":
    case "updateScheduleTask":
      conformTask(body, operationId === "createScheduleTask" ? "create" : "patch");
      // The answer's clock is the change it reports.
      derived(body, Date.parse(text(body["update_time"])));
      break;
    case "listScheduleTasks": {
      const tasks = items(body);
      for (const task of tasks) conformTask(task, "list");
      // The clock of the answer: no earlier than any task's last change.
      const now = Math.max(...tasks.map((t) => Date.parse(text(t["update_time"]))), 0);
      for (const task of tasks) derived(task, now);
      tasks.sort(byNewest((t) => text(t["create_time"])));
      body["items"] = tasks;
      counted(body);
      break;
    }
    case "showScheduleTask":
      wholeSchedule(body);
      uniqueTargets(body);
      break;
    case "listFutureExecutions": {
      knownZone(body);
      const runs = Array.isArray(body["future_executions"]) ? body["future_executions"].filter((t): t is string => typeof t === "string") : [];
      body["future_executions"] = [...new Set(runs)].sort();
      break;
    }
    case "listTaskExecuteHistory": {
      const histories = items(body);
      histories.forEach(conformHistory);
      sameOwner(histories, "task_id");
      histories.sort(byNewest((h) => text(h["begin_time"] ?? h["create_time"])));
      body["items"] = histories;
      counted(body);
      break;
    }
    case "listTaskExecuteDetail": {
      const subTasks = items(body);
      subTasks.forEach(conformSubTask);
      sameOwner(subTasks, "execute_id");
      body["items"] = subTasks;
      counted(body);
      break;
    }
  }
  return body;
}
