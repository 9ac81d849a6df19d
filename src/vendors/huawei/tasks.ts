// Handlers of the scheduled tasks themselves: create, list, show, PATCH, delete, batch delete,
// and the future-executions calculator. Every one answers 404 first for an unknown project.
import type { HandlerResult } from "../../engine/vendor.js";
import { cloneJson, fail, page, type SortKey, sortBy, sortedMatches } from "../common.js";
import { DEFAULT_TIME_ZONE, executionTime, localDate, runsAfter, type Schedule } from "./calendar.js";
import { CODES, invalid, projectNotFound, taskNotFound } from "./errors.js";
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
import { scheduleViolations, targetViolations } from "./rules.js";

/** The fields "" clears in a PATCH (conflict huawei-update-empty-strings). */
const CLEARABLE = new Set(["week_list", "month_list", "date_list", "scheduled_date", "expire_time", "description"]);

/** create_time descending, then id (ScheduleTask rules). */
const NEWEST_FIRST: SortKey<TaskRecord>[] = [{ read: (t) => Date.parse(t.create_time), descending: true }, { read: (t) => t.id }];

function createScheduleTask(c: Op<"createScheduleTask">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const input = c.body;
  // One reading of the clock for create_time and next_execution_time.
  const instant = c.clock.now();
  const at = instant.toISOString();
  // The body's fields, then the server's, as a spread would order them; assigned onto a copy
  // of the body because a spread that repeats keys (time_zone, schedule_task_policy) costs ~10 µs here.
  const record: TaskRecord = Object.assign(cloneJson(input), {
    id: c.faker.string.uuid(),
    time_zone: input.time_zone ?? DEFAULT_TIME_ZONE,
    schedule_task_policy: input.schedule_task_policy ?? { enforcement_enable: false },
    // Created enabled: the create body has no is_enable (conflict huawei-create-is-enable).
    is_enable: true,
    last_status: "WAITING" as const,
    task_cron: "",
    create_time: at,
    update_time: at,
  });
  const violations = [...scheduleViolations(record), ...targetViolations(c, record.target_infos)];
  if (violations.length > 0) return invalid(violations);
  const stored = tasks(c).put(derive(record, instant), projectOf(c));
  return answer(c, 200, asDerivedScheduleTask(stored));
}

function listScheduleTasks(c: Op<"listScheduleTasks">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const { task_name: name, task_type: type, offset = 0, limit = 10 } = c.query;
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
  const violations = [...scheduleViolations(merged), ...(input.target_infos ? targetViolations(c, merged.target_infos) : [])];
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
    const message = `The request could not be completed due to a conflict of the resource. Task ${id} is running; delete it after the execution ends.`;
    return fail(409, "conflict", message, { code: CODES.conflict });
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
  const input = c.body;
  const schedule: Schedule = { ...input, time_zone: input.time_zone ?? DEFAULT_TIME_ZONE };
  const violations = scheduleViolations(schedule);
  if (violations.length > 0) return invalid(violations);
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
