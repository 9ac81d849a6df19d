// Huawei's scheduled work (the VendorSchedule), driven by the mock's clock (ScheduleTaskExecuteHistory
// x-taskmock-rules): each fire time of an enabled task that the clock passes adds an execution
// with one sub-task per target server, WAITING at the fire time, RUNNING a second later, SUCCESS
// two minutes after that; the task's last_status follows its latest execution. The core keeps the
// horizon: it asks dueAfter of each record and runs this only once something is due.
import type { Faker } from "@faker-js/faker";
import { type ScheduleContext, timelineOf, type TimelineRun, type VendorSchedule } from "../../engine/vendor.js";
import type { components } from "../../generated/huawei.js";
import type { Row, State } from "../../store/store.js";
import { runsBetween } from "./calendar.js";
import { type ExecuteDetail, type ExecuteHistory, nextFire, startDate, type TaskRecord } from "./records.js";

type Server = components["schemas"]["Server"] & Row;
type Status = components["schemas"]["TaskStatus"];

/** An execution waits this long after its fire time before it starts (begin_time). */
const START_DELAY_MS = 1_000;
/** An execution runs this long (begin_time to end_time), in mock time. */
export const RUN_MS = 2 * 60_000;
/** The most runs of one task a single clock move records: the latest ones of a longer jump. */
export const MAX_RUNS_PER_MOVE = 400;

function collections(state: State) {
  return {
    tasks: state.collection<TaskRecord>("schedule_tasks"),
    histories: state.collection<ExecuteHistory>("execute_histories"),
    details: state.collection<ExecuteDetail>("execute_details"),
    servers: state.collection<Server>("servers"),
  };
}

type Collections = ReturnType<typeof collections>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Each byte's two hex digits. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * A version 4 UUID (RFC 9562 §5.4) from the mock's seeded generator, in four 32-bit draws:
 * faker.string.uuid() draws once per hex digit and formats each, some ten times the cost, and a
 * year of runs needs ~20,000 ids.
 */
function uuid(faker: Faker): string {
  let out = "";
  for (let word = 0; word < 4; word++) {
    const bits = faker.number.int({ max: 0xffff_ffff });
    for (let k = 0; k < 4; k++) {
      const i = word * 4 + k;
      let byte = (bits >>> (24 - 8 * k)) & 0xff;
      if (i === 6) byte = 0x40 | (byte & 0x0f); // version 4
      else if (i === 8) byte = 0x80 | (byte & 0x3f); // variant 10
      if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
      out += HEX[byte];
    }
  }
  return out;
}

const unfinished = (history: ExecuteHistory) => history.status === "WAITING" || history.status === "RUNNING";

/** The next step of an unfinished execution (its start, or its end) after `after`; steps before `after` never happen. */
function nextStep(history: ExecuteHistory, after: number): number {
  let at = Number.POSITIVE_INFINITY;
  if (history.status === "WAITING") at = Date.parse(history.create_time) + START_DELAY_MS;
  else if (history.status === "RUNNING" && history.begin_time !== undefined) at = Date.parse(history.begin_time) + RUN_MS;
  return at > after ? at : Number.POSITIVE_INFINITY;
}

/** VendorSchedule.dueAfter: a task's next fire time, an unfinished execution's next step; nothing else has work. */
function dueAfter(collection: string, record: Row, after: number): number {
  if (collection === "schedule_tasks") return nextFire(record as TaskRecord, after) ?? Number.POSITIVE_INFINITY;
  if (collection === "execute_histories") return nextStep(record as ExecuteHistory, after);
  return Number.POSITIVE_INFINITY;
}

