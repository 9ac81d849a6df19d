// Omni's own definition allows body properties beyond schedule and timezone (it sets no
// additionalProperties: false), so the mock ignores them: a schedule read with GET, changed and
// sent back with PUT is accepted, the server's fields dropped and reported as contract warnings;
// with strict: true (--strict) the same request is refused in Omni's zod-like words.
import { describe, expect, test } from "vitest";
import type { VerifyReport } from "../../../src/engine/verify.js";
import { mockOf } from "../../helpers/mock.js";
import { admin, call, list, LONDON_SIX, omniError, one, SEED_SCHEDULE, state } from "./client.js";

/** What a Schedule has beyond the update body's schedule and timezone. */
const SERVER_FIELDS = ["scheduleId", "connectionId", "description", "createdAt", "updatedAt", "disabledAt"];

describe("unknown and read-only body properties are ignored (Omni's definition allows them)", () => {
  test("GET a schedule, change its zone, PUT it back whole: 200 with the change, each dropped field a journal warning; verify warns, --strict fails", async () => {
    const app = mockOf("omni");
    const read = (await call(app, "GET", one(SEED_SCHEDULE))).body as Record<string, unknown>;
    expect(read).toMatchObject({ schedule: "00 18 ? * * *", timezone: "Europe/London" });
    const res = await call(app, "PUT", one(SEED_SCHEDULE), { body: { ...read, timezone: "Asia/Tokyo" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...read, timezone: "Asia/Tokyo", description: "At 06:00 PM GMT+9", updatedAt: "2026-01-01T00:00:00.000Z" });

    const { requests } = (await admin(app, "GET", "requests")).body as { requests: { warnings?: { pointer: string; rule: string }[] }[] };
    const put = requests.find((r) => r.warnings);
    expect(put?.warnings?.map((w) => w.pointer).sort()).toEqual(SERVER_FIELDS.map((name) => `/${name}`).sort());
    expect(new Set(put?.warnings?.map((w) => w.rule))).toEqual(new Set(["ignored"]));

    const report = (await admin(app, "GET", "verify")).body as VerifyReport;
    expect(report).toMatchObject({ ok: true, breaking: 0 });
    expect(report.ignored).toHaveLength(SERVER_FIELDS.length);
    expect((await admin(app, "GET", "verify?strict=true")).body).toMatchObject({ ok: false, breaking: 1 });
  });

  test("a create with fields Omni does not take keeps only the schedule and the zone", async () => {
    const app = mockOf("omni");
    const res = await call(app, "POST", list(), { body: { ...LONDON_SIX, cron: "0 18 * * *", enabled: true, description: "mine" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...LONDON_SIX, description: "At 06:00 PM GMT", disabledAt: null });
    expect(res.body).not.toHaveProperty("cron");
  });

  test("a bad zone is still refused once the unknown fields are dropped, and only it is named", async () => {
    const app = mockOf("omni");
    const res = await call(app, "POST", list(), { body: { ...LONDON_SIX, timezone: "Europe/Lonodn", enabled: true } });
    expect(res).toEqual({ status: 400, body: omniError(400, 'Invalid timezone: "Europe/Lonodn" is not a valid IANA timezone identifier') });
  });

  test("with strict: true, unknown fields are 400 in zod's words on create and update, and nothing changes", async () => {
    const app = mockOf("omni", { strict: true });
    const pristine = await state(app);
    const unknown = { body: { ...LONDON_SIX, cron: "0 18 * * *", enabled: true } };
    const refused = { status: 400, body: omniError(400, "Bad Request: Unrecognized key(s) in object: 'cron', 'enabled'") };
    expect(await call(app, "POST", list(), unknown)).toEqual(refused);
    expect(await call(app, "PUT", one(SEED_SCHEDULE), unknown)).toEqual(refused);
    const read = (await call(app, "GET", one(SEED_SCHEDULE))).body as Record<string, unknown>;
    const echoed = await call(app, "PUT", one(SEED_SCHEDULE), { body: read });
    expect(echoed.status).toBe(400);
    expect(echoed.body.message).toBe(`Bad Request: Unrecognized key(s) in object: ${SERVER_FIELDS.map((f) => `'${f}'`).join(", ")}`);
    expect(await state(app)).toEqual(pristine);
  });
});
