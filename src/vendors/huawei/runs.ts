// Scheduled runs driven by the mock's clock (ScheduleTaskExecuteHistory x-taskmock-rules): each
// fire time of an enabled task that a clock move passes adds an execution with one sub-task per
// target server, WAITING at the fire time, RUNNING a second later, SUCCESS two minutes after
// that; the task's last_status follows its latest execution.
import type { Faker } from "@faker-js/faker";
import type { components } from "../../generated/huawei.js";
import type { Store } from "../../store/store.js";
import { type ExecuteDetail, type ExecuteHistory, knownNextRun, nextRun, startDate, type TaskRecord } from "./records.js";
import { runsBetween } from "./schedule.js";

type Server = components["schemas"]["Server"] & Record<string, unknown>;
type Status = components["schemas"]["TaskStatus"];

/** An execution waits this long after its fire time before it starts (begin_time). */
export const START_DELAY_MS = 1_000;
/** An execution runs this long (begin_time to end_time), in mock time. */
export const RUN_MS = 2 * 60_000;
/** The most runs of one task a single clock move records: the latest ones of a longer jump. */
export const MAX_RUNS_PER_MOVE = 400;

function collections(state: Store) {
  return {
    tasks: state.collection<TaskRecord>("schedule_tasks"),
    histories: state.collection<ExecuteHistory>("execute_histories"),
    details: state.collection<ExecuteDetail>("execute_details"),
    servers: state.collection<Server>("servers"),
  };
}

type Collections = ReturnType<typeof collections>;

const iso = (ms: number) => new Date(ms).toISOString();

/** The task's fire times in (from, to], earliest first; none before it was created. */
function fireTimes(task: TaskRecord, from: Date, to: Date): Date[] {
  if (!task.is_enable) return [];
  const after = new Date(Math.max(from.getTime(), Date.parse(task.create_time)));
  const known = knownNextRun(task, after.getTime());
  if (known && (known.next === undefined || known.next > to.getTime())) return [];
  return runsBetween(task, after, to, MAX_RUNS_PER_MOVE, startDate(task));
}

/** The first instant after `after` at which the task can fire, for a window (from, to] with from >= after. */
function firstFire(task: TaskRecord, after: number): number {
  if (!task.is_enable) return Number.POSITIVE_INFINITY;
  return nextRun(task, new Date(Math.max(after, Date.parse(task.create_time)))) ?? Number.POSITIVE_INFINITY;
}

/** The next step of an unfinished execution (its start, or its end) after `after`; steps before `after` never happen. */
function nextStep(history: ExecuteHistory, after: number): number {
  let at = Number.POSITIVE_INFINITY;
  if (history.status === "WAITING") at = Date.parse(history.create_time) + START_DELAY_MS;
  else if (history.status === "RUNNING" && history.begin_time !== undefined) at = Date.parse(history.begin_time) + RUN_MS;
  return at > after ? at : Number.POSITIVE_INFINITY;
}

/**
 * What the last walk over every task and execution found: after `after`, nothing is due before
 * `earliest` (a task's next fire time, an execution's next step). A clock move from `after` or
 * later that ends before `earliest` has nothing to do, so it skips the walk (the clock moves
 * before each request, and under load thousands of tasks pile up). Kept with the versions of
 * the collections it read: the tasks written since (a create, a PATCH) are folded in from the
 * tasks' change log; any other write, or a reset, makes the next move walk again.
 */
interface Horizon {
  after: number;
  earliest: number;
  tasks: number;
  histories: number;
  projects: number;
}

const horizons = new WeakMap<Store, Horizon>();

/** Whether the horizon still covers every task and execution, folding in the tasks written since it was found. */
function upToDate(state: Store, c: Collections, horizon: Horizon): boolean {
  if (c.histories.version !== horizon.histories || state.collection("projects").version !== horizon.projects) return false;
  // A deleted task (none under its key) has no fire times left.
  const written = c.tasks.writtenSince(horizon.tasks);
  if (written === undefined) return false;
  for (const task of written) horizon.earliest = Math.min(horizon.earliest, firstFire(task, horizon.after));
  horizon.tasks = c.tasks.version;
  return true;
}

/** The servers a run of these targets acts on, each once, in target order. */
function targetServers(c: Collections, task: TaskRecord, project: string): Server[] {
  const seen = new Map<string, Server>();
  for (const target of task.target_infos) {
    if (target.target_type === "SERVER") {
      const server = c.servers.get(target.target_id, project);
      if (server) seen.set(server.id, server);
    } else {
      for (const server of c.servers.list(project)) if (server.server_group_id === target.target_id) seen.set(server.id, server);
    }
  }
  return [...seen.values()];
}

