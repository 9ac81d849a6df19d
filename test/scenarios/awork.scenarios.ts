// awork task schedules: each operation × documented status.
import type { Scenario, VendorScenarios } from "./types.js";

const SEED_ID = "123e4567-e89b-12d3-a456-426614174000";
const BASE = "/api/v1/taskschedules";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
const valid = { taskId: SEED_ID, userId: SEED_ID, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z" };
const READONLY = "taskmock-readonly";
/** The fixture's task with two assignees and both dates. */
const TWO_ASSIGNEES = "9f3c2d1e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
const FROM_TASK = `${BASE}/bytaskid`;

/** The statuses every operation answers the same way: no token 401, a read-only write 401, forced 429. */
function common(operationId: string, method: string, path: string, body?: unknown): Scenario[] {
  const write = method !== "GET";
  return [
    {
      operationId,
      status: 401,
      via: "natural",
      name: "no credential",
      method,
      path,
      token: null,
      ...(body ? { body } : {}),
      expect: { code: "workspaceid-missing" },
    },
    ...(write
      ? [
          {
            operationId,
            status: 401,
            via: "natural",
            name: "read-only token writes (awork-seed-permissions-any-user)",
            method,
            path,
            token: READONLY,
            ...(body ? { body } : {}),
            expect: { code: "unauthorized" },
          } satisfies Scenario,
        ]
      : []),
    { operationId, status: 429, via: "prefer", name: "rate limited", method, path, ...(body ? { body } : {}) },
  ];
}

export const suite: VendorScenarios = {
  vendor: "awork",
  auth: (credential) => ({ authorization: `Bearer ${credential}` }),
  admin: "taskmock-admin",
  readonly: READONLY,
  scenarios: [
    // POST /taskschedules (the seed)
    {
      operationId: "createTaskSchedule",
      status: 200,
      via: "natural",
      name: "creates with derived plannedDuration",
      method: "POST",
      path: BASE,
      body: valid,
      expect: { ...valid, plannedDuration: 3600, createdBy: SEED_ID },
    },
    {
      operationId: "createTaskSchedule",
      status: 400,
      via: "natural",
      name: "the seed's empty body is an invalid model naming every missing field",
      method: "POST",
      path: BASE,
      body: {},
      expect: {
        code: "invalid-model",
        validationErrors: [{ property: "TaskId" }, { property: "StartDate" }, { property: "EndDate" }, { property: "UserId" }],
      },
    },
    {
      operationId: "createTaskSchedule",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "POST",
      path: BASE,
      body: { ...valid, taskId: UNKNOWN },
      expect: { code: "not-found" },
    },
    ...common("createTaskSchedule", "POST", BASE, valid),

    // GET /taskschedules
    {
      operationId: "listTaskSchedules",
      status: 200,
      via: "natural",
      name: "a page",
      method: "GET",
      path: BASE,
      query: "page=1&pageSize=5",
    },
    {
      operationId: "listTaskSchedules",
      status: 400,
      via: "natural",
      name: "pageSize over 1000",
      method: "GET",
      path: BASE,
      query: "pageSize=1001",
      expect: { code: "validation-failed", validationErrors: [{ property: "PageSize" }] },
    },
    ...common("listTaskSchedules", "GET", BASE),

    // GET /taskschedules/{taskScheduleId}
    {
      operationId: "getTaskSchedule",
      status: 200,
      via: "natural",
      name: "the seed's schedule",
      method: "GET",
      path: `${BASE}/${SEED_ID}`,
      expect: { id: SEED_ID, plannedDuration: 3600 },
    },
    {
      operationId: "getTaskSchedule",
      status: 400,
      via: "natural",
      name: "id not a uuid",
      method: "GET",
      path: `${BASE}/not-a-uuid`,
      expect: { code: "validation-failed", validationErrors: [{ property: "TaskScheduleId" }] },
    },
    {
      operationId: "getTaskSchedule",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "GET",
      path: `${BASE}/${UNKNOWN}`,
      expect: { code: "not-found" },
    },
    ...common("getTaskSchedule", "GET", `${BASE}/${SEED_ID}`),

    // PUT /taskschedules/{taskScheduleId}
    {
      operationId: "updateTaskSchedule",
      status: 200,
      via: "natural",
      name: "the PUT form's fields replace, plannedDuration recomputed",
      method: "PUT",
      path: `${BASE}/${SEED_ID}`,
      body: { endDate: "2022-03-01T11:30:00Z" },
      expect: { id: SEED_ID, plannedDuration: 9000, createdOn: "2022-03-11T15:33:47.100Z" },
    },
    {
      operationId: "updateTaskSchedule",
      status: 400,
      via: "natural",
      name: "end before start",
      method: "PUT",
      path: `${BASE}/${SEED_ID}`,
      body: { endDate: "2022-03-01T08:00:00Z" },
      expect: { code: "date-dependency", validationErrors: [{ property: "EndDate" }] },
    },
    {
      operationId: "updateTaskSchedule",
      status: 404,
      via: "natural",
      name: "unknown id (awork-statuses-beyond-definition)",
      method: "PUT",
      path: `${BASE}/${UNKNOWN}`,
      body: { endDate: "2022-03-01T11:30:00Z" },
      expect: { code: "not-found" },
    },
    ...common("updateTaskSchedule", "PUT", `${BASE}/${SEED_ID}`, { endDate: "2022-03-01T11:30:00Z" }),

    // DELETE /taskschedules/{taskScheduleId}
    { operationId: "deleteTaskSchedule", status: 204, via: "natural", name: "deletes", method: "DELETE", path: `${BASE}/${SEED_ID}` },
    { operationId: "deleteTaskSchedule", status: 400, via: "natural", name: "id not a uuid", method: "DELETE", path: `${BASE}/42` },
    { operationId: "deleteTaskSchedule", status: 404, via: "natural", name: "unknown id", method: "DELETE", path: `${BASE}/${UNKNOWN}` },
    ...common("deleteTaskSchedule", "DELETE", `${BASE}/${SEED_ID}`),

    // POST /taskschedules/bytaskid/{taskId}
    {
      operationId: "createTaskSchedulesFromTask",
      status: 204,
      via: "natural",
      name: "one per assignee of a task with one assignee",
      method: "POST",
      path: `${FROM_TASK}/${SEED_ID}`,
    },
    {
      operationId: "createTaskSchedulesFromTask",
      status: 400,
      via: "natural",
      name: "two assignees without createSchedulesForAllAssignees",
      method: "POST",
      path: `${FROM_TASK}/${TWO_ASSIGNEES}`,
      expect: { code: "invalid-operation" },
    },
    {
      operationId: "createTaskSchedulesFromTask",
      status: 400,
      via: "natural",
      name: "task id not a uuid",
      method: "POST",
      path: `${FROM_TASK}/nope`,
      expect: { code: "validation-failed", validationErrors: [{ property: "TaskId" }] },
    },
    {
      operationId: "createTaskSchedulesFromTask",
      status: 404,
      via: "natural",
      name: "unknown task",
      method: "POST",
      path: `${FROM_TASK}/${UNKNOWN}`,
      expect: { code: "not-found" },
    },
    ...common("createTaskSchedulesFromTask", "POST", `${FROM_TASK}/${SEED_ID}`),
  ],
};
