// Verify: GET /__admin/verify and `taskmock verify` read the journal and list every request that
// broke the contract. What counts (src/engine/verify.ts): a request the client sent wrong is a
// break even when the test forced the answer; a forced answer alone is not; a 401 is a break
// unless the request asked for 401; a 403 for a valid credential is not; a Prefer asking for an
// undocumented response is.
import { describe, expect, test } from "vitest";
import type { VerifyReport } from "../../src/engine/verify.js";
import { createMockServer } from "../../src/index.js";
import { taskmock } from "../contract/cli.js";
import { startCli } from "../helpers/cli.js";
import { request } from "../helpers/http.js";

const CLOCK = "2026-01-01T00:00:00Z";
const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const AWORK = "/awork/api/v1/taskschedules";
const SEED = "123e4567-e89b-12d3-a456-426614174000";
const VALID = { taskId: SEED, userId: SEED, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

function mock() {
  const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
  const verify = async (query = ""): Promise<VerifyReport> => {
    const res = await request(app, `/__admin/verify${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as VerifyReport;
  };
  return { app, verify };
}

describe("GET /__admin/verify", () => {
  test("valid requests, whatever they answer, break nothing", async () => {
    const { app, verify } = mock();
    expect((await request(app, AWORK, { headers: ADMIN })).status).toBe(200);
    expect((await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify(VALID) })).status).toBe(200);
    // A documented refusal of a valid request (an unknown id) is the vendor's answer, not a break.
    expect((await request(app, `${AWORK}/00000000-0000-4000-8000-0000000000ff`, { headers: ADMIN })).status).toBe(404);
    expect(await verify()).toEqual({
      ok: true,
      strict: false,
      requests: 3,
      breaking: 0,
      excused: 0,
      violations: [],
      ignored: [],
      refusals: [],
      upstream: [],
      warnings: [],
    });
  });

  test("an invalid body is listed with vendor, operation, request line, location, rule and message", async () => {
    const { app, verify } = mock();
    expect(
      (await request(app, `${AWORK}?x=1`, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify({ ...VALID, userId: undefined }) }))
        .status,
    ).toBe(400);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, requests: 1, breaking: 1 });
    expect(report.violations).toEqual([
      {
        id: expect.any(Number),
        time: "2026-01-01T00:00:00.000Z",
        vendor: "awork",
        operationId: "createTaskSchedule",
        method: "POST",
        request: "POST /api/v1/taskschedules?x=1",
        status: 400,
        forced: false,
        kind: "request",
        location: "body",
        pointer: "/userId",
        rule: "required",
        message: "is required",
      },
    ]);
  });

  test("parameters, content type, unknown paths and methods are breaks; route errors have no operation", async () => {
    const { app, verify } = mock();
    await request(app, `${AWORK}?pageSize=5000`, { headers: ADMIN });
    await request(app, AWORK, { method: "POST", headers: { ...ADMIN, "content-type": "text/plain" }, body: "hello" });
    await request(app, "/awork/api/v1/nothing-here", { headers: ADMIN });
    await request(app, AWORK, { method: "PATCH", headers: ADMIN });
    const report = await verify();
    expect(report.breaking).toBe(4);
    expect(report.violations.map((v) => [v.operationId, v.request, v.status, v.location, v.rule])).toEqual([
      ["listTaskSchedules", "GET /api/v1/taskschedules?pageSize=5000", 400, "query", "maximum"],
      ["createTaskSchedule", "POST /api/v1/taskschedules", 400, "header", "content-type"],
      [undefined, "GET /api/v1/nothing-here", 404, "route", "route"],
      [undefined, "PATCH /api/v1/taskschedules", 405, "route", "method"],
    ]);
  });

  test("a vendor's documented rule on the body (an end before the start) is a break too", async () => {
    const { app, verify } = mock();
    const body = JSON.stringify({ ...VALID, endDate: "2022-03-01T08:00:00Z" });
    expect((await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body })).status).toBe(400);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.violations[0]).toMatchObject({ operationId: "createTaskSchedule", kind: "request", status: 400 });
  });

  test("forced answers: a forced status alone is not a break; an invalid body under a forced status still is", async () => {
    const { app, verify } = mock();
    expect((await request(app, AWORK, { headers: { ...ADMIN, prefer: "code=429" } })).status).toBe(429);
    expect((await request(app, `${AWORK}?__code=400`, { headers: ADMIN })).status).toBe(400);
    await request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "awork", status: 429, times: 1 }) });
    expect((await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify(VALID) })).status).toBe(429);
    expect((await verify()).ok).toBe(true);

    expect((await request(app, AWORK, { method: "POST", headers: { ...JSON_ADMIN, prefer: "code=200" }, body: "{}" })).status).toBe(200);
    await request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "awork", status: 429, times: 1 }) });
    expect((await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body: "{}" })).status).toBe(429);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, requests: 5, breaking: 2 });
    expect(new Set(report.violations.map((v) => `${v.status} forced=${v.forced} ${v.location} ${v.rule}`))).toEqual(
      // awork's `{}` is an empty model (minProperties) missing every required field.
      new Set(["200 forced=true body minProperties", "200 forced=true body required", "429 forced=true body minProperties", "429 forced=true body required"]),
    );
  });

  test("credentials: a 401 is a break unless the request asked for 401; a 403 for a valid credential is not", async () => {
    const { app, verify } = mock();
    expect((await request(app, OMNI)).status).toBe(401);
    expect((await request(app, OMNI, { headers: { authorization: "Bearer not-a-key" } })).status).toBe(401);
    let report = await verify();
    expect(report.breaking).toBe(2);
    expect(report.violations.map((v) => [v.status, v.location, v.pointer, v.rule])).toEqual([
      [401, "header", "/authorization", "security"],
      [401, "header", "/authorization", "security"],
    ]);

    await request(app, "/__admin/requests", { method: "DELETE" });
    expect((await request(app, OMNI, { headers: { prefer: "code=401" } })).status).toBe(401);
    expect((await request(app, `${OMNI}?__code=401`)).status).toBe(401);
    const readonlyWrite = await request(app, OMNI, {
      method: "POST",
      headers: { authorization: "Bearer taskmock-readonly", "content-type": "application/json" },
      body: JSON.stringify({ schedule: "00 09 * * ? *", timezone: "UTC" }),
    });
    expect(readonlyWrite.status).toBe(403);
    // awork answers a user lacking the permission with 401 unauthorized (its Error Handling page):
    // the same refusal of a valid credential, excused alike.
    const aworkReadonlyWrite = await request(app, `${AWORK}/${SEED}`, { method: "DELETE", headers: { authorization: "Bearer taskmock-readonly" } });
    expect(aworkReadonlyWrite.status).toBe(401);
    report = await verify();
    expect(report).toMatchObject({ ok: true, requests: 4, breaking: 0, excused: 4 });
  });

  test("a Prefer asking for a response the operation does not document is a break of the test's own", async () => {
    const { app, verify } = mock();
    expect((await request(app, AWORK, { headers: { ...ADMIN, prefer: "code=503" } })).status).toBe(400);
    expect((await request(app, AWORK, { headers: { ...ADMIN, prefer: "code=200, example=nope" } })).status).toBe(400);
    expect((await request(app, AWORK, { headers: { ...ADMIN, prefer: "code=abc" } })).status).toBe(400);
    const report = await verify();
    expect(report.violations.map((v) => [v.kind, v.location, v.pointer, v.rule])).toEqual([
      ["prefer", "header", "/prefer", "prefer"],
      ["prefer", "header", "/prefer", "prefer"],
      ["prefer", "header", "/prefer", "prefer"],
    ]);
    expect(report.violations.map((v) => v.message)).toEqual([
      "asked for status 503, which listTaskSchedules does not document (it documents 200, 400, 401, 429)",
      "asked for an example named nope, which listTaskSchedules 200 does not have",
      "Prefer code=abc is not an HTTP status",
    ]);
  });

  test("vendor narrows the report; format=text is the terminal report", async () => {
    const app = createMockServer({ seed: 1, clock: CLOCK, report: () => {} });
    await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body: "{}" });
    await request(app, OMNI, { headers: ADMIN });
    const omniOnly = (await (await request(app, "/__admin/verify?vendor=omni")).json()) as VerifyReport;
    expect(omniOnly).toMatchObject({ ok: true, requests: 1, warnings: [] });
    const text = await (await request(app, "/__admin/verify?format=text")).text();
    expect(text).toContain("taskmock verify: 1 of 2 requests broke the contract (5 violations)");
    expect(text).toContain(
      "awork createTaskSchedule  POST /api/v1/taskschedules → 400\n  body  minProperties  must NOT have fewer than 1 properties\n  body /taskId  required  is required",
    );
    expect((await request(app, "/__admin/verify?vendor=stripe")).status).toBe(400);
    expect((await request(app, "/__admin/verify?format=xml")).status).toBe(400);
  });

  test("a breach is never forgotten silently: neither a reset nor the journal's bound drops it; only clearing the requests does, and the report says when", async () => {
    const app = createMockServer({ seed: 1, clock: CLOCK, journalSize: 2, report: () => {} });
    await request(app, AWORK, { method: "POST", headers: JSON_ADMIN, body: "{}" });
    expect((await request(app, "/__admin/reset", { method: "POST" })).status).toBe(200);
    for (let i = 0; i < 3; i++) await request(app, OMNI, { headers: ADMIN });
    expect(app.mock.journal.size).toBe(2);
    const report = (await (await request(app, "/__admin/verify")).json()) as VerifyReport;
    expect(report).toMatchObject({ ok: false, requests: 4, breaking: 1, warnings: [] });
    // awork's `{}`: an empty model (minProperties), and each of the four required fields missing.
    expect(report.violations.map((v) => `${v.operationId} ${v.rule} ${v.pointer}`)).toEqual([
      "createTaskSchedule minProperties /",
      "createTaskSchedule required /taskId",
      "createTaskSchedule required /startDate",
      "createTaskSchedule required /endDate",
      "createTaskSchedule required /userId",
    ]);
    const coverage = (await (await request(app, "/__admin/coverage?vendor=awork")).json()) as { vendors: { requests: number }[] };
    expect(coverage.vendors[0]?.requests).toBe(1);

    expect((await request(app, "/__admin/requests", { method: "DELETE" })).status).toBe(204);
    const cleared = (await (await request(app, "/__admin/verify")).json()) as VerifyReport;
    expect(cleared).toMatchObject({ ok: true, requests: 0, cleared: "2026-01-01T00:00:00.000Z" });
    const text = await (await request(app, "/__admin/verify?format=text")).text();
    expect(text).toContain("note: the record of requests was cleared at 2026-01-01T00:00:00.000Z (DELETE /__admin/requests)");
  });
});

describe("taskmock verify", () => {
  test("exits 0 when the contract held, 1 with each violation printed when it broke, --json for machines", async () => {
    const cli = await startCli(["serve", "--port", "0", "--seed", "1", "--clock", CLOCK]);
    try {
      await fetch(`${cli.url}${AWORK}`, { headers: ADMIN });
      const clean = await taskmock(["verify", "--url", cli.url]);
      expect(clean).toMatchObject({ code: 0, stdout: "taskmock verify: no contract violations in 1 request\n" });

      await fetch(`${cli.url}${OMNI}`, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify({ schedule: "00 09 * * ? *" }) });
      const broken = await taskmock(["verify", "--url", `${cli.url}/`]);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toBe(
        [
          "taskmock verify: 1 of 2 requests broke the contract (1 violation)",
          "",
          "omni createSchemaRefreshSchedule  POST /api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules → 400",
          "  body /timezone  required  is required",
          "",
        ].join("\n"),
      );
      const json = await taskmock(["verify", "--url", cli.url, "--json"]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, breaking: 1, violations: [{ vendor: "omni", rule: "required" }] });
      const awork = await taskmock(["verify", "--url", cli.url, "--vendor", "awork"]);
      expect(awork.code).toBe(0);
    } finally {
      await cli.stop();
    }
  });

  test("cannot go falsely green: fails on an empty record, and after a suite that broke the contract and then reset; --session and --all-sessions", async () => {
    const cli = await startCli(["serve", "--port", "0", "--seed", "1", "--clock", CLOCK]);
    try {
      const empty = await taskmock(["verify", "--url", cli.url]);
      expect(empty).toMatchObject({ code: 1, stdout: "taskmock verify: no contract violations in 0 requests\n" });
      expect(empty.stderr).toContain("no request reached the mock, so nothing was verified");
      expect(await taskmock(["verify", "--url", cli.url, "--allow-empty"])).toMatchObject({ code: 0 });

      await fetch(`${cli.url}/__sessions/w1${OMNI}`, { method: "POST", headers: JSON_ADMIN, body: "{}" });
      await fetch(`${cli.url}/__sessions/w1/__admin/reset`, { method: "POST" });
      await fetch(`${cli.url}/__sessions/w2${OMNI}`, { headers: ADMIN });
      const w1 = await taskmock(["verify", "--url", cli.url, "--session", "w1"]);
      expect(w1.code).toBe(1);
      expect(w1.stdout).toContain("taskmock verify: 1 of 1 request broke the contract");
      expect(await taskmock(["verify", "--url", cli.url, "--session", "w2"])).toMatchObject({ code: 0 });
      const all = await taskmock(["verify", "--url", cli.url, "--all-sessions"]);
      expect(all.code).toBe(1);
      expect(all.stdout).toContain("session w1: taskmock verify: 1 of 1 request broke the contract");
      expect(all.stdout).toContain("session w2: taskmock verify: no contract violations in 1 request");
      const coverage = await taskmock(["coverage", "--url", cli.url, "--all-sessions", "--format", "json"]);
      expect(JSON.parse(coverage.stdout)).toMatchObject({ sessions: ["default", "w1", "w2"], vendors: [{ vendor: "omni", requests: 2 }] });
      const both = await taskmock(["verify", "--url", cli.url, "--session", "w1", "--all-sessions"]);
      expect(both).toMatchObject({ code: 2, stderr: "taskmock: --session and --all-sessions exclude each other\n" });
    } finally {
      await cli.stop();
    }
  });

  test("exits 2 when the mock cannot be asked: nothing listening, the admin API off, a bad flag", async () => {
    const nothing = await taskmock(["verify", "--url", "http://127.0.0.1:9"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("taskmock: cannot reach the mock at http://127.0.0.1:9");

    const cli = await startCli(["serve", "--port", "0", "--no-admin"]);
    try {
      const off = await taskmock(["verify", "--url", cli.url]);
      expect(off.code).toBe(2);
      expect(off.stderr).toContain("answered 404");
      expect(off.stderr).toContain("(is the admin API on?)");
    } finally {
      await cli.stop();
    }
    const flag = await taskmock(["verify", "--colour"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
  });
});
