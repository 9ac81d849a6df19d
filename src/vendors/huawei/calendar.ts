// Calendar arithmetic of a schedule: the Quartz task_cron a task shows, fire times, and the
// instant a wall-clock time happens in the task's zone. Runs are found by stepping calendar dates
// (DAY's "every n days from a start date", which no cron expression can state, and the dates a
// WEEK or MONTH calendar includes), each at scheduled_time in the zone; cron-parser, the
// reference the tests hold this to, decides a wall-clock time only near a change of the zone's
// offset (wallClockInstant).
import { CronExpressionParser } from "cron-parser";
import { memoized } from "../../engine/memo.js";
import type { components } from "../../generated/huawei.js";
import { wallClock } from "../zones.js";

type Schemas = components["schemas"];

/** The schedule part of a task (and the body of a future-executions request). */
export interface Schedule {
  scheduled_type: Schemas["ScheduledType"];
  scheduled_time: string;
  time_zone: string;
  day_interval?: number;
  week_list?: string;
  month_list?: string;
  date_list?: string;
  scheduled_date?: string;
  expire_time?: string;
}

/** Used when a create or future-executions request names no time zone (spec: TimeZone). */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A field the schedule rules made mandatory for this scheduled_type; its absence here is a taskmock bug. */
function need<K extends keyof Schedule>(schedule: Schedule, field: K): NonNullable<Schedule[K]> {
  const value = schedule[field];
  if (value === undefined || value === null) throw new Error(`huawei schedule: ${field} is missing for ${schedule.scheduled_type}`);
  return value as NonNullable<Schedule[K]>;
}

/** `09:05:00` → [9, 5, 0]; `2026-09-12` → [2026, 9, 12]: split(/[-:]/).map(Number), without the regex (it runs per run). */
function numbers(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i);
    if (i === text.length || code === 45 || code === 58) {
      out.push(Number(text.slice(start, i)));
      start = i + 1;
    }
  }
  return out;
}

/**
 * Quartz `sec min hour day-of-month month day-of-week [year]`, numbers without leading zeros
 * (ScheduleTask rules): FIXED_TIME `s m H d M ? yyyy`, DAY `s m H *\/n * ?`, WEEK
 * `s m H ? * <week_list>`, MONTH `s m H <date_list> <month_list> ?`.
 */
export function taskCron(schedule: Schedule): string {
  const [hour, minute, second] = numbers(schedule.scheduled_time);
  const time = `${second} ${minute} ${hour}`;
  switch (schedule.scheduled_type) {
    case "FIXED_TIME": {
      const [year, month, day] = numbers(need(schedule, "scheduled_date"));
      return `${time} ${day} ${month} ? ${year}`;
    }
    case "DAY":
      return `${time} */${need(schedule, "day_interval")} * ?`;
    case "WEEK":
      return `${time} ? * ${need(schedule, "week_list")}`;
    case "MONTH":
      return `${time} ${need(schedule, "date_list")} ${need(schedule, "month_list")} ?`;
  }
}

