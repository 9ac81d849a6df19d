// The admin API under /__admin: health, journal, reset, state, faults, clock; its errors are
// problem+json; it can be turned off.
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer, type MockApp } from "../../src/index.js";
import { request } from "../helpers/http.js";

const SEED = "123e4567-e89b-12d3-a456-426614174000";
const A = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const create = { taskId: SEED, userId: SEED, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z" };

let app: MockApp;
beforeEach(() => {
  app = createMockServer({ vendor: "awork", seed: 3, clock: "2026-01-01T00:00:00Z", report: () => {} });
});

const post = (path: string, body: unknown) =>
  request(app, path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const json = async (res: Response) => res.json() as Promise<Record<string, unknown>>;

describe("admin API", () => {
  test("health names the vendors served, the clock and the process that answered", async () => {
    const res = await request(app, "/__admin/health");
    expect(await json(res)).toMatchObject({ status: "ok", vendors: ["awork"], now: "2026-01-01T00:00:00.000Z", pid: process.pid });
  });

  test("the journal lists requests, filters them, redacts credentials, and clears", async () => {
    await request(app, "/api/v1/taskschedules", { headers: A });
    await request(app, "/api/v1/taskschedules", { method: "POST", headers: A, body: "{}" });
    await request(app, "/api/v1/taskschedules");
    const all = await json(await request(app, "/__admin/requests"));
    expect(all["total"]).toBe(3);
    const [first] = all["requests"] as Record<string, unknown>[];
    expect(first).toMatchObject({
      vendor: "awork",
      operationId: "listTaskSchedules",
      method: "GET",
      status: 200,
      headers: { authorization: "[redacted]" },
    });
    expect((await json(await request(app, "/__admin/requests?invalid=true")))["total"]).toBe(2);
    expect((await json(await request(app, "/__admin/requests?status=400&operationId=createTaskSchedule")))["total"]).toBe(1);
    expect((await request(app, "/__admin/requests", { method: "DELETE" })).status).toBe(204);
    expect((await json(await request(app, "/__admin/requests")))["total"]).toBe(0);
  });

  test("the journal is bounded by --journal-size", async () => {
    const small = createMockServer({ vendor: "awork", journalSize: 2 });
    for (let i = 0; i < 5; i++) await request(small, "/api/v1/taskschedules", { headers: A });
    expect(await json(await request(small, "/__admin/requests"))).toMatchObject({ total: 2, capacity: 2 });
  });

  test("reset restores the fixtures and clears the journal; state shows every write", async () => {
    const created = await json(await request(app, "/api/v1/taskschedules", { method: "POST", headers: A, body: JSON.stringify(create) }));
    const deleted = await request(app, `/api/v1/taskschedules/${SEED}`, { method: "DELETE", headers: A });
    expect(deleted.status).toBe(204);
    const state = await json(await request(app, "/__admin/state/awork"));
    const ids = (state["taskSchedules"] as { id: string }[]).map((s) => s.id);
    expect(ids).toContain(created["id"]);
    expect(ids).not.toContain(SEED);
    expect(await json(await request(app, "/__admin/reset", { method: "POST" }))).toEqual({ reset: ["awork"] });
    const after = (await json(await request(app, "/__admin/state/awork")))["taskSchedules"] as { id: string }[];
    expect(after.map((s) => s.id)).toContain(SEED);
    expect(after.map((s) => s.id)).not.toContain(created["id"]);
    expect((await json(await request(app, "/__admin/requests")))["total"]).toBe(0);
  });

  test("state of a vendor not served is a 404 problem", async () => {
    const res = await request(app, "/__admin/state/omni");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  test("a fault rule answers a documented status for its operation, a number of times", async () => {
    const res = await post("/__admin/faults", { operationId: "listTaskSchedules", status: 429, times: 1 });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ id: 1, operationId: "listTaskSchedules", status: 429, remaining: 1 });
    expect((await request(app, "/api/v1/taskschedules", { headers: A })).status).toBe(429);
    expect((await request(app, "/api/v1/taskschedules", { headers: A })).status).toBe(200);
    expect(await json(await request(app, "/__admin/faults"))).toEqual({ faults: [] });
  });

  test("a fault with probability 0 never applies; DELETE clears the rules", async () => {
    await post("/__admin/faults", { vendor: "awork", status: 429, probability: 0 });
    for (let i = 0; i < 5; i++) expect((await request(app, "/api/v1/taskschedules", { headers: A })).status).toBe(200);
    expect(((await json(await request(app, "/__admin/faults")))["faults"] as unknown[]).length).toBe(1);
    await request(app, "/__admin/faults", { method: "DELETE" });
    expect(await json(await request(app, "/__admin/faults"))).toEqual({ faults: [] });
  });

  test.each([
    [{ operationId: "listTaskSchedules", status: 503 }, "undocumented-status"],
    [{ operationId: "noSuchOperation", status: 500 }, "admin-bad-request"],
    [{ vendor: "omni", status: 500 }, "admin-bad-request"],
    [{ status: 503, shape: "square" }, "admin-bad-request"],
  ])("fault %j is refused as %s", async (rule, kind) => {
    const res = await post("/__admin/faults", rule);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await json(res)).toMatchObject({ type: `urn:taskmock:problem:${kind}` });
  });

  test("a latency fault delays the answer", async () => {
    await post("/__admin/faults", { latencyMs: 120 });
    const started = performance.now();
    expect((await request(app, "/api/v1/taskschedules", { headers: A })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  test("the clock can be set and advanced, and stamps what the vendors write", async () => {
    expect(await json(await post("/__admin/clock", { advance: "P1DT2H" }))).toEqual({ now: "2026-01-02T02:00:00.000Z", fixed: true });
    expect(await json(await post("/__admin/clock", { advance: 1000 }))).toEqual({ now: "2026-01-02T02:00:01.000Z", fixed: true });
    expect(await json(await post("/__admin/clock", { set: "2030-06-01T12:00:00Z" }))).toEqual({
      now: "2030-06-01T12:00:00.000Z",
      fixed: true,
    });
    const created = await json(await request(app, "/api/v1/taskschedules", { method: "POST", headers: A, body: JSON.stringify(create) }));
    expect(created["createdOn"]).toBe("2030-06-01T12:00:00.000Z");
    expect(await json(await request(app, "/__admin/clock"))).toEqual({ now: "2030-06-01T12:00:00.000Z", fixed: true });
  });

  test.each([[{ set: "yesterday" }], [{ advance: "-PT1H" }], [{ advance: -5 }], [{ set: "2026-01-01T00:00:00Z", advance: "PT1H" }], [{}]])(
    "clock change %j is refused",
    async (body) => {
      const res = await post("/__admin/clock", body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    },
  );

  test("a maintenance window is refused for a vendor whose contract has no 503", async () => {
    const res = await post("/__admin/maintenance", { vendor: "awork" });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ type: "urn:taskmock:problem:undocumented-status" });
  });

  test("a maintenance window answers 503 with Retry-After on every endpoint of the vendor, until deleted", async () => {
    const omni = createMockServer({ vendor: "omni", clock: "2026-01-01T00:00:00Z" });
    const list = "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
    const started = await request(omni, "/__admin/maintenance", { method: "POST", body: JSON.stringify({ vendor: "omni", retryAfter: 90 }) });
    expect(started.status).toBe(201);
    const res = await request(omni, list, { headers: A });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("90");
    expect(await json(await request(omni, "/__admin/maintenance"))).toEqual({ maintenance: { omni: { retryAfter: 90, until: null } } });
    expect((await request(omni, "/__admin/maintenance", { method: "DELETE" })).status).toBe(204);
    expect((await request(omni, list, { headers: A })).status).toBe(200);
  });

  test("malformed admin JSON and unknown admin paths are problems", async () => {
    const bad = await request(app, "/__admin/faults", { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ type: "urn:taskmock:problem:admin-bad-request" });
    const unknown = await request(app, "/__admin/nothing");
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ type: "urn:taskmock:problem:admin-not-found" });
  });

  test("with admin off, /__admin is just an unknown path of the vendor", async () => {
    const closed = createMockServer({ vendor: "awork", admin: false });
    const res = await request(closed, "/__admin/health");
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: "not-found" });
  });
});

