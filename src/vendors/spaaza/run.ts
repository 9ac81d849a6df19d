// Running a task and fetching its result. A run's start and finish are shared by POST
// /tasks/{id}/execute, which passes through both in one call (conflict spaaza-execute-synchronous),
// and by the scheduler (schedule.ts), which puts them 60 s of mock time apart. GET
// /tasks/{id}/download_url signs a URL for a DONE export's file, named {Index}_Export-{id}.{ext}
// (conflict spaaza-export-file-index-name).
import { createHash } from "node:crypto";
import type { Faker } from "@faker-js/faker";
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerResult, RunFault } from "../../engine/vendor.js";
import type { components } from "../../generated/spaaza.js";
import { fail, ok, ruleViolation } from "../common.js";
import { findTask, type LogEntry, nowStamp, type Op, runs, stamp, type Task, tasks } from "./records.js";

type ExportIndex = components["schemas"]["ExportIndex"];

/** Documented for the first four (Transaction_, User_, Voucher_, Wallet_); inferred for the products. */
const INDEX_NAMES: Record<ExportIndex, string> = {
  transactions: "Transaction",
  users: "User",
  vouchers: "Voucher",
  "wallet-ledger": "Wallet",
  products: "Product",
  "product-variants": "ProductVariant",
};

/** The debug marker that makes a run fail (the spec's Task rules). */
const SIMULATE_ERROR = "simulate_error";
const SIMULATED_FAILURE = "Export failed: simulated error";

export function exportFileName(task: Pick<Task, "id" | "target">): string {
  return `${INDEX_NAMES[task.target.export_index]}_Export-${task.id}.${task.target.export_format}`;
}

/** How a run began: POST /tasks/{id}/execute, or the scheduler at trigger.once. */
type RunKind = "manual" | "scheduled";

const entry = (timestamp: string, level: LogEntry["level"], message: string): LogEntry => ({ timestamp, level, message });

/**
 * A run started at `at` (a second-precision stamp): INPROGRESS, last_run_date and last_modified
 * the start, result "" until it finishes, and the start's log entries. A new record: the caller puts it.
 */
export function startRun(task: Task, at: string, kind: RunKind): Task {
  const { export_index, export_format } = task.target;
  const entries = [
    entry(at, "INFO", `Task started (${kind} run)`),
    entry(at, "INFO", `Exporting ${export_index} records of chain ${task.chain} as ${export_format}`),
  ];
  if (task.trigger.segment_id !== undefined) entries.push(entry(at, "INFO", `Restricted to saved segment ${task.trigger.segment_id}`));
  if (task.trigger.segment) {
    const { rules, join } = task.trigger.segment;
    entries.push(entry(at, "INFO", `Restricted to a segment of ${rules.length} rule(s), join ${join}`));
  }
  return {
    ...task,
    logs: [...(task.logs ?? []), ...entries],
    result: "",
    state: { ...task.state, code: "INPROGRESS", last_run_date: at, last_modified: at },
  };
}

/**
 * Why this run fails, or undefined when it succeeds: the one place that decides a run's end.
 * A run fails when a run fault rule matches it (POST /__admin/faults {"vendor": "spaaza",
 * "operationId": "executeTask", "run": true}) or when the task's debug string asks for it.
 */
function failureOf(task: Task, runFault: RunFault): { result: string; log: string } | undefined {
  if (runFault("executeTask", `/tasks/${task.id}`))
    return { result: INJECTED_FAILURE, log: `${INJECTED_FAILURE} (a run fault rule matched)` };
  if (!task.debug.includes(SIMULATE_ERROR)) return undefined;
  return { result: SIMULATED_FAILURE, log: `${SIMULATED_FAILURE} (the debug string contains ${SIMULATE_ERROR})` };
}

const INJECTED_FAILURE = "Export failed: injected fault";

/** The run ended at `at`: DONE with the export file as result, or ERROR with the reason; last_modified moves. A new record. */
export function finishRun(task: Task, at: string, faker: Faker, runFault: RunFault): Task {
  const failure = failureOf(task, runFault);
  const entries = failure
    ? [entry(at, "ERROR", failure.log)]
    : [
        entry(at, "INFO", `${faker.number.int({ min: 1, max: 250_000 })} records exported`),
        entry(at, "INFO", `Result file ${exportFileName(task)} stored`),
      ];
  return {
    ...task,
    logs: [...(task.logs ?? []), ...entries],
    result: failure ? failure.result : exportFileName(task),
    state: { ...task.state, code: failure ? "ERROR" : "DONE", last_modified: at },
  };
}

/**
 * A refusal because of the task's state, about the task the path names: the request is right
 * against a task in another state, so verify lists it as a refusal of the state, not a break.
 */
function stateViolation(task: Task, message: string): Violation {
  return ruleViolation("/id", `task ${task.id} ${message}`, "task-state", "path", { params: { state: task.state.code }, value: task.id });
}

export function executeTask(c: Op<"executeTask">): HandlerResult {
  const found = findTask(c);
  if ("missing" in found) return found.missing;
  const { task } = found;
  if (task.state.code === "INPROGRESS") {
    return fail(400, "validation", `Task ${task.id} is already running (INPROGRESS since ${task.state.last_run_date})`, {
      code: "task_in_progress",
      violations: [stateViolation(task, "must not be INPROGRESS: the task is already running")],
    });
  }
  // One whole run at the mock clock's time: INPROGRESS is passed through inside the call.
  const at = nowStamp(c);
  const ran = tasks(c.state).put(finishRun(startRun(task, at, "manual"), at, c.faker, c.runFault));
  // A READY task's overdue start, if it had one, is used up by this run.
  runs(c.state).delete(task.id);
  const { code, last_run_date, last_modified, created_date } = ran.state;
  return ok(200, { code, last_run_date, last_modified, created_date });
}

/** S3-style pre-signed: X-Amz-Date is the mock clock, X-Amz-Expires one hour (the docs' "approximately one hour"). */
function downloadUrl(task: Task, time: Date): string {
  const amzDate = stamp(time).replace(/[-:]/g, "");
  const signature = createHash("sha256").update(`${task.id}:${task.chain}:${amzDate}`).digest("hex");
  const query = [
    "X-Amz-Algorithm=AWS4-HMAC-SHA256",
    `X-Amz-Credential=TASKMOCKEXPORTS%2F${amzDate.slice(0, 8)}%2Feu-west-1%2Fs3%2Faws4_request`,
    `X-Amz-Date=${amzDate}`,
    "X-Amz-Expires=3600",
    "X-Amz-SignedHeaders=host",
    `X-Amz-Signature=${signature}`,
  ].join("&");
  return `https://taskmock-exports.s3.eu-west-1.amazonaws.com/${task.chain}/${exportFileName(task)}?${query}`;
}

export function getTaskDownloadUrl(c: Op<"getTaskDownloadUrl">): HandlerResult {
  const found = findTask(c);
  if ("missing" in found) return found.missing;
  const { task } = found;
  // Conflict spaaza-download-not-done: only a DONE task has a file to download.
  if (task.state.code !== "DONE") {
    return fail(400, "validation", `Task ${task.id} is ${task.state.code}; a download URL exists only for a DONE export task`, {
      code: "task_not_done",
      violations: [stateViolation(task, `must be DONE, not ${task.state.code}`)],
    });
  }
  return ok(200, { url: downloadUrl(task, c.clock.now()) });
}
