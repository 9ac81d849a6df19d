// The rules of a task body that its schema cannot state (x-taskmock-rules of ScheduleTaskCreate,
// ScheduleTaskUpdate, FutureExecutionsRequest and TargetInfo), each a violation naming its field
// and, where there is one, quoting its value. The definitions give the schedule fields no pattern
// (minLength 0, maxLength 255): their formats come from the definitions' descriptions and are
// checked here, in words a person reads, never as a regular expression.
//
// The rules over the request alone are request rules (`requestRules`, run by the validation stage
// beside the schema, so one answer lists the schema's violations and these together): they read
// the body whatever its shape and skip a field that is not of the type they check (the schema
// reports it). The rules that need the stored state stay with the handlers: a target that must
// exist in the project (targetViolations), and a PATCH's schedule as merged with the stored task
// (mergedScheduleViolations).
import type { Violation } from "../../engine/schemaCompiler.js";
import type { RequestRule } from "../../engine/vendor.js";
import type { components } from "../../generated/huawei.js";
import { ruleViolation } from "../common.js";
import { isKnownZone } from "../zones.js";
import { monthScheduleCanFire, type Schedule } from "./calendar.js";
import { type Context, targetObject } from "./records.js";

type TargetInfo = components["schemas"]["TargetInfo"];
type ScheduledType = Schedule["scheduled_type"];

/** The field each scheduled_type cannot do without (the definitions' descriptions). */
const NEEDS: Record<ScheduledType, (keyof Schedule)[]> = {
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
const FORMATTED = Object.keys(FORMATS) as FormattedField[];

/** The fields whose "" is no value (conflict huawei-update-empty-strings), description included. */
export const EMPTY_IS_UNSET = new Set<string>([...FORMATTED, "description"]);

/** A body's fields, when it is an object; anything else is the schema's to report. */
type Fields = Record<string, unknown>;

function fieldsOf(body: unknown): Fields | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Fields) : undefined;
}

/** Whether a field has no value: absent, or "" where "" is no value. */
function unset(fields: Fields, field: string): boolean {
  const value = fields[field];
  return value === undefined || (value === "" && EMPTY_IS_UNSET.has(field));
}

/** The scheduled_type a body names, when it is one of the four (else the schema reports it). */
function scheduledTypeOf(fields: Fields): ScheduledType | undefined {
  const type = fields["scheduled_type"];
  return typeof type === "string" && Object.hasOwn(NEEDS, type) ? (type as ScheduledType) : undefined;
}

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

/** The schedule fields a body sends as non-empty strings that break their formats, and the names of those fields. */
function formatViolations(fields: Fields): { violations: Violation[]; malformed: Set<string> } {
  const violations: Violation[] = [];
  const malformed = new Set<string>();
  for (const field of FORMATTED) {
    const value = fields[field];
    if (typeof value !== "string" || value === "") continue;
    const violation = formatViolation(field, value);
    if (violation) {
      violations.push(violation);
      malformed.add(field);
    }
  }
  return { violations, malformed };
}

function scheduledTimeRequired(): Violation {
  return ruleViolation("/scheduled_time", "is required", "required", "body", { params: { missingProperty: "scheduled_time" } });
}

function neededBy(type: ScheduledType, field: string): Violation {
  return ruleViolation(`/${field}`, `is required when scheduled_type is ${type}`, "required", "body", { params: { missingProperty: field, scheduled_type: type } });
}

/** The fields the scheduled_type needs that `missing` says are missing. */
function needsViolations(type: ScheduledType, missing: (field: string) => boolean): Violation[] {
  return NEEDS[type].filter(missing).map((field) => neededBy(type, field));
}

/** time_zone, when a string, must be a zone the runtime knows. */
function zoneViolations(fields: Fields): Violation[] {
  const zone = fields["time_zone"];
  if (typeof zone !== "string" || isKnownZone(zone)) return [];
  return [ruleViolation("/time_zone", `${JSON.stringify(zone)} is not an IANA time zone name`, "timeZone", "body", { value: zone })];
}

/** A MONTH schedule whose date_list names no day its month_list has would never run. */
function monthViolations(type: ScheduledType | undefined, month_list: unknown, date_list: unknown): Violation[] {
  if (type !== "MONTH" || typeof month_list !== "string" || typeof date_list !== "string") return [];
  if (month_list === "" || date_list === "" || monthScheduleCanFire(month_list, date_list)) return [];
  return [
    ruleViolation("/date_list", `${JSON.stringify(date_list)} names no day that the months ${month_list} have, so the task would never run`, "schedule", "body", {
      params: { month_list },
      value: date_list,
    }),
  ];
}

