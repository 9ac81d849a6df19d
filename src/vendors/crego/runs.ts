// Scheduled runs when the mock's clock moves: what django-celery-beat's scheduler would do to a
// PeriodicTask row while time passes. Only counters move (total_run_count, last_run_at, and a
// one_off schedule switching itself off), so runs are counted rather than replayed one by one:
// intervals arithmetically, crontabs with cron-parser a whole day at a time.
//
// Which fire times count, for one enabled schedule (spec: Schedule's x-taskmock-rules):
// - after the last clock reading and after its own last_run_at, up to the new reading;
// - not before start_time, and before the earlier of expires / expires_at;
// - its interval when it has one (conflict crego-interval-and-crontab-both-set), else its crontab;
// - none while the Celery task it names has is_active false.
// Each record's runs touch only that record, so taking records one by one gives the same state
// as interleaving every record's fire times in time order.
import type { Faker } from "@faker-js/faker";
import { CronDate, type CronExpression, CronExpressionParser } from "cron-parser";
import type { components } from "../../generated/crego.js";
import type { Collection, Store } from "../../store/store.js";
import type { Schedule } from "./schedules.js";
import type { Task } from "./tasks.js";

type Interval = components["schemas"]["Interval"];
type Crontab = components["schemas"]["Crontab"];

/** total_run_count is a 32-bit integer column (spec: maximum 2147483647); runs past it are not counted. */
export const MAX_RUN_COUNT = 2_147_483_647;

const MICROS_PER: Record<Interval["period"], bigint> = {
  days: 86_400_000_000n,
  hours: 3_600_000_000n,
  minutes: 60_000_000n,
  seconds: 1_000_000n,
  microseconds: 1n,
};

/** The runs found in a window: how many, and the last fire time (microseconds since the epoch). */
export interface Runs {
  count: number;
  last: bigint;
}

/** Later than any fire time (year 10000), for a window with no end. */
const NEVER = 253_402_300_800_000_000n;

/**
 * No fire time of this stored schedule record falls in (after, next): `next` is its first fire
 * time after `after`, or earlier (a crontab's first fire in its zone, whatever its start, last
 * run and weekday rule), or NEVER. Keyed by the record: every write stores a new one.
 */
const quiet = new WeakMap<Schedule, { after: bigint; next: bigint }>();

/**
 * What the last walk over every schedule found: after `after`, nothing fires before `earliest`.
 * A clock move from `after` or later that ends before it has nothing to do (the clock moves
 * before each request), unless a schedule was written since: the change log folds those in.
 */
interface Horizon {
  after: bigint;
  earliest: bigint;
  version: number;
}

const horizons = new WeakMap<Store, Horizon>();

export function onClock(state: Store, from: Date, to: Date, _faker: Faker): void {
  const schedules = state.collection<Schedule>("schedules");
  const tasks = state.collection<Task>("tasks");
  const fromUs = BigInt(from.getTime()) * 1000n;
  const toUs = BigInt(to.getTime()) * 1000n;
  const horizon = horizons.get(state);
  if (horizon && fromUs >= horizon.after && upToDate(schedules, horizon) && toUs < horizon.earliest) return;
  let earliest = NEVER;
  for (const schedule of schedules.list()) {
    if (!schedule.enabled) continue;
    const known = quiet.get(schedule);
    if (known && known.after <= fromUs && toUs < known.next) {
      earliest = min(earliest, known.next);
      continue;
    }
    const own = ownWindow(schedule);
    const stored = run(schedules, tasks, schedule, fromUs, toUs, own);
    if (stored.enabled) earliest = min(earliest, quietUntil(stored, toUs, stored === schedule ? own : ownWindow(stored)));
  }
  horizons.set(state, { after: toUs, earliest, version: schedules.version });
}

