// Spaaza task records: their types, the tasks collection, the mock clock's second-precision
// timestamps, and the chain scoping every endpoint applies.

import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { components } from "../../generated/spaaza.js";
import type { Collection, Store } from "../../store/store.js";
import { notFound } from "../common.js";

type Schemas = components["schemas"];
export type Task = Schemas["Task"] & { [key: string]: unknown };
export type Target = Schemas["Target"];
export type Trigger = Schemas["Trigger"];
export type LogEntry = Schemas["LogEntry"];
export type StateCode = Schemas["StateCode"];
export type Context = HandlerContext<Store>;

/** What a task that has never run carries as last_run_date (conflict spaaza-last-run-date-zero). */
export const NEVER_RUN = "0001-01-01T00:00:00Z";

export const tasks = (c: Context): Collection<Task> => c.state.collection<Task>("tasks");

/** Every task page prints UTC with second precision (the Timestamp schema's pattern). */
export function stamp(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

export const nowStamp = (c: Context): string => stamp(c.clock.now());

/** The chain of the token: every endpoint sees only this chain's tasks. */
export const chainOf = (c: Context): number => c.principal?.["chain"] as number;

/** The task with this id in the token's chain; another chain's task is "not found", as Spaaza's docs say. */
export function findTask(c: Context): { task: Task } | { missing: HandlerResult } {
  const id = c.params["id"] as number;
  const task = tasks(c).get(id);
  if (task && task.chain === chainOf(c)) return { task };
  return { missing: notFound(`No task exists with ID ${id} for chain ${chainOf(c)}`) };
}
