// awork's forced and generated answers (src/vendors/awork/forced.ts): a status forced without
// naming an example is the handler's own error for this request, naming its ids; a body generated
// with Prefer: dynamic=true obeys the rules of the spec a schema cannot state.
import { describe, expect, test } from "vitest";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, body, change, SEED } from "./client.js";

const OTHER = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const ADMIN = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };

describe("forced errors name the request's ids", () => {
  test.each([
    ["GET", `${BASE}/${OTHER}`, undefined, `Task schedule ${OTHER} was not found.`],
    ["PUT", `${BASE}/${OTHER}`, change, `Task schedule ${OTHER} was not found.`],
    ["DELETE", `${BASE}/${OTHER}`, undefined, `Task schedule ${OTHER} was not found.`],
    ["GET", `${BASE}/${SEED}`, undefined, `Task schedule ${SEED} was not found.`],
    ["POST", `${BASE}/bytaskid/${OTHER}`, undefined, `Task ${OTHER} was not found.`],
    ["POST", BASE, { ...body, taskId: OTHER }, `Task ${OTHER} was not found.`],
  ])("Prefer: code=404 on %s %s answers not-found naming the id asked for", async (method, path, payload, description) => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    const res = await send(method, path, payload, { ...ADMIN, prefer: "code=404" });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not-found", description, link: "https://developers.awork.com/error-handling", traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  test("a fault rule's 404 and __code=404 name the id too; example=notFound keeps the documented example", async () => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    await send("POST", "/__admin/faults", { vendor: "awork", operationId: "getTaskSchedule", status: 404, times: 1 });
    expect((await send("GET", `${BASE}/${OTHER}`)).body).toMatchObject({ description: `Task schedule ${OTHER} was not found.` });
    expect((await send("GET", `${BASE}/${OTHER}?__code=404`)).body).toMatchObject({ description: `Task schedule ${OTHER} was not found.` });
    const documented = await send("GET", `${BASE}/${OTHER}`, undefined, { ...ADMIN, prefer: "code=404, example=notFound" });
    expect(documented.body).toMatchObject({ description: "Task schedule 0f1e2d3c-4b5a-4968-8776-655443322110 was not found." });
  });

  test("Prefer: code=400 on bytaskid names its task; a 400 whose example names no request value keeps the example", async () => {
    const app = mockOf("awork");
    const { send } = aworkClient(() => app);
    const fromTask = await send("POST", `${BASE}/bytaskid/${OTHER}`, undefined, { ...ADMIN, prefer: "code=400" });
    expect(fromTask.body).toMatchObject({ code: "invalid-operation", description: `The task ${OTHER} needs a start date and a due date to create task schedules.` });
    const create = await send("POST", BASE, body, { ...ADMIN, prefer: "code=400" });
    expect(create.body).toMatchObject({ code: "invalid-model", traceId: "3f9a6c1d2e4b5a7980c1d2e3f4a5b6c7" });
  });
});

describe("Prefer: dynamic=true obeys the spec's rules", () => {
  type Schedule = Record<string, unknown> & { startDate: string; endDate: string; createdOn: string; updatedOn: string; plannedDuration: number };
  /** TaskSchedule's x-taskmock-rules, as assertions. */
  function expectRules(s: Schedule): void {
    expect(Date.parse(s.endDate), `${s.startDate} → ${s.endDate}`).toBeGreaterThan(Date.parse(s.startDate));
    expect(s.plannedDuration).toBe(Math.floor((Date.parse(s.endDate) - Date.parse(s.startDate)) / 1000));
    expect(s.plannedDuration).toBeLessThanOrEqual(2_147_483_647);
    expect(Date.parse(s.updatedOn)).toBeGreaterThanOrEqual(Date.parse(s.createdOn));
    expect(s.endDate.endsWith("Z") && s.startDate.endsWith("Z")).toBe(true);
  }

  test("issue 13: no generated schedule ends before it starts, on every operation that answers one, over many seeds", async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 25; seed++) {
      const app = mockOf("awork", { seed });
      const { send } = aworkClient(() => app);
      const headers = { ...ADMIN, prefer: "dynamic=true" };
      const answers = [
        await send("POST", BASE, body, headers),
        await send("GET", `${BASE}/${SEED}`, undefined, headers),
        await send("PUT", `${BASE}/${SEED}`, change, headers),
      ];
      const listed = await send("GET", BASE, undefined, headers);
      expect(listed.status).toBe(200);
      for (const res of answers) expect(res.status).toBe(200);
      for (const s of [...answers.map((r) => r.body), ...listed.body] as Schedule[]) {
        expectRules(s);
        seen.add(s["id"] as string);
      }
    }
    // Generated, not the documented example (which a body breaking the schema would fall back to).
    expect(seen.size).toBeGreaterThan(75);
  });

  test("a generated error carries a code of its status, the link of its code and a 32-hex trace id", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const app = mockOf("awork", { seed });
      const { send } = aworkClient(() => app);
      for (const [status, codes] of [
        [400, ["validation-failed", "invalid-model", "request-body-too-large", "invalid-filter-or-order", "date-dependency", "invalid-operation"]],
        [401, ["workspaceid-missing", "unauthorized"]],
        [404, ["not-found"]],
        [429, ["rate-limit-exceeded"]],
      ] as const) {
        const res = await send("GET", `${BASE}/${SEED}`, undefined, { ...ADMIN, prefer: `code=${status}, dynamic=true` });
        expect(res.status).toBe(status);
        expect(codes).toContain(res.body.code);
        const link = res.body.code === "validation-failed" ? "https://developers.awork.com/#response-types" : "https://developers.awork.com/error-handling";
        expect(res.body).toMatchObject({ link, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      }
    }
  });
});