/** `yyyy-MM-dd` of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `yyyy-MM-dd HH:mm:ss` of an instant in a time zone (the ExecutionTime format). */
export function executionTime(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Midnight UTC of a `yyyy-MM-dd` as epoch milliseconds (setUTCFullYear: Date.UTC reads years 0-99 as 19xx). */
function utcDay(date: string): number {
  const [year, month, day] = numbers(date) as [number, number, number];
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getTime();
}

/** wallClockInstant's answers by date, time and zone: the same dates come up again and again (each DAY task's next run). */
const instantOf = memoized("huawei wall-clock instant", (key) => {
  const [date, time, timeZone] = key.split(" ") as [string, string, string];
  return steadyWallClockInstant(date, time, timeZone) ?? cronWallClockInstant(date, time, timeZone);
}, 10_000);

/**
 * The instant a wall-clock date and time happen in a time zone. cron-parser decides it: a
 * yearly expression for that day and time, searched from before the earliest instant the date
 * can start anywhere (UTC+14), finds it within the same year. A time that a daylight-saving jump
 * skips resolves to the instant after the jump, as cron-parser fires such runs. Away from offset
 * changes a shortcut answers the same for ~1% of the cost (steadyWallClockInstant), and there it
 * also answers the few times cron-parser gives up on (it throws "loop limit exceeded" for whole
 * hours on the day Lord Howe's clocks go back half an hour).
 */
export function wallClockInstant(date: string, time: string, timeZone: string): Date {
  return new Date(instantOf(`${date} ${time} ${timeZone}`));
}

/**
 * The wall-clock time less the zone's offset (cron-parser takes ~0.3 ms, this a few
 * microseconds), when that is certainly cron-parser's answer too: the instant shows the wanted
 * date and time, and the zone keeps the same whole-minute offset from three hours before it to
 * three hours after (no daylight-saving change near it, so that time happens once that day).
 * Otherwise undefined, and cron-parser decides.
 */
function steadyWallClockInstant(date: string, time: string, timeZone: string): number | undefined {
  const [hour, minute, second] = numbers(time) as [number, number, number];
  const wall = utcDay(date) + ((hour * 60 + minute) * 60 + second) * 1000;
  if (!Number.isFinite(wall)) return undefined;
  // The offset at `wall` read as UTC is that of the instant unless a change falls between the two: then try the offset found there.
  let guess = wall - utcOffset(new Date(wall), timeZone);
  for (let attempt = 0; attempt < 2; attempt++) {
    const offset = utcOffset(new Date(guess), timeZone);
    if (wall - offset !== guess) {
      guess = wall - offset;
      continue;
    }
    const steady =
      offset % 60_000 === 0 &&
      utcOffset(new Date(guess - 3 * HOUR_MS), timeZone) === offset &&
      utcOffset(new Date(guess + 3 * HOUR_MS), timeZone) === offset;
    return steady && executionTime(new Date(guess), timeZone) === `${date} ${time}` ? guess : undefined;
  }
  return undefined;
}

function cronWallClockInstant(date: string, time: string, timeZone: string): number {
  const [, month, day] = numbers(date);
  const [hour, minute, second] = numbers(time);
  const searchFrom = new Date(utcDay(date) - 15 * HOUR_MS);
  return CronExpressionParser.parse(`${second} ${minute} ${hour} ${day} ${month} *`, { tz: timeZone, currentDate: searchFrom })
    .next()
    .getTime();
}

/** `yyyy-MM-dd` of a date given as its midnight UTC (epoch ms). */
const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);

/** The last calendar date this arithmetic reaches (9999-12-31), as its midnight UTC. */
const LAST_DAY = Date.UTC(9999, 11, 31);

/** Whole days from one `yyyy-MM-dd` to another (calendar dates, no time zone involved). */
function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** The date `days` after `date`, or undefined past year 9999 (a huge day_interval runs out of calendar). */
function addDays(date: string, days: number): string | undefined {
  const at = new Date(utcDay(date) + days * DAY_MS);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() > 9999) return undefined;
  return at.toISOString().slice(0, 10);
}

/**
 * The first `count` runs strictly after `after`, not on a date before scheduled_date and not
 * later than expire_time (FutureExecutionsResponse and ScheduleTask rules). `startDate` is the
 * date DAY counts its interval from when the schedule has no scheduled_date (the task's
 * creation date in its time zone, or today for a bare configuration), or a function giving it.
 */
