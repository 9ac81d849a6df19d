// `server.session(id)`: a session of a running server as a test holds it, its base URL per vendor
// and its admin API as typed calls; `connectSession(url, id)` the same from another process (or
// in-process through app.request). Every call speaks for its session only.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectSession, createMockServer, type RunningMockServer, startMockServer, TaskmockAdminError } from "../../src/index.js";
import { CLOCK } from "../helpers/mock.js";

const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const AUTH = { authorization: "Bearer taskmock-admin" };
const JSON_AUTH = { ...AUTH, "content-type": "application/json" };
const schedules = (base: string) => `${base}/api/v1/connections/${CONNECTION}/schedules`;

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 5, clock: CLOCK, report: () => {} });
});
afterAll(() => server.close());

describe("server.session(id)", () => {
  test("answers the base URLs POST /__admin/sessions answers, and requests there reach that session only", async () => {
    const a = server.session("client-urls");
    const posted = (await (await fetch(`${server.url}/__admin/sessions`, { method: "POST", body: JSON.stringify({ id: "client-urls" }) })).json()) as {
      vendors: Record<string, string>;
      admin: string;
    };
    expect(a.id).toBe("client-urls");
    expect(a.urls).toEqual(posted.vendors);
    expect(a.admin).toBe(posted.admin);
    expect(a.url("omni")).toBe(`${server.url}/__sessions/client-urls/omni`);
    expect(a.headers).toEqual({ "x-taskmock-session": "client-urls" });

    const created = await fetch(schedules(a.url("omni")), { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ schedule: "00 09 * * ? *", timezone: "UTC" }) });
    expect(created.status).toBe(201);
    // The same session by its header, on the plain base URL.
    type List = { schedules: unknown[] };
    const viaHeader = (await (await fetch(schedules(`${server.url}/omni`), { headers: { ...AUTH, ...a.headers } })).json()) as List;
    const inDefault = (await (await fetch(schedules(`${server.url}/omni`), { headers: AUTH })).json()) as List;
    expect(viaHeader.schedules.length).toBe(inDefault.schedules.length + 1);
    expect(await a.requests({ vendor: "omni" })).toHaveLength(2);
  });

  test("without an id, a new session each time", () => {
    const one = server.session();
    const two = server.session();
    expect(one.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(two.id).not.toBe(one.id);
  });

  test("an id outside the rule throws, naming it", () => {
    expect(() => server.session("a b")).toThrow(/must be 1 to 64 of A-Z, a-z, 0-9, _ and -/);
  });

  test("clock: now, set, advance move this session's clock only", async () => {
    const a = server.session("client-clock");
    const b = server.session("client-clock-other");
    expect(await a.clock.now()).toEqual(new Date(CLOCK));
    expect(await a.clock.set("2026-03-01T00:00:00Z")).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(await a.clock.advance("P1D")).toEqual(new Date("2026-03-02T00:00:00Z"));
    expect(await a.clock.advance(60_000)).toEqual(new Date("2026-03-02T00:01:00Z"));
    expect(await a.clock.set(new Date("2026-02-01T00:00:00Z"))).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(await b.clock.now()).toEqual(new Date(CLOCK));
  });

  test("faults: add, list, remove, clear; a rule answers in its session only", async () => {
    const a = server.session("client-faults");
    const b = server.session("client-faults-other");
    const rule = await a.faults.add({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503 });
    expect(rule).toMatchObject({ id: expect.any(Number), vendor: "omni", status: 503, hits: 0 });
    expect((await fetch(schedules(a.url("omni")), { headers: AUTH })).status).toBe(503);
    expect((await fetch(schedules(b.url("omni")), { headers: AUTH })).status).toBe(200);
    expect((await a.faults.list()).map((r) => r.hits)).toEqual([1]);
    expect(await b.faults.list()).toEqual([]);
    await a.faults.remove(rule.id);
    expect(await a.faults.list()).toEqual([]);
    await a.faults.add({ vendor: "omni", latencyMs: 1 });
    await a.faults.clear();
    expect(await a.faults.list()).toEqual([]);
  });

  test("a call the admin API refuses throws a TaskmockAdminError with its status and problem", async () => {
    const a = server.session("client-refused");
    const refused = await a.faults.add({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 418 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TaskmockAdminError);
    expect(refused).toMatchObject({ status: 400, problem: { type: "urn:taskmock:problem:undocumented-status" } });
    expect((refused as Error).message).toContain("listSchemaRefreshSchedules documents");
    await expect(a.faults.remove(999)).rejects.toMatchObject({ status: 404 });
    await expect(a.maintenance.open("awork")).rejects.toMatchObject({ status: 400 });
    expect(() => a.url("nothing" as never)).toThrow(/nothing is not served/);
  });

  test("maintenance: open, list, clear", async () => {
    const a = server.session("client-maintenance");
    expect(await a.maintenance.open("omni", { retryAfter: 30, until: "2026-01-02T00:00:00Z" })).toEqual({
      vendor: "omni",
      retryAfter: 30,
      until: "2026-01-02T00:00:00.000Z",
    });
    const answer = await fetch(schedules(a.url("omni")), { headers: AUTH });
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("30");
    expect(await a.maintenance.list()).toEqual([{ vendor: "omni", retryAfter: 30, until: "2026-01-02T00:00:00.000Z" }]);
    await a.maintenance.clear();
    expect(await a.maintenance.list()).toEqual([]);
    expect((await fetch(schedules(a.url("omni")), { headers: AUTH })).status).toBe(200);
  });

  test("reset, state, requests, verify, coverage: a reset restores the records and keeps the verify record", async () => {
    const a = server.session("client-reset");
    const one = `${schedules(a.url("omni"))}/${SEED_SCHEDULE}`;
    expect((await fetch(one, { method: "DELETE", headers: AUTH })).status).toBe(200);
    expect((await fetch(one, { headers: AUTH })).status).toBe(404);
    // A request that breaks the contract: awork's empty body.
    expect((await fetch(`${a.url("awork")}/api/v1/taskschedules`, { method: "POST", headers: JSON_AUTH, body: "{}" })).status).toBe(400);
    const ids = (state: Record<string, unknown>) => JSON.stringify(state).includes(SEED_SCHEDULE);
    expect(ids(await a.state("omni"))).toBe(false);
    expect(await a.requests({ invalid: true })).toHaveLength(1);
    expect(await a.requests({ status: 404 })).toHaveLength(1);

    await a.reset("omni");
    expect(ids(await a.state("omni"))).toBe(true);
    expect(await a.requests()).toHaveLength(3);
    await a.reset();
    expect(await a.requests()).toEqual([]);
    const verify = await a.verify();
    expect(verify).toMatchObject({ ok: false, requests: 3, breaking: 1 });
    expect(await a.verify({ vendors: ["omni"] })).toMatchObject({ ok: true, requests: 2 });
    expect(await a.verifyText()).toContain("awork createTaskSchedule  POST /api/v1/taskschedules → 400");
    const coverage = await a.coverage({ vendors: ["omni"] });
    expect(coverage.vendors.map((v) => v.vendor)).toEqual(["omni"]);
    expect(coverage.operations.reached).toBe(2);

    await a.clearRequests();
    expect(await a.verify()).toMatchObject({ ok: true, requests: 0, cleared: CLOCK.replace("Z", ".000Z") });
  });

  test("delete() drops the session: its requests then answer 410; session(id) creates it afresh", async () => {
    const a = server.session("client-delete");
    await a.clock.advance("PT1H");
    await a.delete();
    const gone = await fetch(schedules(a.url("omni")), { headers: AUTH });
    expect(gone.status).toBe(410);
    await expect(a.clock.now()).rejects.toMatchObject({ status: 410, problem: { reason: "deleted" } });
    await expect(a.delete()).rejects.toMatchObject({ status: 404 });
    const again = server.session("client-delete");
    expect(await again.clock.now()).toEqual(new Date(CLOCK));
  });
});

describe("connectSession(url, id)", () => {
  test("creates the session over HTTP and answers its client", async () => {
    const a = await connectSession(`${server.url}/`, "client-connect");
    expect(a.urls).toEqual(server.session("client-connect").urls);
    await a.clock.advance("PT2H");
    expect(await server.session("client-connect").clock.now()).toEqual(new Date("2026-01-01T02:00:00Z"));
    const generated = await connectSession(server.url);
    expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("in-process through app.request, on one vendor at the root", async () => {
    const app = createMockServer({ vendor: "omni", seed: 5, clock: CLOCK, report: () => {} });
    const a = await connectSession("http://taskmock.test", "in-process", { fetch: async (request) => app.request(request) });
    expect(a.urls).toEqual({ omni: "http://taskmock.test/__sessions/in-process" });
    const rule = await a.faults.add({ status: 503 });
    expect(rule.status).toBe(503);
    const answer = await app.request(schedules(a.url("omni")), { headers: AUTH });
    expect(answer.status).toBe(503);
    expect(app.mock.faults.list()).toEqual([]);
  });
});
