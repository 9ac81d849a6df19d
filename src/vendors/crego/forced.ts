// Forced and generated answers that fit Crego's contract: the error a test forces (Prefer: code=N,
// __code, a fault rule) worded as Crego's handlers word it, and a body generated from the schema
// (Prefer: dynamic=true) made to obey the rules a schema cannot state (the spec's x-taskmock-rules).
import type { ForcedRequest, VendorError } from "../../engine/vendor.js";
import { CRON_FIELDS, type CronField, checkCronField, isIanaZone } from "./cron.js";
import { INVALID_PAGE, NOT_FOUND, SCHEDULE_NOT_FOUND } from "./errors.js";
import { drfDateTime } from "./time.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The 404 each operation's handler answers (DRF names no id: its messages are fixed). */
const NOT_FOUND_BY_OPERATION: Record<string, string> = {
  listSchedules: INVALID_PAGE,
  getSchedule: SCHEDULE_NOT_FOUND,
  updateSchedule: SCHEDULE_NOT_FOUND,
  replaceSchedule: SCHEDULE_NOT_FOUND,
  getTask: NOT_FOUND,
  updateTask: NOT_FOUND,
  replaceTask: NOT_FOUND,
};

/** A forced 404 says what the handler's would; every other status keeps its documented example. */
export function forcedError(status: number, request: ForcedRequest): VendorError | undefined {
  const message = status === 404 ? NOT_FOUND_BY_OPERATION[request.operation.operationId] : undefined;
  return message === undefined ? undefined : { status, kind: "not-found", message };
}

const SCHEDULE_OPERATIONS = new Set(["getSchedule", "updateSchedule", "replaceSchedule"]);
const TASK_OPERATIONS = new Set(["getTask", "updateTask", "replaceTask"]);

/** A generated 200 made to obey the Schedule, SchedulePage and Task rules. */
export function conform(operationId: string, status: number, body: unknown): unknown {
  if (status !== 200) return body;
  if (SCHEDULE_OPERATIONS.has(operationId)) conformSchedule(body);
  else if (operationId === "listSchedules") conformPage(body);
  else if (TASK_OPERATIONS.has(operationId)) conformTask(body);
  return body;
}

const SCHEDULE_TIMES = ["expires", "expires_at", "start_time", "last_run_at", "date_changed"] as const;

function conformSchedule(schedule: unknown): void {
  if (!isObject(schedule)) return;
  // Every date-time as DRF writes it (a generated one has milliseconds).
  for (const field of SCHEDULE_TIMES) {
    const value = schedule[field];
    if (typeof value === "string") schedule[field] = drfDateTime(value) ?? value;
  }
  // A crontab django-celery-beat takes: fields that parse, a zone that exists.
  const crontab = schedule["crontab"];
  if (isObject(crontab)) {
    for (const field of Object.keys(CRON_FIELDS) as CronField[]) {
      const value = crontab[field];
      if (typeof value === "string" && !checkCronField(field, value).ok) crontab[field] = "*";
    }
    if (typeof crontab["timezone"] === "string" && !isIanaZone(crontab["timezone"])) crontab["timezone"] = "UTC";
  }
  // An interval or a crontab is always set.
  if (schedule["interval"] === null && schedule["crontab"] === null) schedule["interval"] = { id: 1, every: 1, period: "days" };
  // A disabled schedule has forgotten when it last ran.
  if (schedule["enabled"] === false) schedule["last_run_at"] = null;
  const lastRun = schedule["last_run_at"];
  if (typeof lastRun !== "string") return;
  // A run counts: a schedule that ran has run at least once.
  if (typeof schedule["total_run_count"] === "number" && schedule["total_run_count"] < 1) schedule["total_run_count"] = 1;
  // No run before start_time: the earlier of the two is the start.
  const start = schedule["start_time"];
  if (typeof start === "string" && Date.parse(start) > Date.parse(lastRun)) {
    schedule["start_time"] = lastRun;
    schedule["last_run_at"] = start;
  }
  // No run once an expiry has passed: an expiry before the last run is dropped.
  const ran = Date.parse(schedule["last_run_at"] as string);
  for (const field of ["expires", "expires_at"] as const) {
    const expiry = schedule[field];
    if (typeof expiry === "string" && Date.parse(expiry) < ran) schedule[field] = null;
  }
}

/**
 * A page consistent with some page size: results by id, their number the page size, count the
 * whole pages' (total_pages = ceil(count / page_size)), the neighbours and flags derived.
 */
function conformPage(page: unknown): void {
  if (!isObject(page) || !Array.isArray(page["results"])) return;
  const results = page["results"] as unknown[];
  results.forEach(conformSchedule);
  results.sort((a, b) => idOf(a) - idOf(b));
  // Ids are unique: a repeated one moves past its predecessor.
  results.forEach((result, i) => {
    const previous = i > 0 ? idOf(results[i - 1]) : 0;
    if (isObject(result) && idOf(result) <= previous) result["id"] = previous + 1;
  });
  const size = results.length;
  const total = size === 0 ? 1 : Math.max(1, Math.trunc(Number(page["total_pages"])) || 1);
  const current = Math.min(total, Math.max(1, Math.trunc(Number(page["current_page"])) || 1));
  page["count"] = total * size;
  page["total_pages"] = total;
  page["current_page"] = current;
  page["has_previous"] = current > 1;
  page["has_next"] = current < total;
  page["previous_page"] = current > 1 ? current - 1 : null;
  page["next_page"] = current < total ? current + 1 : null;
}

const idOf = (record: unknown): number => (isObject(record) && typeof record["id"] === "number" ? record["id"] : 0);

const TASK_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const RATE_LIMIT = /^[0-9]+(\.[0-9]+)?(\/[smh])?$/;

/**
 * A generated string that its pattern's groups left as regular-expression text (faker's
 * fromRegExp writes `(\.bH)*` as is): without the syntax, `d(\.bH)*` reads `d.bH`, a dotted
 * name; undefined when even that does not fit.
 */
function unpatterned(value: string, pattern: RegExp): string | undefined {
  if (pattern.test(value)) return value;
  const text = value.replace(/[()?*+\\]/g, "");
  return pattern.test(text) ? text : undefined;
}

function conformTask(task: unknown): void {
  if (!isObject(task)) return;
  if (typeof task["date_changed"] === "string") task["date_changed"] = drfDateTime(task["date_changed"]) ?? task["date_changed"];
  // Celery task names are dotted Python names; a rate limit is "<number>[/s|m|h]".
  for (const field of ["name", "link", "link_error"]) {
    const value = task[field];
    if (typeof value === "string") task[field] = unpatterned(value, TASK_NAME) ?? (field === "name" ? "tasks.generated" : null);
  }
  if (typeof task["rate_limit"] === "string") task["rate_limit"] = unpatterned(task["rate_limit"], RATE_LIMIT) ?? null;
  // The soft time limit comes before the hard one.
  const soft = task["soft_time_limit"];
  const hard = task["time_limit"];
  if (typeof soft === "number" && typeof hard === "number" && soft >= hard) {
    task["soft_time_limit"] = hard;
    task["time_limit"] = soft === hard ? soft + 1 : soft;
  }
}
