// Omni schema refresh schedules as a client sees them (src/vendors/omni/schedules.ts): the CRUD
// lifecycle, the connection scoping, the EventBridge grammar and the zone abbreviation at the
// write through the API, the seed page and the spec's conflict decisions, and the clock, which
// moves nothing Omni shows (schema refresh runs are not in this API).
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import {
  admin,
  CONNECTION,
  call,
  DISABLED_SCHEDULE,
  FOREIGN_SCHEDULE,
  LONDON_SIX,
  list,
  NO_CONNECTION,
  OTHER_CONNECTION,
  omniError,
  one,
  SEED_SCHEDULE,
  setClock,
  state,
} from "./client.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: MockApp;
beforeEach(() => {
  app = mockOf("omni");
});

describe("schedule lifecycle", () => {
  test("create, read, list, update, delete, read again", async () => {
    const created = await call(app, "POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      scheduleId: expect.stringMatching(UUID),
      connectionId: CONNECTION,
      schedule: "00 09 * * ? *",
      timezone: "America/New_York",
      description: "At 09:00 AM EST",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      disabledAt: null,
    });
    const id = created.body.scheduleId as string;

    expect(await call(app, "GET", one(id))).toEqual({ status: 200, body: created.body });
    const listed = await call(app, "GET", list());
    expect(listed.body.schedules).toHaveLength(8);
    // The newest createdAt comes last.
    expect(listed.body.schedules.at(-1)).toEqual(created.body);

    await setClock(app, "2026-07-04T15:00:00Z");
    const updated = await call(app, "PUT", one(id), { body: { schedule: "0 12 ? * 6L *", timezone: "America/New_York" } });
    expect(updated).toEqual({
      status: 200,
      body: {
        ...created.body,
        schedule: "0 12 ? * 6L *",
        description: "At 12:00 PM EDT, on the last Friday of the month",
        updatedAt: "2026-07-04T15:00:00.000Z",
      },
    });
    expect((await call(app, "GET", one(id))).body).toEqual(updated.body);

    expect(await call(app, "DELETE", one(id))).toEqual({ status: 200, body: { success: true } });
    expect(await call(app, "GET", one(id))).toEqual({ status: 404, body: omniError(404, "Schedule not found") });
    expect(await call(app, "DELETE", one(id))).toMatchObject({ status: 404 });
    expect((await call(app, "GET", list())).body.schedules).toHaveLength(7);
  });

  test("a connection may hold several schedules; each create gets its own id, ties ordered by id", async () => {
    const a = await call(app, "POST", list(OTHER_CONNECTION), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    const b = await call(app, "POST", list(OTHER_CONNECTION), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.scheduleId).not.toBe(b.body.scheduleId);
    const ids = (await call(app, "GET", list(OTHER_CONNECTION))).body.schedules.map((s: { scheduleId: string }) => s.scheduleId);
    expect(ids.slice(-2)).toEqual([a.body.scheduleId, b.body.scheduleId].sort());
    // The other connection's list does not see them.
    expect((await call(app, "GET", list())).body.schedules).toHaveLength(7);
  });

  test("a connection without schedules lists an empty array", async () => {
    const databricks = "32d76bf1-389d-49be-8f2f-18b9c0402208";
    for (const s of (await call(app, "GET", list(databricks))).body.schedules) {
      expect((await call(app, "DELETE", one(s.scheduleId, databricks))).status).toBe(200);
    }
    expect(await call(app, "GET", list(databricks))).toEqual({ status: 200, body: { schedules: [] } });
  });

  test("an update replaces schedule and timezone and keeps createdAt and disabledAt", async () => {
    const before = (await call(app, "GET", one(DISABLED_SCHEDULE))).body;
    const after = await call(app, "PUT", one(DISABLED_SCHEDULE), { body: { schedule: "00 18 ? * * *", timezone: "Europe/London" } });
    expect(after).toEqual({
      status: 200,
      body: {
        ...before,
        schedule: "00 18 ? * * *",
        timezone: "Europe/London",
        description: "At 06:00 PM GMT",
        updatedAt: "2026-01-01T00:00:00.000Z",
        disabledAt: "2024-04-12T08:00:03.112Z",
        createdAt: "2024-04-09T13:27:40.300Z",
      },
    });
  });

  test("the description is fixed at the write, not recomputed on read", async () => {
    const created = await call(app, "POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    await setClock(app, "2026-07-01T00:00:00Z");
    expect((await call(app, "GET", one(created.body.scheduleId))).body.description).toBe("At 09:00 AM EST");
    const summer = await call(app, "POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(summer.body.description).toBe("At 09:00 AM EDT");
  });

  test("schedule and timezone are stored exactly as sent", async () => {
    const created = await call(app, "POST", list(), { body: { schedule: "00  08 1 JAN,JUL ? *", timezone: "US/Eastern" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schedule: "00  08 1 JAN,JUL ? *",
      timezone: "US/Eastern",
      description: "At 08:00 AM EST, on day 1 of the month, only in January and July",
    });
  });

  test("POST /__admin/reset restores the fixtures", async () => {
    const pristine = await state(app);
    await call(app, "POST", list(), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    await call(app, "PUT", one(SEED_SCHEDULE), { body: { schedule: "0 2 * * ? *", timezone: "UTC" } });
    await call(app, "DELETE", one(DISABLED_SCHEDULE));
    expect(await state(app)).not.toEqual(pristine);
    await request(app, "/__admin/reset", { method: "POST" });
    expect(await state(app)).toEqual(pristine);
    expect((await call(app, "GET", one(DISABLED_SCHEDULE))).status).toBe(200);
  });
});

describe("connection scoping", () => {
  test("an unknown connection is not found on every path", async () => {
    const notFound = { status: 404, body: omniError(404, "Connection not found") };
    const body = { schedule: "00 18 ? * * *", timezone: "Europe/London" };
    expect(await call(app, "GET", list(NO_CONNECTION))).toEqual(notFound);
    expect(await call(app, "POST", list(NO_CONNECTION), { body })).toEqual(notFound);
    expect(await call(app, "GET", one(SEED_SCHEDULE, NO_CONNECTION))).toEqual(notFound);
    expect(await call(app, "PUT", one(SEED_SCHEDULE, NO_CONNECTION), { body })).toEqual(notFound);
    expect(await call(app, "DELETE", one(SEED_SCHEDULE, NO_CONNECTION))).toEqual(notFound);
  });

  test("a schedule of another connection is not found, and is left alone", async () => {
    const pristine = await state(app);
    const notFound = { status: 404, body: omniError(404, "Schedule not found") };
    expect(await call(app, "GET", one(FOREIGN_SCHEDULE))).toEqual(notFound);
    expect(await call(app, "PUT", one(FOREIGN_SCHEDULE), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } })).toEqual(notFound);
    expect(await call(app, "DELETE", one(FOREIGN_SCHEDULE))).toEqual(notFound);
    expect(await state(app)).toEqual(pristine);
    expect((await call(app, "GET", one(FOREIGN_SCHEDULE, OTHER_CONNECTION))).status).toBe(200);
  });
});

describe("the seed page and the spec's conflict decisions", () => {
  test("the seed page's PUT, sent as documented, answers the seed page's response", async () => {
    // The seed response's updatedAt is the instant of the write.
    await setClock(app, "2025-01-15T11:00:00.000Z");
    const res = await request(app, one(SEED_SCHEDULE), {
      method: "PUT",
      headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" },
      body: JSON.stringify({ schedule: "00 18 ? * * *", timezone: "Europe/London" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      scheduleId: SEED_SCHEDULE,
      connectionId: CONNECTION,
      schedule: "00 18 ? * * *",
      timezone: "Europe/London",
      description: "At 06:00 PM GMT",
      createdAt: "2025-01-15T10:30:00.000Z",
      updatedAt: "2025-01-15T11:00:00.000Z",
      disabledAt: null,
    });
  });

  test("omni-put-partial-update: both fields are required; a partial body answers 400 and changes nothing", async () => {
    const pristine = await state(app);
    expect(await call(app, "PUT", one(SEED_SCHEDULE), { body: { schedule: "00 19 ? * * *" } })).toEqual({
      status: 400,
      body: omniError(400, "Bad Request: timezone: Required"),
    });
    expect(await call(app, "PUT", one(SEED_SCHEDULE), { body: { timezone: "Europe/Paris" } })).toEqual({
      status: 400,
      body: omniError(400, "Bad Request: schedule: Required"),
    });
    expect(await state(app)).toEqual(pristine);
  });

  test("omni-list-example-zone-abbreviation, omni-create-example-zone-abbreviation, omni-get-example-zone-abbreviation: a New York schedule written on 2025-01-15 reads EST", async () => {
    await setClock(app, "2025-01-15T10:30:00.000Z");
    const created = await call(app, "POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(created.body).toMatchObject({
      description: "At 09:00 AM EST",
      createdAt: "2025-01-15T10:30:00.000Z",
      updatedAt: "2025-01-15T10:30:00.000Z",
    });
    // get and list show what the write stored
    expect((await call(app, "GET", one(created.body.scheduleId))).body.description).toBe("At 09:00 AM EST");
    const listed = (await call(app, "GET", list())).body.schedules.find((s: { scheduleId: string }) => s.scheduleId === created.body.scheduleId);
    expect(listed.description).toBe("At 09:00 AM EST");
    // the same schedule written in July reads EDT
    await setClock(app, "2025-07-15T10:30:00.000Z");
    const july = await call(app, "PUT", one(created.body.scheduleId), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(july.body.description).toBe("At 09:00 AM EDT");
  });
});

describe("the EventBridge grammar and the zone, through the API", () => {
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

describe("the clock", () => {
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
