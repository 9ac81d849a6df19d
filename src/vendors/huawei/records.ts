// The stored shapes (ScheduleTaskRecord and the records around it), their collections, and the
// projections of a stored task onto the two shapes answers use (conflict huawei-show-task-fields).
import type { HandlerContext } from "../../engine/vendor.js";
import type { components } from "../../generated/huawei.js";
import type { Row, Store } from "../../store/store.js";
import { cloneJson } from "../common.js";
import { executionTime, localDate, runsAfter, taskCron } from "./schedule.js";

type Schemas = components["schemas"];

export type TaskRecord = Schemas["ScheduleTaskRecord"] & Row;
export type ExecuteHistory = Schemas["ScheduleTaskExecuteHistory"] & Row;
export type ExecuteDetail = Schemas["ScheduleTaskExecuteDetail"] & Row;
type NamedTarget = Schemas["Server"] & Row;

export type Context = HandlerContext<Store>;

export const tasks = (c: Context) => c.state.collection<TaskRecord>("schedule_tasks");
export const histories = (c: Context) => c.state.collection<ExecuteHistory>("execute_histories");
export const details = (c: Context) => c.state.collection<ExecuteDetail>("execute_details");

/** The project of the path; every collection but projects is partitioned by it. */
export const projectOf = (c: Context) => c.params["project_id"] as string;

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
 * The first run strictly after an instant found for a stored task record, kept with that
 * instant: it is still the first run after any later instant before it. Keyed by the record:
 * a PATCH stores a new one, so a changed schedule is never read from here. Lists, answers and
 * the clock (runs.ts) all ask for it, at instants that mostly move by milliseconds.
 */
const nextRuns = new WeakMap<TaskRecord, { after: number; next: number | undefined; text?: string }>();

/** What nextRun knows without computing: the first run after `after`, or undefined when it would have to look. */
export function knownNextRun(task: TaskRecord, after: number): { next: number | undefined; text?: string } | undefined {
  const known = nextRuns.get(task);
  return known && known.after <= after && (known.next === undefined || after < known.next) ? known : undefined;
}

/** The task's first run strictly after `after` by its schedule (runsAfter), whether or not it is enabled. */
export function nextRun(task: TaskRecord, after: Date): number | undefined {
  return nextRunEntry(task, after.getTime()).next;
}

function nextRunEntry(task: TaskRecord, at: number): { next: number | undefined; text?: string } {
  const known = knownNextRun(task, at);
  if (known) return known;
  const [next] = runsAfter(task, new Date(at), 1, () => startDate(task));
  const entry = { after: at, next: next?.getTime() };
  nextRuns.set(task, entry);
  return entry;
}

/**
 * The fields a task derives as of an instant: task_cron from the schedule, and
 * next_execution_time, the first run after `at` (and after the task's creation: a clock set
 * before it runs nothing earlier, see runs.ts), absent when the task is disabled or has no run
 * left (expired, or a FIXED_TIME in the past). DAY counts from the creation date in the zone.
 */
function derivedFields(record: TaskRecord, at: Date): { task_cron: string; next_execution_time?: string } {
  const task_cron = taskCron(record);
  if (!record.is_enable) return { task_cron };
  const entry = nextRunEntry(record, Math.max(at.getTime(), Date.parse(record.create_time)));
  if (entry.next === undefined) return { task_cron };
  // Kept with the run: a list shows the same next run for every task on its page until it passes.
  entry.text ??= executionTime(new Date(entry.next), record.time_zone);
  return { task_cron, next_execution_time: entry.text };
}

/** The record with its derived fields as of an instant (see derivedFields), as it is stored. */
export function derive(record: TaskRecord, at: Date): TaskRecord {
  const { task_cron, next_execution_time } = derivedFields(record, at);
  const derived: TaskRecord = { ...record, task_cron };
  delete derived.next_execution_time;
  if (next_execution_time !== undefined) derived.next_execution_time = next_execution_time;
  // The derived record has the same schedule: what was found for one holds for the other.
  const known = nextRuns.get(record);
  if (known) nextRuns.set(derived, known);
  return derived;
}

/** A task as list items and the create and PATCH answers show it, recomputed at the mock's clock. */
export function asScheduleTask(c: Context, record: TaskRecord): Schemas["ScheduleTask"] {
  const { task_cron, next_execution_time } = derivedFields(record, c.clock.now());
  return pick(record, taskKeys, { task_cron, next_execution_time });
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
