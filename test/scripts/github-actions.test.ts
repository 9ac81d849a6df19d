// examples/github-actions/contract.yml, run locally: its steps in order, as GitHub Actions runs them
// (bash -e, the job's env, `if: always()` after a failure), in a client project whose `npm test`
// is a small client of Omni and awork and whose `taskmock` is this one. A client that keeps the
// contract passes every step; one that breaks it fails the verify step with a JUnit report naming
// the breach, and the mock is stopped either way.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(ROOT, "examples", "github-actions", "contract.yml"), "utf8")) as {
  jobs: { contract: { env: Record<string, string>; steps: Step[] } };
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A client of Omni and awork: its integration tests, as `npm test` runs them. */
const client = (breaks: boolean) => `
const auth = { authorization: "Bearer taskmock-admin" };
const omni = process.env.OMNI_BASE_URL + "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const awork = process.env.AWORK_BASE_URL + "/api/v1/taskschedules";
const expectStatus = async (res, status) => { if (res.status !== status) throw new Error(res.url + " answered " + res.status); };
await expectStatus(await fetch(omni, { headers: auth }), 200);
await expectStatus(await fetch(omni + "/a1b2c3d4-e5f6-7890-abcd-ef1234567890", { headers: auth }), 200);
await expectStatus(await fetch(awork, { headers: auth }), 200);
await expectStatus(await fetch(awork + "/123e4567-e89b-12d3-a456-426614174000", { headers: auth }), 200);
const body = ${breaks ? '{ taskId: "123e4567-e89b-12d3-a456-426614174000", startDate: "2022-03-01T09:00:00Z" }' : '{ taskId: "123e4567-e89b-12d3-a456-426614174000", userId: "123e4567-e89b-12d3-a456-426614174000", startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z" }'};
await expectStatus(await fetch(awork, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) }), ${breaks ? 400 : 200});
console.log("client tests passed");
`;

async function runWorkflow(breaks: boolean) {
  const dir = tempDir("taskmock-gha-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "client", private: true, type: "module", scripts: { test: "node client.mjs" } }));
  writeFileSync(join(dir, "client.mjs"), client(breaks));
  mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(join(ROOT, "dist", "cli.js"), join(dir, "node_modules", ".bin", "taskmock"));
  chmodSync(join(ROOT, "dist", "cli.js"), 0o755);
  // Whatever happens, the mock the steps started is stopped.
  onTestFinished(() => {
    const pid = join(dir, "taskmock.pid");
    if (existsSync(pid)) spawnSync("bash", ["-c", `kill "$(cat '${pid}')" 2>/dev/null || true`]);
  });
  const port = await freePort();
  const job = workflow.jobs.contract;
  const env: Record<string, string> = { ...job.env, TASKMOCK_PORT: String(port), TASKMOCK_URL: `http://127.0.0.1:${port}`, GITHUB_STEP_SUMMARY: join(dir, "summary.md") };
  const expand = (text: string) => text.replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_, name: string) => env[name] ?? "");
  const results: { name: string; status: number | null }[] = [];
  let failed = false;
  for (const step of job.steps) {
    if (step.run === undefined || step.run.trim() === "npm ci") continue; // actions of GitHub's own; the install is done
    if (failed && step.if !== "always()") continue;
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
    const run = spawnSync("bash", ["-e", "-c", step.run], { cwd: dir, env: { ...process.env, ...env, ...stepEnv }, encoding: "utf8", timeout: 60_000 });
    results.push({ name: step.name ?? step.run, status: run.status });
    if (run.status !== 0) failed = true;
  }
  return { dir, results };
}

test("a client that keeps the contract passes every step, with an all-green JUnit report and the coverage in the summary", async () => {
  const { dir, results } = await runWorkflow(false);
  expect(results).toEqual([
    { name: "Start taskmock", status: 0 },
    { name: "Integration tests against the mock", status: 0 },
    { name: "The client kept the contract", status: 0 },
    { name: "Contract coverage", status: 0 },
    { name: "Stop taskmock", status: 0 },
  ]);
  const junit = readFileSync(join(dir, "taskmock-verify.xml"), "utf8");
  expect(junit).toMatch(/<testsuites name="taskmock verify" tests="\d+" failures="0"/);
  expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("**taskmock coverage: 5/11 operations");
}, 120_000);

test("a client that breaks the contract fails the verify step; the JUnit report names the breach; the mock is stopped", async () => {
  const { dir, results } = await runWorkflow(true);
  expect(results).toEqual([
    { name: "Start taskmock", status: 0 },
    { name: "Integration tests against the mock", status: 0 },
    { name: "The client kept the contract", status: 1 },
    { name: "Stop taskmock", status: 0 },
  ]);
  const junit = readFileSync(join(dir, "taskmock-verify.xml"), "utf8");
  expect(junit).toContain('name="POST /api/v1/taskschedules (createTaskSchedule)"');
  expect(junit).toContain("body /userId  required  is required");
}, 120_000);

test("the stop step stops the server itself: nothing the workflow started is left running", async () => {
  const { dir } = await runWorkflow(false);
  const pid = Number(readFileSync(join(dir, "taskmock.pid"), "utf8"));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Gone, or a zombie nobody reaped yet (a process whose parent exited, in a container without init).
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  expect(stat === "" || / Z /.test(stat), stat).toBe(true);
  const left = spawnSync("pgrep", ["-f", `${dir}/node_modules/.bin/taskmock`], { encoding: "utf8" });
  expect(left.stdout.trim()).toBe("");
}, 120_000);