/** Counts one schedule's runs in (fromUs, toUs] and stores it when it ran; the record now stored. */
function run(
  schedules: Collection<Schedule>,
  tasks: Collection<Task>,
  schedule: Schedule,
  fromUs: bigint,
  toUs: bigint,
  own: Window,
): Schedule {
  // A task switched off (is_active false) is not sent; a name no task has is still sent, as beat would.
  if (tasks.get(schedule.task)?.is_active === false) return schedule;
  const runs = runsWithin(schedule, narrow(own, fromUs, toUs), schedule.one_off);
  if (!runs) return schedule;
  const count = schedule.one_off ? 1 : runs.count;
  const updated: Schedule = { ...schedule, total_run_count: Math.min(MAX_RUN_COUNT, schedule.total_run_count + count) };
  if (schedule.one_off) {
    // django-celery-beat disables a one-off task once it has run; a disabled task has no last_run_at.
    updated.enabled = false;
    updated.last_run_at = null;
  } else {
    updated.last_run_at = isoFromMicros(runs.last);
  }
  return schedules.put(updated);
}

/** Whether the horizon still covers every schedule, folding in the ones written since it was found. */
function upToDate(schedules: Collection<Schedule>, horizon: Horizon): boolean {
  const written = schedules.writtenSince(horizon.version);
  if (written === undefined) return false;
  for (const schedule of written) if (schedule.enabled) horizon.earliest = min(horizon.earliest, quietUntil(schedule, horizon.after));
  horizon.version = schedules.version;
  return true;
}

/**
 * A time no fire of the schedule after `afterUs` comes before (see `quiet`), remembered. A task
 * switched off counts as on: switching it on again changes the tasks, not the schedule.
 */
function quietUntil(schedule: Schedule, afterUs: bigint, own = ownWindow(schedule)): bigint {
  const known = quiet.get(schedule);
  if (known && known.after <= afterUs && afterUs < known.next) return known.next;
  let next = NEVER;
  const window = narrow(own, afterUs, NEVER);
  if (window && schedule.interval) {
    const anchor = intervalAnchor(schedule);
    const step = BigInt(schedule.interval.every) * MICROS_PER[schedule.interval.period];
    const first = anchor.at + max(anchor.firstStep, floorDiv(window.after - anchor.at, step) + 1n) * step;
    if (first <= window.through) next = first;
  } else if (window && schedule.crontab) {
    const plan = cronPlan(schedule.crontab);
    const first = plan ? firstCronFire(plan, afterUs) : NEVER;
    if (first <= window.through) next = first;
  }
  quiet.set(schedule, { after: afterUs, next });
  return next;
}

/**
 * The crontab's first fire after an instant, without the weekday rule (a bound, not a run),
 * kept on the plan: every schedule with this crontab asks for the same instant in one walk.
 * cron-parser giving up (a date too far off) gives the instant itself: the walk then looks.
 */
function firstCronFire(plan: CronPlan, afterUs: bigint): bigint {
  const afterMs = Number(floorDiv(afterUs, 1000n));
  if (plan.first?.after !== afterMs) {
    let next: bigint;
    try {
      plan.expression.reset(new Date(afterMs));
      next = BigInt(plan.expression.next().getTime()) * 1000n;
    } catch {
      next = afterUs + 1n;
    }
    plan.first = { after: afterMs, next };
  }
  return plan.first.next;
}

function runsWithin(schedule: Schedule, window: Window | undefined, onlyFirst: boolean): Runs | undefined {
  if (!window) return undefined;
  if (schedule.interval) return intervalRuns(schedule.interval, intervalAnchor(schedule), window.after, window.through);
  if (schedule.crontab) return crontabRuns(schedule.crontab, window.after, window.through, onlyFirst);
  return undefined;
}

/** Fire times t with after < t <= through (microseconds). */
interface Window {
  after: bigint;
  through: bigint;
}

/** The schedule's own window: after its last run and its start, before its expiry. */
function ownWindow(schedule: Schedule): Window {
  let after = -NEVER;
  let through = NEVER;
  if (schedule.last_run_at) after = max(after, micros(schedule.last_run_at));
  // start_time is inclusive (beat runs when now >= start_time), an expiry exclusive (no run once now >= expires).
  if (schedule.start_time) after = max(after, micros(schedule.start_time) - 1n);
  for (const expiry of [schedule.expires, schedule.expires_at]) if (expiry) through = min(through, micros(expiry) - 1n);
  return { after, through };
}

/** (fromUs, toUs] within the schedule's own window; undefined when that leaves nothing. */
function narrow(own: Window, fromUs: bigint, toUs: bigint): Window | undefined {
  const after = max(own.after, fromUs);
  const through = min(own.through, toUs);
  return through <= after ? undefined : { after, through };
}

