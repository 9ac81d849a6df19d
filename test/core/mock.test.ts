// Two mocks in one process share only what never changes (compiled specs, frozen fixtures): each
// owns its stores, clock, journal, fault rules, maintenance windows, id sequences and scheduler.
// Driven differently, neither shows a trace of the other.
import { expect, test } from "vitest";
import { createMock, createMockServer, loadDefinitions } from "../../src/index.js";
import { VENDORS } from "../../src/vendors/index.js";
import { json, request } from "../helpers/http.js";

const CLOCK = "2026-01-01T00:00:00Z";
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };
const task = (once: string) =>
  JSON.stringify({ chain: 1764, desc: "export", target: { action: "export", export_index: "wallet-ledger", export_format: "csv" }, trigger: { once } });

test("two mocks in one process: writes, clock, faults, maintenance, resets and id sequences stay apart", async () => {
  const one = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
  const two = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
  const pristine = two.mock.state("spaaza");

  // Writes and the id sequence: one creates twice and deletes; two's next id is still the first.
  const first = await json(request(one, "/spaaza/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-01T00:05:00Z") }));
  const second = await json(request(one, "/spaaza/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-01T00:05:00Z") }));
  expect(second.id).toBe(first.id + 1);
  expect((await request(one, `/spaaza/tasks/${second.id}`, { method: "DELETE", headers: SPAAZA })).status).toBe(204);
  expect(two.mock.state("spaaza")).toEqual(pristine);
  const theirs = await json(request(two, "/spaaza/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-01T00:05:00Z") }));
  expect(theirs.id).toBe(first.id);

  // The clock and the scheduled work it runs.
  one.mock.clock.advance(10 * 60_000);
  expect(two.mock.clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
  const ran = await json(request(one, `/spaaza/tasks/${first.id}`, { headers: SPAAZA }));
  const waiting = await json(request(two, `/spaaza/tasks/${theirs.id}`, { headers: SPAAZA }));
  expect(ran.state.code).toBe("DONE");
  expect(waiting.state.code).toBe("READY");

  // Fault rules and maintenance windows.
  one.mock.faults.add({ vendor: "omni", status: 503 });
  one.mock.maintenance.set("huawei", { retryAfter: 30 });
  const omni = { authorization: "Bearer taskmock-admin" };
  const path = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
  expect((await request(one, path, { headers: omni })).status).toBe(503);
  expect((await request(two, path, { headers: omni })).status).toBe(200);
  expect(two.mock.faults.list()).toEqual([]);
  expect(two.mock.maintenance.size).toBe(0);

  // Journals: each holds its own requests.
  expect(one.mock.journal.entries().map((e) => e.vendor)).toEqual(["spaaza", "spaaza", "spaaza", "spaaza", "omni"]);
  expect(two.mock.journal.entries().map((e) => e.vendor)).toEqual(["spaaza", "spaaza", "omni"]);

  // A reset of one leaves the other's records and sequence as they were.
  one.mock.reset();
  expect(one.mock.state("spaaza")).toEqual(pristine);
  expect(one.mock.journal.size).toBe(0);
  expect(two.mock.journal.size).toBe(3);
  const again = await json(request(one, "/spaaza/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-02T00:00:00Z") }));
  expect(again.id).toBe(first.id);
  const next = await json(request(two, "/spaaza/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-02T00:00:00Z") }));
  expect(next.id).toBe(first.id + 1);
});

test("mocks built from the same loaded definitions share the compiled specs and nothing mutable", () => {
  const options = { vendors: [VENDORS.crego, VENDORS.omni] };
  const definitions = loadDefinitions(options);
  const a = createMock({ ...options, definitions, clock: CLOCK });
  const b = createMock({ ...options, definitions, clock: CLOCK });
  expect(a.specs.get("crego")).toBe(b.specs.get("crego"));
  a.update("crego", (state) => {
    const schedules = state.collection("schedules");
    const first = schedules.list()[0] as Record<string, unknown>;
    schedules.put({ ...first, name: "changed in a" });
  });
  const names = (state: ReturnType<typeof a.state>) => (state["schedules"] as { name: string }[]).map((s) => s.name);
  expect(names(a.state("crego"))).toContain("changed in a");
  expect(names(b.state("crego"))).not.toContain("changed in a");
});

test("the clock set back and moved forward again runs nothing twice", async () => {
  const app = createMockServer({ vendor: "spaaza", seed: 1, clock: CLOCK, report: () => {} });
  const created = await json(request(app, "/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-01T00:05:00Z") }));
  app.mock.clock.advance(10 * 60_000);
  const done = await json(request(app, `/tasks/${created.id}`, { headers: SPAAZA }));
  expect(done.state.code).toBe("DONE");
  app.mock.clock.set(new Date(CLOCK));
  app.mock.clock.advance(10 * 60_000);
  const after = await json(request(app, `/tasks/${created.id}`, { headers: SPAAZA }));
  expect(after.state).toEqual(done.state);
  expect(after.logs).toEqual(done.logs);

  // A reset starts the timeline over: nothing has run since, so the clock may go back and run again.
  app.mock.reset();
  app.mock.clock.set(new Date(CLOCK));
  const again = await json(request(app, "/tasks", { method: "POST", headers: SPAAZA, body: task("2026-01-01T00:05:00Z") }));
  app.mock.clock.advance(10 * 60_000);
  expect((await json(request(app, `/tasks/${again.id}`, { headers: SPAAZA }))).state.code).toBe("DONE");
});
