// Omni schema refresh schedules: every operation × documented status, natural where a request can
// cause it, forced with Prefer for 429 and 503 (and 403 on reads, which the read-only token may do).
import type { Scenario, VendorScenarios } from "./types.js";

const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const OTHER_CONNECTION = "ee73bc77-88ee-4e65-bd0b-99e48c26fe4f";
/** A connection whose fixture records are not in createdAt order. */
const REDSHIFT = "18e98a07-af09-4ebb-86b7-f7b1de602ccf";
/** A connection id that is a UUID but names no connection. */
const NO_CONNECTION = "00000000-0000-4000-8000-000000000000";
const SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/** A schedule of OTHER_CONNECTION. */
const FOREIGN_SCHEDULE = "77f17715-9a77-44d8-b193-d6e82f1a85b5";
const NO_SCHEDULE = "11111111-1111-4111-8111-111111111111";

const list = (connection = CONNECTION) => `/api/v1/connections/${connection}/schedules`;
const one = (schedule = SCHEDULE, connection = CONNECTION) => `${list(connection)}/${schedule}`;

const NEW_YORK_NINE = { schedule: "00 09 * * ? *", timezone: "America/New_York" };
const LONDON_SIX = { schedule: "00 18 ? * * *", timezone: "Europe/London" };

/** The 401, 429 and 503 rows every operation has. */
function common(operationId: string, method: string, path: string, body?: unknown): Scenario[] {
  const withBody = body === undefined ? {} : { body };
  return [
    {
      operationId,
      status: 401,
      via: "natural",
      name: "no Authorization header",
      method,
      path,
      token: null,
      ...withBody,
      expect: { error: "Unauthorized", message: "Missing Authorization header. Include it as: Bearer YOUR_TOKEN" },
    },
    {
      operationId,
      status: 401,
      via: "natural",
      name: "unknown API key",
      method,
      path,
      token: "not-a-key",
      ...withBody,
      expect: { error: "Unauthorized", message: "Invalid API key" },
    },
    {
      operationId,
      status: 429,
      via: "prefer",
      name: "over 60 requests a minute",
      method,
      path,
      ...withBody,
      expect: { error: "Too Many Requests" },
    },
    {
      operationId,
      status: 503,
      via: "prefer",
      name: "scheduled maintenance",
      method,
      path,
      ...withBody,
      expect: { error: "Service Unavailable" },
    },
  ];
}

const FORBIDDEN = { error: "Forbidden", message: "Permission denied - connection admin role required" };
const CONNECTION_NOT_FOUND = { error: "Not Found", message: "Connection not found" };
const SCHEDULE_NOT_FOUND = { error: "Not Found", message: "Schedule not found" };