/** Moves an unfinished execution and its sub-tasks through the steps that fall in (from, to]. */
function advance(c: Collections, history: ExecuteHistory, project: string, from: number, to: number, known?: ExecuteDetail[]): boolean {
  let changed = false;
  const subTasks = () => known ?? c.details.list(project).filter((d) => d.execute_id === history.id);
  if (history.status === "WAITING") {
    const start = Date.parse(history.create_time) + START_DELAY_MS;
    if (start <= from || start > to) return false;
    for (const detail of subTasks()) {
      if (detail.status !== "WAITING") continue;
      detail.status = "RUNNING";
      detail.begin_time = iso(start);
    }
    history.status = "RUNNING";
    history.begin_time = iso(start);
    history.excuting_count = history.total_count - history.success_count - history.failed_count;
    changed = true;
  }
  if (history.status === "RUNNING" && history.begin_time !== undefined) {
    const end = Date.parse(history.begin_time) + RUN_MS;
    if (end <= from || end > to) return changed;
    const finished = subTasks();
    for (const detail of finished) {
      if (detail.status !== "RUNNING" && detail.status !== "WAITING") continue;
      detail.status = "SUCCESS";
      detail.begin_time ??= history.begin_time;
      detail.end_time = iso(end);
    }
    history.success_count = finished.filter((d) => d.status === "SUCCESS").length;
    history.failed_count = finished.filter((d) => d.status === "FAILED").length;
    history.excuting_count = 0;
    history.status = history.failed_count > 0 ? "FAILED" : "SUCCESS";
    history.end_time = iso(end);
    changed = true;
  }
  return changed;
}

/** Records a run at its fire time, then lets it move on to where it stands at `to`. */
function start(c: Collections, task: TaskRecord, project: string, at: number, to: number, faker: Faker): ExecuteHistory {
  const servers = targetServers(c, task, project);
  const history: ExecuteHistory = {
    id: faker.string.uuid(),
    task_id: task.id,
    task_type: task.task_type,
    status: "WAITING",
    scheduled_type: task.scheduled_type,
    total_count: servers.length,
    success_count: 0,
    failed_count: 0,
    excuting_count: 0,
    time_zone: task.time_zone,
    create_time: iso(at),
  };
  c.histories.put(history, project);
  const subTasks: ExecuteDetail[] = [];
  for (const server of servers) {
    const detail: ExecuteDetail = {
      id: faker.string.uuid(),
      execute_id: history.id,
      server_id: server.id,
      server_name: server.name,
      status: "WAITING",
      task_type: task.task_type,
      time_zone: task.time_zone,
    };
    subTasks.push(c.details.put(detail, project));
  }
  advance(c, history, project, at, to, subTasks);
  return history;
}

/** last_status: the latest execution's status, unless the task was changed after that execution was created. */
function settle(c: Collections, project: string, taskIds: Set<string>): void {
  const latest = new Map<string, ExecuteHistory>();
  for (const history of c.histories.list(project)) {
    if (!taskIds.has(history.task_id)) continue;
    const prior = latest.get(history.task_id);
    if (!prior || Date.parse(history.create_time) >= Date.parse(prior.create_time)) latest.set(history.task_id, history);
  }
  for (const [taskId, history] of latest) {
    const task = c.tasks.get(taskId, project);
    if (!task || Date.parse(history.create_time) < Date.parse(task.update_time)) continue;
    task.last_status = history.status as Status;
  }
}

/** VendorAdapter.onClock: everything scheduled in (from, to], in time order across tasks and projects. */
export function runScheduledTasks(state: Store, from: Date, to: Date, faker: Faker): void {
  const c = collections(state);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const horizon = horizons.get(state);
  if (horizon && fromMs >= horizon.after && upToDate(state, c, horizon) && toMs < horizon.earliest) return;
  const projects = state.collection<{ id: string }>("projects").list();
  const touched = new Map<string, Set<string>>(projects.map(({ id }) => [id, new Set<string>()]));
  const due: { at: number; task: TaskRecord; project: string }[] = [];
  for (const { id: project } of projects) {
    // Executions already under way (the fixtures' or an earlier move's) move on first.
    for (const history of c.histories.list(project)) {
      if ((history.status === "WAITING" || history.status === "RUNNING") && advance(c, history, project, fromMs, toMs)) {
        touched.get(project)?.add(history.task_id);
      }
    }
    for (const task of c.tasks.list(project)) for (const run of fireTimes(task, from, to)) due.push({ at: run.getTime(), task, project });
  }
  // Array.prototype.sort is stable: runs at the same instant keep the projects' and tasks' stored order.
  due.sort((a, b) => a.at - b.at);
  for (const { at, task, project } of due) {
    start(c, task, project, at, toMs, faker);
    touched.get(project)?.add(task.id);
  }
  for (const [project, taskIds] of touched) if (taskIds.size > 0) settle(c, project, taskIds);
  horizons.set(state, nextHorizon(state, c, projects, toMs));
}

/** The horizon after a walk up to `to`: the earliest next fire time or execution step of every project. */
function nextHorizon(state: Store, c: Collections, projects: { id: string }[], to: number): Horizon {
  let earliest = Number.POSITIVE_INFINITY;
  for (const { id: project } of projects) {
    for (const history of c.histories.list(project)) earliest = Math.min(earliest, nextStep(history, to));
    for (const task of c.tasks.list(project)) earliest = Math.min(earliest, firstFire(task, to));
  }
  return {
    after: to,
    earliest,
    tasks: c.tasks.version,
    histories: c.histories.version,
    projects: state.collection("projects").version,
  };
}
