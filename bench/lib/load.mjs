// Load with autocannon (programmatic): a fixed number of connections for a fixed time, bounded.
import autocannon from "autocannon";

/**
 * Runs `request` against `base` with `connections` connections for `seconds` seconds and
 * answers throughput, latency and how many answers had another status than the expected one.
 */
export async function load(base, request, { connections = 50, seconds = 10 } = {}) {
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
