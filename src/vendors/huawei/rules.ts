// The rules of a task body that its schema cannot state (x-taskmock-rules of ScheduleTaskCreate,
// ScheduleTaskUpdate, FutureExecutionsRequest and TargetInfo), each a violation naming its field
// and, where there is one, quoting its value. The definitions give the schedule fields no pattern
// (minLength 0, maxLength 255): their formats come from the definitions' descriptions and are
// checked here, in words a person reads, never as a regular expression.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { components } from "../../generated/huawei.js";
import { ruleViolation } from "../common.js";
import { isKnownZone } from "../zones.js";
import { monthScheduleCanFire, type Schedule } from "./calendar.js";
import { type Context, targetObject } from "./records.js";

type TargetInfo = components["schemas"]["TargetInfo"];

/** A schedule as a request gives it, before the rules: scheduled_time may be missing ("" is no value). */
export type ScheduleInput = Omit<Schedule, "scheduled_time"> & { scheduled_time?: string };

/** The field each scheduled_type cannot do without (the definitions' descriptions). */
const NEEDS: Record<Schedule["scheduled_type"], (keyof Schedule)[]> = {
  FIXED_TIME: ["scheduled_date"],
  DAY: ["day_interval"],
  WEEK: ["week_list"],
  MONTH: ["month_list", "date_list"],
};

/** The format of each schedule field, and what a person is told when a value breaks it. */
const FORMATS = {
  week_list: { pattern: /^[1-7](,[1-7])*$/, says: "is not a comma-separated list of days 1 to 7 (1 is Sunday)" },
  month_list: { pattern: /^([1-9]|1[0-2])(,([1-9]|1[0-2]))*$/, says: "is not a comma-separated list of months 1 to 12" },
  date_list: { pattern: /^([1-9]|[12][0-9]|3[01]|L)(,([1-9]|[12][0-9]|3[01]|L))*$/, says: "is not a comma-separated list of days 1 to 31 or L" },
  scheduled_date: { pattern: /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, says: "is not a date as yyyy-MM-dd" },
  scheduled_time: { pattern: /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/, says: "is not a time as HH:mm:ss" },
} as const;

type FormattedField = keyof typeof FORMATS;

/** The fields whose "" is no value (conflict huawei-update-empty-strings), description included. */
export const EMPTY_IS_UNSET = new Set<string>([...Object.keys(FORMATS), "description"]);

/** Whether a `yyyy-MM-dd` that has the format names a day the calendar has (2026-02-30 does not). */
function realDate(text: string): boolean {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** A field's value against its format: a violation quoting the value, or none. */
function formatViolation(field: FormattedField, value: string): Violation | undefined {
  const { pattern, says } = FORMATS[field];
  const ok = pattern.test(value) && (field !== "scheduled_date" || realDate(value));
  if (ok) return undefined;
  const reason = pattern.test(value) ? "is not a day the calendar has" : says;
  return ruleViolation(`/${field}`, `${JSON.stringify(value)} ${reason}`, "format", "body", { value });
}

/**
 * Checks a whole schedule (for PATCH, the task after the merge): scheduled_time present, the
 * fields' formats, the per-type fields, a known time zone and a month schedule that can fire.
 * Only a schedule with no violation is handed to the calendar.
 */
export function scheduleViolations(schedule: ScheduleInput): Violation[] {
  const violations: Violation[] = [];
  if (schedule.scheduled_time === undefined) {
    violations.push(ruleViolation("/scheduled_time", "is required", "required", "body", { params: { missingProperty: "scheduled_time" } }));
  }
  const malformed = new Set<string>();
  for (const field of Object.keys(FORMATS) as FormattedField[]) {
    const value = schedule[field];
    if (value === undefined) continue;
    const violation = formatViolation(field, value);
    if (violation) {
      violations.push(violation);
      malformed.add(field);
    }
  }
  for (const field of NEEDS[schedule.scheduled_type]) {
    if (schedule[field] === undefined) {
      const params = { missingProperty: field, scheduled_type: schedule.scheduled_type };
      violations.push(ruleViolation(`/${field}`, `is required when scheduled_type is ${schedule.scheduled_type}`, "required", "body", { params }));
    }
  }
  if (!isKnownZone(schedule.time_zone)) {
    const message = `${JSON.stringify(schedule.time_zone)} is not an IANA time zone name`;
    violations.push(ruleViolation("/time_zone", message, "timeZone", "body", { value: schedule.time_zone }));
  }
  const { month_list, date_list } = schedule;
  if (schedule.scheduled_type === "MONTH" && month_list !== undefined && date_list !== undefined && !malformed.has("month_list") && !malformed.has("date_list")) {
    if (!monthScheduleCanFire(month_list, date_list)) {
      violations.push(
        ruleViolation("/date_list", `${JSON.stringify(date_list)} names no day that the months ${month_list} have, so the task would never run`, "schedule", "body", {
          params: { month_list },
          value: date_list,
        }),
      );
    }
  }
  return violations;
}

/** Each target names a server or server group of the project, and no pair is listed twice. */
export function targetViolations(c: Context, targets: TargetInfo[]): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  targets.forEach((target, index) => {
    if (!targetObject(c, target)) {
      violations.push(
        ruleViolation(`/target_infos/${index}/target_id`, `no ${target.target_type} ${JSON.stringify(target.target_id)} in this project`, "exists", "body", {
          params: { target_type: target.target_type },
          value: target.target_id,
        }),
      );
    }
    const pair = `${target.target_type} ${JSON.stringify(target.target_id)}`;
    if (seen.has(pair)) violations.push(ruleViolation("/target_infos", `lists ${pair} more than once`, "uniqueItems", "body", { value: target }));
    seen.add(pair);
  });
  return violations;
}
