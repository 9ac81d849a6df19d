// The scheduler: what Spaaza's Services API does to tasks while the mock's clock moves (spec:
// Task's x-taskmock-rules, "Scheduler"). A READY task starts when the clock passes its
// trigger.once (INPROGRESS) and finishes RUN_MS of mock time later (DONE or ERROR). A task
// created or updated with a trigger.once not after that moment is overdue: it starts at the time
// of that write, once the clock next moves. Fixtures describe a moment, not a backlog: a READY
// fixture record whose trigger.once is already past stays READY, and an INPROGRESS fixture record
// never finishes, because only writes and starts seen here put a task in the two maps below.
//
// Each task has at most two events per clock move (its start and its finish), so a move of any
// length costs one pass over the tasks; the events of every task are applied in time order.
import type { Faker } from "@faker-js/faker";
import type { RunFault } from "../../engine/vendor.js";
import type { Store } from "../../store/store.js";
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

/** After a create or an accepted update of a READY task: the write's time is its state.last_modified. */
export function noteWrite(task: Task): void {
  const written = Date.parse(task.state.last_modified);
  if (Date.parse(task.trigger.once) <= written) overdue.set(task, written);
  else overdue.delete(task);
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
  const events: Event[] = [];
  for (const task of state.collection<Task>("tasks").all()) {
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
}
