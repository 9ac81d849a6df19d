// Load with autocannon: a fixed number of connections for a fixed time, bounded. Each measurement
// runs in a Node process of its own, started for it: the load generator shares the two cores with
// the servers, and a fresh process keeps its cost the same from the first measurement to the last
// (in the run's own process it would carry that process's heap, its child processes' pipes and
// every earlier measurement's leftovers).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);

/**
 * Runs `request` against `base` with `connections` connections for `seconds` seconds and
 * answers throughput, latency and how many answers had another status than the expected one.
 */
export function load(base, request, { connections = 50, seconds = 10 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SELF, JSON.stringify({ base, request, connections, seconds })], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      if (err.length < 20_000) err += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}:\n${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

/** The load generator's process: one autocannon run, its summary as JSON on stdout. */
async function generate({ base, request, connections, seconds }) {
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({
    url: `${base}${request.path}`,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  const expected = statuses[String(request.status)] ?? 0;
  return {
    rps: result.requests.average,
    total: answered,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    unexpected: answered - expected,
    errors: result.errors + result.timeouts,
    statuses,
  };
}

if (process.argv[1] === SELF) process.stdout.write(JSON.stringify(await generate(JSON.parse(process.argv[2]))));
