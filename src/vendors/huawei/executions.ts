// Handlers of a task's execution records (execute-history) and of one execution's sub-tasks
// (execute-detail), both paged with offset and limit. The clock adds executions (runs.ts).
import type { HandlerResult } from "../../engine/vendor.js";
import { compareBy, page } from "../common.js";
import { answer } from "./answer.js";
import { executeHistoryNotFound, projectNotFound, taskNotFound } from "./errors.js";
import { type Context, details, type ExecuteHistory, histories, projectExists, projectOf, tasks } from "./records.js";

/** begin_time (else create_time) descending, then id (ScheduleTaskExecuteHistory rules). */
const LATEST_FIRST = compareBy<ExecuteHistory>([
  { read: (h) => Date.parse(h.begin_time ?? h.create_time), descending: true },
  { read: (h) => h.id },
]);

function paging(c: Context): { offset: number; limit: number } {
  return { offset: (c.query["offset"] as number | undefined) ?? 0, limit: (c.query["limit"] as number | undefined) ?? 10 };
}

function listTaskExecuteHistory(c: Context): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const taskId = c.params["task_id"] as string;
  if (!tasks(c).has(taskId, projectOf(c))) return taskNotFound(taskId);
  const { offset, limit } = paging(c);
  const runs = histories(c)
    .list(projectOf(c))
    .filter((h) => h.task_id === taskId)
    .sort(LATEST_FIRST);
  return answer(c, 200, { count: runs.length, items: page(runs, offset, limit) });
}

function listTaskExecuteDetail(c: Context): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  // The id of an execution record, not of a task (conflict huawei-execute-detail-param).
  const executionId = c.params["execute_history_id"] as string;
  if (!histories(c).has(executionId, projectOf(c))) return executeHistoryNotFound(executionId);
  const { offset, limit } = paging(c);
  // Sub-tasks in the order they were recorded (one per server, as the execution started them).
  const subTasks = details(c)
    .list(projectOf(c))
    .filter((d) => d.execute_id === executionId);
  return answer(c, 200, { count: subTasks.length, items: page(subTasks, offset, limit) });
}

export const executionHandlers = { listTaskExecuteHistory, listTaskExecuteDetail };
