// Handlers of a task's execution records (execute-history) and of one execution's sub-tasks
// (execute-detail), both paged with offset and limit. The clock adds executions (schedule.ts).
import type { HandlerResult } from "../../engine/vendor.js";
import { compareBy, page } from "../common.js";
import { executeHistoryNotFound, projectNotFound, taskNotFound } from "./errors.js";
import { answer, details, type ExecuteHistory, histories, type Op, projectExists, projectOf, tasks } from "./records.js";

/** begin_time (else create_time) descending, then id (ScheduleTaskExecuteHistory rules). */
const LATEST_FIRST = compareBy<ExecuteHistory>([
  { read: (h) => Date.parse(h.begin_time ?? h.create_time), descending: true },
  { read: (h) => h.id },
]);

/** Offset 0 and limit 10 unless the query says otherwise. */
function paging(query: { offset?: number; limit?: number }): { offset: number; limit: number } {
  return { offset: query.offset ?? 0, limit: query.limit ?? 10 };
}

function listTaskExecuteHistory(c: Op<"listTaskExecuteHistory">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  const taskId = c.params.task_id;
  if (!tasks(c).has(taskId, projectOf(c))) return taskNotFound(taskId);
  const { offset, limit } = paging(c.query);
  const runs = histories(c)
    .list(projectOf(c))
    .filter((h) => h.task_id === taskId)
    .sort(LATEST_FIRST);
  return answer(c, 200, { count: runs.length, items: page(runs, offset, limit) });
}

function listTaskExecuteDetail(c: Op<"listTaskExecuteDetail">): HandlerResult {
  if (!projectExists(c)) return projectNotFound(projectOf(c));
  // The id of an execution record, not of a task (conflict huawei-execute-detail-param).
  const executionId = c.params.execute_history_id;
  if (!histories(c).has(executionId, projectOf(c))) return executeHistoryNotFound(executionId);
  const { offset, limit } = paging(c.query);
  // Sub-tasks in the order they were recorded (one per server, as the execution started them).
  const subTasks = details(c)
    .list(projectOf(c))
    .filter((d) => d.execute_id === executionId);
  return answer(c, 200, { count: subTasks.length, items: page(subTasks, offset, limit) });
}

export const executionHandlers = { listTaskExecuteHistory, listTaskExecuteDetail };
