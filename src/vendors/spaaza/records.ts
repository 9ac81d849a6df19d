// Spaaza task records: their types (from the spec's schemas), the tasks collection and the
// vendor's own bookkeeping collections, the handlers' per-operation contexts, the mock clock's
// second-precision timestamps, and the chain scoping every endpoint applies.

import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/spaaza.js";
import type { Collection, State } from "../../store/store.js";
import { notFound, type OperationContext } from "../common.js";

type Schemas = components["schemas"];
export type Task = Schemas["Task"];
export type Trigger = Schemas["Trigger"];
export type LogEntry = Schemas["LogEntry"];

/** One operation's context: its parameters and body typed from the spec. */
export type Op<Id extends keyof operations> = OperationContext<operations[Id]>;

/** What the helpers below read of a request. */
export type Context = Pick<HandlerContext, "state" | "clock" | "principal">;

/** A request about one task: the task's id is in the path. */
type TaskContext = Context & { params: { id: number } };

/** What a task that has never run carries as last_run_date (conflict spaaza-last-run-date-zero). */
export const NEVER_RUN = "0001-01-01T00:00:00Z";

export const tasks = (state: State): Collection<Task> => state.collection<Task>("tasks");

/**
 * The vendor's bookkeeping (adapter.internal, name → key field): part of the state, empty at
 * start and after a reset, written in the same transaction as the tasks they are about.
 */
export const INTERNAL = { _sequences: "name", _runs: "id" } as const;

/** An id sequence: the highest id it has given or seen deleted (`_sequences`, keyed by name). */
export type Sequence = { name: string; highest: number };

/**
 * What the scheduler will do to a task (`_runs`, keyed by task id): start a READY task that a
 * request created or updated ("start": at its trigger.once, or at the write when the trigger was
 * not after it), or finish a run it started ("finish", RUN_MS later). At most one per task. A task
 * without one starts at a trigger.once still ahead, or never (a fixture's past trigger, a
 * fixture's INPROGRESS run).
 */
export type Run = { id: number; next: "start" | "finish"; at: string };

export const sequences = (state: State): Collection<Sequence> => state.collection<Sequence>("_sequences");
export const runs = (state: State): Collection<Run> => state.collection<Run>("_runs");

/** Every task page prints UTC with second precision (the Timestamp schema's pattern). */
export function stamp(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

export const nowStamp = (c: Context): string => stamp(c.clock.now());

/** The chain of the token: every endpoint sees only this chain's tasks. */
export const chainOf = (c: Context): number => c.principal?.["chain"] as number;

/** The task with this id in the token's chain; another chain's task is "not found", as Spaaza's docs say. */
export function findTask(c: TaskContext): { task: Task } | { missing: HandlerResult } {
  const id = c.params.id;
  const task = tasks(c.state).get(id);
  if (task && task.chain === chainOf(c)) return { task };
  return { missing: notFound(`No task exists with ID ${id} for chain ${chainOf(c)}`) };
}