/**
 * Where an interval's fire times are counted from: start_time itself is the first run (beat runs
 * a never-run task with a start_time at that time); without one, the last run, or else the last
 * change, is one period before the next run (beat's `last_run_at = date_changed`).
 */
function intervalAnchor(schedule: Schedule): { at: bigint; firstStep: bigint } {
  if (schedule.start_time) return { at: micros(schedule.start_time), firstStep: 0n };
  return { at: micros(schedule.last_run_at ?? schedule.date_changed), firstStep: 1n };
}

/** Fire times anchor.at + k·every·period (k ≥ firstStep) in (after, through], counted arithmetically. */
export function intervalRuns(
  interval: Pick<Interval, "every" | "period">,
  anchor: { at: bigint; firstStep: bigint },
  after: bigint,
  through: bigint,
): Runs | undefined {
  const step = BigInt(interval.every) * MICROS_PER[interval.period];
  const firstK = max(anchor.firstStep, floorDiv(after - anchor.at, step) + 1n);
  const lastK = floorDiv(through - anchor.at, step);
  if (lastK < firstK) return undefined;
  const count = lastK - firstK + 1n;
  return { count: count > BigInt(MAX_RUN_COUNT) ? MAX_RUN_COUNT : Number(count), last: anchor.at + lastK * step };
}

/** A crontab ready to count: cron-parser's expression in the crontab's zone, and what a day of it looks like. */
interface CronPlan {
  expression: CronExpression;
  zone: string;
  /** Days of the week (0 = Sunday) a fire must also fall on, when cron-parser alone would OR them with days of the month. */
  weekdays: Set<number> | undefined;
  /** Fires in a whole day: every listed hour × every listed minute. */
  perDay: number;
  firstHour: number;
  firstMinute: number;
  /** From a day's first fire to its last, when no UTC offset change falls in between. */
  spanMs: number;
  /** No run falls in (after, next): a window inside it needs no cron-parser step. */
  seen?: { after: number; next: number };
  /** The first fire after `after` (ms), weekday rule aside, in microseconds (firstCronFire). */
  first?: { after: number; next: bigint };
}

/** Parsed crontabs by their fields; null for one no date satisfies. */
const plans = new Map<string, CronPlan | null>();

function cronPlan(crontab: Omit<Crontab, "id">): CronPlan | null {
  const key = [crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week, crontab.timezone].join(" ");
  const known = plans.get(key);
  if (known !== undefined) return known;
  if (plans.size >= 1000) plans.clear();
  let plan: CronPlan | null = null;
  try {
    plan = parsePlan(crontab);
  } catch {
    // Only a date that never exists (day_of_month 30 with month_of_year 2) gets here: the field checks
    // passed it, as django-celery-beat's do, and Celery's crontab never finds a day to run it on.
  }
  plans.set(key, plan);
  return plan;
}

function parsePlan(crontab: Omit<Crontab, "id">): CronPlan {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = [
    crontab.minute,
    crontab.hour,
    crontab.day_of_month,
    crontab.month_of_year,
    crontab.day_of_week,
  ].map(
    // Celery reads names in any case; cron-parser wants them lower or upper.
    (field) => field.toLowerCase(),
  ) as [string, string, string, string, string];
  // Celery runs on a day only if its day of month AND its day of week match (crontab.remaining_delta's
  // execute_this_date); cron (and cron-parser) runs when either does once both are restricted.
  // So when both are, cron-parser walks the days of the month and the weekdays are checked here.
  const both = dayOfMonth !== "*" && dayOfWeek !== "*";
  const expression = CronExpressionParser.parse(`${minute} ${hour} ${dayOfMonth} ${month} ${both ? "*" : dayOfWeek}`, {
    tz: crontab.timezone,
  });
  const weekdays = both
    ? new Set(CronExpressionParser.parse(`0 0 * * ${dayOfWeek}`).fields.dayOfWeek.values.map((day) => Number(day) % 7))
    : undefined;
  const minutes = expression.fields.minute.values.map(Number);
  const hours = expression.fields.hour.values.map(Number);
  const firstHour = Math.min(...hours);
  const firstMinute = Math.min(...minutes);
  return {
    expression,
    zone: crontab.timezone,
    weekdays,
    perDay: minutes.length * hours.length,
    firstHour,
    firstMinute,
    spanMs: ((Math.max(...hours) - firstHour) * 60 + Math.max(...minutes) - firstMinute) * 60_000,
  };
}

