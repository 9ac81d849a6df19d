// awork's forced and generated answers (VendorAdapter.forcedError and conform), the same template
// in every vendor's forced.ts. forcedError: a status forced by Prefer, __code or a fault rule
// without naming an example answers the error the handler would give for this request, naming its
// ids. conform: a body generated from the schema (Prefer: dynamic=true) obeys the spec's rules a
// schema cannot state (x-taskmock-rules of TaskSchedule and AworkError).
import type { ForcedRequest, VendorError } from "../../engine/vendor.js";
import { INVALID_OPERATION, linkFor, NOT_FOUND, taskWithoutDates, traceId } from "./errors.js";
import { instant, plannedDuration } from "./records.js";
import { MAX_PLANNED_SECONDS } from "./rules.js";

/** A request value as sent, when there is one to name. */
const named = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The body's member `name`, when the body is an object. */
function member(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
}

/**
 * The handler's own error for a forced status, worded for this request: every 404 names the id
 * asked for (the schedule in the path, the task in the path or the body), and the bytaskid
 * operation's 400 names its task. Other statuses keep the operation's first documented example
 * (undefined), whose words name no request value.
 */
export function forcedError(status: number, request: ForcedRequest): VendorError | undefined {
  const { operationId } = request.operation;
  if (status === 404) {
    const scheduleId = named(request.params["taskScheduleId"]);
    if (scheduleId !== undefined) return { status, kind: "not-found", message: NOT_FOUND.schedule(scheduleId) };
    const taskId = named(operationId === "createTaskSchedule" ? member(request.body, "taskId") : request.params["taskId"]);
    if (taskId !== undefined) return { status, kind: "not-found", message: NOT_FOUND.task(taskId) };
    return undefined;
  }
  if (status === 400 && operationId === "createTaskSchedulesFromTask") {
    const taskId = named(request.params["taskId"]);
    if (taskId !== undefined) return { status, kind: "validation", code: INVALID_OPERATION, message: taskWithoutDates(taskId) };
  }
  return undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Two instants in order: the later one second if they are not (equal ones an hour apart). */
function ordered(record: Json, first: string, second: string, strictly: boolean): void {
  const a = record[first];
  const b = record[second];
  if (typeof a !== "string" || typeof b !== "string") return;
  const from = instant(a);
  const to = instant(b);
  if (Number.isNaN(from) || Number.isNaN(to)) return;
  if (to < from) {
    record[first] = b;
    record[second] = a;
  } else if (strictly && to === from) {
    record[second] = new Date(to + 3_600_000).toISOString();
  }
}

/**
 * A task schedule as the handlers make one: endDate after startDate within what plannedDuration
 * (int32) holds, plannedDuration the whole seconds between them, updatedOn not before createdOn.
 */
function conformSchedule(schedule: unknown): void {
  if (!isObject(schedule)) return;
  ordered(schedule, "startDate", "endDate", true);
  ordered(schedule, "createdOn", "updatedOn", false);
  const { startDate, endDate } = schedule;
  if (typeof startDate !== "string" || typeof endDate !== "string") return;
  if (plannedDuration(startDate, endDate) > MAX_PLANNED_SECONDS) schedule["endDate"] = new Date(instant(startDate) + 3_600_000).toISOString();
  schedule["plannedDuration"] = plannedDuration(startDate, schedule["endDate"] as string);
}

/** The codes each status carries (AworkError's rules); the first is the one a generated body gets when its code does not fit. */
const CODES_BY_STATUS: Record<number, string[]> = {
  400: ["validation-failed", "invalid-model", "request-body-too-large", "invalid-filter-or-order", "date-dependency", "invalid-operation"],
  401: ["workspaceid-missing", "unauthorized"],
  404: ["not-found"],
  405: ["method-not-allowed"],
  429: ["rate-limit-exceeded"],
};

/** An error object as errorBody makes one: a code of its status, the link of its code, the trace id of its content. */
function conformError(status: number, error: unknown): void {
  if (!isObject(error)) return;
  const codes = CODES_BY_STATUS[status];
  if (codes && !codes.includes(String(error["code"]))) error["code"] = codes[0];
  const code = String(error["code"]);
  error["link"] = linkFor(code);
  const validationErrors = Array.isArray(error["validationErrors"]) ? error["validationErrors"] : [];
  error["traceId"] = traceId({ status, code, description: error["description"], validationErrors });
}

/** A generated body made to obey the rules of the operation's answer of `status`. */
export function conform(operationId: string, status: number, body: unknown): unknown {
  if (status >= 400) conformError(status, body);
  else if (operationId === "listTaskSchedules" && Array.isArray(body)) body.forEach(conformSchedule);
  else conformSchedule(body);
  return body;
}