/** The task's fire times in (from, to], earliest first; none before it was created. */
function fireTimes(task: TaskRecord, from: number, to: number): number[] {
  if (!task.is_enable) return [];
  const after = Math.max(from, Date.parse(task.create_time));
  return runsBetween(task, new Date(after), new Date(to), MAX_RUNS_PER_MOVE, startDate(task)).map((run) => run.getTime());
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

/** An execution and its sub-tasks, as records (new ones where a step changed them). */
interface Execution {
  history: ExecuteHistory;
  subTasks: ExecuteDetail[];
}

/** The execution after the steps that fall in (from, to] (new records); undefined when none does. */
function stepped({ history, subTasks }: Execution, from: number, to: number): Execution | undefined {
  let changed: Execution | undefined;
  if (history.status === "WAITING") {
    const start = Date.parse(history.create_time) + START_DELAY_MS;
    if (start <= from || start > to) return undefined;
    const begin_time = iso(start);
    subTasks = subTasks.map((d) => (d.status === "WAITING" ? { ...d, status: "RUNNING", begin_time } : d));
    const excuting_count = history.total_count - history.success_count - history.failed_count;
    history = { ...history, status: "RUNNING", begin_time, excuting_count };
    changed = { history, subTasks };
  }
  if (history.status === "RUNNING" && history.begin_time !== undefined) {
    const end = Date.parse(history.begin_time) + RUN_MS;
    if (end <= from || end > to) return changed;
    const end_time = iso(end);
    const begun = history.begin_time;
    subTasks = subTasks.map((d) =>
      d.status === "RUNNING" || d.status === "WAITING" ? { ...d, status: "SUCCESS", begin_time: d.begin_time ?? begun, end_time } : d,
    );
    const success_count = subTasks.filter((d) => d.status === "SUCCESS").length;
    const failed_count = subTasks.filter((d) => d.status === "FAILED").length;
    const status = failed_count > 0 ? "FAILED" : "SUCCESS";
    history = { ...history, success_count, failed_count, excuting_count: 0, status, end_time };
    changed = { history, subTasks };
  }
  return changed;
}

/** Stores the records of an execution that `stepped` answered (a record replaced keeps its place). */
function store(c: Collections, project: string, execution: Execution): void {
  c.histories.put(execution.history, project);
  for (const detail of execution.subTasks) c.details.put(detail, project);
}

/**
 * A run of a task at its fire time, as it stands at `to` (not stored): built in its last state at
 * once, as `stepped` would leave it (a year's jump starts thousands, nearly all long finished).
 */
function begin(task: TaskRecord, servers: Server[], at: number, to: number, context: ScheduleContext): Execution {
  const started = at + START_DELAY_MS <= to ? iso(at + START_DELAY_MS) : undefined;
  const ended = started !== undefined && at + START_DELAY_MS + RUN_MS <= to ? iso(at + START_DELAY_MS + RUN_MS) : undefined;
  const status: Status = ended !== undefined ? "SUCCESS" : started !== undefined ? "RUNNING" : "WAITING";
  const total = servers.length;
  const history: ExecuteHistory = {
    id: uuid(context.faker),
    task_id: task.id,
    task_type: task.task_type,
    status,
    scheduled_type: task.scheduled_type,
    total_count: total,
    success_count: ended !== undefined ? total : 0,
    failed_count: 0,
    excuting_count: status === "RUNNING" ? total : 0,
    time_zone: task.time_zone,
    create_time: iso(at),
  };
  if (started !== undefined) history.begin_time = started;
  if (ended !== undefined) history.end_time = ended;
  const subTasks = servers.map((server): ExecuteDetail => {
    const detail: ExecuteDetail = {
      id: uuid(context.faker),
      execute_id: history.id,
      server_id: server.id,
      server_name: server.name,
      status,
      task_type: task.task_type,
      time_zone: task.time_zone,
    };
    if (started !== undefined) detail.begin_time = started;
    if (ended !== undefined) detail.end_time = ended;
    return detail;
  });
  return { history, subTasks };
}

/** What one run needs of a project: its unfinished executions, and each task's latest execution (last_status follows it). */
interface ProjectRun {
  unfinished: ExecuteHistory[];
  /** By task id: the latest execution by create_time, the later stored of equal ones. */
  latest: Map<string, ExecuteHistory>;
  /** The tasks one of whose executions changed. */
  touched: Set<string>;
  /** By task id: the servers its runs act on (no run changes them). */
  servers: Map<string, Server[]>;
}

function later(latest: Map<string, ExecuteHistory>, history: ExecuteHistory): void {
  const prior = latest.get(history.task_id);
  if (!prior || Date.parse(history.create_time) >= Date.parse(prior.create_time)) latest.set(history.task_id, history);
}

/** One walk over the project's executions, before the run writes any. */
function projectRun(c: Collections, project: string): ProjectRun {
  const run: ProjectRun = { unfinished: [], latest: new Map(), touched: new Set(), servers: new Map() };
  for (const history of c.histories.list(project)) {
    if (unfinished(history)) run.unfinished.push(history);
    later(run.latest, history);
  }
  return run;
}

/** The sub-tasks of these executions, by execution id, in stored order: one walk over the project's sub-tasks. */
function subTasksOf(c: Collections, project: string, executions: ExecuteHistory[]): Map<string, ExecuteDetail[]> {
  const out = new Map<string, ExecuteDetail[]>(executions.map((h) => [h.id, []]));
  for (const detail of c.details.list(project)) out.get(detail.execute_id)?.push(detail);
  return out;
}

/** last_status: the latest execution's status, unless the task was changed after that execution was created. */
function settle(c: Collections, project: string, run: ProjectRun): void {
  for (const taskId of run.touched) {
    const history = run.latest.get(taskId);
    const task = c.tasks.get(taskId, project);
    if (!history || !task || Date.parse(history.create_time) < Date.parse(task.update_time)) continue;
    if (task.last_status !== history.status) c.tasks.put({ ...task, last_status: history.status }, project);
  }
}

/** VendorSchedule.run: everything scheduled in (from, to], in time order across tasks and projects. */
function run(context: ScheduleContext, fromDate: Date, toDate: Date): void {
  const c = collections(context.state);
  const from = fromDate.getTime();
  const to = toDate.getTime();
  const runs = new Map<string, ProjectRun>();
  const due: { at: number; task: TaskRecord; project: string }[] = [];
  for (const { id: project } of context.state.collection<{ id: string }>("projects").list()) {
    runs.set(project, projectRun(c, project));
    for (const task of c.tasks.list(project)) for (const at of fireTimes(task, from, to)) due.push({ at, task, project });
  }
  // Executions already under way (the fixtures' or an earlier run's) move on first.
  for (const [project, projectRun] of runs) {
    if (projectRun.unfinished.length === 0) continue;
    const subTasks = subTasksOf(c, project, projectRun.unfinished);
    for (const history of projectRun.unfinished) {
      const moved = stepped({ history, subTasks: subTasks.get(history.id) ?? [] }, from, to);
      if (!moved) continue;
      store(c, project, moved);
      projectRun.touched.add(history.task_id);
      if (projectRun.latest.get(history.task_id)?.id === history.id) projectRun.latest.set(history.task_id, moved.history);
    }
  }
  // Array.prototype.sort is stable: runs at the same instant keep the projects' and tasks' stored order.
  due.sort((a, b) => a.at - b.at);
  for (const { at, task, project } of due) {
    const projectRun = runs.get(project);
    if (!projectRun) continue;
    let servers = projectRun.servers.get(task.id);
    if (!servers) projectRun.servers.set(task.id, (servers = targetServers(c, task, project)));
    const execution = begin(task, servers, at, to, context);
    store(c, project, execution);
    projectRun.touched.add(task.id);
    later(projectRun.latest, execution.history);
  }
  for (const [project, projectRun] of runs) settle(c, project, projectRun);
}

/** VendorSchedule.timeline: every execution (its creation, its status now), and each enabled task's next fire time. */
function timeline(state: State, now: number, limit: number) {
  const c = collections(state);
  const fired: TimelineRun[] = [];
  const due: TimelineRun[] = [];
  for (const { id: project } of state.collection<{ id: string }>("projects").list()) {
    const names = new Map<string, string>();
    for (const task of c.tasks.list(project)) {
      names.set(task.id, task.task_name);
      const next = nextFire(task, now);
      if (next !== undefined) due.push({ at: iso(next), collection: "schedule_tasks", id: task.id, label: task.task_name, status: "run" });
    }
    for (const history of c.histories.list(project)) {
      const label = names.get(history.task_id) ?? history.task_id;
      fired.push({ at: history.create_time, collection: "execute_histories", id: history.id, label, status: history.status });
    }
  }
  return timelineOf(fired, due, now, limit);
}

/** Huawei's scheduled work, for VendorAdapter.schedule. */
export const schedule: VendorSchedule = { run, dueAfter, timeline };
