// Crego Tasks API: each operation × documented status, in Django REST Framework's error shapes.
import type { Scenario, VendorScenarios } from "./types.js";

const READONLY = "taskmock-readonly";
const CLOCK_ISO = "2026-01-01T00:00:00Z";
const LIST = "/tasks/schedules/";
const SEED = "/tasks/schedules/1/";
const UNKNOWN_SCHEDULE = "/tasks/schedules/999/";
const TASK = "/tasks/reports.tasks.generate_report/";
const UNKNOWN_TASK = "/tasks/reports.tasks.no_such_task/";

/** The seed page's PUT request body, verbatim (interval and crontab both set). */
export const SEED_PUT_BODY = {
  name: "Daily Report Generation",
  task: "reports.tasks.generate_report",
  interval: { every: 1, period: "days" },
  crontab: { minute: "0", hour: "9", day_of_week: "1-5", day_of_month: "*", month_of_year: "*", timezone: "UTC" },
  args: ["daily", "financial"],
  kwargs: { report_type: "daily", include_charts: true },
  headers: {},
  expires: "2019-08-24T14:15:22Z",
  expires_at: "2019-08-24T14:15:22Z",
  one_off: false,
  start_time: "2019-08-24T14:15:22Z",
  enabled: true,
  description: "Generate daily financial reports",
};

/** The "Update task" page's PATCH request body, verbatim. */
export const TASK_PATCH_BODY = {
  queue: "high_priority",
  exchange: "celery",
  routing_key: "reports",
  priority: 5,
  link: "notifications.tasks.send_notification",
  link_error: "error_handling.tasks.log_error",
  soft_time_limit: 300,
  time_limit: 600,
  is_active: true,
};

const TASK_PUT_BODY = {
  queue: "reports",
  exchange: "reports",
  routing_key: "reports.daily",
  priority: 3,
  link: null,
  link_error: "error_handling.tasks.log_error",
  soft_time_limit: 540,
  time_limit: 900,
  is_active: true,
};

const NO_CREDENTIALS = { detail: "Authentication credentials were not provided." };
const NO_PERMISSION = { detail: "You do not have permission to perform this action." };
const SERVER_ERROR = { detail: "A server error occurred." };

/** 401 (none and unknown), 403 (read-only token on a write, else forced) and forced 500, the same on every operation. */
function common(operationId: string, method: string, path: string, body?: unknown): Scenario[] {
  const withBody = body === undefined ? {} : { body };
  return [
    { operationId, status: 401, via: "natural", name: "no credential", method, path, token: null, ...withBody, expect: NO_CREDENTIALS },
    {
      operationId,
      status: 401,
      via: "natural",
      name: "unknown credential",
      method,
      path,
      token: "not-a-crego-token",
      ...withBody,
      expect: { detail: "Incorrect authentication credentials." },
    },
    method === "GET"
      ? { operationId, status: 403, via: "prefer", name: "forced (reads are allowed to every token)", method, path }
      : {
          operationId,
          status: 403,
          via: "natural",
          name: "read-only token writes",
          method,
          path,
          token: READONLY,
          ...withBody,
          expect: NO_PERMISSION,
        },
    { operationId, status: 500, via: "prefer", name: "server error", method, path, ...withBody, expect: SERVER_ERROR },
  ];
}

