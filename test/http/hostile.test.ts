// Hostile input (issue 12's findings): each answered inside the contract, in the vendor's shape,
// with the state as it was and every later read still answering. And the admin API refuses what
// it does not understand instead of doing something destructive.
import { describe, expect, test } from "vitest";
import { createMockServer, type MockApp } from "../../src/index.js";
import { json, request } from "../helpers/http.js";

const CLOCK = "2026-01-01T00:00:00Z";
const CREGO = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret" };
const OMNI = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const OMNI_SCHEDULE = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules/a1b2c3d4-e5f6-7890-abcd-ef1234567890";

function mock(): MockApp {
  return createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
}

/** The text of a JSON value nested `depth` levels deep (JSON.stringify itself gives up past a few thousand). */
function deep(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

describe("the findings: each answered inside the contract, nothing kept", () => {
  test("crego, strict: a body key named __proto__ is named in the DRF body as an own field, not set as its prototype", async () => {
    // Strict: Crego's server ignores fields it does not take (that path: test/vendors/crego/ignored.test.ts); strict names them.
    const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {}, strict: true });
    const before = app.mock.state("crego");
    const res = await request(app, "/crego/tasks/schedules/9/", { method: "PATCH", headers: CREGO, body: '{"__proto__": {}, "constructor": 1}' });
    expect(res.status).toBe(400);
    const body = JSON.parse(await res.text());
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    expect(body.__proto__).toEqual(["This field is not allowed."]);
    expect(body.constructor).toEqual(["This field is not allowed."]);
    expect(app.mock.state("crego")).toEqual(before);
  });

  test("crego: a body nested past the limit is a 400; the schedule, the list, the state and the journal still answer", async () => {
    const app = mock();
    const before = app.mock.state("crego");
    const res = await request(app, "/crego/tasks/schedules/9/", { method: "PATCH", headers: CREGO, body: `{"kwargs":${deep(6000)}}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ non_field_errors: ["Nests deeper than 64 levels."] });
    expect(app.mock.state("crego")).toEqual(before);
    expect((await request(app, "/crego/tasks/schedules/9/", { headers: CREGO })).status).toBe(200);
    expect((await request(app, "/crego/tasks/schedules/", { headers: CREGO })).status).toBe(200);
    expect((await request(app, "/__admin/state/crego")).status).toBe(200);
    const journal = await request(app, "/__admin/requests");
    expect(journal.status).toBe(200);
    expect(JSON.stringify(await journal.json())).toContain("nests deeper than 64 levels");
  });

  test("a body just inside the limit is still read and checked", async () => {
    const app = mock();
    const res = await request(app, "/crego/tasks/schedules/9/", { method: "PATCH", headers: CREGO, body: `{"kwargs":${deep(62)}}` });
    expect(res.status).toBe(200);
  });

  test.each([
    ["/spaaza/tasks/1e400", SPAAZA],
    ["/spaaza/tasks/Infinity", SPAAZA],
    ["/spaaza/tasks/0x10", SPAAZA],
    ["/spaaza/tasks/ 12", SPAAZA],
    ["/crego/tasks/schedules/0x10/", CREGO],
    ["/crego/tasks/schedules/1e1/", CREGO],
    ["/crego/tasks/schedules/99999999999999999999/", CREGO],
    ["/awork/api/v1/taskschedules?pageSize=-Infinity", { authorization: "Bearer taskmock-admin" }],
    ["/awork/api/v1/taskschedules?pageSize=1e2", { authorization: "Bearer taskmock-admin" }],
  ])("a number that is not a decimal integer is a 400 naming the parameter: %s", async (path, headers) => {
    const app = mock();
    const res = await request(app, path, { headers });
    expect(res.status).toBe(400);
    const entry = app.mock.journal.entries().at(-1);
    expect(entry?.violations[0]).toMatchObject({ rule: "type", message: "must be integer" });
  });

  test.each(["-1e400", "0", "-1", "abc", "0x10", "1.5", "99"])("crego: page=%s is DRF's 404 Invalid page (conflict crego-invalid-page-404)", async (page) => {
    const app = mock();
    const res = await request(app, `/crego/tasks/schedules/?page=${page}`, { headers: CREGO });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Invalid page." });
  });

  test("crego: page=last is the last page, as DRF takes it (conflict crego-invalid-page-404)", async () => {
    const app = mock();
    const last = await json(request(app, "/crego/tasks/schedules/?page=last&page_size=10", { headers: CREGO }));
    expect(last.current_page).toBe(last.total_pages);
    expect(last.next_page).toBeNull();
  });

  test.each([
    ["awork", "DELETE", "/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", { authorization: "Bearer taskmock-admin" }],
    ["spaaza", "DELETE", "/spaaza/tasks/12345", SPAAZA],
  ])("%s: Prefer example=<unknown> on a status without a body is the documented problem, not ignored", async (_vendor, method, path, headers) => {
    const app = mock();
    const res = await request(app, path, { method, headers: { ...headers, prefer: "example=nothing-like-it" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: "urn:taskmock:problem:unknown-example" });
  });

  test("time-zone names in random letter case do not grow memory: the formatters are keyed by the canonical zone", async () => {
    const app = mock();
    const { resolveZone, zonesHeld } = await import("../../src/vendors/zones.js");
    const spell = (i: number) => [..."America/Argentina/ComodRivadavia"].map((ch, j) => ((i >> j % 20) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join("");
    const first = await request(app, OMNI_SCHEDULE, { method: "PUT", headers: OMNI, body: JSON.stringify({ schedule: "0 9 * * ? *", timezone: spell(1) }) });
    expect(first.status).toBe(200);
    const held = zonesHeld();
    for (let i = 2; i < 200; i++) {
      const res = await request(app, OMNI_SCHEDULE, { method: "PUT", headers: OMNI, body: JSON.stringify({ schedule: "0 9 * * ? *", timezone: spell(i) }) });
      expect(res.status).toBe(200);
    }
    // 198 more spellings of one zone: not one formatter more.
    expect(zonesHeld()).toBe(held);
    expect(resolveZone("aMerICA/argeNtiNA/COmODriVadaVIa")).toBe(resolveZone("America/Argentina/ComodRivadavia"));
  });

  test("the journal is bounded in bytes: a long body is kept cut, with a marker, and the oldest entries make room", async () => {
    // strict: Omni's server ignores the unknown `pad`; strict refuses it, so nothing is written.
    const app = createMockServer({ seed: 1, clock: CLOCK, strict: true, report: () => {} });
    const big = JSON.stringify({ schedule: "0 9 * * ? *", timezone: "UTC", pad: "x".repeat(900 * 1024) });
    for (let i = 0; i < 3; i++) expect((await request(app, OMNI_SCHEDULE, { method: "PUT", headers: OMNI, body: big })).status).toBe(400);
    const entries = app.mock.journal.entries();
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(typeof entry.body).toBe("string");
      expect((entry.body as string).length).toBeLessThan(70 * 1024);
      expect(entry.body).toMatch(/\[taskmock: body cut at 65536 of \d+ characters\]$/);
    }
    expect(app.mock.journal.bytes).toBeLessThan(3 * 80 * 1024);
    app.mock.journal.clear();
    expect(app.mock.journal.bytes).toBe(0);
  });

  test("a backslash in the path gets the vendor's answer, as the web URL reads it", async () => {
    const app = mock();
    const res = await request(app, "/spaaza/tasks\\12345", { headers: SPAAZA });
    expect(res.status).toBe(200);
    expect((await json(res)).id).toBe(12345);
  });

  test("HEAD answers like GET, without the body, wherever GET is routed", async () => {
    const app = mock();
    const get = await request(app, "/spaaza/tasks/12345", { headers: SPAAZA });
    const head = await request(app, "/spaaza/tasks/12345", { method: "HEAD", headers: SPAAZA });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    // Through the in-process fetch entry too.
    const fetched = await app.request("/spaaza/tasks/12345", { method: "HEAD", headers: SPAAZA });
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe("");
    // A path without GET is still a 405.
    expect((await request(app, "/spaaza/tasks/12345/execute", { method: "HEAD", headers: SPAAZA })).status).toBe(405);
  });
});

describe("the admin API refuses what it does not understand", () => {
  test("DELETE /__admin/faults?id=5 is a 400, and deletes nothing; DELETE /__admin/faults/{id} deletes that one", async () => {
    const app = mock();
    const one = await json(request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "omni", status: 503 }) }));
    const two = await json(request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "awork", status: 503 }) }));
    const typo = await request(app, `/__admin/faults?id=${one.id}`, { method: "DELETE" });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ type: "urn:taskmock:problem:admin-bad-request", unknown: ["id"] });
    expect(app.mock.faults.list()).toHaveLength(2);
    expect((await request(app, `/__admin/faults/${one.id}`, { method: "DELETE" })).status).toBe(204);
    expect(app.mock.faults.list().map((r) => r.id)).toEqual([two.id]);
    expect((await request(app, `/__admin/faults/${one.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await request(app, "/__admin/faults/first", { method: "DELETE" })).status).toBe(400);
  });

  test("reset takes a vendor, in the body or the query, and resets only that vendor", async () => {
    const app = mock();
    const spaazaBefore = app.mock.state("spaaza");
    const crego = app.mock.state("crego");
    await request(app, "/spaaza/tasks/12345", { method: "DELETE", headers: SPAAZA });
    await request(app, "/crego/tasks/schedules/9/", { method: "PATCH", headers: CREGO, body: JSON.stringify({ name: "renamed" }) });
    const cregoChanged = app.mock.state("crego");
    expect(cregoChanged).not.toEqual(crego);
    const res = await request(app, "/__admin/reset", { method: "POST", body: JSON.stringify({ vendor: "spaaza" }) });
    expect(await res.json()).toEqual({ reset: ["spaaza"] });
    expect(app.mock.state("spaaza")).toEqual(spaazaBefore);
    expect(app.mock.state("crego")).toEqual(cregoChanged);
    expect(app.mock.journal.size).toBeGreaterThan(0);
    await request(app, "/__admin/reset?vendor=crego", { method: "POST" });
    expect(app.mock.state("crego")).toEqual(crego);
    expect((await request(app, "/__admin/reset", { method: "POST", body: JSON.stringify({ vendor: "stripe" }) })).status).toBe(400);
    expect((await request(app, "/__admin/reset", { method: "POST", body: JSON.stringify({ vendors: "omni" }) })).status).toBe(400);
  });

  test.each([
    ["GET", "/__admin/requests?vendorr=omni"],
    ["GET", "/__admin/health?verbose=1"],
    ["GET", "/__admin/verify?vendors=omni"],
    ["GET", "/__admin/coverage?min-operation=50"],
    ["GET", "/__admin/state/omni?pretty=1"],
    ["DELETE", "/__admin/requests?vendor=omni"],
    ["GET", "/__admin/clock?tz=UTC"],
    ["GET", "/__admin/maintenance?vendor=omni"],
  ])("%s %s: an unknown query parameter is a 400 naming it", async (method, path) => {
    const app = mock();
    await request(app, "/spaaza/tasks/12345", { headers: SPAAZA });
    const res = await request(app, path, { method });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.type).toBe("urn:taskmock:problem:admin-bad-request");
    expect(problem.detail).toContain(`"${new URL(path, "http://x").searchParams.keys().next().value}"`);
    expect(app.mock.journal.size).toBe(1);
  });
});

test("an unknown admin path stays a 404 whatever its query", async () => {
  const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
  const res = await request(app, "/__admin/request?vendor=omni");
  expect(res.status).toBe(404);
  expect(await json(res)).toMatchObject({ type: "urn:taskmock:problem:admin-not-found" });
});
