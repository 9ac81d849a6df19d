// Omni beyond CRUD: the EventBridge grammar and the zone abbreviation through the HTTP API, the
// opt-in rate limit (60 requests a minute per API key), maintenance windows on every endpoint,
// and the clock, which moves nothing Omni shows (schema refresh runs are not in this API).
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { request } from "../helpers/http.js";

const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const NO_CONNECTION = "00000000-0000-4000-8000-000000000000";
const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const ADMIN = "taskmock-admin";
const READONLY = "taskmock-readonly";

const list = (connection = CONNECTION) => `/api/v1/connections/${connection}/schedules`;
const one = (schedule: string, connection = CONNECTION) => `${list(connection)}/${schedule}`;

const LONDON_SIX = { schedule: "00 18 ? * * *", timezone: "Europe/London" };
const RATE_LIMITED = {
  error: "Too Many Requests",
  message: "Rate limit exceeded. The Omni API allows 60 requests per minute per API key; retry with exponential backoff.",
};
const MAINTENANCE = {
  error: "Service Unavailable",
  message: "Omni is undergoing scheduled maintenance. Retry after the number of seconds in the Retry-After header.",
};

type App = ReturnType<typeof createMockServer>;

const server = (options: { rateLimits?: boolean } = {}) =>
  createMockServer({ vendor: "omni", seed: 7, clock: "2026-01-01T00:00:00Z", report: () => {}, ...options });

