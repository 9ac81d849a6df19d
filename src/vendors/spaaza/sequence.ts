// Task ids: one integer sequence across every chain, the highest id ever used + 1, so an id is
// never given again after its task is deleted (the spec's Task rules).
//
// The high-water mark outlives deletes but must not outlive POST /__admin/reset, and the engine
// has no reset hook. A reset puts fresh copies of the fixture records in the collection, and the
// handlers change records in place, so the mark remembers which record objects it has seen: when
// the collection holds records and none of them is one it saw, a reset happened and the mark
// starts over from what the collection holds.
import type { Collection } from "../../store/store.js";
import type { Task } from "./records.js";

interface Sequence {
  highest: number;
  seen: WeakSet<object>;
}

const sequences = new WeakMap<Collection<Task>, Sequence>();

/** Takes in the collection's current ids; call before a delete so the deleted id is remembered. */
export function observe(tasks: Collection<Task>): Sequence {
  const records = tasks.all();
  let sequence = sequences.get(tasks);
  const wasReset = sequence !== undefined && records.length > 0 && !records.some((r) => sequence?.seen.has(r));
  if (!sequence || wasReset) {
    sequence = { highest: 0, seen: new WeakSet() };
    sequences.set(tasks, sequence);
  }
  for (const record of records) {
    sequence.seen.add(record);
    sequence.highest = Math.max(sequence.highest, record.id);
  }
  return sequence;
}

/** The id of a new task: the highest ever seen + 1. */
export function nextTaskId(tasks: Collection<Task>): number {
  return observe(tasks).highest + 1;
}
