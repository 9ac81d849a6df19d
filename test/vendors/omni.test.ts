// Omni schema refresh schedules as a client sees them: the CRUD lifecycle, the connection scoping,
// the EventBridge cron and IANA zone checks, the description and its zone abbreviation at the
// write, the spec's conflict decisions, and bad input that changes nothing.
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { checkCron } from "../../src/vendors/omni/cron.js";
import { describeSchedule } from "../../src/vendors/omni/description.js";
import { isKnownZone, zoneAbbreviation } from "../../src/vendors/zones.js";
import { request } from "../helpers/http.js";

const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const OTHER_CONNECTION = "ee73bc77-88ee-4e65-bd0b-99e48c26fe4f";
const NO_CONNECTION = "00000000-0000-4000-8000-000000000000";
const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/** Disabled on 2024-04-12: an update must keep that. */
const DISABLED_SCHEDULE = "8d1cb1d8-170d-49c1-a15d-25196e3085df";
const FOREIGN_SCHEDULE = "77f17715-9a77-44d8-b193-d6e82f1a85b5";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const list = (connection = CONNECTION) => `/api/v1/connections/${connection}/schedules`;
const one = (schedule: string, connection = CONNECTION) => `${list(connection)}/${schedule}`;

const app = createMockServer({ vendor: "omni", seed: 7, clock: "2026-01-01T00:00:00Z", report: () => {} });

interface Call {
  token?: string | null;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

async function call(method: string, path: string, { token = "taskmock-admin", body, raw, contentType = "application/json" }: Call = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) headers["content-type"] = contentType;
  const res = await request(app, path, { method, headers, ...(text === undefined ? {} : { body: text }) });
  const out = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
  return { status: res.status, body: (out === "" ? undefined : JSON.parse(out)) as any };
}

async function setClock(time: string) {
  const res = await request(app, "/__admin/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ set: time }),
  });
  expect(res.status).toBe(200);
}

async function state() {
  const res = await request(app, "/__admin/state/omni");
  return res.json();
}

beforeEach(async () => {
  await request(app, "/__admin/reset", { method: "POST" });
  await setClock("2026-01-01T00:00:00Z");
});

