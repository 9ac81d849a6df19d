// When a Celery crontab fires, in its own time zone: counted day by day rather than fire by fire,
// so a year of a per-minute crontab costs a few hundred steps.
//
// A day fires when its month, day of month AND day of week all match: Celery's crontab
// (remaining_delta's execute_this_date), not cron's either-or once both days are restricted.
// On a day that keeps one UTC offset throughout, its fires are its hours × minutes at that offset.
// On a day the offset changes, each wall-clock time is read as Python's zoneinfo reads it (fold 0,
// as Celery's crontab does): a time the change repeats fires once, at its first occurrence; a
// time it skips fires at the instant the offset before the change gives (02:30 in New York's
// spring gap: 03:30 EDT), and once only where that instant is a fire anyway. (cron-parser is not
// used: around a change it ran a repeated hour twice or once depending on the expression, and
// it loops forever on Chatham's.)
import { memoized } from "../../engine/memo.js";
import { resolveZone, wallClock } from "../zones.js";
import { type CronField, expandCronField } from "./cron.js";
import type { Crontab } from "./records.js";

export type CrontabFields = Omit<Crontab, "id">;

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Fires found in a window: how many, the first and the last (epoch ms). */
export interface Fires {
  count: number;
  first: number;
  last: number;
}

/** A crontab ready to count. */
interface CronPlan {
  zone: string;
  /** The instants of a day it fires at, from the day's wall-clock midnight (ms), ascending. */
  times: number[];
  /** Index by month (1–12), day of month (1–31), day of week (0 = Sunday). */
  months: boolean[];
  days: boolean[];
  weekdays: boolean[];
}

const FIELDS: CronField[] = ["minute", "hour", "day_of_month", "month_of_year", "day_of_week"];
/** The longest each month gets (February in a leap year). */
const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Crontabs by value (the five fields and the zone, as a JSON array), parsed once: null for one
 * that never fires (a field that does not check, or a date that never comes, such as 30 February).
 * Invariant: a plan depends on nothing but its key, and is never changed once made.
 */
const planOf = memoized("crego crontab plan", (key): CronPlan | null => {
  const [minute, hour, dayOfMonth, month, dayOfWeek, zone] = JSON.parse(key) as string[];
  const values = FIELDS.map((field, i) => expandCronField(field, [minute, hour, dayOfMonth, month, dayOfWeek][i] ?? ""));
  const [minutes, hours, days, months, weekdays] = values;
  if (!minutes || !hours || !days || !months || !weekdays || zone === undefined || resolveZone(zone) === undefined) return null;
  // Only a date that never exists (day_of_month 30 with month_of_year 2) gets here without a day:
  // the field checks pass it, as django-celery-beat's do, and Celery's crontab never runs it.
  if (!months.some((m) => days.some((d) => d <= (MONTH_DAYS[m] ?? 0)))) return null;
  const flags = (list: number[], size: number) => Array.from({ length: size }, (_, i) => list.includes(i));
  return {
    zone,
    times: hours.flatMap((h) => minutes.map((m) => (h * 60 + m) * MINUTE)),
    months: flags(months, 13),
    days: flags(days, 32),
    weekdays: flags(weekdays, 7),
  };
});

function planFor(crontab: CrontabFields): CronPlan | null {
  const { minute, hour, day_of_month, month_of_year, day_of_week, timezone } = crontab;
  return planOf(JSON.stringify([minute, hour, day_of_month, month_of_year, day_of_week, timezone]));
}

/**
 * The crontab's fires in (afterMs, throughMs]; undefined when there are none. With `onlyFirst`,
 * the search stops at the first (count 1), however far off it is.
 */
export function crontabFires(crontab: CrontabFields, afterMs: number, throughMs: number, onlyFirst = false): Fires | undefined {
  const plan = planFor(crontab);
  if (!plan || throughMs <= afterMs) return undefined;
  let found: Fires | undefined;
  const add = (at: number, count = 1, last = at) => {
    if (found) {
      found.count += count;
      found.last = last;
    } else {
      found = { count, first: at, last };
    }
  };
  const zone = zoneOffsets(plan.zone);
  // The fires of the change days met since the last steady one: a skipped time moved forward can
  // land on the next day's date, so they are counted together, in time order.
  let changed: Set<number> | undefined;
  const flush = () => {
    if (!changed) return;
    for (const at of [...changed].sort((a, b) => a - b)) {
      if (at <= afterMs || (onlyFirst && found)) continue;
      if (at > throughMs) break;
      add(at);
    }
    changed = undefined;
  };
  // Wall-clock days are named by their date as a UTC day number; a UTC offset is under a day, so
  // the day before and the day after cover every fire of the window.
  const lastDay = Math.floor(throughMs / DAY) + 1;
  for (let day = Math.floor(afterMs / DAY) - 1; day <= lastDay && !(onlyFirst && found); day++) {
    if (!matches(plan, day)) continue;
    const offset = steadyOffset(zone, day);
    if (offset === undefined) {
      changed ??= new Set();
      for (const at of changeDayFires(plan, zone, day)) changed.add(at);
      continue;
    }
    flush();
    if (onlyFirst && found) break;
    const midnight = day * DAY - offset;
    const times = plan.times;
    const first = midnight + (times[0] as number);
    const last = midnight + (times[times.length - 1] as number);
    if (last <= afterMs || first > throughMs) continue;
    if (first > afterMs && last <= throughMs && !onlyFirst) {
      add(first, times.length, last);
      continue;
    }
    for (const time of times) {
      const at = midnight + time;
      if (at <= afterMs) continue;
      if (at > throughMs || (onlyFirst && found)) break;
      add(at);
    }
  }
  flush();
  return found;
}

