// Longer fuzz runs than `npm test` makes: `npm run fuzz -- --cases 100000 --seed 7`. Builds nothing
// itself (the npm script builds dist/ first), runs the built mock through its Node listener (in
// process, or with --socket over a real connection, so that Node's HTTP parser is in the way too),
// prints each distinct failure once (shrunk, as a curl replay) and exits 1 if there is any. Also
// checks that memory stays bounded: the heap after GC at the end against the heap after a warm-up,
// both with the mock reset.
import { Agent, createServer, request as httpRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseArgs } from "node:util";
import { injectRequest } from "../test/helpers/inject.mjs";
import { createMockServer, nodeListener } from "../dist/index.js";
import { createFuzzer, describeFinding, fuzzAll } from "../test/fuzz/run.mjs";

const USAGE = `npm run fuzz -- [--cases N] [--seed S] [--vendor NAME] [--operation ID] [--memory-mib M] [--socket] [--stats]
  --cases N        cases to run (default 10000), spread evenly over the operations
  --seed S         fast-check seed (default: random, printed)
  --vendor NAME    only this vendor's operations
  --operation ID   only operations with this operationId
  --memory-mib M   heap growth allowed between the warm-up and the end, after GC (default 64)
  --socket         send over a TCP connection to the listener instead of in process
  --stats          also print, per operation, how often each status answered the first request
                   ("handled": a success nobody forced with Prefer or a fault)`;

const { values } = parseArgs({
  options: {
    cases: { type: "string" },
    seed: { type: "string" },
    vendor: { type: "string" },
    operation: { type: "string" },
    "memory-mib": { type: "string" },
    stats: { type: "boolean" },
    socket: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (name, text, fallback) => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    console.error(`--${name} must be a whole number, not ${JSON.stringify(text)}\n${USAGE}`);
    process.exit(2);
  }
  return Number(text);
};
const cases = whole("cases", values.cases, 10_000);
const seed = whole("seed", values.seed, Math.floor(Math.random() * 2 ** 31));
const memoryMib = whole("memory-mib", values["memory-mib"], 64);

/** The test helper's `request` (test/helpers/http.ts), over the built listener: a web Response. */
const listeners = new WeakMap();
async function sendInProcess(app, path, init = {}) {
  let listener = listeners.get(app);
  if (!listener) listeners.set(app, (listener = nodeListener(app)));
  return injectRequest(listener, path, init);
}

/** The same over a real connection (one kept alive): the request target goes out as it is. */
const servers = new WeakMap();
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
async function sendOverSocket(app, path, init = {}) {
  let port = servers.get(app);
  if (port === undefined) {
    const server = createServer(nodeListener(app));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    server.unref();
    servers.set(app, (port = server.address().port));
  }
  const headers = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  const body = init.body === undefined ? undefined : Buffer.from(String(init.body));
  if (body) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: init.method ?? "GET", path, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const one of [value].flat()) out.append(name, String(one));
        const payload = Buffer.concat(chunks);
        resolve(new Response(payload.length === 0 || res.statusCode === 204 ? null : payload, { status: res.statusCode ?? 0, headers: out }));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
const send = values.socket ? sendOverSocket : sendInProcess;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
const heapAfterGc = (fuzzer) => {
  fuzzer.app.mock.reset();
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

const fuzzer = createFuzzer({ createMockServer, send });
const operations = fuzzer.model.operations.filter(
  (op) => (!values.vendor || op.vendor === values.vendor) && (!values.operation || op.operationId === values.operation),
);
if (operations.length === 0) {
  console.error("no operation matches --vendor / --operation");
  process.exit(2);
}
console.log(`fuzzing ${operations.length} operations with ${cases} cases, seed ${seed}${values.socket ? ", over a socket" : ""}`);
const warmUp = Math.min(2000, Math.floor(cases / 10));
let baseline;
const started = performance.now();
const { findings, statuses } = await fuzzAll(fuzzer, {
  operations,
  cases,
  seed,
  onProgress: (done, distinct) => {
    if (done === warmUp) baseline = heapAfterGc(fuzzer);
    if (done % Math.max(1000, Math.floor(cases / 10)) === 0) console.error(`  ${done} cases, ${distinct} distinct failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
});
const seconds = (performance.now() - started) / 1000;
const end = heapAfterGc(fuzzer);
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);

findings.sort((a, b) => a.failure.invariant.localeCompare(b.failure.invariant) || a.signature.localeCompare(b.signature));
for (const finding of findings) console.log(`\n${describeFinding(finding, cases, seed)}`);
if (values.stats) {
  console.log("\nstatuses of each case's first request, per operation:");
  const order = ([a], [b]) => (a === "handled" ? -1 : b === "handled" ? 1 : a - b);
  for (const [name, tally] of statuses) console.log(`  ${name.padEnd(42)} ${[...tally].sort(order).map(([s, n]) => `${s}×${n}`).join(" ")}`);
}
let memoryFailed = false;
if (baseline !== undefined) {
  const grown = end - baseline;
  memoryFailed = grown > memoryMib * 2 ** 20;
  console.log(`\n${memoryFailed ? "✗ memory-bounded" : "memory"}: heap after GC ${mib(baseline)} MiB after ${warmUp} cases, ${mib(end)} MiB after ${cases} (grew ${mib(grown)} MiB; bound ${memoryMib} MiB)`);
}
console.log(`\n${cases} cases in ${seconds.toFixed(1)} s (seed ${seed}): ${findings.length} distinct failures${memoryFailed ? ", memory not bounded" : ""}`);
process.exit(findings.length > 0 || memoryFailed ? 1 : 0);
