// Handlers of the scheduled tasks themselves: create, list, show, PATCH, delete, batch delete,
// and the future-executions calculator. Every one answers 404 first for an unknown project. The
// rules a body breaks by itself were checked before (rules.ts, the request rules); a handler
// refuses only what depends on the stored state: a target the project lacks, a PATCH whose merge
// with the stored task makes a schedule that cannot be.
import type { HandlerResult } from "../../engine/vendor.js";
import { cloneJson, page, type SortKey, sortBy, sortedMatches } from "../common.js";
import { DEFAULT_TIME_ZONE, executionTime, localDate, runsAfter, type Schedule } from "./calendar.js";
import { invalid, projectNotFound, taskNotFound, taskRunning } from "./errors.js";
import {
  answer,
  asDerivedScheduleTask,
  asScheduleTask,
  asScheduleTaskDetail,
  deleteTasks,
  derive,
  type Op,
  projectExists,
  projectOf,
  type TaskRecord,
  tasks,
} from "./records.js";
import { EMPTY_IS_UNSET, mergedScheduleViolations, targetViolations } from "./rules.js";

type TargetInfo = TaskRecord["target_infos"][number];

/** The fields "" clears in a PATCH (conflict huawei-update-empty-strings): expire_time too. */
const CLEARABLE = new Set([...EMPTY_IS_UNSET, "expire_time"]);

/** A body without its "" fields: "" is no value (conflict huawei-update-empty-strings). */
function withoutEmpty<T extends object>(body: T): T {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) if (!(value === "" && EMPTY_IS_UNSET.has(field))) out[field] = cloneJson(value);
  return out as T;
}

/** Targets as stored: a target_name sent is not kept (the detail answers the object's own name). */
function storedTargets(targets: TargetInfo[]): TargetInfo[] {
  return targets.map(({ target_type, target_id }) => ({ target_type, target_id }));
}

/** A policy as stored: enforcement_enable defaults to false (the definitions). */
function storedPolicy(policy: { enforcement_enable?: boolean }): { enforcement_enable: boolean } {
  return { enforcement_enable: policy.enforcement_enable ?? false };
}

/** create_time descending, then id (ScheduleTask rules). */
const NEWEST_FIRST: SortKey<TaskRecord>[] = [{ read: (t) => Date.parse(t.create_time), descending: true }, { read: (t) => t.id }];

function createScheduleTask(c: Op<"createScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const input = withoutEmpty(c.body);
  // One reading of the clock for create_time and next_execution_time.
  const instant = c.clock.now();
  const at = instant.toISOString();
  // The body's fields, then the server's, as a spread would order them; assigned onto the copy
  // of the body because a spread that repeats keys (time_zone, target_infos) costs ~10 µs here.
  const record = Object.assign(input, {
    id: c.faker.string.uuid(),
    time_zone: input.time_zone ?? DEFAULT_TIME_ZONE,
    target_infos: storedTargets(input.target_infos),
    // Created enabled: the create body has no is_enable (conflict huawei-create-is-enable).
    is_enable: true,
    last_status: "WAITING" as const,
    task_cron: "",
    create_time: at,
    update_time: at,
  }) as TaskRecord;
  // A task created without a policy has none (the detail omits it, as Terraform's test reads it).
  if (input.schedule_task_policy) record.schedule_task_policy = storedPolicy(input.schedule_task_policy);
  const violations = targetViolations(c, record.target_infos);
  if (violations.length > 0) return invalid(violations);
  const stored = tasks(c).put(derive(record, instant), projectOf(c));
  return answer(c, 200, asDerivedScheduleTask(stored));
}