export function runsAfter(schedule: Schedule, after: Date, count: number, startDate: string | (() => string)): Date[] {
  const expire = schedule.expire_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.expire_time);
  const tz = schedule.time_zone;
  const runs: Date[] = [];
  switch (schedule.scheduled_type) {
    case "FIXED_TIME": {
      const run = wallClockInstant(need(schedule, "scheduled_date"), schedule.scheduled_time, tz);
      if (run > after && run.getTime() <= expire && count > 0) runs.push(run);
      return runs;
    }
    case "DAY": {
      // Runs fall on first, first + n, first + 2n… days; start at the first of those not before
      // today's date in the zone, so a long interval costs no more than a short one.
      // startDate may be a function: only this case needs it, and it costs a time-zone conversion.
      const first = schedule.scheduled_date ?? (typeof startDate === "string" ? startDate : startDate());
      const interval = need(schedule, "day_interval");
      let step = Math.max(0, Math.ceil(daysBetween(first, localDate(after, tz)) / interval));
      while (runs.length < count) {
        const date = addDays(first, step * interval);
        if (date === undefined) break;
        const run = wallClockInstant(date, schedule.scheduled_time, tz);
        if (run.getTime() > expire) break;
        if (run > after) runs.push(run);
        step += 1;
      }
      return runs;
    }
    case "WEEK":
    case "MONTH": {
      // The dates the calendar includes from today's date in the zone (and from scheduled_date),
      // each at scheduled_time there: what iterating the cron expression with the zone gives, at
      // a hundredth of its cost. The calendar always has a date (the schedule rules), the walk
      // stops at year 9999 all the same.
      const includes = calendar(schedule);
      let day = utcDay(localDate(after, tz));
      if (schedule.scheduled_date !== undefined) day = Math.max(day, utcDay(schedule.scheduled_date));
      for (; runs.length < count && day <= LAST_DAY; day += DAY_MS) {
        if (!includes(day)) continue;
        const run = wallClockInstant(isoDate(day), schedule.scheduled_time, tz);
        if (run.getTime() > expire) break;
        if (run > after) runs.push(run);
      }
      return runs;
    }
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (from its wall-clock fields). */
function utcOffset(instant: Date, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const wall = utcDay(`${p.year}-${p.month}-${p.day}`) + ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000;
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

const THREE_HOURS_MS = 3 * HOUR_MS;

/**
 * A zone's offset at a whole multiple of three hours UTC, keyed by value (`zone n` for n times
 * three hours): a pure function of its key. The tasks of a zone ask about the same few such
 * instants each day, so a year's walk costs at most eight Intl conversions a day per zone, not
 * three per run. Bounded: 30,000 keys are some ten zone-years.
 */
const offsetEveryThreeHours = memoized("huawei zone offset every three hours", (key) => {
  const [timeZone, index] = key.split(" ") as [string, string];
  return utcOffset(new Date(Number(index) * THREE_HOURS_MS), timeZone);
}, 30_000);

/**
 * Whether the zone's offset is `offset` from three hours before `at` to three hours after: it is
 * at every multiple of three hours UTC from before that span to after it, and a zone never
 * changes its offset twice within three hours (as steadyWallClockInstant, which looks at three
 * instants three hours apart, assumes).
 */
function steadyAround(at: number, offset: number, timeZone: string): boolean {
  const last = Math.ceil(at / THREE_HOURS_MS) + 1;
  for (let n = Math.floor(at / THREE_HOURS_MS) - 1; n <= last; n++) {
    if (offsetEveryThreeHours(`${timeZone} ${n}`) !== offset) return false;
  }
  return true;
}

/**
 * wallClockInstant with a guess: a run's offset from UTC is usually that of the run next to it.
 * The guess (the wall-clock time less that offset) is taken only when the zone keeps that offset
 * three hours either side (no daylight-saving change near it, so that time happens once that
 * day, at the guess); otherwise wallClockInstant decides. Only a shortcut: the result is what
 * wallClockInstant answers. `day` is the date as its midnight UTC, `wall` the date and time read
 * as UTC (epoch ms).
 */
function instantNear(day: number, time: string, wall: number, timeZone: string, offset: number | undefined): number {
  if (offset !== undefined && steadyAround(wall - offset, offset, timeZone)) return wall - offset;
  return wallClockInstant(isoDate(day), time, timeZone).getTime();
}

/**
 * The calendar dates a WEEK or MONTH schedule runs on, those its cron expression includes: a day
 * of week of week_list (Quartz's 1 is Sunday), or a day of date_list (L the last of the month)
 * in a month of month_list. A date is given as its midnight UTC (epoch ms). cron-parser's
 * includesDate answers the same at ~30 µs a date (it builds a luxon DateTime), and a year's walk
 * asks for every date.
 */
function calendar(schedule: Schedule): (day: number) => boolean {
  if (schedule.scheduled_type === "WEEK") {
    const weekdays = new Set(need(schedule, "week_list").split(",").map(Number));
    return (day) => weekdays.has(new Date(day).getUTCDay() + 1);
  }
  const months = new Set(need(schedule, "month_list").split(",").map(Number));
  const dates = need(schedule, "date_list").split(",");
  const lastDay = dates.includes("L");
  const days = new Set(dates.filter((d) => d !== "L").map(Number));
  return (day) => {
    const at = new Date(day);
    if (!months.has(at.getUTCMonth() + 1)) return false;
    return days.has(at.getUTCDate()) || (lastDay && new Date(day + DAY_MS).getUTCDate() === 1);
  };
}

/**
 * The runs t with after < t <= until, not on a date before scheduled_date and not later than
 * expire_time, earliest first: the latest `limit` of them when there are more (a clock move
 * runs at most that many per task). `startDate` is as for runsAfter. The walk goes back from
 * `until` over calendar dates (DAY by day_interval, WEEK and MONTH day by day keeping the dates
 * their calendar includes), each run's offset guessed from the run after it (instantNear).
 */
export function runsBetween(schedule: Schedule, after: Date, until: Date, limit: number, startDate: string): Date[] {
  const expire = schedule.expire_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.expire_time);
  const end = Math.min(until.getTime(), expire);
  const tz = schedule.time_zone;
  const runs: Date[] = [];
  if (end <= after.getTime() || limit < 1) return runs;
  if (schedule.scheduled_type === "FIXED_TIME") {
    const run = wallClockInstant(need(schedule, "scheduled_date"), schedule.scheduled_time, tz);
    if (run > after && run.getTime() <= end) runs.push(run);
    return runs;
  }
  // No run on a date before the one `after` falls on, nor before scheduled_date.
  const scheduledDate = schedule.scheduled_type === "DAY" ? undefined : schedule.scheduled_date;
  const earliest = Math.max(utcDay(localDate(after, tz)), scheduledDate === undefined ? Number.NEGATIVE_INFINITY : utcDay(scheduledDate));
  const last = localDate(new Date(end), tz);
  // Calendar dates as their midnight UTC (epoch ms), latest first.
  let days: Iterable<number>;
  if (schedule.scheduled_type === "DAY") {
    const first = utcDay(schedule.scheduled_date ?? startDate);
    const interval = need(schedule, "day_interval") * DAY_MS;
    days = (function* () {
      for (let day = first + Math.floor((utcDay(last) - first) / interval) * interval; day >= first; day -= interval) {
        // A huge day_interval runs out of calendar past year 9999.
        if (day <= LAST_DAY) yield day;
      }
    })();
  } else {
    const includes = calendar(schedule);
    days = (function* () {
      for (let day = utcDay(last); day >= earliest; day -= DAY_MS) if (includes(day)) yield day;
    })();
  }
  const [hour, minute, second] = numbers(schedule.scheduled_time) as [number, number, number];
  const time = ((hour * 60 + minute) * 60 + second) * 1000;
  // The offset of the run found last (the next one in time), the guess for the one before it.
  let offset: number | undefined;
  for (const day of days) {
    if (day < earliest) break;
    const run = instantNear(day, schedule.scheduled_time, day + time, tz, offset);
    offset = day + time - run;
    if (run > end) continue;
    if (run <= after.getTime()) break;
    runs.push(new Date(run));
    if (runs.length === limit) break;
  }
  return runs.reverse();
}

/** Days each month can have (February 29 in leap years), for date_list values that never occur. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether some day of date_list exists in some month of month_list (L always does). */
export function monthScheduleCanFire(monthList: string, dateList: string): boolean {
  // A loop, not Math.max(...): a request rule may read a list far longer than the schema allows.
  let longest = 0;
  for (const m of monthList.split(",")) longest = Math.max(longest, MONTH_DAYS[Number(m) - 1] ?? 0);
  return dateList.split(",").some((d) => d === "L" || Number(d) <= longest);
}
