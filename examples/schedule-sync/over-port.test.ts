// The same tests as a client's CI runs them: `taskmock serve` in the background on a port, the
// client's tests over HTTP, then `taskmock verify` and `taskmock coverage` with thresholds, whose
// exit codes fail the build; then stop the mock.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientTests } from "./suite.js";

/** The installed package's `taskmock` bin (what `npx taskmock` runs). */
const require = createRequire(import.meta.url);
const manifest = require.resolve("taskmock/package.json");
const BIN = join(dirname(manifest), (JSON.parse(readFileSync(manifest, "utf8")) as { bin: { taskmock: string } }).bin.taskmock);

function taskmock(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("the schedule-sync client against `taskmock serve` on a port", () => {
  let server: ChildProcess | undefined;
  let url = "";

  beforeAll(async () => {
    // CI: `npx taskmock serve --port 4010 --seed 1 --clock 2026-01-01T00:00:00Z &`
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--seed", "1", "--clock", "2026-01-01T00:00:00Z"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    server = child;
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const found = /taskmock listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      child.once("exit", (code) => reject(new Error(`taskmock serve exited with ${code}: ${out}`)));
    });
  });

  afterAll(async () => {
    // CI: kill the background mock.
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  });

  clientTests(() => ({
    baseUrl: (vendor) => `${url}/${vendor}`,
    admin: (path, init) => fetch(`${url}${path}`, init),
  }));

  test("CI: `taskmock verify` and `taskmock coverage` pass, and their exit codes fail a build that breaks them", async () => {
    const verify = await taskmock(["verify", "--url", url]);
    expect(verify.stdout).toMatch(/^taskmock verify: no contract violations in \d+ requests/);
    expect(verify.code).toBe(0);

    const coverage = await taskmock(["coverage", "--url", url, "--vendor", "omni,awork", "--min-operations", "80", "--min-statuses", "20"]);
    // The README shows this very line.
    expect(coverage.stdout).toContain("taskmock coverage: 10/11 operations (90.9%), 15/64 documented statuses (23.4%)");
    expect(coverage.code).toBe(0);
    const tooHigh = await taskmock(["coverage", "--url", url, "--vendor", "omni,awork", "--min-statuses", "50"]);
    expect(tooHigh.stderr).toContain("below the minimum of 50%");
    expect(tooHigh.code).toBe(1);

    // A client that sends awork an empty body breaks the contract: verify now fails the build.
    await fetch(`${url}/awork/api/v1/taskschedules`, {
      method: "POST",
      headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" },
      body: "{}",
    });
    const broken = await taskmock(["verify", "--url", url]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("awork createTaskSchedule  POST /api/v1/taskschedules → 400");
    expect(broken.stdout).toContain("body /taskId  required  is required");
  });
});
