// awork's rules over the request alone (rules.ts) run beside the schema: one 400 lists every
// violation, the dates and the filter among them. A refusal that needs the stored schedule (a PUT
// sending one date that no longer fits the other) is one of the state: the journal keeps it as a
// refusal and verify does not count it as the client's break.
import { beforeEach, describe, expect, test } from "vitest";
import type { VerifyReport } from "../../../src/engine/verify.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, body, change, SEED } from "./client.js";

let app: ReturnType<typeof mockOf>;
beforeEach(() => {
  app = mockOf("awork");
});
const { send, state } = aworkClient(() => app);

interface Entry {
  status: number;
  violations: { pointer: string; rule: string }[];
  refusals?: { pointer: string; rule: string; value?: unknown }[];
}
const journal = async () => ((await send("GET", "/__admin/requests")).body as { requests: Entry[] }).requests;
const verify = async () => (await send("GET", "/__admin/verify")).body as VerifyReport;

describe("every violation at once", () => {
  test("a create with a taskId that is not a uuid and an end before its start names both, validation-failed; nothing is stored", async () => {
    const before = await state();
    const res = await send("POST", BASE, { ...body, taskId: "nope", endDate: "2026-02-02T07:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation-failed" });
    expect(res.body.validationErrors).toEqual([
      { property: "TaskId", message: "'TaskId' must match format \"uuid\"." },
      { property: "EndDate", message: "'EndDate' must be after 'StartDate'." },
    ]);
    expect(await state()).toEqual(before);
  });

  test("a PUT sending both dates backwards is refused with the request, before the schedule is looked up", async () => {
    const unknown = "00000000-0000-4000-8000-000000000001";
    const res = await send("PUT", `${BASE}/${unknown}`, { ...change, endDate: "2026-02-02T07:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "date-dependency", validationErrors: [{ property: "EndDate" }] });
  });

  test("a list with a bad pageSize, filterby and orderby names all three (validation-failed); filterby and orderby alone are invalid-filter-or-order", async () => {
    const all = await send("GET", `${BASE}?pageSize=0&filterby=${encodeURIComponent("colour eq 'red'")}&orderby=colour`);
    expect(all.status).toBe(400);
    expect(all.body).toMatchObject({ code: "validation-failed" });
    expect(all.body.validationErrors.map((e: { property: string }) => e.property)).toEqual(["PageSize", "filterby", "orderby"]);

    const both = await send("GET", `${BASE}?filterby=${encodeURIComponent("colour eq 'red'")}&orderby=colour`);
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: "invalid-filter-or-order", link: "https://developers.awork.com/error-handling" });
    expect(both.body.validationErrors.map((e: { property: string }) => e.property)).toEqual(["filterby", "orderby"]);
  });

  test("an end before the start and a span too long are date-dependency; with any other violation, validation-failed lists them all", async () => {
    const long = await send("POST", BASE, { ...body, startDate: "2000-01-01T00:00:00Z", endDate: "2078-01-01T00:00:00Z" });
    expect(long.body).toMatchObject({ code: "date-dependency", validationErrors: [{ property: "EndDate" }] });
    const mixed = await send("POST", BASE, { ...body, userId: undefined, startDate: "2000-01-01T00:00:00Z", endDate: "2078-01-01T00:00:00Z" });
    expect(mixed.body).toMatchObject({ code: "validation-failed" });
    expect(mixed.body.validationErrors.map((e: { property: string }) => e.property)).toEqual(["UserId", "EndDate"]);
  });

  test("a rule never reads what the schema refused: a startDate that is not a date-time is named once, and no date rule runs", async () => {
    const res = await send("POST", BASE, { ...body, startDate: "tomorrow", endDate: "2026-02-02T07:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual([{ property: "StartDate", message: "'StartDate' must match format \"date-time\"." }]);
  });

  test("a leap second, which the date-time format allows, is the next second: the schedule is stored with its planned duration", async () => {
    const res = await send("POST", BASE, { ...body, startDate: "2026-02-02T23:00:00Z", endDate: "2026-02-02T23:59:60Z" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ endDate: "2026-02-02T23:59:60Z", plannedDuration: 3600 });
  });
});

describe("refusals of the state (verify's refusals, not counted)", () => {
  test("a PUT sending only a start after the stored end: 400 date-dependency, journaled as a refusal; verify stays green", async () => {
    const late = await send("PUT", `${BASE}/${SEED}`, { startDate: "2022-03-01T12:00:00Z" });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ code: "date-dependency", validationErrors: [{ property: "EndDate" }] });
    const [entry] = await journal();
    expect(entry?.violations).toEqual([]);
    expect(entry?.refusals).toEqual([expect.objectContaining({ pointer: "/endDate", rule: "endAfterStart", value: "2022-03-01T10:00:00Z" })]);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, breaking: 0 });
    expect(report.refusals).toEqual([expect.objectContaining({ operationId: "updateTaskSchedule", kind: "state", pointer: "/endDate" })]);
  });

  test("the same dates sent together are the client's break: verify counts it", async () => {
    await send("PUT", `${BASE}/${SEED}`, { startDate: "2022-03-01T12:00:00Z", endDate: "2022-03-01T10:00:00Z" });
    const [entry] = await journal();
    expect(entry?.violations).toEqual([expect.objectContaining({ pointer: "/endDate", rule: "endAfterStart" })]);
    expect(entry?.refusals).toBeUndefined();
    expect(await verify()).toMatchObject({ ok: false, breaking: 1, refusals: [] });
  });
});
