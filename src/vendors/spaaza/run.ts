// Running a task and fetching its result: POST /tasks/{id}/execute runs synchronously (conflict
// spaaza-execute-synchronous), and GET /tasks/{id}/download_url signs a URL for a DONE export's
// file, named {Index}_Export-{id}.{ext} (conflict spaaza-export-file-index-name).
import { createHash } from "node:crypto";
import type { HandlerResult } from "../../engine/vendor.js";
import type { components } from "../../generated/spaaza.js";
import { fail, ok } from "../common.js";
import { type Context, findTask, type LogEntry, nowStamp, stamp, type Task } from "./records.js";

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

export function exportFileName(task: Task): string {
  return `${INDEX_NAMES[task.target.export_index]}_Export-${task.id}.${task.target.export_format}`;
}

/** One whole run at the mock clock's time: INPROGRESS is passed through inside the call. */
function run(c: Context, task: Task): void {
  const at = nowStamp(c);
  const log = (level: LogEntry["level"], message: string): LogEntry => ({ timestamp: at, level, message });
  const { export_index, export_format } = task.target;
  const entries = [
    log("INFO", "Task started (manual run)"),
    log("INFO", `Exporting ${export_index} records of chain ${task.chain} as ${export_format}`),
  ];
  if (task.trigger.segment_id !== undefined) entries.push(log("INFO", `Restricted to saved segment ${task.trigger.segment_id}`));
  if (task.trigger.segment) {
    const { rules, join } = task.trigger.segment;
    entries.push(log("INFO", `Restricted to a segment of ${rules.length} rule(s), join ${join}`));
  }
  const failed = task.debug.includes(SIMULATE_ERROR);
  if (failed) {
    entries.push(log("ERROR", `${SIMULATED_FAILURE} (the debug string contains ${SIMULATE_ERROR})`));
  } else {
    const file = exportFileName(task);
    entries.push(
      log("INFO", `${c.faker.number.int({ min: 1, max: 250_000 })} records exported`),
      log("INFO", `Result file ${file} stored`),
    );
  }
  // In place: the id sequence recognises the collection's records by identity (sequence.ts).
  task.logs = [...(task.logs ?? []), ...entries];
  task.result = failed ? SIMULATED_FAILURE : exportFileName(task);
  task.state.code = failed ? "ERROR" : "DONE";
  task.state.last_run_date = at;
  task.state.last_modified = at;
}

export function executeTask(c: Context): HandlerResult {
  const found = findTask(c);
  if ("missing" in found) return found.missing;
  const { task } = found;
  if (task.state.code === "INPROGRESS") {
    return fail(400, "validation", `Task ${task.id} is already running (INPROGRESS since ${task.state.last_run_date})`, {
      code: "task_in_progress",
    });
  }
  run(c, task);
  const { code, last_run_date, last_modified, created_date } = task.state;
  return ok(200, { code, last_run_date, last_modified, created_date });
}

/** S3-style pre-signed: X-Amz-Date is the mock clock, X-Amz-Expires one hour (the docs' "approximately one hour"). */
export function downloadUrl(task: Task, time: Date): string {
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

export function getTaskDownloadUrl(c: Context): HandlerResult {
  const found = findTask(c);
  if ("missing" in found) return found.missing;
  const { task } = found;
  // Conflict spaaza-download-not-done: only a DONE task has a file to download.
  if (task.state.code !== "DONE") {
    return fail(400, "validation", `Task ${task.id} is ${task.state.code}; a download URL exists only for a DONE export task`, {
      code: "task_not_done",
    });
  }
  return ok(200, { url: downloadUrl(task, c.clock.now()) });
}