describe("EventBridge cron validation", () => {
  const valid = [
    // Omni's own examples, with the leading zeros they carry
    "00 09 * * ? *",
    "00 18 ? * MON-FRI *",
    "30 08 1 * ? *",
    // every fixture expression's feature
    "0/15 * * * ? *",
    "0 12 ? * 6L *",
    "0 12 ? * FRIL *",
    "0 12 ? * L *",
    "0/30 9-17 ? * MON-FRI *",
    "45 23 ? * SAT,SUN *",
    "0 */6 * * ? *",
    "15 3 ? * 2#1 *",
    "0 9 ? * MON#5 *",
    "0 9 ? * WED *",
    "0 9 ? * WED#2 *",
    "0 3 1 JAN,JUL ? *",
    "0 8-18/2 ? * MON-FRI *",
    "0 0 L * ? *",
    "0 9 15W * ? *",
    "0 9 1W * ? *",
    "0 0,12 * * ? *",
    "0 1 * * ? 2026",
    "0 11 28 * ? 2025-2027",
    "0 5 ? JAN-MAR MON *",
    "5 14 L FEB,AUG ? *",
    // the edges of every range
    "59 23 31 12 ? 2199",
    "0 0 ? 1 1 1970",
    "0 0 ? DEC 7 *",
    "0 0 ? * SUN-SAT *",
    "0 0 1/5 JAN/3 ? 2025/2",
    "0 0 * * ? */5",
    "0 0 * 2-11/3 ? *",
    "1,2,3 4,5 ? * MON,WED-FRI *",
  ];
  test.each(valid)("accepts %s", (expression) => {
    expect(checkCron(expression)).toEqual({ ok: true });
  });

  const invalid: [string, string][] = [
    ["0 9 * * 1-5", "Expected 6 fields in AWS EventBridge format"],
    ["0 0 9 * * ? *", "Expected 6 fields"],
    ["60 9 * * ? *", "minute field: 60 is outside 0-59"],
    ["0 24 * * ? *", "hour field: 24 is outside 0-23"],
    ["0 9 0 * ? *", "day-of-month field: 0 is outside 1-31"],
    ["0 9 32 * ? *", "day-of-month field: 32 is outside 1-31"],
    ["0 9 1 13 ? *", "month field: 13 is outside 1-12"],
    ["0 9 1 0 ? *", "month field: 0 is outside 1-12"],
    ["0 9 ? * 0 *", "day-of-week field: 0 is outside 1-7"],
    ["0 9 ? * 8 *", "day-of-week field: 8 is outside 1-7"],
    ["0 9 * * ? 1969", "year field: 1969 is outside 1970-2199"],
    ["0 9 * * ? 2200", "year field: 2200 is outside 1970-2199"],
    ["0 9 1 JUN-FOO ? *", "month field: FOO is not a value of this field (use 1-12 or JAN-DEC)"],
    ["0 9 ? * FUN *", "day-of-week field: FUN is not a value of this field (use 1-7 or SUN-SAT)"],
    ["0 9 ? MON * *", "month field: MON is not a value"],
    ["0 9 ? JAN JAN *", "day-of-week field: JAN is not a value"],
    // both, or neither, of the day fields is ?
    ["00 09 * * MON-FRI *", "Use ? in either the day-of-month or the day-of-week field"],
    ["0 9 1 * 2 *", "Use ? in either"],
    ["0 9 ? * ? *", "Only one of the day-of-month and day-of-week fields may be ?"],
    // ? where it is not allowed, or not alone
    ["? 9 * * ? *", "minute field: ? is allowed only in day-of-month and day-of-week"],
    ["0 9 ? * ? ?", "year field: ?"],
    ["0 9 1,? * ? *", "day-of-month field: ? must be the field's only expression"],
    // L, W, #
    ["0 9 ? * 3#1,6#3 *", "day-of-week field: an expression with # must be the field's only expression"],
    ["0 9 ? * 3#6 *", "day-of-week field: 6 in 3#6 is outside 1-5"],
    ["0 9 ? * 3#0 *", "outside 1-5"],
    ["0 9 ? * 9#1 *", "day-of-week field: 9 is outside 1-7"],
    ["0 9 1#2 * ? *", "day-of-month field: # is allowed only in day-of-week"],
    ["0 9 ? * 2W *", "day-of-week field: W is allowed only in day-of-month"],
    ["0 9 ? * WED#2W *", "day-of-week field"],
    ["0 9 * W ? *", "month field: W is allowed only in day-of-month"],
    ["0 9 32W * ? *", "day-of-month field: 32 is outside 1-31"],
    ["0 9 LW * ? *", "day-of-month field: LW is not valid"],
    ["0 9 1,L * ? *", "day-of-month field: 1,L is not valid"],
    ["0 9 L-2 * ? *", "day-of-month field"],
    ["L 9 * * ? *", "minute field: L is not a value"],
    ["0 9 ? * 8L *", "day-of-week field: 8 is outside 1-7"],
    // / and - and ,
    ["0 9 ? * SUN/2 *", "day-of-week field: / is not allowed"],
    ["0/0 9 * * ? *", "minute field: the increment in 0/0 must be a positive integer"],
    ["0/x 9 * * ? *", "must be a positive integer"],
    ["0/5/5 9 * * ? *", "has more than one /"],
    ["60/5 9 * * ? *", "minute field: 60 is outside 0-59"],
    ["0 9 ? * FRI-MON *", "day-of-week field: the range FRI-MON runs backwards"],
    ["0 17-9 * * ? *", "hour field: the range 17-9 runs backwards"],
    ["0 9 1-2-3 * ? *", "is not a range"],
    ["0 9 1- * ? *", "day-of-month field: a value is missing"],
    ["0,,5 9 * * ? *", "minute field: has an empty list item"],
    ["0 9 * jan ? *", "month field: jan is not a value"],
  ];
  test.each(invalid)("refuses %s (%s)", (expression, reason) => {
    const result = checkCron(expression);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });
});

