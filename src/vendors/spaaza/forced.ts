// Forced and generated answers that fit Spaaza's contract: the error a test forces (Prefer: code=N,
// __code, a fault rule) worded as Spaaza's handlers word it for this request (the task id of the
// path, the token's chain, the body's chain), and a body generated from the schema (Prefer:
// dynamic=true) made to obey the rules a schema cannot state (the spec's x-taskmock-rules: the
// fields that follow the task's state, the trigger's alternatives and ranges).
import type { ForcedRequest, VendorError } from "../../engine/vendor.js";
import { NEVER_RUN, stamp } from "./records.js";
import { exportFileName } from "./run.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The operations whose path names a task. */
const BY_ID = new Set(["getTask", "updateTask", "deleteTask", "executeTask", "getTaskDownloadUrl"]);

/**
 * A forced 404 names the requested id and the token's chain, as findTask's does; a forced 403 the
 * token's chain (and a create's other chain); a forced 400 of execute or download_url the task.
 * A fault rule answers before sign-in: its principal is unknown, so its 404 says "this chain".
 */
export function forcedError(status: number, request: ForcedRequest): VendorError | undefined {
  const { operationId } = request.operation;
  const id = String(request.params["id"]);
  const chain = request.principal?.["chain"];
  switch (status) {
    case 404:
      if (!BY_ID.has(operationId)) return undefined;
      return { status, kind: "not-found", message: `No task exists with ID ${id} for ${chain === undefined ? "this chain" : `chain ${String(chain)}`}` };
    case 403: {
      if (chain === undefined) return undefined;
      const asked = isObject(request.body) ? request.body["chain"] : undefined;
      if (operationId === "createTask" && typeof asked === "number" && asked !== chain) {
        return { status, kind: "forbidden", code: "chain_not_permitted", message: `This token belongs to chain ${String(chain)} and may not create tasks for chain ${asked}` };
      }
      return { status, kind: "forbidden", code: "permission_denied", message: `This token of chain ${String(chain)} is not privileged: the Services API needs a privileged access token` };
    }
    case 400:
      if (operationId === "executeTask") return { status, kind: "validation", code: "task_in_progress", message: `Task ${id} is already running (INPROGRESS)` };
      if (operationId === "getTaskDownloadUrl") {
        return { status, kind: "validation", code: "task_not_done", message: `Task ${id} is not DONE; a download URL exists only for a DONE export task` };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A generated 200 made to obey the Task, TaskList and ExecutionState rules. */
export function conform(operationId: string, status: number, body: unknown): unknown {
  if (status !== 200) return body;
  switch (operationId) {
    case "getTask":
      conformTask(body);
      break;
    case "createTask":
    case "updateTask":
      // A create or an accepted PUT answers the task READY (conflict spaaza-put-started-task), at version 1 on create and 2 or more after a PUT.
      if (isObject(body) && isObject(body["state"])) {
        body["state"]["code"] = "READY";
        const version = typeof body["version"] === "number" ? body["version"] : 1;
        body["version"] = operationId === "createTask" ? 1 : Math.max(2, version);
      }
      conformTask(body);
      // A new task was created and last modified at the same moment.
      if (operationId === "createTask" && isObject(body) && isObject(body["state"])) body["state"]["last_modified"] = body["state"]["created_date"];
      break;
    case "listTasks":
      conformList(body);
      break;
    case "executeTask":
      conformExecution(body);
      break;
  }
  return body;
}

/** A generated date-time as every task page prints one: UTC, second precision. */
function stamped(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME ? stamp(new Date(ms)) : value;
}

/** The largest time a Date holds (ECMAScript's ±8.64e15 ms). */
const MAX_TIME = 8.64e15;

/**
 * A state's times as date-times (the generator leaves a Timestamp under allOf as {}): each one that
 * is not a date-time takes its place in a plausible run (created, run an hour later, changed a
 * minute after that), on a day of 2025 drawn from `seed` (a number of the generated body), so
 * generated bodies still differ.
 */
const FALLBACK_OFFSETS: Record<string, number> = { created_date: 0, last_run_date: 3_600_000, last_modified: 3_660_000 };

function stateTimes(state: Json, seed: number): void {
  const day = Date.UTC(2025, 0, 1) + (Math.abs(Math.trunc(seed)) % 365) * 86_400_000 + (Math.abs(Math.trunc(seed)) % 24) * 3_600_000;
  for (const [field, offset] of Object.entries(FALLBACK_OFFSETS)) {
    const value = stamped(state[field]);
    state[field] = typeof value === "string" && STAMP.test(value) ? value : stamp(new Date(day + offset));
  }
}

/** A number of a generated value, to vary what conform fills in. */
function seedOf(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1_000_003;
  return hash;
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const at = (text: unknown): number => (typeof text === "string" ? Date.parse(text) : Number.NaN);

/** created_date ≤ last_run_date ≤ last_modified: the three times of a task that has run, in order. */
function orderTimes(state: Json, times: readonly string[]): void {
  const sorted = times.map((field) => state[field]).sort((a, b) => at(a) - at(b));
  times.forEach((field, i) => {
    state[field] = sorted[i];
  });
}

function conformTask(task: unknown): void {
  if (!isObject(task) || !isObject(task["state"])) return;
  const state = task["state"];
  stateTimes(state, seedOf(task));
  const code = state["code"];
  if (code === "READY") {
    // Never run, or not since its last update: the zero time, no logs, no result.
    state["last_run_date"] = NEVER_RUN;
    orderTimes(state, ["created_date", "last_modified"]);
    task["logs"] = null;
    task["result"] = "";
  } else {
    orderTimes(state, ["created_date", "last_run_date", "last_modified"]);
    conformLogs(task, state);
    if (code === "INPROGRESS") task["result"] = "";
    if (code === "DONE" && isObject(task["target"]) && typeof task["id"] === "number") {
      task["result"] = exportFileName(task as Parameters<typeof exportFileName>[0]);
    }
    if (code === "ERROR" && !(typeof task["result"] === "string" && task["result"].startsWith("Export failed: "))) {
      task["result"] = `Export failed: ${typeof task["result"] === "string" && task["result"] !== "" ? task["result"] : "simulated error"}`;
    }
  }
  conformTrigger(task);
}

/** A task that has run has logged: its entries oldest first, from its run's start to its last change. */
function conformLogs(task: Json, state: Json): void {
  if (!Array.isArray(task["logs"])) task["logs"] = [{ timestamp: state["last_run_date"], level: "INFO", message: "Task started (scheduled run)" }];
  const logs = (task["logs"] as unknown[]).filter(isObject);
  const from = at(state["last_run_date"]);
  const to = at(state["last_modified"]);
  for (const entry of logs) {
    const time = at(stamped(entry["timestamp"]));
    entry["timestamp"] = stamp(new Date(Number.isFinite(time) ? Math.min(to, Math.max(from, time)) : from));
  }
  logs.sort((a, b) => at(a["timestamp"]) - at(b["timestamp"]));
  task["logs"] = logs;
}

/** segment and segment_id are alternatives; a segment is of the task's chain; each rule has its operator's fields, ranges low to high. */
function conformTrigger(task: Json): void {
  const trigger = task["trigger"];
  if (!isObject(trigger)) return;
  trigger["once"] = stamped(trigger["once"]);
  const segment = trigger["segment"];
  if (!isObject(segment)) return;
  delete trigger["segment_id"];
  if (typeof task["chain"] === "number") segment["chain_id"] = task["chain"];
  if (!Array.isArray(segment["rules"])) return;
  segment["rules"].forEach((rule, index) => {
    if (isObject(rule)) conformRule(rule, index);
  });
}

/** What a generated rule without its own fields (the generator leaves a schema with allOf as {}) filters on. */
const SAMPLE_RULES: { field_name: string; field_type: string; operator: string }[] = [
  { field_name: "country", field_type: "string", operator: "is" },
  { field_name: "amount", field_type: "number", operator: "is_between_number" },
  { field_name: "timestamp", field_type: "date", operator: "is_between_date" },
  { field_name: "timestamp", field_type: "date", operator: "relative_less_than" },
  { field_name: "email", field_type: "string", operator: "contains" },
];

/** The fields an operator needs (the SegmentRule allOf), with a range that runs from low to high. */
function conformRule(rule: Json, index: number): void {
  const sample = SAMPLE_RULES[index % SAMPLE_RULES.length] as (typeof SAMPLE_RULES)[number];
  for (const field of ["field_name", "field_type", "operator"] as const) {
    if (typeof rule[field] !== "string" || rule[field] === "") rule[field] = sample[field];
  }
  const operator = rule["operator"] as string;
  const date = (field: string, fallback: string) => {
    rule[field] = typeof rule[field] === "string" && !Number.isNaN(Date.parse(rule[field])) ? stamped(rule[field]) : fallback;
  };
  if (["is", "is_not", "contains", "does_not_contain", "is_date"].includes(operator) && (rule["value"] === undefined || rule["value"] === null)) {
    rule["value"] = "NL";
  }
  if (operator === "is_after_date" || operator === "is_between_date") date("start_date", "2026-01-01T00:00:00Z");
  if (operator === "is_before_date" || operator === "is_between_date") date("end_date", "2026-12-31T00:00:00Z");
  if (operator === "is_between_date" && at(rule["start_date"]) > at(rule["end_date"])) {
    [rule["start_date"], rule["end_date"]] = [rule["end_date"], rule["start_date"]];
  }
  if (operator === "is_between_number") {
    const min = typeof rule["min"] === "number" ? rule["min"] : 0;
    const max = typeof rule["max"] === "number" ? rule["max"] : 100;
    [rule["min"], rule["max"]] = [Math.min(min, max), Math.max(min, max)];
  }
  if (operator.startsWith("relative_")) {
    if (typeof rule["time_factor"] !== "string" || rule["time_factor"] === "") rule["time_factor"] = "days";
    if (typeof rule["time_amount"] !== "number" || !Number.isInteger(rule["time_amount"]) || rule["time_amount"] < 1) rule["time_amount"] = 30;
  }
  if (rule["nested"] === true && (typeof rule["nesting_path"] !== "string" || rule["nesting_path"] === "")) rule["nesting_path"] = "items";
}

/** A list: each task as above, of one chain, by id without repeats, at most 10 log entries each. */
function conformList(list: unknown): void {
  if (!Array.isArray(list)) return;
  const tasks = list.filter(isObject);
  const chain = tasks.find((t) => typeof t["chain"] === "number")?.["chain"];
  let previous = 0;
  tasks.sort((a, b) => Number(a["id"]) - Number(b["id"]));
  for (const task of tasks) {
    if (chain !== undefined) task["chain"] = chain;
    if (typeof task["id"] !== "number" || task["id"] <= previous) task["id"] = previous + 1;
    previous = task["id"] as number;
    conformTask(task);
    if (Array.isArray(task["logs"])) task["logs"] = task["logs"].slice(0, 10);
  }
  list.splice(0, list.length, ...tasks);
}

/** An execution's state: the run ended (DONE or ERROR), and created ≤ ran ≤ finished, second precision. */
function conformExecution(state: unknown): void {
  if (!isObject(state)) return;
  stateTimes(state, seedOf(state));
  orderTimes(state, ["created_date", "last_run_date", "last_modified"]);
}
