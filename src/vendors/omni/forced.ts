// Omni's forced and generated answers (VendorAdapter.forcedError and conform), the same template
// in every vendor's forced.ts. forcedError: a status forced by Prefer, __code or a fault rule
// without naming an example answers the error the handler would give for this request: a 404 in
// the handlers' words (which name no id), a 400 of a create or update naming the request's own
// schedule. conform: a body generated from the schema (Prefer: dynamic=true) obeys the spec's
// rules a schema cannot state (x-taskmock-rules of Schedule, ScheduleList and Error).
import type { ForcedRequest, VendorError } from "../../engine/vendor.js";
import { compareBy } from "../common.js";
import { isKnownZone } from "../zones.js";
import { checkCron } from "./cron.js";
import { describeSchedule, undescribable } from "./description.js";
import { CONNECTION_NOT_FOUND, reasonPhrase, SCHEDULE_NOT_FOUND } from "./errors.js";
import type { Schedule } from "./records.js";
import { omniRequestRules } from "./rules.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The two operations whose body is a schedule (the 400 the definition gives them: "Invalid cron expression or timezone"). */
const WRITES = new Set(["createSchemaRefreshSchedule", "updateSchemaRefreshSchedule"]);

/**
 * The handler's own error for a forced status, worded for this request. 404: "Schedule not found"
 * where the path names a schedule, else "Connection not found". 400 of a create or update: the
 * request rules' own refusal of its cron and zone when they find one; else the definition's
 * "Invalid cron expression or timezone" quoting the request's values (the documented example
 * quotes another expression). Other statuses keep the first documented example (undefined).
 */
export function forcedError(status: number, request: ForcedRequest): VendorError | undefined {
  const { operation } = request;
  if (status === 404) {
    const message = operation.template.includes("{scheduleId}") ? SCHEDULE_NOT_FOUND : CONNECTION_NOT_FOUND;
    return { status, kind: "not-found", message };
  }
  if (status !== 400 || !WRITES.has(operation.operationId) || !isObject(request.body)) return undefined;
  const { schedule, timezone } = request.body;
  if (typeof schedule !== "string" || typeof timezone !== "string") return undefined;
  const rule = omniRequestRules[operation.operationId];
  const violations = rule ? rule({ params: request.params, query: request.query, headers: {}, body: request.body }) : [];
  if (violations.length > 0) return { status, kind: "validation", message: violations.map((v) => v.message).join("; "), violations };
  return { status, kind: "validation", message: `Invalid cron expression or timezone: ${JSON.stringify(schedule)} in ${JSON.stringify(timezone)}` };
}

/** Expressions and zones of Omni's examples, for a generated value the rules refuse. */
const CRONS = ["00 09 * * ? *", "00 18 ? * MON-FRI *", "30 08 1 * ? *", "0 2 ? * SUN *", "0/15 * * * ? *"];
const ZONES = ["America/New_York", "Europe/London", "Asia/Tokyo", "UTC", "Europe/Berlin"];

/** One of `choices`, picked by the generated value it replaces (the same body, the same pick). */
function pick(choices: string[], seed: unknown): string {
  const text = String(seed);
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return choices[hash % choices.length] as string;
}

const validCron = (value: unknown): value is string => typeof value === "string" && checkCron(value).ok && undescribable(value) === undefined;
const validZone = (value: unknown): value is string => typeof value === "string" && isKnownZone(value);

/**
 * A schedule as the handlers make one: a cron the rules take and a zone Intl knows, createdAt
 * not after updatedAt (the same instant on create), disabledAt null on create and never before
 * createdAt, and the description derived from the cron and the zone at updatedAt.
 */
function conformSchedule(schedule: unknown, created: boolean): void {
  if (!isObject(schedule)) return;
  if (!validCron(schedule["schedule"])) schedule["schedule"] = pick(CRONS, schedule["schedule"]);
  if (!validZone(schedule["timezone"])) schedule["timezone"] = pick(ZONES, schedule["timezone"]);
  const { createdAt, updatedAt } = schedule;
  if (typeof createdAt !== "string" || typeof updatedAt !== "string") return;
  if (created) schedule["updatedAt"] = createdAt;
  else if (Date.parse(updatedAt) < Date.parse(createdAt)) {
    schedule["createdAt"] = updatedAt;
    schedule["updatedAt"] = createdAt;
  }
  const disabledAt = schedule["disabledAt"];
  if (created) schedule["disabledAt"] = null;
  else if (typeof disabledAt === "string" && Date.parse(disabledAt) < Date.parse(schedule["createdAt"] as string)) {
    schedule["disabledAt"] = schedule["updatedAt"];
  }
  const described = describeSchedule(schedule["schedule"] as string, schedule["timezone"] as string, new Date(schedule["updatedAt"] as string));
  if (described.ok) schedule["description"] = described.description;
}

/** The list's order: oldest createdAt first, ties by scheduleId. */
const byAge = compareBy<Schedule>([{ read: (s) => Date.parse(s.createdAt) }, { read: (s) => s.scheduleId }]);

/** Omni's error body in both shapes: the status's reason phrase, the status, detail the same as message. */
function conformError(status: number, error: unknown): void {
  if (!isObject(error)) return;
  error["error"] = reasonPhrase(status);
  error["status"] = status;
  if (typeof error["message"] === "string") error["detail"] = error["message"];
}

/** A generated body made to obey the rules of the operation's answer of `status`. */
export function conform(operationId: string, status: number, body: unknown): unknown {
  if (status >= 400) conformError(status, body);
  else if (operationId === "listSchemaRefreshSchedules" && isObject(body) && Array.isArray(body["schedules"])) {
    // One connection's schedules, the one in the path (which a generated body cannot know: the first's).
    const schedules = body["schedules"] as Json[];
    const connectionId = schedules[0]?.["connectionId"];
    for (const schedule of schedules) {
      conformSchedule(schedule, false);
      if (isObject(schedule)) schedule["connectionId"] = connectionId;
    }
    if (schedules.every(isObject)) (schedules as unknown as Schedule[]).sort(byAge);
  } else if (operationId !== "deleteSchemaRefreshSchedule") conformSchedule(body, operationId === "createSchemaRefreshSchedule");
  return body;
}
