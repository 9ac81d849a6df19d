// taskmock/vitest as a client project uses it: a vitest run of its own (fixtures/, in a child
// process in a process group) with one server from the global setup and check files that each
// use a session; and the pieces in process (the default global setup, restart, the file's id).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { TestProject } from "vitest/node";
import { startMockServer } from "../../src/index.js";
import { fileSessionId, restart, useTaskmock } from "../../src/vitest/index.js";
import { setup, teardown } from "../../src/vitest/setup.js";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

interface FileResult {
  name: string;
  status: string;
  message: string;
  assertionResults: { title: string; status: string }[];
}

/** Runs vitest on the fixtures' config in a process group of its own; answers its exit code and the JSON report. */
async function runFixtures(): Promise<{ code: number | null; files: Map<string, FileResult>; output: string }> {
  const out = join(tempDir("taskmock-vitest-"), "report.json");
  const child = spawn(
    process.execPath,
    [`${ROOT}node_modules/vitest/vitest.mjs`, "run", "-c", `${ROOT}test/vitest/fixtures/vitest.config.ts`, "--reporter=json", `--outputFile=${out}`],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => process.kill(-(child.pid as number), "SIGKILL"), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  const report = JSON.parse(readFileSync(out, "utf8")) as { testResults: FileResult[] };
  return { code, output, files: new Map(report.testResults.map((file) => [file.name.split("/").at(-1) as string, file])) };
}

test("a client project's run: each file its own session, fresh before each test, failed after its tests when it broke the contract", async () => {
  const { code, files, output } = await runFixtures();
  expect([...files.keys()].sort(), output).toEqual(["breaks.check.ts", "fresh.check.ts", "kept.check.ts", "lenient.check.ts"]);
  // fresh: fault rules, maintenance, clock, journal and records back to the start before each test.
  expect(files.get("fresh.check.ts")).toMatchObject({ status: "passed" });
  expect(files.get("fresh.check.ts")?.assertionResults.map((t) => t.status)).toEqual(["passed", "passed"]);
  // reset: false keeps a test's writes for the next; an id of one's own.
  expect(files.get("kept.check.ts")?.assertionResults.map((t) => t.status)).toEqual(["passed", "passed"]);
  // A request that broke the contract fails its file after the tests, with the report, though
  // a reset came between; verify: false lets it pass.
  const breaks = files.get("breaks.check.ts");
  expect(breaks?.assertionResults.map((t) => t.status)).toEqual(["passed", "passed"]);
  expect(breaks?.status).toBe("failed");
  expect(breaks?.message).toMatch(/^taskmock: the requests of breaks-check-[0-9a-f]{8}-w\d+ broke the contract/);
  expect(breaks?.message).toContain("awork createTaskSchedule  POST /api/v1/taskschedules → 400\n");
  expect(breaks?.message).toContain("\n  body /taskId  required  is required\n");
  expect(files.get("lenient.check.ts")).toMatchObject({ status: "passed" });
  expect(code).toBe(1);
}, 120_000);

test("useTaskmock without the global setup says what to add", () => {
  expect(() => useTaskmock()).toThrow('add "taskmock/vitest/setup" (or a global setup file of your own) to test.globalSetup');
});

test("the default global setup: a server on a free port, its URL provided to the workers, stopped by the teardown", async () => {
  const provided: Record<string, unknown> = {};
  const project = { config: { root: ROOT }, provide: (key: string, value: unknown) => (provided[key] = value) } as unknown as TestProject;
  await setup(project);
  const given = provided["taskmock"] as { url: string; vendors: string[]; root: string; clock?: string };
  try {
    expect(given).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), vendors: ["crego", "huawei", "spaaza", "omni", "awork"], root: ROOT });
    // Real time by default: no clock to go back to.
    expect(given.clock).toBeUndefined();
    expect((await fetch(`${given.url}/__admin/health`)).status).toBe(200);
  } finally {
    await teardown();
  }
  await expect(fetch(`${given.url}/__admin/health`)).rejects.toThrow();
});

test("restart: no fault rule or maintenance window, the clock at its start (if it has one), the records and journal reset; another session untouched", async () => {
  const server = await startMockServer({ port: 0, seed: 1, clock: "2026-01-01T00:00:00Z", report: () => {} });
  try {
    const [a, b] = [server.session("a"), server.session("b")];
    for (const s of [a, b]) {
      await s.faults.add({ vendor: "omni", status: 503 });
      await s.maintenance.open("huawei");
      await s.clock.advance("P2D");
      await fetch(`${s.url("awork")}/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000`, { method: "DELETE", headers: { authorization: "Bearer taskmock-admin" } });
    }
    await restart(a, "2026-01-01T00:00:00.000Z");
    expect(await a.faults.list()).toEqual([]);
    expect(await a.maintenance.list()).toEqual([]);
    expect(await a.clock.now()).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(await a.requests()).toEqual([]);
    expect(JSON.stringify(await a.state("awork"))).toContain("123e4567-e89b-12d3-a456-426614174000");
    expect(await b.faults.list()).toHaveLength(1);
    expect(await b.maintenance.list()).toHaveLength(1);
    expect(await b.clock.now()).toEqual(new Date("2026-01-03T00:00:00Z"));
    expect(await b.requests()).toHaveLength(1);
    // Without a start (a server on real time) the clock is left where it is.
    await restart(b);
    expect(await b.faults.list()).toEqual([]);
    expect(await b.clock.now()).toEqual(new Date("2026-01-03T00:00:00Z"));
  } finally {
    await server.close();
  }
});

test("a file's session id: readable, its path's hash, the worker; within the rule", () => {
  const id = fileSessionId(ROOT);
  expect(id).toMatch(/^test-vitest-helper-test-[0-9a-f]{8}-w\d+$/);
  expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
});