async function call(app: App, method: string, path: string, { token = ADMIN, body }: { token?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await request(app, path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
  return { status: res.status, headers: res.headers, body: (text === "" ? undefined : JSON.parse(text)) as any };
}

async function admin(app: App, method: string, path: string, body?: unknown) {
  const res = await request(app, `/__admin/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

const state = async (app: App) => (await admin(app, "GET", "state/omni")).body;

/** Every operation of the spec, each with a request that would succeed. */
const EVERY_OPERATION: [string, string, string, unknown][] = [
  ["listSchemaRefreshSchedules", "GET", list(), undefined],
  ["createSchemaRefreshSchedule", "POST", list(), LONDON_SIX],
  ["getSchemaRefreshSchedule", "GET", one(SEED_SCHEDULE), undefined],
  ["updateSchemaRefreshSchedule", "PUT", one(SEED_SCHEDULE), LONDON_SIX],
  ["deleteSchemaRefreshSchedule", "DELETE", one(SEED_SCHEDULE), undefined],
];

describe("the EventBridge grammar and the zone, through the API", () => {
  const app = server();
  beforeEach(async () => {
    await admin(app, "POST", "reset");
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:00Z" });
  });

  test.each([
    [
      "names in ranges and lists",
      "0 5 ? JAN-MAR MON,WED-FRI *",
      "At 05:00 AM UTC, only on Monday and Wednesday through Friday, January through March",
    ],
    ["L in day-of-month", "0 0 L * ? *", "At 12:00 AM UTC, on the last day of the month"],
    ["<day>L in day-of-week", "0 12 ? * FRIL *", "At 12:00 PM UTC, on the last Friday of the month"],
    ["W in day-of-month", "0 9 15W * ? *", "At 09:00 AM UTC, on the weekday nearest day 15 of the month"],
    ["# in day-of-week", "0 9 ? * WED#2 *", "At 09:00 AM UTC, on the second Wednesday of the month"],
    ["a year range", "0 11 28 * ? 2025-2027", "At 11:00 AM UTC, on day 28 of the month, 2025 through 2027"],
    ["steps", "0 8-18/2 ? * MON-FRI *", "On the hour, every 2 hours, between 08:00 AM UTC and 06:00 PM UTC, Monday through Friday"],
  ])("accepts %s: %s", async (_feature, schedule, description) => {
    const created = await call(app, "POST", list(), { body: { schedule, timezone: "UTC" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.description).toBe(description);
  });

  test.each([
    ["a 5-field cron", "0 9 * * 1-5", "Expected 6 fields in AWS EventBridge format"],
    ["a month name out of place", "0 9 ? MON * *", "month field: MON is not a value"],
    ["a day-of-week out of range", "0 9 ? * 8 *", "day-of-week field: 8 is outside 1-7"],
    ["a year out of range", "0 9 * * ? 2200", "year field: 2200 is outside 1970-2199"],
    ["# in a list", "0 9 ? * 3#1,6#3 *", "an expression with # must be the field's only expression"],
    ["W in day-of-week", "0 9 ? * 2W *", "W is allowed only in day-of-month"],
    ["L with a list", "0 9 1,L * ? *", "day-of-month field: 1,L is not valid"],
    ["? in both day fields", "0 9 ? * ? *", "Only one of the day-of-month and day-of-week fields may be ?"],
    ["? in neither day field", "0 9 1 * 2 *", "Use ? in either the day-of-month or the day-of-week field"],
  ])("refuses %s (%s) with 400 and changes nothing", async (_case, schedule, reason) => {
    const pristine = await state(app);
    for (const [method, path] of [
      ["POST", list()],
      ["PUT", one(SEED_SCHEDULE)],
    ] as const) {
      const res = await call(app, method, path, { body: { schedule, timezone: "UTC" } });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("Bad Request");
      expect(res.body.message).toMatch(/^Invalid cron expression: /);
      expect(res.body.message).toContain(reason);
    }
    expect(await state(app)).toEqual(pristine);
  });

  test("the zone's abbreviation is the one in force at the clock's time of the write", async () => {
    // The docs' two pairs: London in winter, New York in summer.
    const london = await call(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX });
    expect(london.body.description).toBe("At 06:00 PM GMT");
    await admin(app, "POST", "clock", { set: "2026-06-15T12:00:00Z" });
    const newYork = await call(app, "POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(newYork.body.description).toBe("At 09:00 AM EDT");
    // London in summer reads GMT+1 (en-US has no short name for BST).
    expect((await call(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX })).body.description).toBe("At 06:00 PM GMT+1");
    // An advance moves it too: New York falls back at 2026-11-01 06:00 UTC.
    const rewrite = async () =>
      (await call(app, "PUT", one(newYork.body.scheduleId), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } })).body
        .description;
    await admin(app, "POST", "clock", { set: "2026-11-01T05:59:00Z" });
    expect(await rewrite()).toBe("At 09:00 AM EDT");
    await admin(app, "POST", "clock", { advance: "PT2M" });
    expect(await rewrite()).toBe("At 09:00 AM EST");
  });
});

describe("rate limits (--rate-limits): 60 requests a minute per API key", () => {
  const app = server({ rateLimits: true });
  beforeEach(async () => {
    await admin(app, "POST", "reset");
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:00Z" });
  });

  test("the 61st request in a minute answers 429 in Omni's shape with Retry-After; the 60 before carry no rate-limit headers", async () => {
    for (let i = 0; i < 60; i++) {
      const res = await call(app, "GET", list());
      expect(res.status, `request ${i + 1}`).toBe(200);
      const names = [...res.headers.keys()];
      expect(names.filter((n) => /ratelimit|retry-after/i.test(n))).toEqual([]);
    }
    const over = await call(app, "GET", list());
    expect(over.status).toBe(429);
    expect(over.body).toEqual(RATE_LIMITED);
    // The clock sits at the start of the minute: the whole minute is left.
    expect(over.headers.get("retry-after")).toBe("60");
    expect([...over.headers.keys()].filter((n) => /ratelimit/i.test(n))).toEqual([]);
  });

  test("every operation counts, and a limited write changes nothing", async () => {
    for (let i = 0; i < 15; i++) {
      for (const [, method, path, body] of EVERY_OPERATION.slice(0, 4)) {
        expect((await call(app, method, path, { body })).status).toBeLessThan(300);
      }
    }
    const pristine = await state(app);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      const res = await call(app, method, path, { body });
      expect(res.status, operationId).toBe(429);
      expect(res.body).toEqual(RATE_LIMITED);
    }
    expect(await state(app)).toEqual(pristine);
  });

  test("the count is per API key: the read-only token has its own 60", async () => {
    for (let i = 0; i < 60; i++) await call(app, "GET", list());
    expect((await call(app, "GET", list())).status).toBe(429);
    for (let i = 0; i < 60; i++) expect((await call(app, "GET", list(), { token: READONLY })).status).toBe(200);
    expect((await call(app, "GET", list(), { token: READONLY })).status).toBe(429);
  });

  test("Retry-After counts down to the next minute of the clock, and then the key may send 60 again", async () => {
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:45Z" });
    for (let i = 0; i < 60; i++) await call(app, "GET", list());
    const over = await call(app, "GET", list());
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("15");
    await admin(app, "POST", "clock", { advance: "PT14S" });
    expect((await call(app, "GET", list())).headers.get("retry-after")).toBe("1");
    await admin(app, "POST", "clock", { advance: "PT1S" });
    for (let i = 0; i < 60; i++) expect((await call(app, "GET", list())).status).toBe(200);
    expect((await call(app, "GET", list())).status).toBe(429);
  });

  test("refused requests count (400, 404); 401s and the read-only token's 403s do not", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await call(app, "GET", list(), { token: null })).status).toBe(401);
      expect((await call(app, "GET", list(), { token: "revoked" })).status).toBe(401);
      expect((await call(app, "DELETE", one(SEED_SCHEDULE), { token: READONLY })).status).toBe(403);
    }
    for (let i = 0; i < 60; i++) expect((await call(app, "GET", list(), { token: READONLY })).status).toBe(200);
    for (let i = 0; i < 30; i++) {
      expect((await call(app, "GET", list(NO_CONNECTION))).status).toBe(404);
      expect((await call(app, "POST", list(), { body: { schedule: "0 9 ? * ? *", timezone: "UTC" } })).status).toBe(400);
    }
    expect((await call(app, "GET", list())).status).toBe(429);
  });

  test("a request without a valid key is refused 401, limited or not", async () => {
    for (let i = 0; i < 61; i++) await call(app, "GET", list());
    expect((await call(app, "GET", list(), { token: null })).status).toBe(401);
    expect((await call(app, "GET", list(), { token: "revoked" })).status).toBe(401);
  });

  test("without the flag there is no limit", async () => {
    const unlimited = server();
    for (let i = 0; i < 150; i++) {
      const res = await call(unlimited, "GET", list());
      expect(res.status, `request ${i + 1}`).toBe(200);
      expect([...res.headers.keys()].filter((n) => /ratelimit|retry-after/i.test(n))).toEqual([]);
    }
  });
});

describe("maintenance windows: every endpoint answers 503 with Retry-After", () => {
  const app = server();
  beforeEach(async () => {
    await admin(app, "DELETE", "maintenance");
    await admin(app, "POST", "reset");
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:00Z" });
  });

  test("every operation answers 503 in Omni's shape, for either token, and changes nothing", async () => {
    expect(await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 30 })).toEqual({
      status: 201,
      body: { vendor: "omni", retryAfter: 30, until: null },
    });
    const pristine = await state(app);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      for (const token of [ADMIN, ...(method === "GET" ? [READONLY] : [])]) {
        const res = await call(app, method, path, { token, body });
        expect(res.status, `${operationId} ${token}`).toBe(503);
        expect(res.headers.get("retry-after")).toBe("30");
        expect(res.body).toEqual(MAINTENANCE);
      }
    }
    // An unknown connection or a bad body is not looked at either.
    expect((await call(app, "GET", list(NO_CONNECTION))).status).toBe(503);
    expect((await call(app, "POST", list(), { body: { schedule: "0 9 * * 1-5", timezone: "UTC" } })).status).toBe(503);
    expect(await state(app)).toEqual(pristine);
  });

  test("Retry-After defaults to 120 seconds", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni" });
    const res = await call(app, "GET", list());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("120");
  });

  test("DELETE /__admin/maintenance ends the window", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 30 });
    expect((await call(app, "GET", list())).status).toBe(503);
    expect((await admin(app, "DELETE", "maintenance")).status).toBe(204);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      const res = await call(app, method, path, { body });
      expect(res.status, operationId).toBeLessThan(300);
      expect(res.headers.get("retry-after")).toBeNull();
    }
  });

  test("a window with until ends when the mock clock reaches it", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 600, until: "2026-01-01T00:10:00Z" });
    expect((await call(app, "GET", list())).status).toBe(503);
    await admin(app, "POST", "clock", { advance: "PT9M59S" });
    const last = await call(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX });
    expect(last.status).toBe(503);
    expect(last.headers.get("retry-after")).toBe("600");
    await admin(app, "POST", "clock", { advance: "PT1S" });
    const after = await call(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX });
    expect(after.status).toBe(200);
    expect(after.body.updatedAt).toBe("2026-01-01T00:10:00.000Z");
  });

  test("maintenance answers before the rate limit and does not use up the minute", async () => {
    const limited = server({ rateLimits: true });
    await admin(limited, "POST", "maintenance", { vendor: "omni", retryAfter: 30 });
    for (let i = 0; i < 70; i++) expect((await call(limited, "GET", list())).status).toBe(503);
    await admin(limited, "DELETE", "maintenance");
    for (let i = 0; i < 60; i++) expect((await call(limited, "GET", list())).status).toBe(200);
    expect((await call(limited, "GET", list())).status).toBe(429);
  });
});

describe("the clock", () => {
  const app = server();
  beforeEach(async () => {
    await admin(app, "POST", "reset");
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:00Z" });
  });

  test("advancing it runs nothing observable: schedules, descriptions and disabledAt stay as written", async () => {
    // A schedule whose only year is 2026, and one every 15 minutes.
    const lastYear = await call(app, "POST", list(), { body: { schedule: "0 1 * * ? 2026", timezone: "America/New_York" } });
    const often = await call(app, "POST", list(), { body: { schedule: "0/15 * * * ? *", timezone: "UTC" } });
    expect(lastYear.status).toBe(201);
    expect(often.status).toBe(201);
    const before = await state(app);
    expect((await admin(app, "POST", "clock", { advance: "P1D" })).status).toBe(200);
    expect((await admin(app, "POST", "clock", { advance: "P400D" })).status).toBe(200);
    expect(await state(app)).toEqual(before);
    // Reads after the move show what the writes stored: no run fields, no recomputed abbreviation
    // (2027-02-05 is still EST, but the description stays that of the write), no disabling.
    expect((await call(app, "GET", one(lastYear.body.scheduleId))).body).toEqual(lastYear.body);
    expect((await call(app, "GET", one(often.body.scheduleId))).body).toEqual(often.body);
  });
});
