// Huawei Workspace Application Streaming scheduled tasks: each operation × documented status.
import type { Scenario, VendorScenarios } from "./types.js";

const PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";
const UNKNOWN_PROJECT = "ffffffffffffffffffffffffffffffff";
const SEED = "62f48b59-0ebb-4b1e-ad35-f64948a0591b";
const RUNNING = "532d64f9-6ebf-452e-9196-d14e7a06ab01";
const EXECUTION = "5a0f6c7e-3d1b-4e0a-9c2f-7b8d6e5f4a31";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
const TOO_LONG = "x".repeat(129);
const READONLY = "taskmock-readonly";

const tasksPath = (project = PROJECT) => `/v1/${project}/schedule-task`;
const taskPath = (id: string, project = PROJECT) => `${tasksPath(project)}/${id}`;
const INVALID = "WKS.00211102";

/** The spec's restartDaily create example. */
const restartDaily = {
  task_name: "nightly_restart_aps01",
  task_type: "RESTART_SERVER",
  scheduled_type: "DAY",
  day_interval: 1,
  scheduled_time: "03:00:00",
  time_zone: "Asia/Shanghai",
  description: "Restart the design tools server every night",
  schedule_task_policy: { enforcement_enable: false },
  target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989" }],
};

/** The seed page's PATCH request, corrected (the spec's `seed` example). */
const seedPatch = {
  scheduled_type: "DAY",
  day_interval: 1,
  week_list: "1,2,7",
  month_list: "1,3,12",
  date_list: "1,2,28,L",
  time_zone: "Asia/Shanghai",
  scheduled_date: "2022-12-23",
  scheduled_time: "09:00:00",
  expire_time: "2022-03-07T10:40:43.858Z",
  task_name: "Scheduled_Startup_Task",
  task_type: "RESTART_SERVER",
  schedule_task_policy: { enforcement_enable: false },
  description: "Used for power-on and power-off",
  is_enable: true,
  target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989" }],
};

const weekly = { scheduled_type: "WEEK", week_list: "2,4,6", scheduled_time: "07:30:00", time_zone: "Asia/Shanghai" };

/**
 * What every operation answers alike: no token 401, read-only token 403 on a write (forced on
 * a read), unknown project 404, a method the path lacks 405 (the router), and forced 500/503.
 */
function common(
  operationId: string,
  method: string,
  path: string,
  body?: unknown,
  otherMethod = "PUT",
  readOnlyAllowed = method === "GET",
): Scenario[] {
  const withBody = body === undefined ? {} : { body };
  return [
    {
      operationId,
      status: 401,
      via: "natural",
      name: "no X-Auth-Token",
      method,
      path,
      token: null,
      ...withBody,
      expect: { error_code: "APIGW.0301" },
    },
    {
      operationId,
      status: 401,
      via: "natural",
      name: "unknown token",
      method,
      path,
      token: "nope",
      ...withBody,
      expect: { error_code: "APIGW.0301" },
    },
    readOnlyAllowed
      ? { operationId, status: 403, via: "prefer", name: "forced", method, path, ...withBody }
      : {
          operationId,
          status: 403,
          via: "natural",
          name: "read-only token writes",
          method,
          path,
          token: READONLY,
          ...withBody,
          expect: { error_code: "WKS.00081102" },
        },
    {
      operationId,
      status: 404,
      via: "natural",
      name: "unknown project",
      method,
      path: path.replace(PROJECT, UNKNOWN_PROJECT),
      ...withBody,
      expect: { error_code: "WKS.00211902" },
    },
    {
      operationId,
      status: 405,
      via: "natural",
      name: `${otherMethod} on the path`,
      method: otherMethod,
      path,
      expect: { error_code: "WKS.00000405" },
    },
    { operationId, status: 500, via: "prefer", name: "service failed", method, path, ...withBody },
    { operationId, status: 503, via: "prefer", name: "service unavailable", method, path, ...withBody },
  ];
}

