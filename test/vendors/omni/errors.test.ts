// Omni's errors (src/vendors/omni/errors.ts) as a client sees them: both documented shapes at once on
// every status, the 401 and 403 wording, every 400's message (the zod-like wording, the cron and
// zone refusals, all violations at once) with nothing changed, the journal's structured
// violations, the 405 with Allow, and maintenance windows' 503 with Retry-After.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import {
  ADMIN,
  admin,
  type Call,
  call,
  EVERY_OPERATION,
  LONDON_SIX,
  list,
  NO_CONNECTION,
  omniError,
  one,
  READONLY,
  SEED_SCHEDULE,
  send,
  state,
} from "./client.js";

const MAINTENANCE = omniError(503, "Omni is undergoing scheduled maintenance. Retry after the number of seconds in the Retry-After header.");

let app: MockApp;
beforeEach(() => {
  app = mockOf("omni");
});

describe("authentication and roles", () => {
  test("no token and an unknown token answer 401 in Omni's shape", async () => {
    expect(await call(app, "GET", list(), { token: null })).toEqual({
      status: 401,
      body: omniError(401, "Missing Authorization header. Include it as: Bearer YOUR_TOKEN"),
    });
    expect(await call(app, "GET", list(), { token: "revoked" })).toEqual({
      status: 401,
      body: omniError(401, "Invalid API key"),
    });
  });

  test("the read-only token reads, and every write answers 403 and changes nothing", async () => {
    const pristine = await state(app);
    const token = "taskmock-readonly";
    expect((await call(app, "GET", list(), { token })).status).toBe(200);
    expect((await call(app, "GET", one(SEED_SCHEDULE), { token })).status).toBe(200);
    const forbidden = { status: 403, body: omniError(403, "Permission denied - connection admin role required") };
    const body = { schedule: "0 1 * * ? *", timezone: "UTC" };
    expect(await call(app, "POST", list(), { token, body })).toEqual(forbidden);
    expect(await call(app, "PUT", one(SEED_SCHEDULE), { token, body })).toEqual(forbidden);
    expect(await call(app, "DELETE", one(SEED_SCHEDULE), { token })).toEqual(forbidden);
    expect(await state(app)).toEqual(pristine);
  });
});

describe("the spec's conflict decisions", () => {
  test("omni-error-body-shape: every error carries both documented shapes, {error, message} and {detail, status}", async () => {
    const errors = [
      await call(app, "GET", list(), { token: null }),
      await call(app, "POST", list(), { token: "taskmock-readonly", body: { schedule: "0 1 * * ? *", timezone: "UTC" } }),
      await call(app, "GET", one(SEED_SCHEDULE, NO_CONNECTION)),
      await call(app, "POST", list(), { body: { schedule: "0 1 * * * *", timezone: "UTC" } }),
      await call(app, "GET", list("not-a-uuid")),
      await call(app, "PATCH", one(SEED_SCHEDULE)),
      await call(app, "GET", `${list()}/x/y`),
    ];
    expect(errors.map((e) => e.status)).toEqual([401, 403, 404, 400, 400, 405, 404]);
    for (const { status, body } of errors) {
      expect(Object.keys(body).sort()).toEqual(["detail", "error", "message", "status"]);
      // The definition's status is the answer's; its detail is the errors page's message.
      expect(body.status).toBe(status);
      expect(body.detail).toBe(body.message);
      expect(body.detail.length).toBeGreaterThan(0);
    }
  });

  test("omni-error-body-shape: a forced error (Prefer) answers the spec's example, in both shapes", async () => {
    for (const status of [400, 401, 403, 404, 429, 503]) {
      const res = await request(app, list(), { headers: { authorization: "Bearer taskmock-admin", prefer: `code=${status}` } });
      expect(res.status).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status, detail: body["message"] });
    }
  });
});

