// Spaaza's Services API tasks: chain-scoped export tasks behind privileged bearer tokens, run
// by the scheduler at trigger.once or synchronously by execute, with a signed download URL for a
// DONE export. No rate limits and no maintenance: the Services API documents neither. A body
// property outside the contract is refused (the spec's info.x-taskmock-unknown-properties); the
// trigger's ranges are checked beside the schema (rules.ts); forced and generated answers fit
// the request and the rules (forced.ts).
import type { operations } from "../../generated/spaaza.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { authorize } from "./auth.js";
import { MESSAGES, spaazaErrorBody } from "./errors.js";
import { conform, forcedError } from "./forced.js";
import { INTERNAL } from "./records.js";
import { requestRules } from "./rules.js";
import { executeTask, getTaskDownloadUrl } from "./run.js";
import { schedule } from "./schedule.js";
import { createTask, deleteTask, getTask, listTasks, updateTask } from "./tasks.js";

export const spaaza: VendorModule = {
  name: "spaaza",
  specFile: "spaaza.yaml",
  fixtureFile: "spaaza.json",
  adapter: {
    name: "spaaza",
    errorBody: spaazaErrorBody,
    authorize,
    messages: MESSAGES,
    requestRules,
    forcedError,
    conform,
    handlers: typedHandlers<operations>({ listTasks, createTask, getTask, updateTask, deleteTask, executeTask, getTaskDownloadUrl }),
    schedule,
    internal: INTERNAL,
  },
};
