// Scheduled runs when the mock's clock moves: what django-celery-beat's scheduler would do to a
// PeriodicTask row while time passes. Only counters move (total_run_count, last_run_at, and a
// one_off schedule switching itself off), so runs are counted rather than replayed one by one:
// intervals arithmetically, crontabs a whole day at a time (crontabFires.ts).
//
// Which fire times count, for one enabled schedule (spec: Schedule's x-taskmock-rules):
// - in the window the core runs, and after its own last_run_at;
// - not before start_time, and before the earlier of expires / expires_at;
// - its interval when it has one (conflict crego-interval-and-crontab-both-set), else its crontab;
// - none while the Celery task it names has is_active false.
// Each record's runs touch only that record, so taking records one by one gives the same state
// as interleaving every record's fire times in time order.
import { timelineOf, type TimelineRun, type VendorSchedule } from "../../engine/vendor.js";
import type { State } from "../../store/store.js";
import { type CrontabFields, crontabFires } from "./crontabFires.js";
import { type Interval, type Schedule, schedules, tasks } from "./records.js";
import { drfText } from "./time.js";

/** total_run_count is a 32-bit integer column (spec: maximum 2147483647); runs past it are not counted. */
const MAX_RUN_COUNT = 2_147_483_647;

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

export const cregoSchedule: VendorSchedule = {
  run(context, from, to) {
    runSchedules(context, microsOf(from), microsOf(to));
  },
  dueAfter(collection, record, after) {
    // A Celery task's is_active only holds its schedules back: they answer as if it were on (earlier is safe).
    return collection === "schedules" ? nextRunAfter(record as Schedule, BigInt(after) * 1000n) : Number.POSITIVE_INFINITY;
  },
  timeline(state, now, limit) {
    // Runs are counted, not kept: a schedule that ran shows its latest run and its count.
    const fired: TimelineRun[] = [];
    const due: TimelineRun[] = [];
    const celeryTasks = tasks({ state });
    for (const schedule of schedules({ state }).list()) {
      const about = { collection: "schedules", id: String(schedule.id), label: schedule.name };
      if (schedule.last_run_at) fired.push({ ...about, at: schedule.last_run_at, status: "ran", count: schedule.total_run_count });
      const next = nextRunAfter(schedule, BigInt(now) * 1000n);
      if (Number.isFinite(next)) {
        const held = celeryTasks.get(schedule.task)?.is_active === false;
        due.push({ ...about, at: new Date(next).toISOString(), status: held ? "held (task inactive)" : "run" });
      }
    }
    return timelineOf(fired, due, now, limit);
  },
};

/** Counts every enabled schedule's runs in (fromUs, toUs] and stores the ones that ran. */
function runSchedules(context: { state: State }, fromUs: bigint, toUs: bigint): void {
  const stored = schedules(context);
  const celeryTasks = tasks(context);
  for (const schedule of stored.list()) {
    if (!schedule.enabled) continue;
    // A task switched off (is_active false) is not sent; a name no task has is still sent, as beat would.
    if (celeryTasks.get(schedule.task)?.is_active === false) continue;
    const runs = runsWithin(schedule, narrow(ownWindow(schedule), fromUs, toUs), schedule.one_off);
    if (runs) stored.put(afterRuns(schedule, runs));
  }
}

/** The schedule once it has run: a new record (stored ones are never changed). */
function afterRuns(schedule: Schedule, runs: Runs): Schedule {
  if (schedule.one_off) {
    // django-celery-beat disables a one-off task once it has run; a disabled task has no last_run_at.
    return { ...schedule, total_run_count: Math.min(MAX_RUN_COUNT, schedule.total_run_count + 1), enabled: false, last_run_at: null };
  }
  const total_run_count = Math.min(MAX_RUN_COUNT, schedule.total_run_count + runs.count);
  return { ...schedule, total_run_count, last_run_at: isoFromMicros(runs.last) };
}

/** When the schedule next runs after `afterUs` (epoch ms, rounded up: the clock reads ms); Infinity if never. */
function nextRunAfter(schedule: Schedule, afterUs: bigint): number {
  if (!schedule.enabled) return Number.POSITIVE_INFINITY;
  const next = runsWithin(schedule, narrow(ownWindow(schedule), afterUs, NEVER), true);
  return next ? Number(-floorDiv(-next.last, 1000n)) : Number.POSITIVE_INFINITY;
}

/** The runs in a window (only the first, with `onlyFirst`): by the interval when there is one, else by the crontab. */
function runsWithin(schedule: Schedule, window: Window | undefined, onlyFirst: boolean): Runs | undefined {
  if (!window) return undefined;
  if (schedule.interval) return intervalRuns(schedule.interval, intervalAnchor(schedule), window.after, window.through, onlyFirst);
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
function intervalRuns(
  interval: Pick<Interval, "every" | "period">,
  anchor: { at: bigint; firstStep: bigint },
  after: bigint,
  through: bigint,
  onlyFirst = false,
): Runs | undefined {
  const step = BigInt(interval.every) * MICROS_PER[interval.period];
  const firstK = max(anchor.firstStep, floorDiv(after - anchor.at, step) + 1n);
  const lastK = onlyFirst ? firstK : floorDiv(through - anchor.at, step);
  if (lastK < firstK || anchor.at + lastK * step > through) return undefined;
  const count = lastK - firstK + 1n;
  return { count: count > BigInt(MAX_RUN_COUNT) ? MAX_RUN_COUNT : Number(count), last: anchor.at + lastK * step };
}

/** A crontab's fire times in (afterUs, throughUs] (only the first, with `onlyFirst`), in its time zone. */
export function crontabRuns(crontab: CrontabFields, afterUs: bigint, throughUs: bigint, onlyFirst = false): Runs | undefined {
  // Fires are whole minutes: f·1000 > afterUs exactly when f > floor(afterUs / 1000), and likewise for through.
  const fires = crontabFires(crontab, Number(floorDiv(afterUs, 1000n)), Number(floorDiv(throughUs, 1000n)), onlyFirst);
  if (!fires) return undefined;
  return { count: Math.min(fires.count, MAX_RUN_COUNT), last: BigInt(fires.last) * 1000n };
}

function microsOf(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}

/** Microseconds since the epoch of an ISO 8601 date-time (Django keeps microseconds; Date keeps milliseconds). */
export function micros(iso: string): bigint {
  const ms = Date.parse(iso);
  // No fraction at all (as most stored times): no regex needed.
  if (!iso.includes(".")) return BigInt(ms) * 1000n;
  const fraction = /\.\d{3}(\d{1,3})/.exec(iso)?.[1] ?? "";
  return BigInt(ms) * 1000n + BigInt(fraction.padEnd(3, "0") || "0");
}

/** A fire time as DRF writes it: UTC, a fraction (six digits) only when it has one. */
function isoFromMicros(us: bigint): string {
  const ms = floorDiv(us, 1000n);
  return drfText({ ms: Number(ms), micros: Number(us - ms * 1000n) });
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
