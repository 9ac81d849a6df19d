// Crego's rules split by what they need (rules.ts, and the handlers): the rules over the request
// alone (crontab fields and zone, date-times Django can hold, a PUT's schedule, a body's two time
// limits) answer together with the schema's violations in one 400, and verify counts them as the
// client's breaks; the rules that need the stored records (a name another schedule has, a PATCH's
// checks after the merge) are refusals of the state: verify lists them apart, not as breaks.
import { beforeEach, describe, expect, test } from "vitest";
import type { VerifyReport } from "../../../src/engine/verify.js";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { SEED_PUT_BODY, TASK_PATCH_BODY } from "../../scenarios/crego.scenarios.js";
import { cregoClient, TASK } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { patch, put, state } = cregoClient(() => app);

const ONE_SCHEDULE = "One of clocked, interval, crontab, or solar must be set.";
const TIME_LIMITS = "soft_time_limit must be lower than time_limit.";
const DATETIME_FORMAT = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

async function verify(): Promise<VerifyReport> {
  return (await json(request(app, "/__admin/verify"))) as VerifyReport;
}

async function lastEntry(): Promise<{ violations: { pointer: string; rule: string }[]; refusals?: { pointer: string; rule: string }[] }> {
  const journal = await json(request(app, "/__admin/requests?vendor=crego"));
  return journal.requests.at(-1);
}

describe("every violation of the request at once: the schema's and Crego's rules in one 400", () => {
  test("a schedule PUT: a blank name, a cron field, a zone and a leap second, all named together; nothing changes", async () => {
    const before = await state();
    const res = await put("/tasks/schedules/1/", {
      ...SEED_PUT_BODY,
      name: "",
      crontab: { ...SEED_PUT_BODY.crontab, hour: "25", timezone: "Mars/Base" },
      expires: "2016-12-31T23:59:60Z",
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      name: ["This field may not be blank."],
      crontab: { hour: ['Invalid hour value "25".'], timezone: ['"Mars/Base" is not a valid choice.'] },
      expires: [DATETIME_FORMAT],
    });
    expect(await state()).toEqual(before);
  });

  test("a schedule PUT without interval or crontab is refused with its other violations (crego-one-schedule-fields)", async () => {
    const res = await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, task: "", interval: null, crontab: null });
    expect([res.status, res.body]).toEqual([400, { task: ["This field may not be blank."], interval: [ONE_SCHEDULE], crontab: [ONE_SCHEDULE] }]);
    // A PATCH that sends both as null says it on its own too.
    const patched = await patch("/tasks/schedules/1/", { interval: null, crontab: null, enabled: "no" });
    expect([patched.status, patched.body]).toEqual([400, { enabled: ["Must be a valid boolean."], interval: [ONE_SCHEDULE], crontab: [ONE_SCHEDULE] }]);
  });

  test("a task body with both time limits out of order is refused with its other violations; PUT and PATCH alike", async () => {
    for (const send of [put, patch]) {
      const res = await send(TASK, { ...TASK_PATCH_BODY, priority: 300, soft_time_limit: 900, time_limit: 600 });
      expect([res.status, res.body]).toEqual([400, { priority: ["Ensure this value is less than or equal to 255."], non_field_errors: [TIME_LIMITS] }]);
    }
  });

  test("a rule says nothing about a value the schema already refused", async () => {
    // The pattern refuses the letters of this hour; the cron rule does not add its own message.
    const res = await patch("/tasks/schedules/1/", { crontab: { hour: "twenty" } });
    expect(res.body).toEqual({ crontab: { hour: ["Invalid hour value."] } });
    // A time limit of 0 is the schema's; the order of the limits is not judged on it.
    const limits = await patch(TASK, { soft_time_limit: 5, time_limit: 0 });
    expect(limits.body).toEqual({ time_limit: ["Ensure this value is greater than or equal to 1."] });
  });

  test("a body of any shape reaches the rules without a crash: each answer is DRF's 400", async () => {
    for (const body of [[], "text", 7, null, { crontab: [] }, { crontab: { hour: 25, timezone: null } }, { interval: null, crontab: 1 }]) {
      const res = await patch("/tasks/schedules/1/", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    for (const body of [{ soft_time_limit: "9", time_limit: 1 }, { soft_time_limit: 9.5, time_limit: 1 }, { soft_time_limit: null, time_limit: 1 }]) {
      const res = await patch(TASK, body);
      expect(res.status, JSON.stringify(body)).toBe(body.soft_time_limit === null ? 200 : 400);
    }
  });
});

describe("verify: the request's breaks, and the refusals of the state apart", () => {
  test("a name another schedule has is a refusal of the state: listed apart, not a break", async () => {
    const res = await patch("/tasks/schedules/3/", { name: "Daily Report Generation" });
    expect([res.status, res.body]).toEqual([400, { name: ["periodic task with this name already exists."] }]);
    expect(await lastEntry()).toMatchObject({ violations: [], refusals: [{ pointer: "/name", rule: "unique-name" }] });
    const report = await verify();
    expect(report).toMatchObject({ ok: true, breaking: 0, violations: [] });
    expect(report.refusals).toEqual([expect.objectContaining({ operationId: "updateSchedule", kind: "state", pointer: "/name", rule: "unique-name", status: 400 })]);
  });

  test("a PATCH refused after its merge (no schedule left, time limits crossed) is a refusal of the state", async () => {
    // Schedule 2 has only a crontab: dropping it leaves none. Task limits are 300 and 600: a soft limit of 600 crosses them.
    expect((await patch("/tasks/schedules/2/", { crontab: null })).status).toBe(400);
    expect((await patch(TASK, { soft_time_limit: 600 })).status).toBe(400);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, violations: [] });
    expect(report.refusals.map((r) => [r.operationId, r.pointer, r.rule])).toEqual([
      ["updateSchedule", "/interval", "schedule-required"],
      ["updateSchedule", "/crontab", "schedule-required"],
      ["updateTask", "/", "time-limits"],
    ]);
  });

  test("a cron field, a zone, a PUT without a schedule and a body's crossed limits are the client's breaks", async () => {
    await patch("/tasks/schedules/1/", { crontab: { minute: "61", timezone: "Mars/Base" } });
    expect(await lastEntry()).toMatchObject({
      violations: [
        { pointer: "/crontab/minute", rule: "crontab-field" },
        { pointer: "/crontab/timezone", rule: "timezone-choice" },
      ],
    });
    expect((await lastEntry()).refusals).toBeUndefined();
    await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, interval: null, crontab: null });
    await put(TASK, { ...TASK_PATCH_BODY, soft_time_limit: 600, time_limit: 600 });
    const report = await verify();
    expect(report).toMatchObject({ ok: false, breaking: 3, refusals: [] });
    expect(report.violations.map((v) => [v.operationId, v.kind, v.pointer, v.rule])).toEqual([
      ["updateSchedule", "request", "/crontab/minute", "crontab-field"],
      ["updateSchedule", "request", "/crontab/timezone", "timezone-choice"],
      ["replaceSchedule", "request", "/interval", "schedule-required"],
      ["replaceSchedule", "request", "/crontab", "schedule-required"],
      ["replaceTask", "request", "/", "time-limits"],
    ]);
  });
});