/**
 * A whole schedule as a body gives it (create, future-executions): scheduled_time present, the
 * fields' formats, the per-type fields, a known time zone and a month schedule that can fire.
 */
function scheduleViolations(fields: Fields): Violation[] {
  const violations: Violation[] = [];
  // Absent, the schema says it is required (and this one is dropped as said twice); "" is no value.
  if (unset(fields, "scheduled_time")) violations.push(scheduledTimeRequired());
  const formats = formatViolations(fields);
  violations.push(...formats.violations);
  const type = scheduledTypeOf(fields);
  if (type) violations.push(...needsViolations(type, (field) => unset(fields, field)));
  violations.push(...zoneViolations(fields));
  if (!formats.malformed.has("month_list") && !formats.malformed.has("date_list")) {
    violations.push(...monthViolations(type, fields["month_list"], fields["date_list"]));
  }
  return violations;
}

/** The same (target_type, target_id) pair may appear only once in target_infos. */
function targetPairViolations(fields: Fields): Violation[] {
  const targets = fields["target_infos"];
  if (!Array.isArray(targets)) return [];
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const { target_type: type, target_id: id } = fieldsOf(target) ?? {};
    if (typeof type !== "string" || typeof id !== "string") continue;
    const pair = `${type} ${JSON.stringify(id)}`;
    if (seen.has(pair)) violations.push(ruleViolation("/target_infos", `lists ${pair} more than once`, "uniqueItems", "body", { value: target }));
    seen.add(pair);
  }
  return violations;
}

/**
 * What a PATCH body alone breaks: the formats of the fields it sends, its time zone, a schedule
 * it clears that no task can do without (scheduled_time, or a field the scheduled_type it sends
 * needs), a MONTH schedule it gives whole that can never fire, and a target listed twice.
 */
function patchViolations(fields: Fields): Violation[] {
  const violations: Violation[] = [];
  if (fields["scheduled_time"] === "") violations.push(scheduledTimeRequired());
  const formats = formatViolations(fields);
  violations.push(...formats.violations);
  const type = scheduledTypeOf(fields);
  if (type) violations.push(...needsViolations(type, (field) => fields[field] === ""));
  violations.push(...zoneViolations(fields));
  if (!formats.malformed.has("month_list") && !formats.malformed.has("date_list")) {
    violations.push(...monthViolations(type, fields["month_list"], fields["date_list"]));
  }
  violations.push(...targetPairViolations(fields));
  return violations;
}

/** A rule over the body's fields; a body that is not an object is the schema's alone. */
function overFields(check: (fields: Fields) => Violation[]): RequestRule {
  return ({ body }) => {
    const fields = fieldsOf(body);
    return fields ? check(fields) : [];
  };
}

/** VendorAdapter.requestRules: the rules each operation's body breaks by itself, whatever the state. */
export const requestRules: Record<string, RequestRule> = {
  createScheduleTask: overFields((fields) => [...scheduleViolations(fields), ...targetPairViolations(fields)]),
  updateScheduleTask: overFields(patchViolations),
  listFutureExecutions: overFields(scheduleViolations),
};

/**
 * A PATCH's schedule as merged with the stored task (its fields already passed the request
 * rules, the stored ones were checked when they were written): scheduled_time present, the
 * fields its scheduled_type needs, and a MONTH schedule that can fire.
 */
export function mergedScheduleViolations(task: Partial<Schedule> & Pick<Schedule, "scheduled_type">): Violation[] {
  const violations: Violation[] = [];
  if (task.scheduled_time === undefined) violations.push(scheduledTimeRequired());
  violations.push(...needsViolations(task.scheduled_type, (field) => task[field as keyof Schedule] === undefined));
  violations.push(...monthViolations(task.scheduled_type, task.month_list, task.date_list));
  return violations;
}

/** Each target names a server or server group of the project (the state: the project's objects). */
export function targetViolations(c: Context, targets: TargetInfo[]): Violation[] {
  const violations: Violation[] = [];
  targets.forEach((target, index) => {
    if (targetObject(c, target)) return;
    violations.push(
      ruleViolation(`/target_infos/${index}/target_id`, `no ${target.target_type} ${JSON.stringify(target.target_id)} in this project`, "exists", "body", {
        params: { target_type: target.target_type },
        value: target.target_id,
      }),
    );
  });
  return violations;
}
