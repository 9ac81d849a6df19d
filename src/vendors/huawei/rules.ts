// The rules of a task body that its schema cannot state (x-taskmock-rules of ScheduleTaskCreate,
// ScheduleTaskUpdate, FutureExecutionsRequest and TargetInfo), each a violation naming its field.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { components } from "../../generated/huawei.js";
import { ruleViolation } from "../common.js";
import { type Context, targetObject } from "./records.js";
import { isKnownTimeZone, monthScheduleCanFire, type Schedule, wallClockInstant } from "./schedule.js";

type TargetInfo = components["schemas"]["TargetInfo"];

/** The field each scheduled_type cannot do without. */
const NEEDS: Record<Schedule["scheduled_type"], (keyof Schedule)[]> = {
  FIXED_TIME: ["scheduled_date"],
  DAY: ["day_interval"],
  WEEK: ["week_list"],
  MONTH: ["month_list", "date_list"],
};

const LISTS = ["week_list", "month_list", "date_list"] as const;

/**
 * Checks a whole schedule (for PATCH, the task after the merge): the per-type fields, lists
 * without repeats, a known time zone, a month schedule that can fire, and expire_time after
 * scheduled_date at scheduled_time in the zone (conflict huawei-expire-before-schedule).
 */
export function scheduleViolations(schedule: Schedule): Violation[] {
  const violations: Violation[] = [];
  for (const field of NEEDS[schedule.scheduled_type]) {
    if (schedule[field] === undefined) {
      violations.push(ruleViolation(`/${field}`, `is required when scheduled_type is ${schedule.scheduled_type}`, "required"));
    }
  }
  for (const field of LISTS) {
    const values = schedule[field]?.split(",") ?? [];
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated !== undefined) violations.push(ruleViolation(`/${field}`, `must not repeat a value (${repeated})`, "uniqueItems"));
  }
  const zoneKnown = isKnownTimeZone(schedule.time_zone);
  if (!zoneKnown)
    violations.push(ruleViolation("/time_zone", `is not an IANA time zone name: ${JSON.stringify(schedule.time_zone)}`, "timeZone"));
  if (schedule.scheduled_type === "MONTH" && schedule.month_list !== undefined && schedule.date_list !== undefined) {
    if (!monthScheduleCanFire(schedule.month_list, schedule.date_list)) {
      violations.push(
        ruleViolation("/date_list", `names no day that the months ${schedule.month_list} have, so the task would never run`, "schedule"),
      );
    }
  }
  if (zoneKnown && schedule.scheduled_date !== undefined && schedule.expire_time !== undefined) {
    const start = wallClockInstant(schedule.scheduled_date, schedule.scheduled_time, schedule.time_zone);
    if (Date.parse(schedule.expire_time) <= start.getTime()) {
      violations.push(
        ruleViolation(
          "/expire_time",
          `must be later than scheduled_date ${schedule.scheduled_date} ${schedule.scheduled_time} (${schedule.time_zone})`,
          "expireAfterSchedule",
        ),
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
        ruleViolation(`/target_infos/${index}/target_id`, `no ${target.target_type} ${target.target_id} in this project`, "exists"),
      );
    }
    const pair = `${target.target_type} ${target.target_id}`;
    if (seen.has(pair)) violations.push(ruleViolation("/target_infos", `lists ${pair} more than once`, "uniqueItems"));
    seen.add(pair);
  });
  return violations;
}