describe("server", () => {
  test("serves the spec at /openapi.json", async () => {
    const doc = await json(await request(app, "/openapi.json"));
    expect(doc).toMatchObject({ openapi: "3.1.0", info: { "x-taskmock-vendor": "awork" } });
  });

  test("all five vendors are served under their prefixes, each spec at /<vendor>/openapi.json", async () => {
    const all = createMockServer({ seed: 1 });
    for (const vendor of ["crego", "huawei", "spaaza", "omni", "awork"]) {
      const doc = await json(await request(all, `/${vendor}/openapi.json`));
      expect(doc).toMatchObject({ openapi: "3.1.0", info: { "x-taskmock-vendor": vendor } });
    }
    expect(await json(await request(all, "/__admin/health"))).toMatchObject({ vendors: ["crego", "huawei", "spaaza", "omni", "awork"] });
    const unknown = await request(all, "/stripe/v1/charges");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
  });

  test("--seed makes generated ids deterministic", async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const fresh = createMockServer({ vendor: "awork", seed: 42 });
        return (await json(await request(fresh, "/api/v1/taskschedules", { method: "POST", headers: A, body: JSON.stringify(create) })))[
          "id"
        ];
      }),
    );
    expect(ids[0]).toBe(ids[1]);
    const other = createMockServer({ vendor: "awork", seed: 43 });
    expect(
      (await json(await request(other, "/api/v1/taskschedules", { method: "POST", headers: A, body: JSON.stringify(create) })))["id"],
    ).not.toBe(ids[0]);
  });

  test("a body over 1 MiB is a 400 and changes nothing", async () => {
    const before = await json(await request(app, "/__admin/state/awork"));
    const huge = JSON.stringify({ ...create, padding: "x".repeat(1024 * 1024) });
    const res = await request(app, "/api/v1/taskschedules", { method: "POST", headers: A, body: huge });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: "request-body-too-large", description: "body is larger than 1 MiB" });
    expect(await json(await request(app, "/__admin/state/awork"))).toEqual(before);
  });

  test("a bad clock option stops the start with a clear message", () => {
    expect(() => createMockServer({ vendor: "awork", clock: "soon" })).toThrow(/--clock soon is not an ISO 8601 time/);
  });
});
