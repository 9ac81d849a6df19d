// Coverage: GET /__admin/coverage and `taskmock coverage` show which operations, and which
// documented statuses of each, the journal's requests reached, per vendor, against the specs;
// thresholds make the CLI exit 1 below them.
import { describe, expect, test } from "vitest";
import { type CoverageReport, checkCoverage, coverageOf } from "../../src/engine/coverage.js";
import type { JournalEntry } from "../../src/engine/journal.js";
import { compileSpec } from "../../src/engine/operation.js";
import { createMockServer } from "../../src/index.js";
import { taskmock } from "../contract/cli.js";
import { startCli } from "../helpers/cli.js";
import { allSpecs } from "../helpers/specs.js";
import { request } from "../helpers/http.js";

const CLOCK = "2026-01-01T00:00:00Z";
const ADMIN = { authorization: "Bearer taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const SCHEDULE = `${OMNI}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`;

type Report = CoverageReport & { thresholds: { ok: boolean; failures: string[] } };

const statusesOf = (report: CoverageReport, vendor: string, operationId: string) =>
  report.vendors
    .find((v) => v.vendor === vendor)
    ?.items.find((i) => i.operationId === operationId)
    ?.statuses.filter((s) => s.requests > 0);

describe("GET /__admin/coverage", () => {
  test("counts operation × documented status pairs per vendor, for the vendors the journal has requests for", async () => {
    const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
    await request(app, OMNI, { headers: ADMIN });
    await request(app, OMNI, { headers: ADMIN });
    await request(app, OMNI);
    await request(app, SCHEDULE, { headers: ADMIN });
    await request(app, SCHEDULE, { headers: { ...ADMIN, prefer: "code=503" } });
    const report = (await (await request(app, "/__admin/coverage")).json()) as Report;
    expect(report.vendors.map((v) => v.vendor)).toEqual(["omni"]);
    const omni = report.vendors[0];
    expect(omni?.requests).toBe(5);
    expect(omni?.operations).toEqual({ reached: 2, total: 5, percent: 40 });
    expect(omni?.statuses).toEqual({ reached: 4, total: 35, percent: 11.4 });
    expect(statusesOf(report, "omni", "listSchemaRefreshSchedules")).toEqual([
      { status: 200, requests: 2, forced: 0 },
      { status: 401, requests: 1, forced: 0 },
    ]);
    expect(statusesOf(report, "omni", "getSchemaRefreshSchedule")).toEqual([
      { status: 200, requests: 1, forced: 0 },
      { status: 503, requests: 1, forced: 1 },
    ]);
    expect(report.operations).toEqual(omni?.operations);
    expect(report.uncounted).toBe(0);
    expect(report.thresholds).toEqual({ ok: true, failures: [] });
  });

  test("route errors and a Prefer asking for an undocumented status reach no documented response", async () => {
    const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
    await request(app, "/omni/api/v1/nothing", { headers: ADMIN });
    await request(app, OMNI, { method: "DELETE", headers: ADMIN });
    await request(app, OMNI, { headers: { ...ADMIN, prefer: "code=500" } });
    const report = (await (await request(app, "/__admin/coverage")).json()) as Report;
    expect(report.uncounted).toBe(3);
    expect(report.statuses.reached).toBe(0);
  });

  test("an empty journal shows every vendor served at 0%; vendor picks them; thresholds answer ok and failures", async () => {
    const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
    const empty = (await (await request(app, "/__admin/coverage")).json()) as Report;
    expect(empty.vendors.map((v) => v.vendor).sort()).toEqual(["awork", "crego", "huawei", "omni", "spaaza"]);
    expect(empty.operations.percent).toBe(0);

    await request(app, OMNI, { headers: ADMIN });
    const two = (await (await request(app, "/__admin/coverage?vendor=omni,awork&min-operations=10&min-statuses=5")).json()) as Report;
    expect(two.vendors.map((v) => v.vendor)).toEqual(["omni", "awork"]);
    expect(two.operations).toEqual({ reached: 1, total: 11, percent: 9.1 });
    expect(two.thresholds).toEqual({
      minOperations: 10,
      minStatuses: 5,
      ok: false,
      failures: ["operations reached: 9.1%, below the minimum of 10%", "documented statuses reached: 1.6%, below the minimum of 5%"],
    });
    // A vendor named twice counts once.
    const twice = (await (await request(app, "/__admin/coverage?vendor=omni,omni")).json()) as Report;
    expect(twice.vendors.map((v) => v.vendor)).toEqual(["omni"]);
    expect(twice.operations.total).toBe(two.vendors.find((v) => v.vendor === "omni")?.operations.total);
    expect((await request(app, "/__admin/coverage?vendor=stripe")).status).toBe(400);
    expect((await request(app, "/__admin/coverage?min-operations=abc")).status).toBe(400);
    expect((await request(app, "/__admin/coverage?min-statuses=101")).status).toBe(400);
    expect((await request(app, "/__admin/coverage?format=csv")).status).toBe(400);
  });

  test("format=table and format=markdown render the same report; a status reached only by forcing is marked *", async () => {
    const app = createMockServer({ vendor: "omni", seed: 1, clock: CLOCK, report: () => {} });
    await request(app, "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
    await request(app, "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: { ...ADMIN, prefer: "code=429" } });
    const table = await (await request(app, "/__admin/coverage?format=table")).text();
    expect(table.split("\n").slice(0, 4)).toEqual([
      "taskmock coverage: 1/5 operations (20%), 2/35 documented statuses (5.7%)",
      "",
      "vendor  operation                    method  path                                                       reached   not reached",
      "omni    listSchemaRefreshSchedules   GET     /api/v1/connections/{connectionId}/schedules               200 429*  400 401 403 404 503",
    ]);
    expect(table).toContain("omni: 1/5 operations (20%), 2/35 statuses (5.7%)");
    const res = await request(app, "/__admin/coverage?format=markdown");
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    const markdown = await res.text();
    expect(markdown).toContain("| vendor | operation | method | path | reached | not reached |");
    expect(markdown).toContain(
      "| omni | listSchemaRefreshSchedules | GET | `/api/v1/connections/{connectionId}/schedules` | 200 429* | 400 401 403 404 503 |",
    );
  });
});

describe("coverageOf", () => {
  const specs = new Map(allSpecs().map((s) => [s.vendor, compileSpec(s.vendor, s.doc)]));
  const entry = (over: Partial<JournalEntry>): JournalEntry => ({
    id: 1,
    time: CLOCK,
    vendor: "awork",
    operationId: "listTaskSchedules",
    method: "GET",
    path: "/api/v1/taskschedules",
    query: {},
    headers: {},
    body: undefined,
    status: 200,
    outcome: "handled",
    negotiation: { kind: "none", asked401: false },
    violations: [],
    forced: false,
    durationMs: 1,
    ...over,
  });

  test("taskmock's own 500 (a response that broke the spec) and a dropped connection count for nothing", () => {
    const report = coverageOf(specs, [
      entry({ status: 500, outcome: "response-violation" }),
      entry({ status: 0, outcome: "fault", forced: true }),
      entry({ status: 429, outcome: "fault", forced: true }),
    ]);
    expect(report.vendors.map((v) => v.vendor)).toEqual(["awork"]);
    expect(statusesOf(report, "awork", "listTaskSchedules")).toEqual([{ status: 429, requests: 1, forced: 1 }]);
    expect(report.uncounted).toBe(2);
  });

  test("thresholds compare the exact percentage, not the rounded one", () => {
    const report = coverageOf(specs, [entry({})], { vendors: ["awork"] });
    expect(report.operations).toEqual({ reached: 1, total: 6, percent: 16.7 });
    expect(checkCoverage(report, { minOperations: 16.7 })).toEqual(["operations reached: 16.7%, below the minimum of 16.7%"]);
    expect(checkCoverage(report, { minOperations: 16.6, minStatuses: 2.8 })).toEqual([]);
  });
});

describe("taskmock coverage", () => {
  test("prints the table, JSON or Markdown, and exits 1 below --min-operations or --min-statuses", async () => {
    const cli = await startCli(["serve", "--port", "0", "--seed", "1", "--clock", CLOCK]);
    try {
      await fetch(`${cli.url}${OMNI}`, { headers: ADMIN });
      await fetch(`${cli.url}${SCHEDULE}`, { headers: ADMIN });
      await fetch(`${cli.url}${SCHEDULE}`, { method: "DELETE", headers: ADMIN });
      await fetch(`${cli.url}${SCHEDULE}`, { headers: ADMIN });

      const table = await taskmock(["coverage", "--url", cli.url]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^taskmock coverage: 3\/5 operations \(60%\), 4\/35 documented statuses \(11.4%\)\n/);
      expect(table.stdout).toContain(
        "getSchemaRefreshSchedule     GET     /api/v1/connections/{connectionId}/schedules/{scheduleId}  200 404",
      );

      const met = await taskmock(["coverage", "--url", cli.url, "--min-operations", "60", "--min-statuses", "10"]);
      expect(met.code).toBe(0);
      const operations = await taskmock(["coverage", "--url", cli.url, "--min-operations", "80"]);
      expect(operations.code).toBe(1);
      expect(operations.stderr).toBe("taskmock coverage: operations reached: 60%, below the minimum of 80%\n");
      const statuses = await taskmock(["coverage", "--url", cli.url, "--min-statuses", "50", "--format", "json"]);
      expect(statuses.code).toBe(1);
      expect(JSON.parse(statuses.stdout)).toMatchObject({
        statuses: { reached: 4, total: 35 },
        thresholds: { ok: false, failures: ["documented statuses reached: 11.4%, below the minimum of 50%"] },
      });
      const markdown = await taskmock(["coverage", "--url", cli.url, "--format", "markdown", "--vendor", "omni", "--vendor", "awork"]);
      expect(markdown.code).toBe(0);
      expect(markdown.stdout).toMatch(/^\*\*taskmock coverage: 3\/11 operations \(27.3%\)/);
      expect(markdown.stdout).toContain(
        "| awork | deleteTaskSchedule | DELETE | `/api/v1/taskschedules/{taskScheduleId}` | - | 204 400 401 404 429 |",
      );
      const env = await taskmock(["coverage"], { TASKMOCK_URL: cli.url });
      expect(env.code).toBe(0);
    } finally {
      await cli.stop();
    }
  });

  test.each([
    [["coverage", "--min-operations", "eighty"], "--min-operations must be a percentage from 0 to 100"],
    [["coverage", "--min-statuses", "150"], "--min-statuses must be a percentage from 0 to 100"],
    [["coverage", "--format", "csv"], "--format must be table, json or markdown"],
    [["coverage", "--url", "http://127.0.0.1:9"], "cannot reach the mock at http://127.0.0.1:9"],
  ])("taskmock %j exits 2: %s", async (args, message) => {
    const { code, stderr } = await taskmock(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
