// Spaaza's Services API tasks: chain-scoped export tasks behind privileged bearer tokens, run
// by the scheduler at trigger.once or synchronously by execute, with a signed download URL for a
// DONE export. No rate limits and no maintenance: the Services API documents neither.
import type { TokenRecord, VendorError } from "../../engine/vendor.js";
import type { VendorModule } from "../types.js";
import { MESSAGES, spaazaErrorBody } from "./errors.js";
import { executeTask, getTaskDownloadUrl } from "./run.js";
import { INTERNAL } from "./records.js";
import { schedule } from "./schedule.js";
import { createTask, deleteTask, getTask, listTasks, updateTask } from "./tasks.js";

/**
 * Every endpoint requires privileged authentication (the task pages): a token that is not
 * privileged is refused on every call, reads included, before its role is looked at.
 */
function authorize(principal: TokenRecord): VendorError | undefined {
  if (principal["privileged"] === true) return undefined;
  return {
    status: 403,
    kind: "forbidden",
    code: "permission_denied",
    message: `This token of chain ${String(principal["chain"])} is not privileged: the Services API needs a privileged access token`,
  };
}

export const spaaza: VendorModule = {
  name: "spaaza",
  specFile: "spaaza.yaml",
  fixtureFile: "spaaza.json",
  adapter: {
    name: "spaaza",
    errorBody: spaazaErrorBody,
    authorize,
    messages: MESSAGES,
    handlers: { listTasks, createTask, getTask, updateTask, deleteTask, executeTask, getTaskDownloadUrl },
    schedule,
    internal: INTERNAL,
  },
};
