// Omni's forced and generated answers (src/vendors/omni/forced.ts): a status forced without naming
// an example is the handler's own error for this request; a body generated with Prefer:
// dynamic=true obeys the rules of the spec a schema cannot state.
import { describe, expect, test } from "vitest";
import { checkCron } from "../../../src/vendors/omni/cron.js";
import { describeSchedule } from "../../../src/vendors/omni/description.js";
import { isKnownZone } from "../../../src/vendors/zones.js";
import { mockOf } from "../../helpers/mock.js";
import { call, CONNECTION, list, LONDON_SIX, omniError, one, SEED_SCHEDULE, send } from "./client.js";

describe("forced errors fit the request", () => {
  test.each([
    ["GET", list(), "Connection not found"],
    ["POST", list(), "Connection not found"],
    ["GET", one(SEED_SCHEDULE), "Schedule not found"],
    ["PUT", one(SEED_SCHEDULE), "Schedule not found"],
    ["DELETE", one(SEED_SCHEDULE), "Schedule not found"],
  ])("a forced 404 (__code=404) on %s %s, whose request would succeed, answers the handlers' words for what the path names", async (method, path, message) => {
    const app = mockOf("omni");
    const forced = await call(app, method, `${path}?__code=404`, { body: method === "GET" || method === "DELETE" ? undefined : LONDON_SIX });
    expect(forced).toEqual({ status: 404, body: omniError(404, message) });
  });

  test("a forced 400 of a write quotes the request's own values: its cron and zone refusals when they have some, else the definition's words", async () => {
    const app = mockOf("omni");
    const bad = await call(app, "POST", `${list()}?__code=400`, { body: { schedule: "61 9 * * ? *", timezone: "Mars/Base" } });
    expect(bad).toEqual({
      status: 400,
      body: omniError(400, 'Invalid cron expression: "61 9 * * ? *". minute field: 61 is outside 0-59; Invalid timezone: "Mars/Base" is not a valid IANA timezone identifier'),
    });
    const good = await call(app, "PUT", `${one(SEED_SCHEDULE)}?__code=400`, { body: LONDON_SIX });
    expect(good).toEqual({ status: 400, body: omniError(400, 'Invalid cron expression or timezone: "00 18 ? * * *" in "Europe/London"') });
  });
});

describe("Prefer: dynamic=true obeys the spec's rules", () => {
  interface Schedule {
    scheduleId: string;
    connectionId: string;
    schedule: string;
    timezone: string;
    description: string;
    createdAt: string;
    updatedAt: string;
    disabledAt: string | null;
  }
  /** Schedule's x-taskmock-rules, as assertions. */
  function expectRules(s: Schedule, created: boolean): void {
    expect(checkCron(s.schedule), s.schedule).toEqual({ ok: true });
    expect(isKnownZone(s.timezone), s.timezone).toBe(true);
    expect(s.description).toBe((describeSchedule(s.schedule, s.timezone, new Date(s.updatedAt)) as { description: string }).description);
    expect(Date.parse(s.updatedAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    if (created) expect([s.updatedAt, s.disabledAt]).toEqual([s.createdAt, null]);
    if (s.disabledAt !== null) expect(Date.parse(s.disabledAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
  }

  test("schedules generated on every operation that answers one, over many seeds, have a valid cron and zone and the description they derive", async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 25; seed++) {
      const app = mockOf("omni", { seed });
      const dynamic = (method: string, path: string, body?: unknown) => send(app, method, `${path}?__dynamic=true`, { body });
      const created = await dynamic("POST", list(), LONDON_SIX);
      expect(created.status).toBe(201);
      expectRules(created.body, true);
      for (const res of [await dynamic("GET", one(SEED_SCHEDULE)), await dynamic("PUT", one(SEED_SCHEDULE), LONDON_SIX)]) {
        expect(res.status).toBe(200);
        expectRules(res.body, false);
        seen.add(res.body.scheduleId);
      }
      const listed = await dynamic("GET", list());
      expect(listed.status).toBe(200);
      const schedules = listed.body.schedules as Schedule[];
      for (const s of schedules) expectRules(s, false);
      // One connection's schedules, oldest first (ties by id).
      expect(new Set(schedules.map((s) => s.connectionId)).size).toBeLessThanOrEqual(1);
      const order = schedules.map((s) => `${new Date(s.createdAt).toISOString()} ${s.scheduleId}`);
      expect(order).toEqual([...order].sort());
    }
    // Generated, not the documented example (which a body breaking the schema would fall back to).
    expect(seen.size).toBeGreaterThan(40);
  });

  test("a generated error names its own status, in both shapes", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const app = mockOf("omni", { seed });
      for (const status of [400, 401, 403, 404, 429, 503]) {
        const res = await send(app, "GET", `${list(CONNECTION)}?__code=${status}&__dynamic=true`);
        expect(res.status).toBe(status);
        expect(res.body).toMatchObject({ status, error: omniError(status, "x").error, detail: res.body.message });
      }
    }
  });
});
