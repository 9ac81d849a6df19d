// Load with autocannon: a fixed number of connections for a fixed time, bounded. Each measurement
// runs autocannon in a Node process of its own, started for it. Run inside the benchmark's own
// process, it held the awork page's rates down: in the rounds of a full run, the floor's measured
// about 22,000 answers a second against 45,000 in its warm-up, with that process busy for 1.25 cores.
import { fileURLToPath } from "node:url";
import { runNode } from "./servers.mjs";

const SELF = fileURLToPath(import.meta.url);

/**
 * Runs `request` against `base` with `connections` connections for `seconds` seconds and
 * answers throughput, latency and how many answers had another status than the expected one.
 */
export function load(base, request, { connections = 50, seconds = 10 } = {}) {
  return runNode([SELF, JSON.stringify({ base, request, connections, seconds })], { timeoutMs: (seconds + 30) * 1000 });
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
