// Crego's Tasks API: scheduled tasks (django-celery-beat periodic tasks) listed, read and
// updated, and Celery tasks whose settings are read and updated. Nothing is created or deleted
// through the API; runs driven by the clock are not simulated yet (no onClock).
import type { VendorModule } from "../types.js";
import { cregoErrorBody, cregoErrorHeaders, MESSAGES } from "./errors.js";
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
    handlers: {
      listSchedules,
      getSchedule,
      updateSchedule,
      replaceSchedule,
      getTask,
      updateTask,
      replaceTask,
    },
  },
};