function listScheduleTasks(c: Op<"listScheduleTasks">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const { task_name: name, offset = 0, limit = 10 } = c.query;
  // An empty task_type filters nothing (the definition's pattern allows it); an empty task_name matches every name anyway.
  const type = c.query.task_type === "" ? undefined : c.query.task_type;
  const collection = tasks(c);
  const project = projectOf(c);
  // The project's tasks sorted once until the next write (create_time and id never change in
  // place); only the page's tasks are derived at the clock.
  const sorted = collection.memo(`newest first ${project}`, () => sortBy(collection.list(project), NEWEST_FIRST));
  const filtered = name !== undefined || type !== undefined;
  const matches = sortedMatches(
    sorted,
    () => collection.list(project),
    NEWEST_FIRST,
    filtered ? (t) => (name === undefined || t.task_name.includes(name)) && (type === undefined || t.task_type === type) : undefined,
  );
  return answer(c, 200, { count: matches.length, items: page(matches, offset, limit).map((t) => asScheduleTask(c, t)) });
}

function showScheduleTask(c: Op<"showScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const id = c.params.task_id;
  const task = tasks(c).get(id, projectOf(c));
  return task ? answer(c, 200, asScheduleTaskDetail(c, task)) : taskNotFound(id);
}

function updateScheduleTask(c: Op<"updateScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const id = c.params.task_id;
  const existing = tasks(c).get(id, projectOf(c));
  if (!existing) return taskNotFound(id);
  const input = c.body;
  const merged: TaskRecord = structuredClone(existing);
  for (const [field, value] of Object.entries(input)) {
    if (value === "" && CLEARABLE.has(field)) delete merged[field];
    else merged[field] = structuredClone(value);
  }
  if (input.target_infos) merged.target_infos = storedTargets(input.target_infos);
  if (input.schedule_task_policy) merged.schedule_task_policy = storedPolicy(input.schedule_task_policy);
  const violations = [...mergedScheduleViolations(merged), ...(input.target_infos ? targetViolations(c, merged.target_infos) : [])];
  if (violations.length > 0) return invalid(violations);
  // The changed task waits for its next run, as the seed's answer shows.
  merged.last_status = "WAITING";
  const instant = c.clock.now();
  merged.update_time = instant.toISOString();
  const stored = tasks(c).put(derive(merged, instant), projectOf(c));
  return answer(c, 200, asDerivedScheduleTask(stored));
}

function deleteScheduleTask(c: Op<"deleteScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const id = c.params.task_id;
  const task = tasks(c).get(id, projectOf(c));
  // An unknown task is ignored and the delete succeeds (conflict huawei-delete-unknown-task).
  if (!task) return answer(c, 200);
  if (task.last_status === "RUNNING") {
    return { error: taskRunning(id) };
  }
  deleteTasks(c, [id]);
  return answer(c, 200);
}

function batchDeleteScheduleTask(c: Op<"batchDeleteScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const { items } = c.body;
  // Unknown ids are ignored, running tasks skipped (conflict huawei-batch-delete-running).
  const deletable = items.filter((id) => {
    const task = tasks(c).get(id, projectOf(c));
    return task !== undefined && task.last_status !== "RUNNING";
  });
  deleteTasks(c, deletable);
  return answer(c, 200);
}

function listFutureExecutions(c: Op<"listFutureExecutions">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const input = withoutEmpty(c.body);
  // The request rules made it a whole schedule (scheduled_time and the fields its type needs).
  const schedule = { ...input, time_zone: input.time_zone ?? DEFAULT_TIME_ZONE } as Schedule;
  const at = c.clock.now();
  // Nothing is stored: a DAY schedule without scheduled_date counts from today, as if created now.
  const runs = runsAfter(schedule, at, 5, localDate(at, schedule.time_zone));
  return answer(c, 200, { future_executions: runs.map((run) => executionTime(run, schedule.time_zone)), time_zone: schedule.time_zone });
}

export const taskHandlers = {
  createScheduleTask,
  listScheduleTasks,
  showScheduleTask,
  updateScheduleTask,
  deleteScheduleTask,
  batchDeleteScheduleTask,
  listFutureExecutions,
};