export const suite: VendorScenarios = {
  vendor: "crego",
  auth: (credential) => ({ authorization: `Bearer ${credential}` }),
  admin: "taskmock-admin",
  readonly: READONLY,
  scenarios: [
    // GET /tasks/schedules/
    {
      operationId: "listSchedules",
      status: 200,
      via: "natural",
      name: "a middle page in Crego's envelope",
      method: "GET",
      path: LIST,
      query: "page=2&page_size=5",
      expect: {
        count: 33,
        total_pages: 7,
        current_page: 2,
        has_previous: true,
        has_next: true,
        previous_page: 1,
        next_page: 3,
        results: [{ id: 6 }, { id: 7 }, { id: 8 }, { id: 9 }, { id: 10 }],
      },
    },
    {
      operationId: "listSchedules",
      status: 200,
      via: "natural",
      name: "the last page, sixteen per page (the spec's lastPage example)",
      method: "GET",
      path: LIST,
      query: "page=3&page_size=16",
      expect: {
        count: 33,
        total_pages: 3,
        current_page: 3,
        has_next: false,
        next_page: null,
        results: [{ id: 33, name: "Collections Escalation Notice" }],
      },
    },
    {
      operationId: "listSchedules",
      status: 200,
      via: "natural",
      name: "a page_size that is not an integer falls back to 10, as DRF's does (conflict crego-page-size-drf)",
      method: "GET",
      path: LIST,
      query: "page_size=fifteen",
      expect: { count: 33, total_pages: 4, current_page: 1 },
    },
    {
      operationId: "listSchedules",
      status: 200,
      via: "natural",
      name: "a page_size above 100 is cut to 100 (DRF's max_page_size)",
      method: "GET",
      path: LIST,
      query: "page_size=101",
      expect: { count: 33, total_pages: 1, has_next: false },
    },
    {
      operationId: "listSchedules",
      status: 400,
      via: "prefer",
      name: "forced: no query makes the list a 400",
      method: "GET",
      path: LIST,
      expect: { non_field_errors: ["Invalid input."] },
    },
    {
      operationId: "listSchedules",
      status: 404,
      via: "natural",
      name: "a page past the last one",
      method: "GET",
      path: LIST,
      query: "page=5",
      expect: { detail: "Invalid page." },
    },
    ...common("listSchedules", "GET", LIST),

    // GET /tasks/schedules/{id}/
    {
      operationId: "getSchedule",
      status: 200,
      via: "natural",
      name: "the seed's schedule with both interval and crontab",
      method: "GET",
      path: SEED,
      expect: { id: 1, interval: { id: 1, every: 1, period: "days" }, crontab: { id: 1, day_of_week: "1-5" }, total_run_count: 45 },
    },
    {
      operationId: "getSchedule",
      status: 400,
      via: "natural",
      name: "id not an integer",
      method: "GET",
      path: "/tasks/schedules/daily/",
      expect: { id: ["A valid integer is required."] },
    },
    {
      operationId: "getSchedule",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "GET",
      path: UNKNOWN_SCHEDULE,
      expect: { detail: "No PeriodicTask matches the given query." },
    },
    {
      operationId: "getSchedule",
      status: 405,
      via: "natural",
      name: "POST on a scheduled task (the router answers)",
      method: "POST",
      path: SEED,
      body: SEED_PUT_BODY,
      expect: { detail: 'Method "POST" not allowed.' },
    },
    ...common("getSchedule", "GET", SEED),

    // PATCH /tasks/schedules/{id}/
    {
      operationId: "updateSchedule",
      status: 200,
      via: "natural",
      name: "disabling clears last_run_at and stamps date_changed",
      method: "PATCH",
      path: SEED,
      body: { enabled: false },
      expect: { id: 1, enabled: false, last_run_at: null, total_run_count: 45, date_changed: CLOCK_ISO },
    },
    {
      operationId: "updateSchedule",
      status: 200,
      via: "natural",
      name: "a new interval gets the next interval id; omitted crontab fields default",
      method: "PATCH",
      path: SEED,
      body: { interval: { every: 7, period: "hours" }, crontab: { minute: "15" } },
      expect: {
        interval: { id: 14, every: 7, period: "hours" },
        crontab: { id: 19, minute: "15", hour: "*", day_of_week: "*", day_of_month: "*", month_of_year: "*", timezone: "UTC" },
      },
    },
    {
      operationId: "updateSchedule",
      status: 400,
      via: "natural",
      name: "another schedule's name",
      method: "PATCH",
      path: SEED,
      body: { name: "Weekly Portfolio Summary" },
      expect: { name: ["periodic task with this name already exists."] },
    },
    {
      operationId: "updateSchedule",
      status: 400,
      via: "natural",
      name: "dropping the only schedule",
      method: "PATCH",
      path: "/tasks/schedules/4/",
      body: { interval: null },
      expect: { interval: ["One of clocked, interval, crontab, or solar must be set."], crontab: ["One of clocked, interval, crontab, or solar must be set."] },
    },
    {
      operationId: "updateSchedule",
      status: 400,
      via: "natural",
      name: "cron hour out of range and an unknown time zone",
      method: "PATCH",
      path: SEED,
      body: { crontab: { hour: "25", timezone: "Mars/Olympus" } },
      expect: { crontab: { hour: ['Invalid hour value "25".'], timezone: ['"Mars/Olympus" is not a valid choice.'] } },
    },
    {
      operationId: "updateSchedule",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "PATCH",
      path: UNKNOWN_SCHEDULE,
      body: { enabled: false },
    },
    ...common("updateSchedule", "PATCH", SEED, { enabled: false }),

    // PUT /tasks/schedules/{id}/ (the seed)
    {
      operationId: "replaceSchedule",
      status: 200,
      via: "natural",
      name: "the seed's request, verbatim, under id 1",
      method: "PUT",
      path: SEED,
      body: SEED_PUT_BODY,
      expect: {
        id: 1,
        interval: { id: 1, every: 1, period: "days" },
        crontab: { id: 1, minute: "0", hour: "9", day_of_week: "1-5", day_of_month: "*", month_of_year: "*", timezone: "UTC" },
        total_run_count: 45,
        last_run_at: "2019-08-24T14:15:22Z",
        date_changed: CLOCK_ISO,
      },
    },
    {
      operationId: "replaceSchedule",
      status: 400,
      via: "natural",
      name: "a full update with fields missing",
      method: "PUT",
      path: SEED,
      body: { name: "Daily Report Generation", task: "reports.tasks.generate_report" },
      expect: { interval: ["This field is required."], crontab: ["This field is required."], enabled: ["This field is required."] },
    },
    {
      operationId: "replaceSchedule",
      status: 400,
      via: "natural",
      name: "an invalid interval, nested under interval",
      method: "PUT",
      path: SEED,
      body: { ...SEED_PUT_BODY, interval: { every: 0, period: "weeks" } },
      expect: {
        interval: {
          every: ["Ensure this value is greater than or equal to 1."],
          period: ['Not a valid choice; expected one of "days", "hours", "minutes", "seconds", "microseconds".'],
        },
      },
    },
    {
      operationId: "replaceSchedule",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "PUT",
      path: UNKNOWN_SCHEDULE,
      body: SEED_PUT_BODY,
    },
    ...common("replaceSchedule", "PUT", SEED, SEED_PUT_BODY),

    // GET /tasks/{task_name}/
    {
      operationId: "getTask",
      status: 200,
      via: "natural",
      name: "the seed's task",
      method: "GET",
      path: TASK,
      expect: { name: "reports.tasks.generate_report", ...TASK_PATCH_BODY, date_changed: "2025-06-21T06:00:00Z" },
    },
    {
      operationId: "getTask",
      status: 400,
      via: "natural",
      name: "not a dotted Python name",
      method: "GET",
      path: "/tasks/reports..generate/",
      expect: { task_name: ["Enter a valid Celery task name."] },
    },
    {
      operationId: "getTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "GET",
      path: UNKNOWN_TASK,
      expect: { detail: "Not found." },
    },
    ...common("getTask", "GET", TASK),

    // PATCH /tasks/{task_name}/
    {
      operationId: "updateTask",
      status: 200,
      via: "natural",
      name: "the docs' request, verbatim",
      method: "PATCH",
      path: TASK,
      body: TASK_PATCH_BODY,
      expect: { ...TASK_PATCH_BODY, max_retries: 3, date_changed: CLOCK_ISO },
    },
    {
      operationId: "updateTask",
      status: 400,
      via: "natural",
      name: "priority above 255",
      method: "PATCH",
      path: TASK,
      body: { priority: 256 },
      expect: { priority: ["Ensure this value is less than or equal to 255."] },
    },
    {
      operationId: "updateTask",
      status: 400,
      via: "natural",
      name: "soft limit not below the stored hard limit",
      method: "PATCH",
      path: TASK,
      body: { soft_time_limit: 600 },
      expect: { non_field_errors: ["soft_time_limit must be lower than time_limit."] },
    },
    {
      operationId: "updateTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "PATCH",
      path: UNKNOWN_TASK,
      body: { is_active: false },
    },
    ...common("updateTask", "PATCH", TASK, { is_active: false }),

    // PUT /tasks/{task_name}/
    {
      operationId: "replaceTask",
      status: 200,
      via: "natural",
      name: "all nine settings",
      method: "PUT",
      path: TASK,
      body: TASK_PUT_BODY,
      expect: { ...TASK_PUT_BODY, description: "Build a scheduled report and store it as a document.", date_changed: CLOCK_ISO },
    },
    {
      operationId: "replaceTask",
      status: 400,
      via: "natural",
      name: "a full update without is_active",
      method: "PUT",
      path: TASK,
      body: { ...TASK_PUT_BODY, is_active: undefined },
      expect: { is_active: ["This field is required."] },
    },
    {
      operationId: "replaceTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "PUT",
      path: UNKNOWN_TASK,
      body: TASK_PUT_BODY,
    },
    ...common("replaceTask", "PUT", TASK, TASK_PUT_BODY),
  ],
};
