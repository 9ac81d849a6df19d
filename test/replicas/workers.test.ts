// taskmock serve --workers N: N processes answering on one port. Over a shared store the answers
// come from several processes and every write is seen by all of them; over the memory store,
// where each process would keep a state of its own, more than one worker is refused at start.
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { HEALTH_PATH, replicasOrSkip } from "../helpers/replicas.js";

/** The process that answers a request on a connection of its own (the primary hands each new connection to the next worker). */
const pidOf = async (url: string) =>
  ((await (await fetch(`${url}${HEALTH_PATH}`, { headers: { connection: "close" }, signal: AbortSignal.timeout(5000) })).json()) as { pid: number }).pid;

const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };

test("over the memory store (the default), --workers 2 is refused at start, naming --store", async () => {
  const { code, output } = await runCli(["serve", "--port", "0", "--workers", "2"]);
  expect(code).toBe(2);
  expect(output).toMatch(/--workers 2 needs a shared store/);
  expect(output).toMatch(/--store redis:\/\//);
  expect(output).not.toMatch(/listening/);
});

test("--workers takes a whole number from 1 or auto", async () => {
  for (const value of ["0", "1.5", "two", ""]) {
    const { code, output } = await runCli(["serve", "--port", "0", "--workers", value]);
    expect([code, output.trim()]).toEqual([2, `taskmock: --workers must be a whole number from 1 to 1024, or auto (one per core), not "${value}"`]);
  }
});

test("--workers 2 over the store: one port answered by two processes, each seeing the other's writes; a worker that dies is replaced; SIGTERM stops them all", async (ctx) => {
  const { replicas: [primary] } = await replicasOrSkip(ctx, 1, ["--workers", "2"]);
  const { url, child, output } = primary as NonNullable<typeof primary>;
  expect(output()).toMatch(/workers 2 processes on one port/);
  const pids = new Set<number>();
  for (let i = 0; i < 40 && pids.size < 2; i++) pids.add(await pidOf(url));
  expect(pids.size).toBe(2);
  // Neither is the process the CLI started: that one hands the connections to its workers.
  expect(pids.has(child.pid as number)).toBe(false);

  // Writes spread over both processes (the primary hands connections round-robin): every one is there.
  const created = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const res = await fetch(`${url}/spaaza/tasks`, {
        method: "POST",
        headers: SPAAZA,
        signal: AbortSignal.timeout(15_000),
        body: JSON.stringify({ chain: 1764, desc: `worker write ${i}`, target: { action: "export", export_index: "wallet-ledger", export_format: "csv" }, trigger: { once: "2026-05-26T12:00:00Z" } }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: number }).id;
    }),
  );
  const listed = ((await (await fetch(`${url}/spaaza/tasks`, { headers: SPAAZA, signal: AbortSignal.timeout(15_000) })).json()) as { id: number }[]).map((t) => t.id);
  expect(created.filter((id) => !listed.includes(id))).toEqual([]);
  expect(new Set(created).size).toBe(20);

  // A worker that dies is replaced: the port keeps answering, and a new process joins.
  const [gone] = [...pids];
  process.kill(gone as number, "SIGKILL");
  const after = new Set<number>();
  for (const deadline = Date.now() + 40_000; Date.now() < deadline && after.size < 2; ) {
    const pid = await pidOf(url).catch(() => undefined);
    if (pid !== undefined) after.add(pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(after.size).toBe(2);
  expect(after.has(gone as number)).toBe(false);

  // SIGTERM to the first process alone stops every worker, then it exits 0.
  child.kill("SIGTERM");
  expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect([...after].filter(alive)).toEqual([]);
}, 150_000);