export const suite: VendorScenarios = {
  vendor: "huawei",
  auth: (credential) => ({ "x-auth-token": credential }),
  admin: "taskmock-admin",
  readonly: READONLY,
  scenarios: [
    // POST /v1/{project_id}/schedule-task
    {
      operationId: "createScheduleTask",
      status: 200,
      via: "natural",
      name: "the restartDaily example: enabled, waiting, with derived cron and next run",
      method: "POST",
      path: tasksPath(),
      body: restartDaily,
      expect: {
        task_name: "nightly_restart_aps01",
        is_enable: true,
        last_status: "WAITING",
        task_cron: "0 0 3 */1 * ?",
        // 2026-01-01T00:00Z is 08:00 in Shanghai: today's 03:00 has passed.
        next_execution_time: "2026-01-02 03:00:00",
        create_time: "2026-01-01T00:00:00.000Z",
        update_time: "2026-01-01T00:00:00.000Z",
      },
    },
    {
      operationId: "createScheduleTask",
      status: 400,
      via: "natural",
      name: "lower-case scheduled_type (conflict huawei-scheduled-type-case)",
      method: "POST",
      path: tasksPath(),
      body: { ...restartDaily, scheduled_type: "day" },
      expect: {
        error_code: INVALID,
        error_msg: 'The parameter is invalid. scheduled_type: "day" is not one of FIXED_TIME, DAY, WEEK, MONTH',
      },
    },
    {
      operationId: "createScheduleTask",
      status: 400,
      via: "natural",
      name: "is_enable is not a create field (conflict huawei-create-is-enable)",
      method: "POST",
      path: tasksPath(),
      body: { ...restartDaily, is_enable: false },
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. is_enable: is not a known property" },
    },
    {
      operationId: "createScheduleTask",
      status: 400,
      via: "natural",
      name: "a WEEK schedule without week_list",
      method: "POST",
      path: tasksPath(),
      body: { ...restartDaily, scheduled_type: "WEEK", day_interval: undefined },
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. week_list: is required when scheduled_type is WEEK" },
    },
    {
      operationId: "createScheduleTask",
      status: 400,
      via: "natural",
      name: "a target that is no server of the project",
      method: "POST",
      path: tasksPath(),
      body: { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: "7c1e2d3f-0000-4000-8000-000000000000" }] },
      expect: {
        error_code: INVALID,
        error_msg: 'The parameter is invalid. target_infos/0/target_id: no SERVER "7c1e2d3f-0000-4000-8000-000000000000" in this project',
      },
    },
    ...common("createScheduleTask", "POST", tasksPath(), restartDaily, "DELETE"),

    // GET /v1/{project_id}/schedule-task
    {
      operationId: "listScheduleTasks",
      status: 200,
      via: "natural",
      name: "fuzzy task_name and task_type",
      method: "GET",
      path: tasksPath(),
      query: "task_name=Startup&task_type=RESTART_SERVER",
      expect: { count: 1, items: [{ id: SEED, task_cron: "0 0 9 */1 * ?", next_execution_time: "2026-01-01 09:00:00" }] },
    },
    {
      operationId: "listScheduleTasks",
      status: 400,
      via: "natural",
      name: "limit over 100",
      method: "GET",
      path: tasksPath(),
      query: "limit=101",
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. limit: 101 is more than 100" },
    },
    ...common("listScheduleTasks", "GET", tasksPath()),

    // POST /v1/{project_id}/schedule-task/actions/batch-delete
    {
      operationId: "batchDeleteScheduleTask",
      status: 200,
      via: "natural",
      name: "a known and an unknown id",
      method: "POST",
      path: `${tasksPath()}/actions/batch-delete`,
      body: { items: [SEED, UNKNOWN] },
    },
    {
      operationId: "batchDeleteScheduleTask",
      status: 400,
      via: "natural",
      name: "no ids",
      method: "POST",
      path: `${tasksPath()}/actions/batch-delete`,
      body: { items: [] },
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. items: must list at least 1 item" },
    },
    ...common("batchDeleteScheduleTask", "POST", `${tasksPath()}/actions/batch-delete`, { items: [SEED] }),

    // POST /v1/{project_id}/schedule-task/future-executions
    {
      operationId: "listFutureExecutions",
      status: 200,
      via: "natural",
      name: "Monday, Wednesday and Friday at 07:30 from Thursday 2026-01-01",
      method: "POST",
      path: `${tasksPath()}/future-executions`,
      body: weekly,
      expect: {
        future_executions: [
          "2026-01-02 07:30:00",
          "2026-01-05 07:30:00",
          "2026-01-07 07:30:00",
          "2026-01-09 07:30:00",
          "2026-01-12 07:30:00",
        ],
        time_zone: "Asia/Shanghai",
      },
    },
    {
      operationId: "listFutureExecutions",
      status: 400,
      via: "natural",
      name: "no scheduled_time (conflict huawei-scheduled-time-required)",
      method: "POST",
      path: `${tasksPath()}/future-executions`,
      body: { scheduled_type: "WEEK", week_list: "2,4,6" },
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. scheduled_time: is required" },
    },
    // A calculation, not a change: the read-only token may ask (test/vendors/huawei/index.test.ts), so 403 is forced.
    ...common("listFutureExecutions", "POST", `${tasksPath()}/future-executions`, weekly, "PUT", true),

    // GET /v1/{project_id}/schedule-task/{task_id}
    {
      operationId: "showScheduleTask",
      status: 200,
      via: "natural",
      name: "the seed task with its target's name",
      method: "GET",
      path: taskPath(SEED),
      expect: {
        id: SEED,
        task_name: "Scheduled_Startup_Task",
        target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989", target_name: "aps-design-01" }],
      },
    },
    {
      operationId: "showScheduleTask",
      status: 400,
      via: "natural",
      name: "task_id over 128 characters",
      method: "GET",
      path: taskPath(TOO_LONG),
      expect: { error_code: INVALID },
    },
    {
      operationId: "showScheduleTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "GET",
      path: taskPath(UNKNOWN),
      expect: { error_code: "WKS.00211902" },
    },
    ...common("showScheduleTask", "GET", taskPath(SEED)),

    // PATCH /v1/{project_id}/schedule-task/{task_id} (the seed)
    {
      operationId: "updateScheduleTask",
      status: 200,
      via: "natural",
      name: "the corrected seed request",
      method: "PATCH",
      path: taskPath(SEED),
      body: seedPatch,
      expect: {
        id: SEED,
        task_name: "Scheduled_Startup_Task",
        scheduled_type: "DAY",
        is_enable: true,
        last_status: "WAITING",
        task_cron: "0 0 9 */1 * ?",
        expire_time: "2022-03-07T10:40:43.858Z",
        create_time: "2022-03-07T10:40:43.858Z",
        update_time: "2026-01-01T00:00:00.000Z",
      },
    },
    {
      operationId: "updateScheduleTask",
      status: 400,
      via: "natural",
      name: "a task name with spaces (conflict huawei-task-name-spaces)",
      method: "PATCH",
      path: taskPath(SEED),
      body: { task_name: "Scheduled Startup Task" },
      expect: { error_code: INVALID },
    },
    {
      operationId: "updateScheduleTask",
      status: 400,
      via: "natural",
      name: "target_id as an array (conflict huawei-target-id-array)",
      method: "PATCH",
      path: taskPath(SEED),
      body: { target_infos: [{ target_type: "SERVER", target_id: ["3f791197-d166-4c8e-81e4-38c40ffc1989"] }] },
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. target_infos/0/target_id: must be a string, not an array" },
    },
    {
      operationId: "updateScheduleTask",
      status: 400,
      via: "natural",
      name: "a week_list day outside 1 to 7, quoted",
      method: "PATCH",
      path: taskPath(SEED),
      body: { week_list: "1,8" },
      expect: {
        error_code: INVALID,
        error_msg: 'The parameter is invalid. week_list: "1,8" is not a comma-separated list of days 1 to 7 (1 is Sunday)',
      },
    },
    {
      operationId: "updateScheduleTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "PATCH",
      path: taskPath(UNKNOWN),
      body: { is_enable: false },
      expect: { error_code: "WKS.00211902" },
    },
    ...common("updateScheduleTask", "PATCH", taskPath(SEED), { is_enable: false }),

    // DELETE /v1/{project_id}/schedule-task/{task_id}
    { operationId: "deleteScheduleTask", status: 200, via: "natural", name: "deletes", method: "DELETE", path: taskPath(SEED) },
    {
      operationId: "deleteScheduleTask",
      status: 200,
      via: "natural",
      name: "an unknown task is ignored (conflict huawei-delete-unknown-task)",
      method: "DELETE",
      path: taskPath(UNKNOWN),
    },
    {
      operationId: "deleteScheduleTask",
      status: 400,
      via: "natural",
      name: "task_id over 128 characters",
      method: "DELETE",
      path: taskPath(TOO_LONG),
      expect: { error_code: INVALID },
    },
    {
      operationId: "deleteScheduleTask",
      status: 409,
      via: "natural",
      name: "the task is running",
      method: "DELETE",
      path: taskPath(RUNNING),
      expect: { error_code: "WKS.00211103" },
    },
    ...common("deleteScheduleTask", "DELETE", taskPath(SEED)),

    // GET /v1/{project_id}/schedule-task/{task_id}/execute-history
    {
      operationId: "listTaskExecuteHistory",
      status: 200,
      via: "natural",
      name: "the seed task's two latest executions",
      method: "GET",
      path: `${taskPath(SEED)}/execute-history`,
      query: "limit=2",
      expect: {
        count: 6,
        items: [
          { id: EXECUTION, status: "FAILED" },
          { id: "9e4b1c2d-6f7a-4b8c-8d9e-0f1a2b3c4d5e", status: "SUCCESS" },
        ],
      },
    },
    {
      operationId: "listTaskExecuteHistory",
      status: 400,
      via: "natural",
      name: "limit 0",
      method: "GET",
      path: `${taskPath(SEED)}/execute-history`,
      query: "limit=0",
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. limit: 0 is less than 1" },
    },
    {
      operationId: "listTaskExecuteHistory",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "GET",
      path: `${taskPath(UNKNOWN)}/execute-history`,
      expect: { error_code: "WKS.00211902" },
    },
    ...common("listTaskExecuteHistory", "GET", `${taskPath(SEED)}/execute-history`),

    // GET /v1/{project_id}/schedule-task/{execute_history_id}/execute-detail
    {
      operationId: "listTaskExecuteDetail",
      status: 200,
      via: "natural",
      name: "the failed execution's sub-task",
      method: "GET",
      path: `${taskPath(EXECUTION)}/execute-detail`,
      expect: { count: 1, items: [{ id: "c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b", status: "FAILED", result_code: "WKS.00211501" }] },
    },
    {
      operationId: "listTaskExecuteDetail",
      status: 400,
      via: "natural",
      name: "negative offset",
      method: "GET",
      path: `${taskPath(EXECUTION)}/execute-detail`,
      query: "offset=-1",
      expect: { error_code: INVALID, error_msg: "The parameter is invalid. offset: -1 is less than 0" },
    },
    {
      operationId: "listTaskExecuteDetail",
      status: 404,
      via: "natural",
      name: "a task id is no execution id (conflict huawei-execute-detail-param)",
      method: "GET",
      path: `${taskPath(SEED)}/execute-detail`,
      expect: { error_code: "WKS.00211902" },
    },
    ...common("listTaskExecuteDetail", "GET", `${taskPath(EXECUTION)}/execute-detail`),
  ],
};
