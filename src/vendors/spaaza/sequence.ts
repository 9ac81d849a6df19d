// Task ids: one integer sequence across every chain, the highest id ever used + 1, so an id is
// never given again after its task is deleted (the spec's Task rules).
//
// The high-water mark is a `_sequences` record. Until the first create or delete after a start
// or reset there is none, and the tasks collection itself holds every id ever used; from then on
// the record is at least every id the collection has held. A reset empties `_sequences` with
// everything else, so the sequence starts over from the fixtures by construction.
import type { State } from "../../store/store.js";
import { sequences, tasks } from "./records.js";

const TASKS = "tasks";

function highestId(state: State): number {
  const sequence = sequences(state).get(TASKS);
  if (sequence) return sequence.highest;
  let highest = 0;
  for (const task of tasks(state).all()) if (task.id > highest) highest = task.id;
  return highest;
}

/** The id of a new task (the highest ever used + 1), taken: the next call gives the one after. */
export function takeTaskId(state: State): number {
  const id = highestId(state) + 1;
  sequences(state).put({ name: TASKS, highest: id });
  return id;
}

/** Call before a task is deleted: the mark takes its id in, so it is never given again. */
export function keepIdsOf(state: State): void {
  if (!sequences(state).has(TASKS)) sequences(state).put({ name: TASKS, highest: highestId(state) });
}
