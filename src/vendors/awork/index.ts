// awork's task schedules API: the adapter (error body, authentication messages, the handlers of
// taskSchedules.ts, the documented rate limits). No scheduled work: a task schedule has no runs.
import type { operations } from "../../generated/awork.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { aworkErrorBody } from "./errors.js";
import { aworkRateLimits } from "./rateLimits.js";
import {
  createTaskSchedule,
  createTaskSchedulesFromTask,
  deleteTaskSchedule,
  getTaskSchedule,
  listTaskSchedules,
  updateTaskSchedule,
} from "./taskSchedules.js";

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
      "read-only": "The token's user lacks the permission to change task schedules.",
    },
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
