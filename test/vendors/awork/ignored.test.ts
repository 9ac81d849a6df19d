// awork's server (ASP.NET) ignores body members its forms lack (conflict awork-unknown-properties):
// a schedule read with GET, changed and sent back with PUT is accepted, its read-only fields
// dropped and reported as contract warnings; with strict: true (--strict) the same request is the
// 400 the contract asks for.
import { describe, expect, test } from "vitest";
import type { VerifyReport } from "../../../src/engine/verify.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, body, SEED } from "./client.js";

/** The properties of a task schedule that the PUT form (taskId, startDate, endDate) does not take. */
const READ_ONLY = ["id", "createdOn", "createdBy", "updatedOn", "updatedBy", "userId", "plannedDuration"];

describe("conflict awork-unknown-properties: what the forms lack is ignored", () => {
  test("GET a schedule, change its end, PUT it back whole: 200 with the change, each dropped property a journal warning and a verify warning", async () => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    const read = (await send("GET", `${BASE}/${SEED}`)).body as Record<string, unknown>;
    const echoed = { ...read, endDate: "2022-03-01T12:00:00Z" };
    const res = await send("PUT", `${BASE}/${SEED}`, echoed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...read, endDate: "2022-03-01T12:00:00Z", plannedDuration: 10_800, updatedOn: "2026-01-01T00:00:00.000Z" });

    const { requests } = (await send("GET", "/__admin/requests")).body as { requests: { violations: unknown[]; warnings?: { pointer: string; rule: string; value?: unknown }[] }[] };
    const put = requests.find((r) => r.warnings);
    expect(put?.violations).toEqual([]);
    expect(put?.warnings?.map((w) => w.pointer).sort()).toEqual(READ_ONLY.map((name) => `/${name}`).sort());
    expect(put?.warnings).toContainEqual(expect.objectContaining({ pointer: "/plannedDuration", rule: "ignored", value: 3600 }));

    const report = (await send("GET", "/__admin/verify")).body as VerifyReport;
    expect(report).toMatchObject({ ok: true, breaking: 0 });
    expect(report.ignored).toHaveLength(READ_ONLY.length);
    const strict = (await send("GET", "/__admin/verify?strict=true")).body as VerifyReport;
    expect(strict).toMatchObject({ ok: false, breaking: 1 });
  });

  test("a create with a member the form lacks is stored without it", async () => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    const res = await send("POST", BASE, { ...body, colour: "red", plannedDuration: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...body, plannedDuration: 16_200 });
    expect(res.body).not.toHaveProperty("colour");
  });

  test("what is still wrong once they are dropped is refused, and only that is named", async () => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    const res = await send("PUT", `${BASE}/${SEED}`, { id: SEED, startDate: "soon" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation-failed", validationErrors: [{ property: "StartDate" }] });
  });

  test("with strict: true the echoed schedule is 400 validation-failed naming each property the form lacks, and nothing changes", async () => {
    const app = mockOf("awork", { strict: true });
    const { send, state } = aworkClient(() => app);
    const before = await state();
    const read = (await send("GET", `${BASE}/${SEED}`)).body as Record<string, unknown>;
    const res = await send("PUT", `${BASE}/${SEED}`, { ...read, endDate: "2022-03-01T12:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation-failed" });
    expect(res.body.validationErrors.map((e: { property: string }) => e.property).sort()).toEqual(
      ["Id", "CreatedOn", "CreatedBy", "UpdatedOn", "UpdatedBy", "UserId", "PlannedDuration"].sort(),
    );
    expect(res.body.validationErrors).toContainEqual({ property: "UserId", message: "'UserId' is not a known property." });
    expect(await state()).toEqual(before);
  });
});
