// Huawei Cloud Workspace Application Streaming scheduled tasks (/v1/{project_id}/schedule-task):
// tasks stored per project as ScheduleTaskRecord and answered as ScheduleTask or
// ScheduleTaskDetail, with task_cron and next_execution_time derived at the mock's clock, and
// executions recorded as the clock passes each task's fire times.
import type { operations } from "../../generated/huawei.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { huaweiAuthenticate } from "./auth.js";
import { huaweiErrorBody, huaweiErrorHeaders, MESSAGES } from "./errors.js";
import { executionHandlers } from "./executions.js";
import { huaweiConform, huaweiForcedError } from "./forced.js";
import { requestRules } from "./rules.js";
import { schedule } from "./schedule.js";
import { taskHandlers } from "./tasks.js";

export const huawei: VendorModule = {
  name: "huawei",
  specFile: "huawei-workspace.yaml",
  fixtureFile: "huawei.json",
  adapter: {
    name: "huawei",
    errorBody: huaweiErrorBody,
    // Every answer carries X-Request-Id, errors included (the SDKs read it from error answers).
    errorHeaders: huaweiErrorHeaders,
    // The API gateway's sign-in: an X-Auth-Token, or an AK/SK signature (auth.ts).
    authenticate: (request, tokens) => huaweiAuthenticate(request, tokens),
    messages: MESSAGES,
    // A calculation over the body, not a change: the read-only token may ask for it.
    reads: ["listFutureExecutions"],
    // The schedule rules over the body alone, run beside the schema: one 400 names them all (rules.ts).
    requestRules,
    // Forced errors worded for the request (the ids it names) and generated bodies that obey the spec's rules (forced.ts).
    forcedError: huaweiForcedError,
    conform: huaweiConform,
    handlers: typedHandlers<operations>({ ...taskHandlers, ...executionHandlers }),
    // Each fire time the clock passes runs the task on its servers (schedule.ts). No rate limits:
    // the API documents none.
    schedule,
  },
};