/**
 * A crontab's fire times in (after, through], in its time zone. cron-parser finds each fire; a
 * day that starts at its first fire, ends inside the window and keeps one UTC offset throughout
 * is counted whole (hours × minutes) and skipped to its last fire, so a year of a per-minute
 * crontab costs a few hundred steps. Partial days and days with a DST change are walked fire by
 * fire, as cron-parser places them.
 */
export function crontabRuns(crontab: Omit<Crontab, "id">, afterUs: bigint, throughUs: bigint, onlyFirst = false): Runs | undefined {
  const plan = cronPlan(crontab);
  if (!plan) return undefined;
  const throughMs = Number(floorDiv(throughUs, 1000n));
  // Fires are whole minutes: f·1000 > afterUs exactly when f > floor(afterUs / 1000).
  const afterMs = Number(floorDiv(afterUs, 1000n));
  // The clock ticks before every request in real time: most windows are milliseconds long and end
  // before the next fire already found, so cron-parser is not asked again.
  const seen = plan.seen;
  if (seen && afterMs >= seen.after && afterMs < seen.next && throughMs < seen.next) return undefined;
  const it = plan.expression;
  it.reset(new Date(afterMs));
  let count = 0;
  let first: number | undefined;
  let last = 0;
  for (;;) {
    let fire: CronDate;
    try {
      fire = it.next();
    } catch {
      break; // cron-parser gives up on a date too far off (its loop limit): nothing more in this window.
    }
    const at = fire.getTime();
    // Until a fire counts, none has counted since afterMs (a skipped weekday is no run).
    if (first === undefined) plan.seen = { after: afterMs, next: at };
    if (at > throughMs) break;
    const matches = plan.weekdays === undefined || plan.weekdays.has(fire.getDay());
    const dayEnd = wholeDayEnd(plan, fire, throughMs);
    if (matches) {
      first ??= at;
      if (onlyFirst) break;
      count += dayEnd === undefined ? 1 : plan.perDay;
      last = dayEnd ?? at;
    }
    if (dayEnd !== undefined) it.reset(new Date(dayEnd));
  }
  if (first === undefined) return undefined;
  if (onlyFirst) return { count: 1, last: BigInt(first) * 1000n };
  return { count: Math.min(count, MAX_RUN_COUNT), last: BigInt(last) * 1000n };
}

/** The day's last fire when `fire` is its first, the day ends by `throughMs` and no offset change falls in it. */
function wholeDayEnd(plan: CronPlan, fire: CronDate, throughMs: number): number | undefined {
  if (plan.perDay === 1 || fire.getHours() !== plan.firstHour || fire.getMinutes() !== plan.firstMinute) return undefined;
  const end = fire.getTime() + plan.spanMs;
  if (end > throughMs) return undefined;
  return new CronDate(end, plan.zone).getUTCOffset() === fire.getUTCOffset() ? end : undefined;
}

/** Microseconds since the epoch of an ISO 8601 date-time (Django keeps microseconds; Date keeps milliseconds). */
export function micros(iso: string): bigint {
  const ms = Date.parse(iso);
  // No fraction at all (as most stored times): no regex needed.
  if (!iso.includes(".")) return BigInt(ms) * 1000n;
  const fraction = /\.\d{3}(\d{1,3})/.exec(iso)?.[1] ?? "";
  return BigInt(ms) * 1000n + BigInt(fraction.padEnd(3, "0") || "0");
}

/** An ISO 8601 UTC date-time, with microseconds only when a fire time has some. */
export function isoFromMicros(us: bigint): string {
  const ms = floorDiv(us, 1000n);
  const iso = new Date(Number(ms)).toISOString();
  const sub = us - ms * 1000n;
  return sub === 0n ? iso : `${iso.slice(0, -1)}${sub.toString().padStart(3, "0")}Z`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
