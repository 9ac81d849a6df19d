// The rules of a task body that its schema cannot state (x-taskmock-rules of ScheduleTaskCreate,
// ScheduleTaskUpdate, FutureExecutionsRequest and TargetInfo), each a violation naming its field.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { components } from "../../generated/huawei.js";
import { ruleViolation } from "../common.js";
import { isKnownZone } from "../zones.js";
import { monthScheduleCanFire, type Schedule, wallClockInstant } from "./calendar.js";
import { type Context, targetObject } from "./records.js";

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
      const params = { missingProperty: field, scheduled_type: schedule.scheduled_type };
      violations.push(ruleViolation(`/${field}`, `is required when scheduled_type is ${schedule.scheduled_type}`, "required", "body", { params }));
    }
  }
  for (const field of LISTS) {
    const values = schedule[field]?.split(",") ?? [];
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated !== undefined) {
      const detail = { params: { repeated }, value: schedule[field] };
      violations.push(ruleViolation(`/${field}`, `must not repeat a value (${repeated})`, "uniqueItems", "body", detail));
    }
  }
  const zoneKnown = isKnownZone(schedule.time_zone);
  if (!zoneKnown) {
    const message = `is not an IANA time zone name: ${JSON.stringify(schedule.time_zone)}`;
    violations.push(ruleViolation("/time_zone", message, "timeZone", "body", { value: schedule.time_zone }));
  }
  if (schedule.scheduled_type === "MONTH" && schedule.month_list !== undefined && schedule.date_list !== undefined) {
    if (!monthScheduleCanFire(schedule.month_list, schedule.date_list)) {
      violations.push(
        ruleViolation("/date_list", `names no day that the months ${schedule.month_list} have, so the task would never run`, "schedule", "body", {
          params: { month_list: schedule.month_list },
          value: schedule.date_list,
        }),
      );
    }
  }
  if (zoneKnown && schedule.scheduled_date !== undefined && schedule.expire_time !== undefined) {
    const { scheduled_date, scheduled_time, time_zone, expire_time } = schedule;
    if (Date.parse(expire_time) <= wallClockInstant(scheduled_date, scheduled_time, time_zone).getTime()) {
      const message = `must be later than scheduled_date ${scheduled_date} ${scheduled_time} (${time_zone})`;
      const detail = { params: { scheduled_date, scheduled_time, time_zone }, value: expire_time };
      violations.push(ruleViolation("/expire_time", message, "expireAfterSchedule", "body", detail));
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
        ruleViolation(`/target_infos/${index}/target_id`, `no ${target.target_type} ${target.target_id} in this project`, "exists", "body", {
          params: { target_type: target.target_type },
          value: target.target_id,
        }),
      );
    }
    const pair = `${target.target_type} ${target.target_id}`;
    if (seen.has(pair)) violations.push(ruleViolation("/target_infos", `lists ${pair} more than once`, "uniqueItems", "body", { value: target }));
    seen.add(pair);
  });
  return violations;
}
