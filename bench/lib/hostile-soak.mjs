// The hostile soak (issue 12): 100,000 mixed requests (valid, invalid, hostile) to the server the
// CLI starts, its resident memory sampled as they go; then the journal is cleared, and memory
// must come back to within 20 % of its level after start. The server runs in its own process
// (bench/lib/soak-server.mjs, with --expose-gc) so its RSS is its own; requests go over
// loopback, a bounded number in flight, and the run stops by itself.
import { fork } from "node:child_process";
import { join } from "node:path";
import { ROOT, rss, START_NODE_FLAGS } from "./servers.mjs";

const IN_FLIGHT = 32;
/** V8 gives memory back to the system some seconds after a burst (its memory reducer): how long the soak waits, idle, before the last sample. */
const IDLE_MS = 15_000;
const SAMPLES = 20;

const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const OMNI_ONE = `${OMNI}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`;
const bearer = (token) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const ADMIN = bearer("taskmock-admin");
const SPAAZA = bearer("00000000-0000-4000-8000-000000001764:taskmock-secret");
const HUAWEI = { "x-auth-token": "taskmock-admin", "content-type": "application/json" };
const deep = (depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
/** A zone name in a letter case of its own for each i (a cache keyed by the name as sent would grow). */
const oddCase = (name, i) => [...name].map((ch, j) => ((i * 2654435761) >>> j % 31) & 1 ? ch.toUpperCase() : ch.toLowerCase()).join("");

/** The i-th request: a rotation of valid reads and writes, invalid requests and hostile ones. */
export function requestAt(i) {
  const kinds = [
    () => ({ method: "GET", path: OMNI, headers: ADMIN }),
    () => ({ method: "PUT", path: OMNI_ONE, headers: ADMIN, body: JSON.stringify({ schedule: `${i % 60} 9 ? * * *`, timezone: "Europe/London" }) }),
    () => ({ method: "PUT", path: OMNI_ONE, headers: ADMIN, body: JSON.stringify({ schedule: "0 9 * * ? *", timezone: oddCase("America/Argentina/ComodRivadavia", i) }) }),
    () => ({ method: "GET", path: "/awork/api/v1/taskschedules?pageSize=100", headers: ADMIN }),
    () => ({ method: "GET", path: `/awork/api/v1/taskschedules?pageSize=${["-Infinity", "1e400", "0x10", "abc"][i % 4]}`, headers: ADMIN }),
    () => ({ method: "PATCH", path: "/crego/tasks/schedules/9/", headers: ADMIN, body: `{"kwargs":${deep(3000 + (i % 100))}}` }),
    () => ({ method: "PATCH", path: "/crego/tasks/schedules/9/", headers: ADMIN, body: '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {}}}' }),
    () => ({ method: "POST", path: "/awork/api/v1/taskschedules", headers: ADMIN, body: JSON.stringify({ pad: "x".repeat(200_000 + (i % 1000)) }) }),
    () => ({ method: "GET", path: `/spaaza/tasks/${12_000 + (i % 500)}`, headers: SPAAZA }),
    () => ({ method: "GET", path: `/spaaza/tasks/${["1e400", "Infinity", "0x10"][i % 3]}`, headers: SPAAZA }),
    () => ({ method: "GET", path: `/crego/tasks/schedules/?page=${["-1e400", "abc", "0", "last"][i % 4]}`, headers: ADMIN }),
    () => ({ method: "GET", path: "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task?limit=10", headers: HUAWEI }),
    () => ({ method: "POST", path: "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task", headers: HUAWEI, body: "{not json" }),
    () => ({ method: "HEAD", path: OMNI, headers: ADMIN }),
    () => ({ method: "GET", path: `/nowhere/${i}`, headers: {} }),
    () => ({ method: "DELETE", path: "/spaaza/tasks/12345", headers: { ...SPAAZA, prefer: `example=unknown-${i % 50}` } }),
  ];
  return kinds[i % kinds.length]();
}

function server() {
  const child = fork(join(ROOT, "bench", "lib", "soak-server.mjs"), [], { execArgv: [...START_NODE_FLAGS, "--expose-gc"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the soak server did not answer")), 60_000);
      child.once("message", (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  return { child, next };
}

/** Requests of the same mix sent first, for a second baseline: memory once the process is warm. */
const WARM_UP = 5_000;

/** Sends every request, IN_FLIGHT at a time; answers the statuses seen and the RSS samples. */
export async function hostileSoak(log = () => {}, TOTAL = 100_000) {
  const { child, next } = server();
  const closed = new Promise((resolve) => child.once("exit", resolve));
  try {
    const { url } = await next();
    await fetch(`${url}${OMNI}`, { headers: ADMIN });
    child.send("heap");
    const afterStart = await next();
    const statuses = {};
    let sent = 0;
    let failures = 0;
    // Warm: the same mix, then the journal cleared and the same idle wait as at the end. What
    // the process holds then (validators compiled on first use, optimised code, the bounded
    // memos filled, the allocator's own) is not growth; what the run adds beyond it would be.
    let limit = WARM_UP;
    const warmWorker = async () => {
      while (sent < limit) {
        const { method, path, headers, body } = requestAt(sent++);
        const res = await fetch(`${url}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, warmWorker));
    await fetch(`${url}/__admin/requests`, { method: "DELETE" });
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    child.send("heap");
    const warm = await next();
    log(`hostile soak: warm (${WARM_UP} requests, the journal cleared, ${IDLE_MS / 1000} s idle): RSS ${(warm.rss / 1048576).toFixed(0)} MB`);
    sent = 0;
    limit = TOTAL;
    const samples = [{ sent: 0, rss: rss(child.pid) }];
    const worker = async () => {
      while (sent < TOTAL) {
        const i = sent++;
        const { method, path, headers, body } = requestAt(i);
        try {
          const res = await fetch(`${url}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        } catch {
          failures++;
        }
        if ((i + 1) % Math.floor(TOTAL / SAMPLES) === 0) {
          samples.push({ sent: i + 1, rss: rss(child.pid) });
          log(`hostile soak: ${i + 1} requests, RSS ${(samples.at(-1).rss / 1048576).toFixed(0)} MB`);
        }
      }
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - began) / 1000;
    child.send("heap");
    const beforeClear = await next();
    await fetch(`${url}/__admin/requests`, { method: "DELETE" });
    child.send("heap");
    const afterClear = await next();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    child.send("heap");
    const afterIdle = await next();
    log(`hostile soak: RSS after start ${(afterStart.rss / 1048576).toFixed(0)} MB, after the clear ${(afterClear.rss / 1048576).toFixed(0)} MB, ${IDLE_MS / 1000} s later ${(afterIdle.rss / 1048576).toFixed(0)} MB`);
    return { requests: TOTAL, warmUp: WARM_UP, seconds, failures, statuses, afterStart, warm, beforeClear, afterClear, afterIdle, idleMs: IDLE_MS, samples };
  } finally {
    child.send("stop");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await closed;
    clearTimeout(timer);
  }
}