describe("time zones and descriptions", () => {
  test("a zone is whatever Intl knows, links included", () => {
    for (const zone of ["America/New_York", "UTC", "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Asia/Kolkata"])
      expect(isKnownZone(zone), zone).toBe(true);
    for (const zone of ["America/Boston", "Mars/Olympus", "EST5EDT_", "Europe/Lonodn"]) expect(isKnownZone(zone), zone).toBe(false);
  });

  test("the abbreviation is the one in force at the instant", () => {
    expect(zoneAbbreviation("America/New_York", new Date("2026-01-15T12:00:00Z"))).toBe("EST");
    expect(zoneAbbreviation("America/New_York", new Date("2026-07-15T12:00:00Z"))).toBe("EDT");
    expect(zoneAbbreviation("Europe/London", new Date("2026-01-15T12:00:00Z"))).toBe("GMT");
    expect(zoneAbbreviation("Europe/London", new Date("2026-07-15T12:00:00Z"))).toBe("GMT+1");
    expect(zoneAbbreviation("Asia/Tokyo", new Date("2026-07-15T12:00:00Z"))).toBe("GMT+9");
  });

  test("the abbreviation changes on the minute the clocks change, asked one after another", () => {
    // London goes to summer time at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
    const at = (iso: string) => zoneAbbreviation("Europe/London", new Date(iso));
    expect([at("2026-03-29T00:59:00Z"), at("2026-03-29T00:59:59.999Z"), at("2026-03-29T01:00:00Z")]).toEqual(["GMT", "GMT", "GMT+1"]);
    expect([at("2026-10-25T00:59:59.999Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T00:59:30Z")]).toEqual(["GMT+1", "GMT", "GMT+1"]);
  });

  test("the same expression asked again gets the same verdict and text, refusals included", () => {
    for (let round = 0; round < 2; round++) {
      expect(describeSchedule("00 18 ? * * *", "Europe/London", new Date("2026-01-01T00:00:00Z"))).toEqual({ ok: true, description: "At 06:00 PM GMT" });
      expect(describeSchedule("00 18 ? * * *", "Europe/London", new Date("2026-07-01T00:00:00Z"))).toEqual({ ok: true, description: "At 06:00 PM GMT+1" });
      expect(checkCron("0 9 * * 1-5")).toMatchObject({ ok: false });
    }
  });

  test.each([
    ["00 18 ? * * *", "Europe/London", "2026-01-01T00:00:00Z", "At 06:00 PM GMT"],
    ["00 09 * * ? *", "America/New_York", "2026-07-01T00:00:00Z", "At 09:00 AM EDT"],
    ["00 09 * * ? *", "America/New_York", "2026-01-01T00:00:00Z", "At 09:00 AM EST"],
    ["0/15 * * * ? *", "America/New_York", "2024-04-09T13:27:40.300Z", "Every 15 minutes (EDT)"],
    [
      "0/30 9-17 ? * MON-FRI *",
      "Europe/London",
      "2025-02-03T08:15:00.000Z",
      "Every 30 minutes, between 09:00 AM GMT and 05:59 PM GMT, Monday through Friday",
    ],
    ["0 12 ? * 6L *", "America/New_York", "2025-07-08T12:41:18.207Z", "At 12:00 PM EDT, on the last Friday of the month"],
    ["15 3 ? * 2#1 *", "Europe/Berlin", "2025-04-15T09:02:51.730Z", "At 03:15 AM GMT+2, on the first Monday of the month"],
    ["0 */6 * * ? *", "UTC", "2024-08-01T00:00:00.000Z", "On the hour, every 6 hours (UTC)"],
  ])("%s in %s at %s reads %s", (schedule, zone, at, description) => {
    expect(describeSchedule(schedule, zone, new Date(at))).toEqual({ ok: true, description });
  });

  test("every fixture description is the one the rules derive at its updatedAt", async () => {
    const { schedules } = (await state()) as {
      schedules: { schedule: string; timezone: string; description: string; updatedAt: string }[];
    };
    expect(schedules.length).toBeGreaterThan(20);
    for (const s of schedules) {
      expect(describeSchedule(s.schedule, s.timezone, new Date(s.updatedAt)), s.schedule).toEqual({ ok: true, description: s.description });
    }
  });
});

