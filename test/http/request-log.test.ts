// The terminal shows the traffic: a line per request (time, session, vendor, method, path, status,
// duration, the violations in short), coloured on a terminal and plain when piped; JSON lines (pino)
// for log collectors; nothing with --quiet.
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { requestLogger } from "../../src/http/requestLog.js";
import { startCli } from "../helpers/cli.js";
import { request } from "../helpers/http.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const BAD = JSON.stringify({ schedule: "0 9 * * 1-5", timezone: "Mars/Base" });

function sink(isTTY = false) {
  const lines: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter((l) => l !== ""));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, lines };
}

async function traffic(format: "text" | "json", color?: boolean) {
  const { stream, lines } = sink();
  const app = createMockServer({ seed: 1, clock: "2026-01-01T00:00:00Z", report: () => {}, log: requestLogger({ format, stream, ...(color === undefined ? {} : { color }) }) });
  await request(app, OMNI, { headers: ADMIN });
  await request(app, `/__sessions/w1${OMNI}`, { method: "POST", headers: { ...ADMIN, "content-type": "application/json" }, body: BAD });
  await new Promise((resolve) => setImmediate(resolve));
  return lines;
}

describe("the request log", () => {
  test("text: one plain line per request when not on a terminal, with the session and the violations in short", async () => {
    const lines = await traffic("text");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \[default\] omni GET \/api\/v1\/connections\/f47ac10b-58cc-4372-a567-0e02b2c3d479\/schedules 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/ \[w1\] omni POST \/api\/v1\/connections\/[^ ]+\/schedules 400 \d+\.\dms ✗ body\/schedule pattern, body\/timezone timezone$/);
    expect(lines.join("")).not.toContain("\u001b[");
  });

  test("text on a terminal is coloured: the status by its class, the violations in red", async () => {
    const lines = await traffic("text", true);
    expect(lines[0]).toContain("\u001b[32m200\u001b[39m");
    expect(lines[1]).toContain("\u001b[33m400\u001b[39m");
    expect(lines[1]).toContain("\u001b[31m✗ body/schedule pattern");
  });

  test("json: one JSON object per request, as pino writes it", async () => {
    const lines = await traffic("json");
    const [ok, bad] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok).toMatchObject({ level: 30, msg: "request", session: "default", vendor: "omni", operationId: "listSchemaRefreshSchedules", method: "GET", status: 200, mockTime: "2026-01-01T00:00:00.000Z" });
    expect(typeof ok?.["time"]).toBe("string");
    expect(bad).toMatchObject({ session: "w1", status: 400, violations: [{ pointer: "/schedule" }, { pointer: "/timezone", rule: "timezone" }] });
  });

  test("taskmock serve logs each request; --log-format json for collectors; --quiet for none", async () => {
    for (const [flags, expected] of [
      [[], /\[default\] omni GET \/api\/v1\/connections\/[^ ]+\/schedules 200/],
      [["--log-format", "json"], /"msg":"request"/],
      [["--quiet"], undefined],
    ] as const) {
      const cli = await startCli(["serve", "--port", "0", ...flags]);
      try {
        await fetch(`${cli.url}${OMNI}`, { headers: ADMIN });
        await new Promise((resolve) => setTimeout(resolve, 100));
        const after = cli.output().split("admin   ")[1] ?? "";
        if (expected) expect(after).toMatch(expected);
        else expect(after.trim().split("\n")).toHaveLength(1);
      } finally {
        await cli.stop();
      }
    }
  });
});
