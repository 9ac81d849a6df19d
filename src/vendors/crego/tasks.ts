// Registered Celery tasks: read one, and change only its nine Celery settings (PATCH merges,
// PUT sends all nine); the time limits must stay ordered and date_changed follows every write.
import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { components } from "../../generated/crego.js";
import type { Row, Store } from "../../store/store.js";
import { fail, now, ok, ruleViolation } from "../common.js";
import { NOT_FOUND, TIME_LIMITS } from "./errors.js";

type Schemas = components["schemas"];
export type Task = Schemas["Task"] & Row;

type Context = HandlerContext<Store>;

const tasks = (c: Context) => c.state.collection<Task>("tasks");

export function getTask(c: Context): HandlerResult {
  const task = tasks(c).get(c.params["task_name"] as string);
  return task ? ok(200, task) : fail(404, "not-found", NOT_FOUND);
}

/** PATCH: the settings sent replace the stored ones (null included: it means "Celery's default"). */
export function updateTask(c: Context): HandlerResult {
  return save(c, c.body as Schemas["TaskPatch"]);
}

/** PUT: the schema requires all nine settings, so the same write replaces them all. */
export function replaceTask(c: Context): HandlerResult {
  return save(c, c.body as Schemas["TaskReplace"]);
}

function save(c: Context, changes: Schemas["TaskPatch"]): HandlerResult {
  const existing = tasks(c).get(c.params["task_name"] as string);
  if (!existing) return fail(404, "not-found", NOT_FOUND);
  const updated: Task = { ...existing, ...changes, date_changed: now(c) };
  // Celery raises SoftTimeLimitExceeded before the hard kill only if the soft limit comes first;
  // checked on the merged settings, so a PATCH of one limit is held against the stored other.
  if (updated.soft_time_limit !== null && updated.time_limit !== null && updated.soft_time_limit >= updated.time_limit) {
    return fail(400, "validation", TIME_LIMITS, { violations: [ruleViolation("/", TIME_LIMITS)] });
  }
  return ok(200, tasks(c).put(updated));
}