/** Whether a date (a UTC day number) is one the crontab runs on. */
function matches(plan: CronPlan, day: number): boolean {
  const date = new Date(day * DAY);
  return (plan.months[date.getUTCMonth() + 1] && plan.days[date.getUTCDate()] && plan.weekdays[date.getUTCDay()]) === true;
}

/**
 * The zone's UTC offset throughout a wall-clock day, or undefined when it changes during it
 * (either reading of the change's instant falls on that day). A UTC offset is under a day, so
 * only a change in the UTC day before, of or after it can.
 */
function steadyOffset(zone: ZoneOffsets, day: number): number | undefined {
  for (let d = day - 1; d <= day + 1; d++) {
    const change = zone.changeOn(d);
    if (change === undefined) continue;
    if (Math.floor((change + zone.at(change - 1)) / DAY) === day || Math.floor((change + zone.at(change)) / DAY) === day) return undefined;
  }
  const noon = day * DAY + DAY / 2;
  return zone.at(noon - zone.at(noon));
}

/** A zone's UTC offsets over one year. */
interface ZoneYear {
  firstDay: number;
  /** The offset (ms, positive east) at the UTC midnight of each day of the year, and of the next year's first. */
  midnights: number[];
  /** Day of the year (0-based) → the instant (to the second) the offset changes during it. */
  changes: Map<number, number>;
}

/**
 * A zone's year (`<year> <zone>`): the offset at each UTC midnight, and where two differ, the
 * instant between them it changes (one change a day at most: zones make none closer). Invariant:
 * a pure function of the key and the runtime's time-zone data, which does not change while it
 * runs; bounded by `memoized`.
 */
const zoneYear = memoized("crego zone year", (key): ZoneYear => {
  const space = key.indexOf(" ");
  const year = Number(key.slice(0, space));
  const zone = key.slice(space + 1);
  const firstDay = Date.UTC(year, 0, 1) / DAY;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
  const midnights: number[] = [];
  for (let i = 0; i <= days; i++) midnights.push(offsetAtInstant(zone, (firstDay + i) * DAY));
  const changes = new Map<number, number>();
  for (let i = 0; i < days; i++) {
    const before = midnights[i];
    if (before === midnights[i + 1]) continue;
    // The first second with the new offset, by halving the day.
    let lo = (firstDay + i) * DAY;
    let hi = lo + DAY;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAtInstant(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    changes.set(i, hi);
  }
  return { firstDay, midnights, changes };
}, 256);

/** Intl's UTC offset (ms, positive east) of a zone at an instant of whole seconds. */
function offsetAtInstant(zone: string, at: number): number {
  const local = wallClock(new Date(at), zone);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(Number(local.year), Number(local.month) - 1, Number(local.day));
  asUtc.setUTCHours(Number(local.hour), Number(local.minute), Number(local.second));
  return asUtc.getTime() - at;
}

/** A zone's offsets as a window reads them, from the year tables. */
interface ZoneOffsets {
  /** The offset at an instant. */
  at(instant: number): number;
  /** The instant the offset changes during a UTC day (a UTC day number), if it does. */
  changeOn(day: number): number | undefined;
}

/** Reads a zone's year tables, holding on to the one last read (a window walks days in order). */
function zoneOffsets(zone: string): ZoneOffsets {
  const canonical = resolveZone(zone) ?? zone;
  let current: ZoneYear | undefined;
  const yearOf = (day: number): ZoneYear => {
    if (!current || day < current.firstDay || day >= current.firstDay + current.midnights.length - 1) {
      current = zoneYear(`${new Date(day * DAY).getUTCFullYear()} ${canonical}`);
    }
    return current;
  };
  return {
    at(instant) {
      const day = Math.floor(instant / DAY);
      const year = yearOf(day);
      const i = day - year.firstDay;
      const change = year.changes.get(i);
      return year.midnights[change !== undefined && instant >= change ? i + 1 : i] as number;
    },
    changeOn(day) {
      const year = yearOf(day);
      return year.changes.get(day - year.firstDay);
    },
  };
}

/** The fires of a day the offset changes on, as zoneinfo reads its wall-clock times (see the top of the file). */
function changeDayFires(plan: CronPlan, zone: ZoneOffsets, day: number): number[] {
  // The offsets either side of the change (one a day at most, and none the days beside it that touch it).
  const before = zone.at((day - 1) * DAY);
  const after = zone.at((day + 2) * DAY);
  // Larger first: the earlier of the two instants a repeated time names.
  const offsets = before >= after ? [before, after] : [after, before];
  return plan.times.map((time) => {
    const wall = day * DAY + time;
    return wall - (offsets.find((o) => zone.at(wall - o) === o) ?? before);
  });
}
