// `node bench/store.mjs` (after npm run build): one replica over a local redis-server against the
// in-memory default, in the same run, alternating: the Omni PUT (every answer a commit: 50
// connections writing to one session) and the awork list (1,000 records, a read: one version
// read each), throughput, p99 and CPU per answer of taskmock and of redis-server; then the
// store's memory for one session after 20 writes (MEMORY USAGE of its keys).
// Settings: STORE_BENCH_SECONDS (5), STORE_BENCH_ROUNDS (3).
import { spawn } from "node:child_process";
import { load } from "./lib/load.mjs";
import { OPERATIONS, requestFor, START_PROBE } from "./lib/operations.mjs";
import { cpuTime, freePort, send, sleep, start, stop } from "./lib/servers.mjs";

const seconds = Number(process.env.STORE_BENCH_SECONDS ?? 5);
const rounds = Number(process.env.STORE_BENCH_ROUNDS ?? 3);
const running = new Set();

async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "ignore"] });
  await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (c) => {
      text += c;
      if (/ready to accept connections/i.test(text)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { child, port, url: `redis://127.0.0.1:${port}` };
}

function redisCli(port, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-cli", ["-p", String(port), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.once("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`redis-cli ${args.join(" ")}: ${code}`))));
  });
}

const redis = await startRedis();
try {
  const results = { memory: {}, redis: {} };
  const measured = OPERATIONS.filter((o) => o.id === "omni-put" || o.id === "awork-list");
  for (let round = 0; round < rounds; round++) {
    for (const kind of round % 2 === 0 ? ["memory", "redis"] : ["redis", "memory"]) {
      await redisCli(redis.port, "FLUSHALL");
      const env = kind === "redis" ? { TASKMOCK_STORE: redis.url } : {};
      const server = await start("taskmock", { env }, { ...START_PROBE, path: `/omni${START_PROBE.path}` });
      running.add(server);
      try {
        for (const operation of measured) {
          if (operation.setup) await operation.setup(server.base);
          const request = requestFor(operation, "taskmock");
          await load(server.base, request, { seconds: 1 });
          const cpu0 = cpuTime(server.child.pid);
          const store0 = kind === "redis" ? cpuTime(redis.child.pid) : 0;
          const run = await load(server.base, request, { seconds });
          const cpu = cpuTime(server.child.pid) - cpu0;
          const storeCpu = kind === "redis" ? cpuTime(redis.child.pid) - store0 : 0;
          const row = (results[kind][operation.id] ??= []);
          row.push({ rps: run.rps, p99: run.p99, unexpected: run.unexpected, cpuUs: cpu / run.total, storeCpuUs: storeCpu / run.total });
          process.stdout.write(`${kind} ${operation.id} round ${round + 1}: ${Math.round(run.rps)}/s p99 ${run.p99} ms, ${(cpu / run.total).toFixed(1)} µs CPU/answer (store ${(storeCpu / run.total).toFixed(1)}), ${run.unexpected} unexpected\n`);
        }
        if (kind === "redis" && round === 0) {
          const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
          for (let w = 0; w < 20; w++) {
            const answer = await send(server.base, { method: "POST", path: `/__sessions/twenty${OMNI}`, headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" }, body: JSON.stringify({ schedule: `${w} 9 ? * * *`, timezone: "UTC" }) });
            if (answer.status !== 201 && answer.status !== 200) throw new Error(`write answered ${answer.status}`);
          }
          // The session's document, its "known" mark, its journal, verify's kept requests and the counters.
          let bytes = 0;
          for (const key of ["s", "k", "j", "f", "m"]) bytes += Number(await redisCli(redis.port, "MEMORY", "USAGE", `taskmock:${key}:twenty`));
          results.sessionBytes = bytes;
          process.stdout.write(`store memory for one session after 20 writes: ${(bytes / 1024).toFixed(1)} KB\n`);
        }
      } finally {
        await stop(server);
        running.delete(server);
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const operation of measured) {
    const m = results.memory[operation.id];
    const r = results.redis[operation.id];
    const mr = median(m.map((x) => x.rps));
    const rr = median(r.map((x) => x.rps));
    process.stdout.write(
      `${operation.id}: memory ${Math.round(mr)}/s p99 ${median(m.map((x) => x.p99))} ms, ${median(m.map((x) => x.cpuUs)).toFixed(1)} µs CPU; ` +
        `redis ${Math.round(rr)}/s p99 ${median(r.map((x) => x.p99))} ms, ${median(r.map((x) => x.cpuUs)).toFixed(1)} µs CPU + store ${median(r.map((x) => x.storeCpuUs)).toFixed(1)} µs; ` +
        `throughput ratio ${((rr / mr) * 100).toFixed(0)} %, CPU ratio ${((median(m.map((x) => x.cpuUs)) / median(r.map((x) => x.cpuUs))) * 100).toFixed(0)} %\n`,
    );
  }
} finally {
  for (const server of running) await stop(server);
  redis.child.kill("SIGKILL");
  await sleep(10);
}