describe("schedule lifecycle", () => {
  test("create, read, list, update, delete, read again", async () => {
    const created = await call("POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
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

    expect(await call("GET", one(id))).toEqual({ status: 200, body: created.body });
    const listed = await call("GET", list());
    expect(listed.body.schedules).toHaveLength(8);
    // The newest createdAt comes last.
    expect(listed.body.schedules.at(-1)).toEqual(created.body);

    await setClock("2026-07-04T15:00:00Z");
    const updated = await call("PUT", one(id), { body: { schedule: "0 12 ? * 6L *", timezone: "America/New_York" } });
    expect(updated).toEqual({
      status: 200,
      body: {
        ...created.body,
        schedule: "0 12 ? * 6L *",
        description: "At 12:00 PM EDT, on the last Friday of the month",
        updatedAt: "2026-07-04T15:00:00.000Z",
      },
    });
    expect((await call("GET", one(id))).body).toEqual(updated.body);

    expect(await call("DELETE", one(id))).toEqual({ status: 200, body: { success: true } });
    expect(await call("GET", one(id))).toEqual({ status: 404, body: { error: "Not Found", message: "Schedule not found" } });
    expect(await call("DELETE", one(id))).toMatchObject({ status: 404 });
    expect((await call("GET", list())).body.schedules).toHaveLength(7);
  });

  test("a connection may hold several schedules; each create gets its own id, ties ordered by id", async () => {
    const a = await call("POST", list(OTHER_CONNECTION), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    const b = await call("POST", list(OTHER_CONNECTION), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.scheduleId).not.toBe(b.body.scheduleId);
    const ids = (await call("GET", list(OTHER_CONNECTION))).body.schedules.map((s: { scheduleId: string }) => s.scheduleId);
    expect(ids.slice(-2)).toEqual([a.body.scheduleId, b.body.scheduleId].sort());
    // The other connection's list does not see them.
    expect((await call("GET", list())).body.schedules).toHaveLength(7);
  });

  test("a connection without schedules lists an empty array", async () => {
    const databricks = "32d76bf1-389d-49be-8f2f-18b9c0402208";
    for (const s of (await call("GET", list(databricks))).body.schedules) {
      expect((await call("DELETE", one(s.scheduleId, databricks))).status).toBe(200);
    }
    expect(await call("GET", list(databricks))).toEqual({ status: 200, body: { schedules: [] } });
  });

  test("an update replaces schedule and timezone and keeps createdAt and disabledAt", async () => {
    const before = (await call("GET", one(DISABLED_SCHEDULE))).body;
    const after = await call("PUT", one(DISABLED_SCHEDULE), { body: { schedule: "00 18 ? * * *", timezone: "Europe/London" } });
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
    const created = await call("POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    await setClock("2026-07-01T00:00:00Z");
    expect((await call("GET", one(created.body.scheduleId))).body.description).toBe("At 09:00 AM EST");
    const summer = await call("POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(summer.body.description).toBe("At 09:00 AM EDT");
  });

  test("schedule and timezone are stored exactly as sent", async () => {
    const created = await call("POST", list(), { body: { schedule: "00  08 1 JAN,JUL ? *", timezone: "US/Eastern" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schedule: "00  08 1 JAN,JUL ? *",
      timezone: "US/Eastern",
      description: "At 08:00 AM EST, on day 1 of the month, only in January and July",
    });
  });

  test("POST /__admin/reset restores the fixtures", async () => {
    const pristine = await state();
    await call("POST", list(), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } });
    await call("PUT", one(SEED_SCHEDULE), { body: { schedule: "0 2 * * ? *", timezone: "UTC" } });
    await call("DELETE", one(DISABLED_SCHEDULE));
    expect(await state()).not.toEqual(pristine);
    await request(app, "/__admin/reset", { method: "POST" });
    expect(await state()).toEqual(pristine);
    expect((await call("GET", one(DISABLED_SCHEDULE))).status).toBe(200);
  });
});

describe("connection scoping", () => {
  test("an unknown connection is not found on every path", async () => {
    const notFound = { status: 404, body: { error: "Not Found", message: "Connection not found" } };
    const body = { schedule: "00 18 ? * * *", timezone: "Europe/London" };
    expect(await call("GET", list(NO_CONNECTION))).toEqual(notFound);
    expect(await call("POST", list(NO_CONNECTION), { body })).toEqual(notFound);
    expect(await call("GET", one(SEED_SCHEDULE, NO_CONNECTION))).toEqual(notFound);
    expect(await call("PUT", one(SEED_SCHEDULE, NO_CONNECTION), { body })).toEqual(notFound);
    expect(await call("DELETE", one(SEED_SCHEDULE, NO_CONNECTION))).toEqual(notFound);
  });

  test("a schedule of another connection is not found, and is left alone", async () => {
    const pristine = await state();
    const notFound = { status: 404, body: { error: "Not Found", message: "Schedule not found" } };
    expect(await call("GET", one(FOREIGN_SCHEDULE))).toEqual(notFound);
    expect(await call("PUT", one(FOREIGN_SCHEDULE), { body: { schedule: "0 1 * * ? *", timezone: "UTC" } })).toEqual(notFound);
    expect(await call("DELETE", one(FOREIGN_SCHEDULE))).toEqual(notFound);
    expect(await state()).toEqual(pristine);
    expect((await call("GET", one(FOREIGN_SCHEDULE, OTHER_CONNECTION))).status).toBe(200);
  });
});

describe("authentication and roles", () => {
  test("no token and an unknown token answer 401 in Omni's shape", async () => {
    expect(await call("GET", list(), { token: null })).toEqual({
      status: 401,
      body: { error: "Unauthorized", message: "Missing Authorization header. Include it as: Bearer YOUR_TOKEN" },
    });
    expect(await call("GET", list(), { token: "revoked" })).toEqual({
      status: 401,
      body: { error: "Unauthorized", message: "Invalid API key" },
    });
  });

  test("the read-only token reads, and every write answers 403 and changes nothing", async () => {
    const pristine = await state();
    const token = "taskmock-readonly";
    expect((await call("GET", list(), { token })).status).toBe(200);
    expect((await call("GET", one(SEED_SCHEDULE), { token })).status).toBe(200);
    const forbidden = { status: 403, body: { error: "Forbidden", message: "Permission denied - connection admin role required" } };
    const body = { schedule: "0 1 * * ? *", timezone: "UTC" };
    expect(await call("POST", list(), { token, body })).toEqual(forbidden);
    expect(await call("PUT", one(SEED_SCHEDULE), { token, body })).toEqual(forbidden);
    expect(await call("DELETE", one(SEED_SCHEDULE), { token })).toEqual(forbidden);
    expect(await state()).toEqual(pristine);
  });
});

describe("the seed page and the spec's conflict decisions", () => {
  test("the seed page's PUT, sent as documented, answers the seed page's response", async () => {
    // The seed response's updatedAt is the instant of the write.
    await setClock("2025-01-15T11:00:00.000Z");
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
    const pristine = await state();
    expect(await call("PUT", one(SEED_SCHEDULE), { body: { schedule: "00 19 ? * * *" } })).toEqual({
      status: 400,
      body: { error: "Bad Request", message: "Bad Request: timezone: Required" },
    });
    expect(await call("PUT", one(SEED_SCHEDULE), { body: { timezone: "Europe/Paris" } })).toEqual({
      status: 400,
      body: { error: "Bad Request", message: "Bad Request: schedule: Required" },
    });
    expect(await state()).toEqual(pristine);
  });

  test("omni-list-example-zone-abbreviation, omni-create-example-zone-abbreviation, omni-get-example-zone-abbreviation: a New York schedule written on 2025-01-15 reads EST", async () => {
    await setClock("2025-01-15T10:30:00.000Z");
    const created = await call("POST", list(), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(created.body).toMatchObject({
      description: "At 09:00 AM EST",
      createdAt: "2025-01-15T10:30:00.000Z",
      updatedAt: "2025-01-15T10:30:00.000Z",
    });
    // get and list show what the write stored
    expect((await call("GET", one(created.body.scheduleId))).body.description).toBe("At 09:00 AM EST");
    const listed = (await call("GET", list())).body.schedules.find((s: { scheduleId: string }) => s.scheduleId === created.body.scheduleId);
    expect(listed.description).toBe("At 09:00 AM EST");
    // the same schedule written in July reads EDT
    await setClock("2025-07-15T10:30:00.000Z");
    const july = await call("PUT", one(created.body.scheduleId), { body: { schedule: "00 09 * * ? *", timezone: "America/New_York" } });
    expect(july.body.description).toBe("At 09:00 AM EDT");
  });

  test("omni-error-body-shape: every error is {error, message}, never {detail, status}", async () => {
    const errors = [
      await call("GET", list(), { token: null }),
      await call("POST", list(), { token: "taskmock-readonly", body: { schedule: "0 1 * * ? *", timezone: "UTC" } }),
      await call("GET", one(SEED_SCHEDULE, NO_CONNECTION)),
      await call("POST", list(), { body: { schedule: "0 1 * * * *", timezone: "UTC" } }),
      await call("GET", list("not-a-uuid")),
    ];
    for (const { body } of errors) expect(Object.keys(body).sort()).toEqual(["error", "message"]);
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
    [
      "an unknown field",
      { body: { ...body, cron: "0 18 * * *", enabled: true } },
      "Bad Request: Unrecognized key(s) in object: 'cron', 'enabled'",
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
    const pristine = await state();
    for (const [method, path] of [
      ["POST", list()],
      ["PUT", one(SEED_SCHEDULE)],
    ] as const) {
      const res = await call(method, path, input);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toBe("Bad Request");
      expect(res.body.message).toContain(message);
    }
    expect(await state()).toEqual(pristine);
  });

  test("an invalid cron and an invalid zone are both reported, in order", async () => {
    const res = await call("POST", list(), { body: { schedule: "00 09 * * MON-FRI *", timezone: "America/Boston" } });
    expect(res).toEqual({
      status: 400,
      body: {
        error: "Bad Request",
        message:
          'Invalid cron expression: "00 09 * * MON-FRI *". Use ? in either the day-of-month or the day-of-week field; Invalid timezone: "America/Boston" is not a valid IANA timezone identifier',
      },
    });
  });

  test("the journal's violations carry the value refused and the cron rule's reason", async () => {
    await call("POST", list(), { body: { schedule: "61 9 * * ? *", timezone: "America/Boston" } });
    const res = await request(app, "/__admin/requests");
    const { requests } = (await res.json()) as { requests: { violations: unknown[] }[] };
    expect(requests.at(-1)?.violations).toEqual([
      expect.objectContaining({ pointer: "/schedule", rule: "cron", value: "61 9 * * ? *", params: { reason: "minute field: 61 is outside 0-59" } }),
      expect.objectContaining({ pointer: "/timezone", rule: "timezone", value: "America/Boston" }),
    ]);
  });

  test("path ids that are not UUIDs are named", async () => {
    expect(await call("GET", one("42", "snowflake"))).toEqual({
      status: 400,
      body: { error: "Bad Request", message: "Bad Request: connectionId: Invalid uuid; Bad Request: scheduleId: Invalid uuid" },
    });
  });

  test("a method the path does not support answers 405 with Allow", async () => {
    const res = await request(app, one(SEED_SCHEDULE), { method: "PATCH", headers: { authorization: "Bearer taskmock-admin" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("DELETE, GET, PUT");
    expect(await res.json()).toEqual({
      error: "Method Not Allowed",
      message: `Method PATCH is not allowed on ${one(SEED_SCHEDULE)}; allowed: DELETE, GET, PUT`,
    });
  });
});
