// Schedule arithmetic: the Quartz task_cron a task shows, and the times its schedule fields fire
// in its time zone. cron-parser does the calendar and time-zone work; only DAY's "every n days
// from a start date", which no cron expression can state, steps calendar dates here.
import { CronExpressionParser } from "cron-parser";
import { memoized } from "../../engine/memo.js";
import type { components } from "../../generated/huawei.js";

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

/**
 * The same schedule for cron-parser, which reads standard cron: day of week 0-6 from Sunday
 * where Quartz counts 1-7 from Sunday, `*` for Quartz's "no value" `?`, and no year field.
 */
function cronParserExpression(quartz: string): string {
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = quartz.split(" ") as [string, string, string, string, string, string];
  const weekdays =
    dayOfWeek === "?"
      ? "*"
      : dayOfWeek
          .split(",")
          .map((d) => String(Number(d) - 1))
          .join(",");
  return [second, minute, hour, dayOfMonth === "?" ? "*" : dayOfMonth, month, weekdays].join(" ");
}

/**
 * Whether the runtime knows this IANA time zone name (Intl, which cron-parser's luxon also uses),
 * remembered per name: building a formatter to find out costs more than the rest of a create.
 */
export const isKnownTimeZone: (name: string) => boolean = memoized(zoneNameKnown);

function zoneNameKnown(name: string): boolean {
  // Intl also takes offsets such as "+05:00" on newer runtimes; those are not zone names.
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type WallClockParts = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;

/**
 * Each zone's formatter, and the instants it converted lately: the same ones come up again and
 * again (the clock's reading, the next run every daily task at that time shares).
 */
const formatters = new Map<string, { format: Intl.DateTimeFormat; recent: Map<number, WallClockParts> }>();

/** The wall-clock fields of an instant in a time zone (the caller must not change them: they are shared). */
function wallClockParts(instant: Date, timeZone: string): WallClockParts {
  let zone = formatters.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    zone = { format, recent: new Map() };
    formatters.set(timeZone, zone);
  }
  const at = instant.getTime();
  let parts = zone.recent.get(at);
  if (parts === undefined) {
    parts = formatParts(zone.format, instant);
    if (zone.recent.size >= 256) zone.recent.clear();
    zone.recent.set(at, parts);
  }
  return parts;
}

/** en-US's `MM/dd/y, HH:mm:ss`, the text format() gives for the formatters above. */
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

function formatParts(format: Intl.DateTimeFormat, instant: Date): WallClockParts {
  // format() costs a third of formatToParts(), and its text is the parts joined: read them back
  // from it, and ask formatToParts() only when the text has another shape.
  const m = FORMATTED.exec(format.format(instant));
  if (m) {
    const [, month, day, year, hour, minute, second] = m as unknown as [string, string, string, string, string, string, string];
    return { year: year.padStart(4, "0"), month, day, hour, minute, second };
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: String(parts["year"]).padStart(4, "0"),
    month: String(parts["month"]),
    day: String(parts["day"]),
    hour: String(parts["hour"]),
    minute: String(parts["minute"]),
    second: String(parts["second"]),
  };
}

/** `yyyy-MM-dd` of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = wallClockParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `yyyy-MM-dd HH:mm:ss` of an instant in a time zone (the ExecutionTime format). */
export function executionTime(instant: Date, timeZone: string): string {
  const p = wallClockParts(instant, timeZone);
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
const instantOf = memoized((key) => {
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
      let from = after;
      if (schedule.scheduled_date !== undefined) {
        const firstDay = new Date(wallClockInstant(schedule.scheduled_date, "00:00:00", tz).getTime() - 1);
        if (firstDay > from) from = firstDay;
      }
      const iterator = CronExpressionParser.parse(cronParserExpression(taskCron(schedule)), { tz, currentDate: from });
      while (runs.length < count) {
        const run = iterator.next().toDate();
        if (run.getTime() > expire) break;
        runs.push(run);
      }
      return runs;
    }
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (from its wall-clock fields). */
function utcOffset(instant: Date, timeZone: string): number {
  const p = wallClockParts(instant, timeZone);
  const wall = utcDay(`${p.year}-${p.month}-${p.day}`) + ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000;
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * wallClockInstant with a guess: a run a whole number of days from a known one is usually that
 * many times 24 hours away. The guess is taken only when it shows the wanted wall-clock time
 * and the zone's offset is the same three hours either side (no daylight-saving change near
 * it, so that time happens once that day); otherwise cron-parser resolves it. Only a shortcut:
 * the result is what wallClockInstant answers.
 */
function instantNear(date: string, time: string, timeZone: string, guess: number | undefined): Date {
  if (guess !== undefined) {
    const at = new Date(guess);
    const steady = utcOffset(new Date(guess - 3 * HOUR_MS), timeZone) === utcOffset(new Date(guess + 3 * HOUR_MS), timeZone);
    if (steady && executionTime(at, timeZone) === `${date} ${time}`) return at;
  }
  return wallClockInstant(date, time, timeZone);
}

/**
 * The runs t with after < t <= until, not on a date before scheduled_date and not later than
 * expire_time, earliest first: the latest `limit` of them when there are more (a clock move
 * runs at most that many per task). `startDate` is as for runsAfter. The walk goes back from
 * `until` over calendar dates: DAY by day_interval, WEEK and MONTH day by day keeping the dates
 * their cron expression includes (cron-parser decides; iterating it with a time zone costs
 * about a millisecond a run, too slow for a jump of a year).
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
  let dates: Iterable<string>;
  if (schedule.scheduled_type === "DAY") {
    const first = schedule.scheduled_date ?? startDate;
    const interval = need(schedule, "day_interval");
    dates = (function* () {
      for (let step = Math.floor(daysBetween(first, last) / interval); step >= 0; step--) {
        const date = addDays(first, step * interval);
        if (date !== undefined) yield date;
      }
    })();
  } else {
    const [, , , dayOfMonth, month, dayOfWeek] = cronParserExpression(taskCron(schedule)).split(" ");
    const calendar = CronExpressionParser.parse(`0 0 0 ${dayOfMonth} ${month} ${dayOfWeek}`, { tz: "UTC" });
    dates = (function* () {
      for (let day = utcDay(last); day >= earliest; day -= DAY_MS) {
        if (calendar.includesDate(new Date(day))) yield new Date(day).toISOString().slice(0, 10);
      }
    })();
  }
  let previous: { date: string; run: number } | undefined;
  for (const date of dates) {
    if (utcDay(date) < earliest) break;
    const guess = previous === undefined ? undefined : previous.run - daysBetween(date, previous.date) * DAY_MS;
    const run = instantNear(date, schedule.scheduled_time, tz, guess);
    previous = { date, run: run.getTime() };
    if (run.getTime() > end) continue;
    if (run <= after) break;
    runs.push(run);
    if (runs.length === limit) break;
  }
  return runs.reverse();
}

/** Days each month can have (February 29 in leap years), for date_list values that never occur. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether some day of date_list exists in some month of month_list (L always does). */
export function monthScheduleCanFire(monthList: string, dateList: string): boolean {
  const longest = Math.max(...monthList.split(",").map((m) => MONTH_DAYS[Number(m) - 1] ?? 0));
  return dateList.split(",").some((d) => d === "L" || Number(d) <= longest);
}
