// The scheduler: what Spaaza's Services API does to tasks while the mock's clock moves (spec:
// Task's x-taskmock-rules, "Scheduler"). A READY task starts when the clock passes its
// trigger.once (INPROGRESS) and finishes RUN_MS of mock time later (DONE or ERROR). A task
// created or updated with a trigger.once not after that moment is overdue: it starts at the time
// of that write, once the clock next moves. Fixtures describe a moment, not a backlog: a READY
// fixture record whose trigger.once is already past stays READY, and an INPROGRESS fixture record
// never finishes, because only writes and starts seen here give a task a `_runs` record.
//
// A written task's start is kept in `_runs` too, not only an overdue one: the core never runs a
// stretch of time twice, so a task written after the clock was set back, with a trigger.once
// inside time already run, starts at it once the clock passes that time again, as an overdue one
// does. Without a record (a fixture never written), a READY task starts at a trigger.once inside
// the stretch being run.
//
// Each task has at most two events per run (its start and its finish), so a run over any length
// of time is one pass over the tasks; the events of every task are applied in time order. The
// core runs only once the clock reaches the earliest `dueAfter` of the records.
import { type ScheduleContext, timelineOf, type TimelineRun, type VendorSchedule } from "../../engine/vendor.js";
import type { Row, State } from "../../store/store.js";
import { type Run, runs, stamp, type Task, tasks } from "./records.js";
import { finishRun, startRun } from "./run.js";

/** How long a scheduled run lasts, in mock time (inferred). */
export const RUN_MS = 60_000;

/**
 * After a create or an accepted update of a READY task, in the same transaction: the task starts
 * at its trigger.once, or at the write (its state.last_modified) when the trigger is not after it.
 */
export function noteWrite(state: State, task: Task): void {
  const overdue = Date.parse(task.trigger.once) <= Date.parse(task.state.last_modified);
  runs(state).put({ id: task.id, next: "start", at: overdue ? task.state.last_modified : task.trigger.once });
}

interface Event {
  at: number;
  id: number;
  kind: "start" | "finish";
}

const byTime = (a: Event, b: Event): number => a.at - b.at || a.id - b.id || (a.kind === "start" ? -1 : 1);

/** Every `_runs` start and finish up to `to`, and the starts at a fixture's trigger.once in (from, to], in time order across tasks. */
function run({ state, faker, runFault }: ScheduleContext, from: Date, to: Date): void {
  const after = from.getTime();
  const through = to.getTime();
  const stored = tasks(state);
  const pending = runs(state);
  const events: Event[] = [];
  for (const task of stored.all()) {
    const next = pending.get(task.id);
    if (task.state.code === "READY") {
      const due = next?.next === "start" ? Date.parse(next.at) : undefined;
      const start = due ?? Date.parse(task.trigger.once);
      if (start > through || (due === undefined && start <= after)) continue;
      events.push({ at: start, id: task.id, kind: "start" });
      if (start + RUN_MS <= through) events.push({ at: start + RUN_MS, id: task.id, kind: "finish" });
    } else if (task.state.code === "INPROGRESS" && next?.next === "finish") {
      const end = Date.parse(next.at);
      if (end <= through) events.push({ at: end, id: task.id, kind: "finish" });
    }
  }
  // Each event reads the task as the events before it left it (a start and its finish in one run).
  for (const { at, id, kind } of events.sort(byTime)) {
    const task = stored.get(id) as Task;
    if (kind === "start") {
      pending.put({ id, next: "finish", at: stamp(new Date(at + RUN_MS)) });
      stored.put(startRun(task, stamp(new Date(at)), "scheduled"));
    } else {
      pending.delete(id);
      stored.put(finishRun(task, stamp(new Date(at)), faker, runFault));
    }
  }
}

/**
 * A READY task's start at a trigger.once still ahead; a `_runs` record's start or end (which may
 * be past: it is then due at once). The handlers keep `_runs` in step with the tasks (a delete or
 * an execute removes the task's record, an update replaces it), so a record is never stale.
 */
function dueAfter(collection: string, record: Row, after: number): number {
  if (collection === "tasks") {
    const task = record as Task;
    if (task.state.code !== "READY") return Number.POSITIVE_INFINITY;
    const start = Date.parse(task.trigger.once);
    return start > after ? start : Number.POSITIVE_INFINITY;
  }
  if (collection === "_runs") return Date.parse((record as Run).at);
  return Number.POSITIVE_INFINITY;
}

/**
 * VendorSchedule.timeline: each task that has run (INPROGRESS at its start; DONE or ERROR at its
 * end, its last change), and each start or finish still to come (a `_runs` record, or a READY
 * task's trigger.once ahead).
 */
function timeline(state: State, now: number, limit: number) {
  const fired: TimelineRun[] = [];
  const due: TimelineRun[] = [];
  const pending = runs(state);
  for (const task of tasks(state).all()) {
    const about = { collection: "tasks", id: String(task.id), label: task.desc };
    const { code, last_run_date, last_modified } = task.state;
    if (code !== "READY") fired.push({ ...about, at: code === "INPROGRESS" ? last_run_date : last_modified, status: code });
    const next = pending.get(task.id);
    if (next) due.push({ ...about, at: next.at, status: next.next });
    else if (code === "READY" && Date.parse(task.trigger.once) > now) due.push({ ...about, at: task.trigger.once, status: "start" });
  }
  return timelineOf(fired, due, now, limit);
}

export const schedule: VendorSchedule = { run, dueAfter, timeline };
