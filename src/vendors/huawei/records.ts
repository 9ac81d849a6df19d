// The stored shapes (ScheduleTaskRecord and the records around it), their collections, the
// projections of a stored task onto the two shapes answers use (conflict huawei-show-task-fields),
// and the success answer every handler sends.
import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/huawei.js";
import type { Row } from "../../store/store.js";
import { cloneJson, type OperationContext, ok } from "../common.js";
import { executionTime, localDate, runsAfter, taskCron } from "./calendar.js";
import { requestId } from "./errors.js";

type Schemas = components["schemas"];

export type TaskRecord = Schemas["ScheduleTaskRecord"] & Row;
export type ExecuteHistory = Schemas["ScheduleTaskExecuteHistory"] & Row;
export type ExecuteDetail = Schemas["ScheduleTaskExecuteDetail"] & Row;
type NamedTarget = Schemas["Server"] & Row;

/** What the helpers below read of a request: every Huawei path starts with the project. */
export type Context = Pick<HandlerContext, "state" | "clock" | "faker"> & { params: { project_id: string } };

/** One operation's context: its parameters and body typed from the spec. */
export type Op<Id extends keyof operations> = OperationContext<operations[Id]>;

export const tasks = (c: Context) => c.state.collection<TaskRecord>("schedule_tasks");
export const histories = (c: Context) => c.state.collection<ExecuteHistory>("execute_histories");
export const details = (c: Context) => c.state.collection<ExecuteDetail>("execute_details");

/** The project of the path; every collection but projects is partitioned by it. */
export const projectOf = (c: Context) => c.params.project_id;

/**
 * A successful answer as Huawei sends it: the body, and the X-Request-Id every response carries
 * (32 hex digits, seeded like every generated value) that a client quotes to support.
 */
export function answer(c: Context, status: number, body?: unknown): HandlerResult {
  return ok(status, body, { "x-request-id": requestId(c.faker) });
}

export function projectExists(c: Context): boolean {
  return c.state.collection("projects").has(projectOf(c));
}

/** The server or server group a target names in the project, if any. */
export function targetObject(c: Context, target: Schemas["TargetInfo"]): NamedTarget | undefined {
  const collection = target.target_type === "SERVER" ? "servers" : "server_groups";
  return c.state.collection<NamedTarget>(collection).get(target.target_id, projectOf(c));
}

/** Every key of T, listed: the compiler refuses the list when the spec's schema gains a field. */
type KeysOf<T> = readonly (keyof T)[];
type Complete<T, K extends KeysOf<T>> = [Exclude<keyof T, K[number]>] extends [never] ? K : never;

const TASK_KEYS = [
  "id",
  "task_name",
  "last_status",
  "task_type",
  "task_cron",
  "next_execution_time",
  "schedule_task_policy",
  "scheduled_type",
  "day_interval",
  "week_list",
  "month_list",
  "date_list",
  "time_zone",
  "scheduled_date",
  "scheduled_time",
  "expire_time",
  "description",
  "is_enable",
  "create_time",
  "update_time",
] as const;
const taskKeys: Complete<Schemas["ScheduleTask"], typeof TASK_KEYS> = TASK_KEYS;

const DETAIL_KEYS = [
  "id",
  "task_type",
  "task_name",
  "schedule_task_policy",
  "scheduled_type",
  "day_interval",
  "week_list",
  "month_list",
  "date_list",
  "time_zone",
  "scheduled_date",
  "scheduled_time",
  "expire_time",
  "description",
  "target_infos",
] as const;
const detailKeys: Complete<Schemas["ScheduleTaskDetail"], typeof DETAIL_KEYS> = DETAIL_KEYS;

/** The keys' values (copies), in the keys' order; `instead` replaces the record's value of a key it has (undefined: left out). */
function pick<T>(record: TaskRecord, keys: readonly string[], instead: Record<string, unknown> = {}): T {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = Object.hasOwn(instead, key) ? instead[key] : record[key];
    if (value !== undefined) out[key] = cloneJson(value);
  }
  return out as T;
}

/** The date DAY counts its interval from when the task has no scheduled_date: its creation date in its zone. */
export function startDate(task: TaskRecord): string {
  return localDate(new Date(task.create_time), task.time_zone);
}

/**
 * The task's first fire time (epoch ms) strictly after `after` and after its creation (a clock set
 * before it runs nothing earlier, see schedule.ts); undefined when it is disabled or has no run left
 * (expired, or a FIXED_TIME in the past). DAY counts from the creation date in the zone.
 */
export function nextFire(task: TaskRecord, after: number): number | undefined {
  if (!task.is_enable) return undefined;
  const [next] = runsAfter(task, new Date(Math.max(after, Date.parse(task.create_time))), 1, () => startDate(task));
  return next?.getTime();
}

/** The fields a task derives as of an instant: task_cron from the schedule, and next_execution_time (nextFire, in the task's zone) when it has one. */
function derivedFields(record: TaskRecord, at: Date): { task_cron: string; next_execution_time?: string } {
  const task_cron = taskCron(record);
  const next = nextFire(record, at.getTime());
  return next === undefined ? { task_cron } : { task_cron, next_execution_time: executionTime(new Date(next), record.time_zone) };
}

/** The record with its derived fields as of an instant (see derivedFields), as it is stored. */
export function derive(record: TaskRecord, at: Date): TaskRecord {
  const { task_cron, next_execution_time } = derivedFields(record, at);
  const derived: TaskRecord = { ...record, task_cron };
  delete derived.next_execution_time;
  if (next_execution_time !== undefined) derived.next_execution_time = next_execution_time;
  return derived;
}

/** A task as list items show it, its derived fields recomputed at the mock's clock. */
export function asScheduleTask(c: Context, record: TaskRecord): Schemas["ScheduleTask"] {
  const { task_cron, next_execution_time } = derivedFields(record, c.clock.now());
  return pick(record, taskKeys, { task_cron, next_execution_time });
}

/** A task as the create and PATCH answers show it: just derived (derive) by the request, at its reading of the clock. */
export function asDerivedScheduleTask(record: TaskRecord): Schemas["ScheduleTask"] {
  return pick(record, taskKeys);
}

/** A task as the detail query shows it: its targets with their names, none of the state fields. */
export function asScheduleTaskDetail(c: Context, record: TaskRecord): Schemas["ScheduleTaskDetail"] {
  const detail = pick<Schemas["ScheduleTaskDetail"]>(record, detailKeys);
  detail.target_infos = record.target_infos.map((target) => {
    const name = targetObject(c, target)?.name;
    return name === undefined ? { ...target } : { ...target, target_name: name };
  });
  return detail;
}

/** Removes tasks with their execute histories and those histories' sub-tasks. */
export function deleteTasks(c: Context, ids: string[]): void {
  const project = projectOf(c);
  const gone = new Set(ids);
  const executions = new Set<string>();
  for (const history of histories(c).list(project)) {
    if (!gone.has(history.task_id)) continue;
    executions.add(history.id);
    histories(c).delete(history.id, project);
  }
  for (const detail of details(c).list(project)) if (executions.has(detail.execute_id)) details(c).delete(detail.id, project);
  for (const id of ids) tasks(c).delete(id, project);
}
