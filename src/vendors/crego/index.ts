// Crego's Tasks API: scheduled tasks (django-celery-beat periodic tasks) listed, read and
// updated, and Celery tasks whose settings are read and updated. Nothing is created or deleted
// through the API. When the clock moves, enabled schedules run (schedule.ts): their counters and
// last_run_at follow their interval or crontab. Unknown and read-only body fields are ignored, as
// DRF's serializers ignore them (the spec's info.x-taskmock-unknown-properties); the rules over the
// request alone run beside the schema (rules.ts); forced and generated answers fit (forced.ts).
import type { operations } from "../../generated/crego.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { cregoErrorBody, cregoErrorHeaders, MESSAGES } from "./errors.js";
import { conform, forcedError } from "./forced.js";
import { requestRules } from "./rules.js";
import { cregoSchedule } from "./schedule.js";
import { getSchedule, listSchedules, replaceSchedule, updateSchedule } from "./schedules.js";
import { getTask, replaceTask, updateTask } from "./tasks.js";

export const crego: VendorModule = {
  name: "crego",
  specFile: "crego.yaml",
  fixtureFile: "crego.json",
  adapter: {
    name: "crego",
    errorBody: cregoErrorBody,
    errorHeaders: cregoErrorHeaders,
    messages: { ...MESSAGES },
    requestRules,
    forcedError,
    conform,
    handlers: typedHandlers<operations>({
      listSchedules,
      getSchedule,
      updateSchedule,
      replaceSchedule,
      getTask,
      updateTask,
      replaceTask,
    }),
    schedule: cregoSchedule,
  },
};