describe("bad input answers 400 and changes nothing", () => {
  const body = { schedule: "00 18 ? * * *", timezone: "Europe/London" };
  const cases: [string, Call, string][] = [
    ["malformed JSON", { raw: '{"schedule": "00 18 ? * * *",' }, "Bad Request: body: Invalid JSON"],
    [
      "a wrong content-type",
      { raw: JSON.stringify(body), contentType: "text/plain" },
      "Bad Request: content-type: must be application/json",
    ],
    ["a field of the wrong type", { body: { ...body, timezone: 5 } }, "Bad Request: timezone: Expected string"],
    ["an array body", { body: [body] }, "Bad Request: body: Expected object"],
    [
      "an out-of-range minute",
      { body: { ...body, schedule: "61 18 ? * * *" } },
      'Invalid cron expression: "61 18 ? * * *". minute field: 61 is outside 0-59',
    ],
    [
      "a backwards day range",
      { body: { ...body, schedule: "0 9 ? * FRI-MON *" } },
      'Invalid cron expression: "0 9 ? * FRI-MON *". day-of-week field: the range FRI-MON runs backwards',
    ],
    [
      "an unknown zone",
      { body: { ...body, timezone: "Europe/Lonodn" } },
      'Invalid timezone: "Europe/Lonodn" is not a valid IANA timezone identifier',
    ],
    [
      // The schema's pattern refuses it first; the sentence quotes it and gives the full check's reason.
      "characters a cron field never holds",
      { body: { ...body, schedule: "0 18 ? * mon *" } },
      'Invalid cron expression: "0 18 ? * mon *". day-of-week field: mon is not a value of this field (use 1-7 or SUN-SAT)',
    ],
    [
      "a zone name the schema's pattern refuses",
      { body: { ...body, timezone: "+05:00" } },
      'Invalid timezone: "+05:00" is not a valid IANA timezone identifier',
    ],
  ];

  test.each(cases)("%s", async (_name, input, message) => {
    const pristine = await state(app);
    for (const [method, path] of [
      ["POST", list()],
      ["PUT", one(SEED_SCHEDULE)],
    ] as const) {
      const res = await call(app, method, path, input);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toBe("Bad Request");
      expect(res.body.message).toContain(message);
    }
    expect(await state(app)).toEqual(pristine);
  });

  test("an invalid cron and an invalid zone are both reported, in order", async () => {
    const res = await call(app, "POST", list(), { body: { schedule: "00 09 * * MON-FRI *", timezone: "America/Boston" } });
    expect(res).toEqual({
      status: 400,
      body: omniError(
        400,
        'Invalid cron expression: "00 09 * * MON-FRI *". Use ? in either the day-of-month or the day-of-week field; Invalid timezone: "America/Boston" is not a valid IANA timezone identifier',
      ),
    });
  });

  test("issue 13: a 5-field cron the schema refuses and a zone only the rule refuses are both reported, in one answer", async () => {
    const res = await call(app, "POST", list(), { body: { schedule: "0 9 * * 1-5", timezone: "Mars/Base" } });
    expect(res).toEqual({
      status: 400,
      body: omniError(
        400,
        'Invalid cron expression: "0 9 * * 1-5". Expected 6 fields in AWS EventBridge format: minute hour day-of-month month day-of-week year; Invalid timezone: "Mars/Base" is not a valid IANA timezone identifier',
      ),
    });
  });

  test("the cron and the zone are the request's own rules: checked before the connection and the schedule are looked up", async () => {
    const bad = { schedule: "61 9 * * ? *", timezone: "UTC" };
    expect((await call(app, "POST", list(NO_CONNECTION), { body: bad })).status).toBe(400);
    expect((await call(app, "PUT", one(NO_CONNECTION), { body: bad })).status).toBe(400);
    const report = (await (await request(app, "/__admin/verify")).json()) as { breaking: number; refusals: unknown[] };
    expect(report).toMatchObject({ breaking: 2, refusals: [] });
  });

  test("the journal's violations carry the value refused and the cron rule's reason", async () => {
    await call(app, "POST", list(), { body: { schedule: "61 9 * * ? *", timezone: "America/Boston" } });
    const res = await request(app, "/__admin/requests");
    const { requests } = (await res.json()) as { requests: { violations: unknown[] }[] };
    expect(requests.at(-1)?.violations).toEqual([
      expect.objectContaining({ pointer: "/schedule", rule: "cron", value: "61 9 * * ? *", params: { reason: "minute field: 61 is outside 0-59" } }),
      expect.objectContaining({ pointer: "/timezone", rule: "timezone", value: "America/Boston" }),
    ]);
  });

  test("path ids that are not UUIDs are named", async () => {
    expect(await call(app, "GET", one("42", "snowflake"))).toEqual({
      status: 400,
      body: omniError(400, "Bad Request: connectionId: Invalid uuid; Bad Request: scheduleId: Invalid uuid"),
    });
  });

  test("a method the path does not support answers 405 with Allow", async () => {
    const res = await request(app, one(SEED_SCHEDULE), { method: "PATCH", headers: { authorization: "Bearer taskmock-admin" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("DELETE, GET, PUT");
    expect(await res.json()).toEqual(omniError(405, `Method PATCH is not allowed on ${one(SEED_SCHEDULE)}; allowed: DELETE, GET, PUT`));
  });
});

describe("maintenance windows: every endpoint answers 503 with Retry-After", () => {
  test("every operation answers 503 in Omni's shape, for either token, and changes nothing", async () => {
    expect(await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 30 })).toEqual({
      status: 201,
      body: { vendor: "omni", retryAfter: 30, until: null },
    });
    const pristine = await state(app);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      for (const token of [ADMIN, ...(method === "GET" ? [READONLY] : [])]) {
        const res = await send(app, method, path, { token, body });
        expect(res.status, `${operationId} ${token}`).toBe(503);
        expect(res.headers.get("retry-after")).toBe("30");
        expect(res.body).toEqual(MAINTENANCE);
      }
    }
    // An unknown connection or a bad body is not looked at either.
    expect((await send(app, "GET", list(NO_CONNECTION))).status).toBe(503);
    expect((await send(app, "POST", list(), { body: { schedule: "0 9 * * 1-5", timezone: "UTC" } })).status).toBe(503);
    expect(await state(app)).toEqual(pristine);
  });

  test("Retry-After defaults to 120 seconds", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni" });
    const res = await send(app, "GET", list());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("120");
  });

  test("DELETE /__admin/maintenance ends the window", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 30 });
    expect((await send(app, "GET", list())).status).toBe(503);
    expect((await admin(app, "DELETE", "maintenance")).status).toBe(204);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      const res = await send(app, method, path, { body });
      expect(res.status, operationId).toBeLessThan(300);
      expect(res.headers.get("retry-after")).toBeNull();
    }
  });

  test("a window with until ends when the mock clock reaches it", async () => {
    await admin(app, "POST", "maintenance", { vendor: "omni", retryAfter: 600, until: "2026-01-01T00:10:00Z" });
    expect((await send(app, "GET", list())).status).toBe(503);
    await admin(app, "POST", "clock", { advance: "PT9M59S" });
    const last = await send(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX });
    expect(last.status).toBe(503);
    expect(last.headers.get("retry-after")).toBe("600");
    await admin(app, "POST", "clock", { advance: "PT1S" });
    const after = await send(app, "PUT", one(SEED_SCHEDULE), { body: LONDON_SIX });
    expect(after.status).toBe(200);
    expect(after.body.updatedAt).toBe("2026-01-01T00:10:00.000Z");
  });

  test("maintenance answers before the rate limit and does not use up the minute", async () => {
    const limited = mockOf("omni", { rateLimits: true });
    await admin(limited, "POST", "maintenance", { vendor: "omni", retryAfter: 30 });
    for (let i = 0; i < 70; i++) expect((await send(limited, "GET", list())).status).toBe(503);
    await admin(limited, "DELETE", "maintenance");
    for (let i = 0; i < 60; i++) expect((await send(limited, "GET", list())).status).toBe(200);
    expect((await send(limited, "GET", list())).status).toBe(429);
  });
});

