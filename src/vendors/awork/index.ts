// awork's task schedules API: the adapter (error body, authentication messages, who may write, the
// rules over the request alone of rules.ts, the forced and generated answers of forced.ts, the
// handlers of taskSchedules.ts, the documented rate limits). No scheduled work: a task schedule
// has no runs.
import type { CompiledOperation } from "../../engine/operation.js";
import type { TokenRecord, VendorError } from "../../engine/vendor.js";
import type { operations } from "../../generated/awork.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { aworkErrorBody } from "./errors.js";
import { conform, forcedError } from "./forced.js";
import { aworkRateLimits } from "./rateLimits.js";
import { aworkRequestRules } from "./rules.js";
import {
  createTaskSchedule,
  createTaskSchedulesFromTask,
  deleteTaskSchedule,
  getTaskSchedule,
  listTaskSchedules,
  updateTaskSchedule,
} from "./taskSchedules.js";

const READ_ONLY_MESSAGE = "The token's user lacks the permission to change task schedules.";

/**
 * A user lacking the permission a write needs (the read-only token) gets what the Error Handling
 * page gives for it: 401 with code unauthorized ("the requesting user is lacking the necessary
 * permissions"), never a 403, which awork's definition declares on no operation
 * (conflict awork-seed-permissions-any-user).
 */
function authorize(principal: TokenRecord, operation: CompiledOperation): VendorError | undefined {
  if (principal.role !== "readonly" || operation.method === "GET") return undefined;
  return { status: 401, kind: "unauthorized", code: "unauthorized", message: READ_ONLY_MESSAGE };
}

export const awork: VendorModule = {
  name: "awork",
  specFile: "awork.yaml",
  fixtureFile: "awork.json",
  adapter: {
    name: "awork",
    errorBody: aworkErrorBody,
    messages: {
      "missing-credential": "The request has no valid bearer token; the workspace could not be determined.",
      "unknown-credential": "The bearer token is not valid; the workspace could not be determined.",
      "read-only": READ_ONLY_MESSAGE,
    },
    authorize,
    requestRules: aworkRequestRules,
    forcedError,
    conform,
    handlers: typedHandlers<operations>({
      listTaskSchedules,
      createTaskSchedule,
      createTaskSchedulesFromTask,
      getTaskSchedule,
      updateTaskSchedule,
      deleteTaskSchedule,
    }),
    rateLimits: aworkRateLimits,
  },
};
