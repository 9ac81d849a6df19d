// Registered Celery tasks: read one, and change only its nine Celery settings (PATCH merges,
// PUT sends all nine); the merged time limits must stay ordered and date_changed follows every write.
import type { HandlerResult } from "../../engine/vendor.js";
import type { components } from "../../generated/crego.js";
import { fail, ok } from "../common.js";
import { NOT_FOUND, TIME_LIMITS } from "./errors.js";
import { type Op, type Task, tasks } from "./records.js";
import { timeLimitViolation } from "./rules.js";
import { drfNow } from "./time.js";

export function getTask(c: Op<"getTask">): HandlerResult {
  const task = tasks(c).get(c.params.task_name);
  return task ? ok(200, task) : fail(404, "not-found", NOT_FOUND);
}

/** PATCH: the settings sent replace the stored ones (null included: it means "Celery's default"). */
export function updateTask(c: Op<"updateTask">): HandlerResult {
  return save(c, c.body);
}

/** PUT: the schema requires all nine settings, so the same write replaces them all. */
export function replaceTask(c: Op<"replaceTask">): HandlerResult {
  return save(c, c.body);
}

function save(c: Op<"updateTask" | "replaceTask">, changes: components["schemas"]["TaskPatch"]): HandlerResult {
  const existing = tasks(c).get(c.params.task_name);
  if (!existing) return fail(404, "not-found", NOT_FOUND);
  const updated: Task = { ...existing, ...changes, date_changed: drfNow(c.clock.now()) };
  // Celery raises SoftTimeLimitExceeded before the hard kill only if the soft limit comes first.
  // A body with both limits was checked beside the schema (rules.ts); here the merged settings,
  // so a PATCH of one limit is held against the stored other.
  const violation = timeLimitViolation(updated.soft_time_limit, updated.time_limit);
  if (violation) return fail(400, "validation", TIME_LIMITS, { violations: [violation] });
  return ok(200, tasks(c).put(updated));
}
