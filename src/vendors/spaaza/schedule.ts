// The scheduler: what Spaaza's Services API does to tasks while the mock's clock moves (spec:
// Task's x-taskmock-rules, "Scheduler"). A READY task starts when the clock passes its
// trigger.once (INPROGRESS) and finishes RUN_MS of mock time later (DONE or ERROR). A task
// created or updated with a trigger.once not after that moment is overdue: it starts at the time
// of that write, once the clock next moves. Fixtures describe a moment, not a backlog: a READY
// fixture record whose trigger.once is already past stays READY, and an INPROGRESS fixture record
// never finishes, because only writes and starts seen here put a task in the two maps below.
//
// Each task has at most two events per clock move (its start and its finish), so a move of any
// length costs one pass over the tasks; the events of every task are applied in time order. A
// move with nothing due (most of them: the clock moves before each request) costs no pass.
import type { Faker } from "@faker-js/faker";
import type { RunFault } from "../../engine/vendor.js";
import type { Collection, Store } from "../../store/store.js";
import { stamp, type Task } from "./records.js";
import { finishRun, startRun } from "./run.js";

/** How long a scheduled run lasts, in mock time (inferred). */
export const RUN_MS = 60_000;

/**
 * READY tasks written (created or updated) with a trigger.once not after the write: when each
 * became due. Keyed by the record itself, so a reset (fresh fixture copies) forgets them all.
 */
const overdue = new WeakMap<Task, number>();
/** Tasks the scheduler started: when each run ends. */
const ending = new WeakMap<Task, number>();

/**
 * What the last walk over every task found: after `after`, no start or finish is due before
 * `earliest`. A clock move from `after` or later that ends before it has nothing to do (the
 * clock moves before each request), so it skips the walk. Kept per tasks collection with the
 * version it read: a create is folded in from the change log, an update in place by noteWrite;
 * a delete or a reset makes the next move walk again.
 */
interface Horizon {
  after: number;
  earliest: number;
  version: number;
}

const horizons = new WeakMap<Collection<Task>, Horizon>();

/**
 * After a create or an accepted update of a READY task (`tasks` holds it): the write's time is
 * its state.last_modified.
 */
export function noteWrite(tasks: Collection<Task>, task: Task): void {
  const written = Date.parse(task.state.last_modified);
  if (Date.parse(task.trigger.once) <= written) overdue.set(task, written);
  else overdue.delete(task);
  const horizon = horizons.get(tasks);
  if (horizon) horizon.earliest = Math.min(horizon.earliest, nextEvent(task, horizon.after));
}

/** When the task's next start or finish after `after` can be: an overdue start is due at once. */
function nextEvent(task: Task, after: number): number {
  if (task.state.code === "READY") {
    const due = overdue.get(task);
    if (due !== undefined) return due;
    const start = Date.parse(task.trigger.once);
    return start > after ? start : Number.POSITIVE_INFINITY;
  }
  if (task.state.code === "INPROGRESS") return ending.get(task) ?? Number.POSITIVE_INFINITY;
  return Number.POSITIVE_INFINITY;
}

/** Whether the horizon still covers every task, folding in the tasks written since it was found. */
function upToDate(tasks: Collection<Task>, horizon: Horizon): boolean {
  const written = tasks.writtenSince(horizon.version);
  if (written === undefined) return false;
  for (const task of written) horizon.earliest = Math.min(horizon.earliest, nextEvent(task, horizon.after));
  horizon.version = tasks.version;
  return true;
}

interface Event {
  at: number;
  task: Task;
  kind: "start" | "finish";
}

const byTime = (a: Event, b: Event): number => a.at - b.at || a.task.id - b.task.id || (a.kind === "start" ? -1 : 1);

/** Runs every start and finish in (from, to], and the overdue starts up to `to`, in time order across tasks. */
export function onClock(state: Store, from: Date, to: Date, faker: Faker, runFault: RunFault): void {
  const after = from.getTime();
  const through = to.getTime();
  const tasks = state.collection<Task>("tasks");
  const horizon = horizons.get(tasks);
  if (horizon && after >= horizon.after && upToDate(tasks, horizon) && through < horizon.earliest) return;
  const events: Event[] = [];
  for (const task of tasks.all()) {
    if (task.state.code === "READY") {
      const due = overdue.get(task);
      const start = due ?? Date.parse(task.trigger.once);
      if (start > through || (due === undefined && start <= after)) continue;
      events.push({ at: start, task, kind: "start" });
      if (start + RUN_MS <= through) events.push({ at: start + RUN_MS, task, kind: "finish" });
    } else if (task.state.code === "INPROGRESS") {
      const end = ending.get(task);
      if (end !== undefined && end <= through) events.push({ at: end, task, kind: "finish" });
    }
  }
  for (const { at, task, kind } of events.sort(byTime)) {
    if (kind === "start") {
      overdue.delete(task);
      ending.set(task, at + RUN_MS);
      startRun(task, stamp(new Date(at)), "scheduled");
    } else {
      ending.delete(task);
      finishRun(task, stamp(new Date(at)), faker, runFault);
    }
  }
  let earliest = Number.POSITIVE_INFINITY;
  for (const task of tasks.all()) earliest = Math.min(earliest, nextEvent(task, through));
  horizons.set(tasks, { after: through, earliest, version: tasks.version });
}
