// Crego's rules over the request alone (the adapter's requestRules), run beside the schema so one
// 400 lists every violation at once: each crontab field parses and its time zone exists; a
// client's date-time is one Django can hold; a full PUT of a schedule leaves an interval or a
// crontab; the time limits of a body that holds both are in order. What needs the stored records
// (a name another schedule has, a PATCH's check after the merge) stays in the handlers.
// Each rule reads any JSON value: what is not of the type it checks is the schema's to report.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { RequestRule, RuleRequest } from "../../engine/vendor.js";
import { ruleViolation } from "../common.js";
import { CRON_FIELDS, type CronField, checkCronField, isIanaZone } from "./cron.js";
import { NO_SCHEDULE, RULES, TIME_LIMITS } from "./errors.js";
import { drfDateTime } from "./time.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The date-times a client sends in a schedule. */
export const CLIENT_TIMES = ["expires", "expires_at", "start_time"] as const;

/** A client's date-time Django cannot hold (a leap second, a year before 1): DRF's "wrong format". */
export function timeViolation(field: string, sent: string): Violation | undefined {
  if (drfDateTime(sent) !== undefined) return undefined;
  return ruleViolation(`/${field}`, "is not a date-time Django can hold", "format", "body", { params: { format: "date-time" }, value: sent });
}

/** Each crontab field sent that does not parse, and a time zone zoneinfo does not have (omitted fields take valid defaults). */
function crontabViolations(crontab: Json): Violation[] {
  const out: Violation[] = [];
  for (const field of Object.keys(CRON_FIELDS) as CronField[]) {
    const sent = crontab[field];
    if (typeof sent !== "string") continue;
    const check = checkCronField(field, sent);
    if (!check.ok) out.push(ruleViolation(`/crontab/${field}`, check.reason, RULES.cronValue, "body", { params: { field }, value: sent }));
  }
  const zone = crontab["timezone"];
  if (typeof zone === "string" && !isIanaZone(zone)) {
    out.push(ruleViolation("/crontab/timezone", "is not a zoneinfo time zone name", RULES.zoneChoice, "body", { value: zone }));
  }
  return out;
}

/**
 * A schedule's body: its crontab and date-times; and, where the body alone decides it (a PUT, or a
 * PATCH that sends both as null), that it leaves an interval or a crontab (conflict
 * crego-one-schedule-fields: the refusal names both fields).
 */
function scheduleRule(request: RuleRequest): Violation[] {
  const body = request.body;
  if (!isObject(body)) return [];
  const out: Violation[] = [];
  if (isObject(body["crontab"])) out.push(...crontabViolations(body["crontab"]));
  for (const field of CLIENT_TIMES) {
    const sent = body[field];
    const violation = typeof sent === "string" ? timeViolation(field, sent) : undefined;
    if (violation) out.push(violation);
  }
  if (body["interval"] === null && body["crontab"] === null) {
    out.push(...["/interval", "/crontab"].map((at) => ruleViolation(at, NO_SCHEDULE, RULES.noSchedule, "body", { value: null })));
  }
  return out;
}

/** A positive whole number of seconds (what the schema takes for a time limit). */
const isLimit = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1;

/**
 * A task's body that holds both time limits (a PUT always does): the soft one must come first.
 * A PATCH with only one of them is checked after the merge, by the handler.
 */
export function timeLimitViolation(soft: unknown, hard: unknown): Violation | undefined {
  if (!isLimit(soft) || !isLimit(hard) || soft < hard) return undefined;
  return ruleViolation("/", TIME_LIMITS, RULES.timeLimits, "body", { params: { time_limit: hard }, value: soft });
}

function taskRule(request: RuleRequest): Violation[] {
  const body = request.body;
  if (!isObject(body) || !Object.hasOwn(body, "soft_time_limit") || !Object.hasOwn(body, "time_limit")) return [];
  const violation = timeLimitViolation(body["soft_time_limit"], body["time_limit"]);
  return violation ? [violation] : [];
}

export const requestRules: Record<string, RequestRule> = {
  updateSchedule: scheduleRule,
  replaceSchedule: scheduleRule,
  updateTask: taskRule,
  replaceTask: taskRule,
};
