// verify in the formats CI systems read: JUnit XML (a test case per operation and per breach) and
// Markdown for a job summary, from the admin API and from `taskmock verify --format`.
import { create } from "xmlbuilder2";
import { describe, expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { taskmock } from "../contract/cli.js";
import { startCli } from "../helpers/cli.js";
import { request } from "../helpers/http.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

interface Case {
  "@classname": string;
  "@name": string;
  failure?: { "@message": string; "#": string };
  skipped?: { "@message": string };
}
interface Suite {
  "@name": string;
  "@tests": string;
  "@failures": string;
  "@skipped": string;
  testcase: Case[];
}

function suites(xml: string): Suite[] {
  const doc = create(xml).end({ format: "object" }) as unknown as { testsuites: { testsuite: Suite | Suite[] } };
  return ([] as Suite[]).concat(doc.testsuites.testsuite);
}

describe("verify as JUnit XML and Markdown", () => {
  test("a suite per vendor: a case per operation (failed, skipped or passed) and one per breaking request", async () => {
    // strict: Omni's server would ignore `bogus` (a contract warning); strict makes it the 400 break this report shows.
    const app = createMockServer({ seed: 1, clock: "2026-01-01T00:00:00Z", strict: true, report: () => {} });
    await request(app, OMNI, { headers: ADMIN });
    await request(app, OMNI, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify({ schedule: "0 9 ? * * *", timezone: "UTC", bogus: 1 }) });
    const res = await request(app, "/__admin/verify?format=junit&vendor=omni");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const [omni, ...others] = suites(await res.text());
    expect(others).toEqual([]);
    expect(omni).toMatchObject({ "@name": "taskmock verify: omni", "@tests": "6", "@failures": "2", "@skipped": "3" });
    const cases = Object.fromEntries((omni as Suite).testcase.map((c) => [c["@name"], c]));
    expect(cases["GET /api/v1/connections/{connectionId}/schedules (listSchemaRefreshSchedules)"]).toEqual({
      "@classname": "taskmock.omni",
      "@name": "GET /api/v1/connections/{connectionId}/schedules (listSchemaRefreshSchedules)",
    });
    expect(cases["POST /api/v1/connections/{connectionId}/schedules (createSchemaRefreshSchedule)"]?.failure?.["@message"]).toBe("1 request broke the contract");
    expect(cases["GET /api/v1/connections/{connectionId}/schedules/{scheduleId} (getSchemaRefreshSchedule)"]?.skipped).toBeDefined();
    const breach = (omni as Suite).testcase.find((c) => c["@classname"] === "taskmock.omni.breaches");
    expect(breach?.["@name"]).toMatch(/^#2 POST \/api\/v1\/connections\/f47ac10b-58cc-4372-a567-0e02b2c3d479\/schedules → \d{3}$/);
    expect(breach?.failure?.["#"]).toContain("body /bogus");

    const md = await request(app, "/__admin/verify?format=markdown");
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await md.text();
    expect(text).toContain("**taskmock verify: 1 of 2 requests broke the contract** ❌");
    expect(text).toContain("| 2 | omni | createSchemaRefreshSchedule | `POST /api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules` |");
    expect((await request(app, "/__admin/verify?format=yaml")).status).toBe(400);
  });

  test("taskmock verify --format junit prints the XML and exits as the report says", async () => {
    const cli = await startCli(["serve", "--port", "0"]);
    try {
      await fetch(`${cli.url}${OMNI}`, { headers: ADMIN });
      const clean = await taskmock(["verify", "--url", cli.url, "--format", "junit"]);
      expect(clean.code).toBe(0);
      expect(suites(clean.stdout).map((s) => s["@failures"])).toEqual(["0", "0", "0", "0", "0"]);
      await fetch(`${cli.url}${OMNI}`, { method: "POST", headers: JSON_ADMIN, body: "{}" });
      const broken = await taskmock(["verify", "--url", cli.url, "--format", "markdown"]);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain("broke the contract** ❌");
      expect(await taskmock(["verify", "--url", cli.url, "--format", "xml"])).toMatchObject({ code: 2 });
    } finally {
      await cli.stop();
    }
  });
});