export const suite: VendorScenarios = {
  vendor: "omni",
  auth: (credential) => ({ authorization: `Bearer ${credential}` }),
  admin: "taskmock-admin",
  readonly: "taskmock-readonly",
  scenarios: [
    // listSchemaRefreshSchedules
    {
      operationId: "listSchemaRefreshSchedules",
      status: 200,
      via: "natural",
      name: "the connection's schedules, oldest first",
      method: "GET",
      path: list(),
      expect: {
        schedules: [
          { scheduleId: "70ab9055-7c8d-4c35-9815-2a5b57c70df8", createdAt: "2024-02-05T14:12:09.481Z", description: "At 06:00 AM CST" },
          { scheduleId: "6b9c2b80-b46e-46a5-8933-091d570e2150", description: "At 02:00 AM UTC, only on Sunday" },
          { scheduleId: "8d1cb1d8-170d-49c1-a15d-25196e3085df", disabledAt: "2024-04-12T08:00:03.112Z" },
          { scheduleId: "3c0fffe5-2a6d-4623-af81-5f2b0ddb599d" },
          { scheduleId: SCHEDULE, description: "At 06:00 PM GMT" },
          { scheduleId: "48646fbd-cbff-4337-8146-072e32d7dfd3" },
          { scheduleId: "5850c2fe-7bd2-499e-8f8a-79a8919e4c81" },
        ],
      },
    },
    {
      operationId: "listSchemaRefreshSchedules",
      status: 200,
      via: "natural",
      name: "the read-only token may read; sorted by createdAt, not by insertion",
      method: "GET",
      path: list(REDSHIFT),
      token: "taskmock-readonly",
      expect: {
        schedules: [
          { scheduleId: "450ca686-eede-48e5-b7f9-7565b5655567", connectionId: REDSHIFT },
          { scheduleId: "c865d126-99f8-4bf2-8731-f7c6d42dd8f4" },
          { scheduleId: "1551b4e8-867d-4fee-8d61-098985958418" },
          { scheduleId: "31a06715-d83c-4663-9b58-5334c34451b4" },
          // First in the fixture, newest by createdAt.
          { scheduleId: "e24cc5c1-7f59-4a37-9f4d-aed28bfb0bf6", createdAt: "2025-09-30T21:14:45.228Z" },
        ],
      },
    },
    {
      operationId: "listSchemaRefreshSchedules",
      status: 400,
      via: "natural",
      name: "a connection id that is not a UUID",
      method: "GET",
      path: list("snowflake-prod"),
      expect: { error: "Bad Request", message: "Bad Request: connectionId: Invalid uuid" },
    },
    {
      operationId: "listSchemaRefreshSchedules",
      status: 403,
      via: "prefer",
      name: "not a Connection Admin (forced: the mock's read-only token may read)",
      method: "GET",
      path: list(),
      expect: FORBIDDEN,
    },
    {
      operationId: "listSchemaRefreshSchedules",
      status: 404,
      via: "natural",
      name: "unknown connection",
      method: "GET",
      path: list(NO_CONNECTION),
      expect: CONNECTION_NOT_FOUND,
    },
    ...common("listSchemaRefreshSchedules", "GET", list()),

    // createSchemaRefreshSchedule
    {
      operationId: "createSchemaRefreshSchedule",
      status: 201,
      via: "natural",
      name: "the create page's example, described in winter time",
      method: "POST",
      path: list(),
      body: NEW_YORK_NINE,
      expect: {
        ...NEW_YORK_NINE,
        connectionId: CONNECTION,
        description: "At 09:00 AM EST",
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
        disabledAt: null,
      },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 201,
      via: "natural",
      name: "weekdays in Tokyo (no en-US zone name)",
      method: "POST",
      path: list(OTHER_CONNECTION),
      body: { schedule: "00 18 ? * MON-FRI *", timezone: "Asia/Tokyo" },
      expect: { connectionId: OTHER_CONNECTION, description: "At 06:00 PM GMT+9, Monday through Friday" },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "neither day field is ?",
      method: "POST",
      path: list(),
      body: { schedule: "00 09 * * MON-FRI *", timezone: "America/New_York" },
      expect: {
        error: "Bad Request",
        message: 'Invalid cron expression: "00 09 * * MON-FRI *". Use ? in either the day-of-month or the day-of-week field',
      },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "a 5-field (Unix) cron expression",
      method: "POST",
      path: list(),
      body: { schedule: "0 9 * * 1-5", timezone: "America/New_York" },
      expect: {
        error: "Bad Request",
        // The docs' example, word for word: the schema's pattern refuses it, and the sentence quotes the value.
        message:
          'Invalid cron expression: "0 9 * * 1-5". Expected 6 fields in AWS EventBridge format: minute hour day-of-month month day-of-week year',
      },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "not an IANA time zone",
      method: "POST",
      path: list(),
      body: { schedule: "00 09 * * ? *", timezone: "America/Boston" },
      expect: { error: "Bad Request", message: 'Invalid timezone: "America/Boston" is not a valid IANA timezone identifier' },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "timezone missing",
      method: "POST",
      path: list(),
      body: { schedule: "00 09 * * ? *" },
      expect: { error: "Bad Request", message: "Bad Request: timezone: Required" },
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 403,
      via: "natural",
      name: "the read-only token writes",
      method: "POST",
      path: list(),
      token: "taskmock-readonly",
      body: NEW_YORK_NINE,
      expect: FORBIDDEN,
    },
    {
      operationId: "createSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "unknown connection",
      method: "POST",
      path: list(NO_CONNECTION),
      body: NEW_YORK_NINE,
      expect: CONNECTION_NOT_FOUND,
    },
    ...common("createSchemaRefreshSchedule", "POST", list(), NEW_YORK_NINE),

    // getSchemaRefreshSchedule
    {
      operationId: "getSchemaRefreshSchedule",
      status: 200,
      via: "natural",
      name: "the seed's schedule",
      method: "GET",
      path: one(),
      token: "taskmock-readonly",
      expect: {
        scheduleId: SCHEDULE,
        connectionId: CONNECTION,
        ...LONDON_SIX,
        description: "At 06:00 PM GMT",
        createdAt: "2025-01-15T10:30:00.000Z",
        updatedAt: "2025-01-15T11:00:00.000Z",
        disabledAt: null,
      },
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "a schedule id that is not a UUID",
      method: "GET",
      path: one("42"),
      expect: { error: "Bad Request", message: "Bad Request: scheduleId: Invalid uuid" },
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 403,
      via: "prefer",
      name: "not a Connection Admin (forced: the mock's read-only token may read)",
      method: "GET",
      path: one(),
      expect: FORBIDDEN,
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "unknown schedule",
      method: "GET",
      path: one(NO_SCHEDULE),
      expect: SCHEDULE_NOT_FOUND,
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "a schedule of another connection",
      method: "GET",
      path: one(FOREIGN_SCHEDULE),
      expect: SCHEDULE_NOT_FOUND,
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "unknown connection",
      method: "GET",
      path: one(SCHEDULE, NO_CONNECTION),
      expect: CONNECTION_NOT_FOUND,
    },
    {
      operationId: "getSchemaRefreshSchedule",
      status: 405,
      via: "natural",
      name: "PATCH on a schedule",
      method: "PATCH",
      path: one(),
      body: LONDON_SIX,
      expect: { error: "Method Not Allowed" },
    },
    ...common("getSchemaRefreshSchedule", "GET", one()),

    // updateSchemaRefreshSchedule
    {
      operationId: "updateSchemaRefreshSchedule",
      status: 200,
      via: "natural",
      name: "the seed page's request",
      method: "PUT",
      path: one(),
      body: LONDON_SIX,
      expect: {
        scheduleId: SCHEDULE,
        connectionId: CONNECTION,
        ...LONDON_SIX,
        description: "At 06:00 PM GMT",
        createdAt: "2025-01-15T10:30:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
        disabledAt: null,
      },
    },
    {
      operationId: "updateSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "a partial update (timezone missing)",
      method: "PUT",
      path: one(),
      body: { schedule: "00 18 ? * * *" },
      expect: { error: "Bad Request", message: "Bad Request: timezone: Required" },
    },
    {
      operationId: "updateSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "? in both day fields",
      method: "PUT",
      path: one(),
      body: { schedule: "00 18 ? * ? *", timezone: "Europe/London" },
      expect: {
        error: "Bad Request",
        message: 'Invalid cron expression: "00 18 ? * ? *". Only one of the day-of-month and day-of-week fields may be ?',
      },
    },
    {
      operationId: "updateSchemaRefreshSchedule",
      status: 403,
      via: "natural",
      name: "the read-only token writes",
      method: "PUT",
      path: one(),
      token: "taskmock-readonly",
      body: LONDON_SIX,
      expect: FORBIDDEN,
    },
    {
      operationId: "updateSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "a schedule of another connection",
      method: "PUT",
      path: one(FOREIGN_SCHEDULE),
      body: LONDON_SIX,
      expect: SCHEDULE_NOT_FOUND,
    },
    ...common("updateSchemaRefreshSchedule", "PUT", one(), LONDON_SIX),

    // deleteSchemaRefreshSchedule
    {
      operationId: "deleteSchemaRefreshSchedule",
      status: 200,
      via: "natural",
      name: "deletes the seed's schedule",
      method: "DELETE",
      path: one(),
      expect: { success: true },
    },
    {
      operationId: "deleteSchemaRefreshSchedule",
      status: 400,
      via: "natural",
      name: "a schedule id that is not a UUID",
      method: "DELETE",
      path: one("latest"),
      expect: { error: "Bad Request", message: "Bad Request: scheduleId: Invalid uuid" },
    },
    {
      operationId: "deleteSchemaRefreshSchedule",
      status: 403,
      via: "natural",
      name: "the read-only token deletes",
      method: "DELETE",
      path: one(),
      token: "taskmock-readonly",
      expect: FORBIDDEN,
    },
    {
      operationId: "deleteSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "unknown schedule",
      method: "DELETE",
      path: one(NO_SCHEDULE),
      expect: SCHEDULE_NOT_FOUND,
    },
    {
      operationId: "deleteSchemaRefreshSchedule",
      status: 404,
      via: "natural",
      name: "deleted twice",
      method: "DELETE",
      path: one(),
      before: [{ method: "DELETE", path: one() }],
      expect: SCHEDULE_NOT_FOUND,
    },
    ...common("deleteSchemaRefreshSchedule", "DELETE", one()),
  ],
};
