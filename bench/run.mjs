// `npm run bench`: taskmock against Prism, the other mocks a user could pick instead (Mockoon CLI,
// json-server, WireMock with and without its journal where a Java runtime is on PATH; see
// bench/lib/peers.mjs) and the bare node:http floor, side by side in one run, then results.md and
// results.svg. Every server binds to 127.0.0.1; every load is bounded in time; every server
// started here is stopped here (also on failure).
//
// Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP (2, before each measurement),
// BENCH_PEER_WARMUP (30: every server's load before its first measured round), BENCH_ROUNDS (3),
// BENCH_RECORDS (100000), BENCH_PROFILE_SECONDS (3), BENCH_SOAK_SECONDS (2), BENCH_STARTS (5),
// BENCH_YEAR_SAMPLES (5), BENCH_HOSTILE_REQUESTS (100000), BENCH_ABLATION_SECONDS (3),
// BENCH_ABLATION_ROUNDS (1). The defaults are the issues'; smaller values make a quick trial run.
// BENCH_ONLY=store: only the measurements over a shared store (a trial of that section; its
// results.md holds that section alone). Over a shared store: see bench/lib/shared-store.mjs (it
// runs when redis-server or valkey-server is on the PATH and says so in the report otherwise).
// BENCH_OUT: the directory results.md and results.svg are written to (bench/ by default; a trial
// gives a directory of its own, so the committed results stay as they are).
//
// bench/before-core.json is the run.json of a full run of the code before the core of issue 11,
// on the same machine: the report sets this run's ratios beside it.
import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { renderChart } from "./lib/chart.mjs";
import { load } from "./lib/load.mjs";
import { OPERATIONS, requestFor, START_PROBE } from "./lib/operations.mjs";
import { aworkRecords, checkPeer, javaRuntime, omniRecord, PEER_OPERATIONS, peerRequest, PEERS, seedPeer, wiremockRoot } from "./lib/peers.mjs";
import { createProgress } from "./lib/progress.mjs";
import { readProfile, summarise } from "./lib/profile.mjs";
import { hostileSoak } from "./lib/hostile-soak.mjs";
import { allTargets, median, OWNERS, sessionTargets, throughputTargets, topOwners, writeReport, writeSharedStoreReport, yearTarget } from "./lib/report.mjs";
import { measureSharedStore, sharedStoreSeconds } from "./lib/shared-store.mjs";
import { cpuTime, ROOT, rss, runNode, send, sleep, START_NODE_FLAGS, start, stop } from "./lib/servers.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const config = {
  seconds: env("BENCH_SECONDS", 10),
  warmup: env("BENCH_WARMUP", 2),
  peerWarmup: env("BENCH_PEER_WARMUP", 30),
  rounds: env("BENCH_ROUNDS", 3),
  records: env("BENCH_RECORDS", 100_000),
  profileSeconds: env("BENCH_PROFILE_SECONDS", 3),
  soakSeconds: env("BENCH_SOAK_SECONDS", 2),
  starts: env("BENCH_STARTS", 5),
  yearSamples: env("BENCH_YEAR_SAMPLES", 5),
  hostileRequests: env("BENCH_HOSTILE_REQUESTS", 100_000),
  ablationSeconds: env("BENCH_ABLATION_SECONDS", 3),
  ablationWarmup: 1,
  ablationRounds: env("BENCH_ABLATION_ROUNDS", 1),
  connections: 50,
  journalSize: 1000,
};
const ONLY = process.env.BENCH_ONLY ?? "";
if (!["", "store"].includes(ONLY)) throw new Error(`BENCH_ONLY must be "store" or unset, not "${ONLY}"`);
const OUT = process.env.BENCH_OUT ? resolve(process.env.BENCH_OUT) : join(ROOT, "bench");
const WORK = process.env.BENCH_OUT ? join(OUT, ".work") : join(ROOT, "bench", ".work");
const LIB = join(ROOT, "bench", "lib");
const BEFORE = join(ROOT, "bench", "before-core.json");
const began = performance.now();
const running = new Set();
let progress;
const log = (text) => {
  progress?.clearLine();
  process.stdout.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);
  progress?.redraw();
};

async function launch(kind, options, probe, timeoutMs) {
  const server = await start(kind, options, probe, timeoutMs);
  running.add(server);
  return server;
}
async function halt(server) {
  await stop(server);
  running.delete(server);
}
async function haltAll() {
  await Promise.all([...running].map((s) => halt(s)));
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    haltAll().finally(() => process.exit(130));
  });
}

/**
 * Waits until every running server is quiet: together under a tenth of a core over 300 ms (a JVM
 * goes on collecting garbage and compiling after its load, on the cores the next server is
 * measured on), at most 15 s. Answers the seconds waited, or -1 where it did not quieten.
 */
async function settle() {
  const started = performance.now();
  const busy = () => [...running].reduce((sum, server) => sum + (cpuTime(server.child.pid) ?? 0), 0);
  while (performance.now() - started < 15_000) {
    const before = busy();
    await sleep(300);
    if (busy() - before < 30_000) return (performance.now() - started) / 1000;
  }
  return -1;
}

/** Starts a server `count` times: start to first answer, and RSS a second after it. */
async function measureStarts(label, kind, options, probe, count) {
  const starts = [];
  for (let i = 0; i < count; i++) {
    const server = await launch(kind, typeof options === "function" ? options(i) : options, probe);
    await sleep(1000);
    starts.push({ startMs: server.startMs, rss: rss(server.child.pid) });
    await halt(server);
  }
  const ms = starts.map((s) => s.startMs);
  return { label, kind, startMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), rss: median(starts.map((s) => s.rss)), all: ms };
}

function summariseLoads(rounds) {
  const sum = (key) => rounds.reduce((total, r) => total + r[key], 0);
  const statuses = {};
  for (const r of rounds) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUs: median(rounds.map((r) => r.cpuUs)),
    unexpected: sum("unexpected"),
    errors: sum("errors"),
    statuses,
  };
}

/**
 * Memory across rounds: taskmock in a process that can report its heap after a full collection
 * (bench/lib/soak-server.mjs), loaded round after round with the operations that do not add
 * state by design (Huawei's create does: every create is a new task).
 */
async function soak(operations, rounds, seconds) {
  const child = fork(join(ROOT, "bench", "lib", "soak-server.mjs"), [], { execArgv: [...START_NODE_FLAGS, "--expose-gc"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the soak server did not answer")), 30_000);
      child.once("message", (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  const closed = new Promise((resolve) => child.once("exit", resolve));
  try {
    const { url } = await next();
    const heaps = [];
    for (let round = 0; round < rounds; round++) {
      for (const op of operations) {
        await op.setup?.(url);
        await load(url, requestFor(op, "taskmock"), { connections: config.connections, seconds });
      }
      child.send("heap");
      heaps.push({ round: round + 1, ...(await next()) });
      log(`memory round ${round + 1}: heap after GC ${(heaps.at(-1).heapUsed / 1048576).toFixed(1)} MB`);
    }
    return heaps;
  } finally {
    child.send("stop");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await closed;
    clearTimeout(timer);
  }
}

/** The 100,000-record store measurement (it needs --expose-gc). */
const storeRun = () => runNode(["--expose-gc", join(LIB, "store100k.mjs"), String(config.records), "300"]);

/** One year of mock time in a fresh process (bench/lib/year.mjs); `off` is TASKMOCK_MEMO_OFF. */
const yearRun = (vendor, off = "", extra = [], v8Defaults = false) =>
  runNode([...(v8Defaults ? [] : START_NODE_FLAGS), join(LIB, "year.mjs"), vendor, ...extra], { env: { TASKMOCK_MEMO_OFF: off }, timeoutMs: 120_000 });
/** The ablation's arm for npm start's Node flags: taskmock with Node's default heap sizing instead. */
const YOUNG_GENERATION = `young generation (npm start's ${START_NODE_FLAGS.join(" ")})`;

/**
 * One year of mock time, each vendor alone and all five together: `samples` fresh processes each,
 * the vendors taken in turn within a sample. Then one more advance of all five under the profiler.
 */
async function measureYear(vendors, samples) {
  const kinds = ["all", ...vendors];
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let i = 0; i < samples; i++) for (const kind of kinds) times[kind].push((await yearRun(kind)).advanceMs);
  for (const kind of kinds) log(`one year, ${kind}: ${times[kind].map((ms) => ms.toFixed(0)).join(", ")} ms`);
  const { profile } = await yearRun("all", "", ["profile"]);
  return { samples: times, profile };
}

/**
 * What each per-answer memo gains: one taskmock per memo with that memo off (TASKMOCK_MEMO_OFF),
 * and two with every memo on, all running at once. Per round and operation, one all-on server is
 * loaded first, then each memo-off server, then the other all-on server last: the two bracket the
 * memo-off ones (a drift over the sweep is in both), and how far apart they are is what the
 * measurement's noise alone shows. Then the one-year advance: per sample, all on and each memo off
 * in turn, each a fresh process.
 */
async function ablation(memos, probe) {
  const ALL_ON = ["all-on-first", "all-on-last"];
  // Measured as a memo is: npm start's larger young generation (START_NODE_FLAGS), "off" being
  // Node's default heap sizing.
  const settings = [YOUNG_GENERATION];
  const swept = [...memos, ...settings];
  const arms = [
    ...ALL_ON.map((id) => ({ id, off: "" })),
    ...memos.map((name) => ({ id: name, off: name })),
    ...settings.map((id) => ({ id, off: "", v8Defaults: true })),
  ];
  const servers = new Map();
  for (const arm of arms) servers.set(arm.id, await launch("taskmock", { env: { TASKMOCK_MEMO_OFF: arm.off }, v8Defaults: arm.v8Defaults === true }, probe));
  const loads = Object.fromEntries(arms.map((arm) => [arm.id, Object.fromEntries(OPERATIONS.map((op) => [op.id, []]))]));
  try {
    for (let round = 0; round < config.ablationRounds; round++) {
      const turned = swept.map((_, i) => swept[(i + round) % swept.length]);
      for (const op of OPERATIONS) {
        for (const id of [ALL_ON[0], ...turned, ALL_ON[1]]) {
          const server = servers.get(id);
          const request = requestFor(op, "taskmock");
          await op.setup?.(server.base);
          await load(server.base, request, { connections: config.connections, seconds: config.ablationWarmup });
          const result = await load(server.base, request, { connections: config.connections, seconds: config.ablationSeconds });
          loads[id][op.id].push({ rps: result.rps, unexpected: result.unexpected, errors: result.errors });
          log(`memo ablation round ${round + 1} ${op.id} ${ALL_ON.includes(id) ? id : `off: ${id}`}: ${Math.round(result.rps)} req/s`);
          await op.cleanup?.(server.base);
        }
      }
    }
  } finally {
    for (const server of servers.values()) await halt(server);
  }
  const yearArms = [{ id: "all-on", off: "" }, ...memos.map((name) => ({ id: name, off: name })), ...settings.map((id) => ({ id, off: "", v8Defaults: true }))];
  const year = Object.fromEntries(yearArms.map((arm) => [arm.id, []]));
  for (let i = 0; i < config.yearSamples; i++) for (const arm of yearArms) year[arm.id].push((await yearRun("all", arm.off, [], arm.v8Defaults)).advanceMs);
  for (const [id, ms] of Object.entries(year)) log(`memo ablation, one year, ${id === "all-on" ? id : `off: ${id}`}: ${ms.map((t) => t.toFixed(0)).join(", ")} ms`);
  return { memos, settings, loads, year };
}

/** The plan of the run, each step with a rough length in seconds from the settings (for the progress display). */
function plan(peers, servers) {
  const c = config;
  const load = c.seconds + c.warmup;
  const peerLoads = peers.length * PEER_OPERATIONS.length;
  return [
    { name: "start-up", seconds: (Math.min(3, c.starts) * 2 + c.starts + 3) * 1.5 },
    { name: "servers, peers and their start-up", seconds: 25 + peers.length * Math.min(3, c.starts) * 3 },
    { name: "warm-up under load", seconds: servers * c.peerWarmup },
    { name: "load rounds", seconds: c.rounds * (5 * OPERATIONS.length + peerLoads) * load },
    { name: "1,000 sessions under load", seconds: 20 + 2 * c.peerWarmup + c.rounds * 2 * load },
    { name: "profiles", seconds: OPERATIONS.length * (c.profileSeconds + 4) + c.profileSeconds + 6 },
    { name: "memory across rounds", seconds: c.rounds * (OPERATIONS.length - 1) * c.soakSeconds + 5 },
    { name: "store of records", seconds: 40 },
    { name: "one year of mock time", seconds: 6 * c.yearSamples * 1.2 + 3 },
    { name: "hostile soak", seconds: c.hostileRequests / 1500 + 20 },
    { name: "what sessions cost", seconds: 30 },
    { name: "memo ablation", seconds: 10 * OPERATIONS.length * c.ablationRounds * (c.ablationSeconds + c.ablationWarmup) + 9 * c.yearSamples },
    { name: "over a shared store", seconds: sharedStoreSeconds(c) },
    { name: "report", seconds: 10 },
  ];
}

/**
 * Each server's warm-up before its first measured round: BENCH_PEER_WARMUP seconds of load,
 * shared evenly over the operations it is measured on (a JIT's warm-up: WireMock's JVM speeds
 * up for tens of seconds; the same for every server).
 */
async function warmUp(serverFor, kind, operations) {
  const share = config.peerWarmup / operations.length;
  const rates = {};
  for (const op of operations) {
    const server = serverFor(op);
    const request = PEER_KINDS_SET.has(kind) ? peerRequest(op, kind) : requestFor(op, kind);
    if (kind === "taskmock" || kind === "layer") await op.setup?.(server.base);
    const result = await load(server.base, request, { connections: config.connections, seconds: share });
    if (kind === "taskmock" || kind === "layer") await op.cleanup?.(server.base);
    log(`warm-up ${kind} ${op.id}: ${Math.round(result.rps)} req/s over ${share.toFixed(1)} s`);
    rates[op.id] = result.rps;
  }
  return rates;
}

/**
 * The Omni PUT in one session of a server holding 1,000 live sessions with writes, paired round
 * by round with the same PUT in a server holding one session with the same writes. At its default
 * bound (1,000) a server holds the default session and 999 named ones: all of them get the writes.
 * Sessions are created through the API (the /__sessions/{id}/ prefix), the load names its
 * session with the X-Taskmock-Session header. Both run under the CPU profiler (the same cost for both): where the
 * two differ per request is what the sessions cost.
 */
async function sessionsUnderLoad(probe) {
  const op = OPERATIONS.find((o) => o.id === "omni-put");
  const COUNT = 1000;
  const WRITES = 3;
  const profiled = (name) => ({ nodeArgs: ["--cpu-prof", "--cpu-prof-dir", join(WORK, "profiles"), "--cpu-prof-name", `sessions-${name}.cpuprofile`] });
  const one = await launch("taskmock", profiled("one"), probe);
  const many = await launch("taskmock", profiled("many"), probe);
  const answered = { one: 0, many: 0 };
  const prefix = (id) => (id === "default" ? "" : `/__sessions/${id}`);
  const writes = async (base, id) => {
    for (let w = 0; w < WRITES; w++) {
      const answer = await send(base, {
        method: "POST",
        path: `${prefix(id)}/omni${op.path.split("/").slice(0, -1).join("/")}`,
        headers: op.headers,
        body: JSON.stringify({ schedule: `${w} 9 ? * * *`, timezone: "UTC" }),
      });
      if (answer.status >= 300) throw new Error(`session ${id}: a write answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    }
    const put = await send(base, { ...requestFor(op, "taskmock"), path: `${prefix(id)}${requestFor(op, "taskmock").path}` });
    if (put.status !== op.status) throw new Error(`session ${id}: the PUT answered ${put.status}`);
  };
  const live = async (base) => {
    const answer = await send(base, { method: "GET", path: "/__admin/sessions", headers: op.headers });
    const { sessions } = JSON.parse(answer.body);
    if (!sessions.some((s) => s.id === "bench-0")) throw new Error("the measured session is not live");
    return sessions.length;
  };
  try {
    await writes(one.base, "bench-0");
    const ids = ["default", ...Array.from({ length: COUNT - 1 }, (_, i) => `bench-${i}`)];
    for (let i = 0; i < ids.length; i += 10) await Promise.all(ids.slice(i, i + 10).map((id) => writes(many.base, id)));
    const before = { one: await live(one.base), many: await live(many.base) };
    log(`sessions under load: ${before.one} live sessions on one server (one with writes), ${before.many} on the other, ${WRITES} writes and a PUT each`);
    const request = { ...requestFor(op, "taskmock"), headers: { ...op.headers, "x-taskmock-session": "bench-0" } };
    const servers = { one, many };
    for (const [name, server] of Object.entries(servers)) {
      const result = await load(server.base, request, { connections: config.connections, seconds: config.peerWarmup });
      answered[name] += result.total;
      log(`sessions under load, warm-up ${name}: ${Math.round(result.rps)} req/s`);
    }
    const rounds = { one: [], many: [] };
    for (let round = 0; round < config.rounds; round++) {
      for (const name of round % 2 === 0 ? ["one", "many"] : ["many", "one"]) {
        progress.detail(`round ${round + 1} of ${config.rounds}, ${name === "one" ? "one session" : `${COUNT} sessions`}`);
        const server = servers[name];
        if ((await settle()) < 0) log("the servers did not quieten within 15 s");
        answered[name] += (await load(server.base, request, { connections: config.connections, seconds: config.warmup })).total;
        const result = await load(server.base, request, { connections: config.connections, seconds: config.seconds });
        answered[name] += result.total;
        rounds[name].push(result);
        log(`sessions under load, round ${round + 1}, ${name}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`);
      }
    }
    const after = { one: await live(one.base), many: await live(many.base) };
    await halt(one);
    await halt(many);
    const profile = (name) => ({ ...summarise(readProfile(join(WORK, "profiles", `sessions-${name}.cpuprofile`))), requests: answered[name] });
    return {
      count: COUNT,
      writes: WRITES,
      live: { before, after },
      one: summariseLoads(rounds.one),
      many: summariseLoads(rounds.many),
      profiles: { one: profile("one"), many: profile("many") },
    };
  } finally {
    await halt(one);
    await halt(many);
  }
}

const PEER_KINDS_SET = new Set(PEERS.map((p) => p.kind));
/** A peer's round under this share of its warm-up rate stops it for the remaining rounds. */
const COLLAPSED = 0.05;

/** Issue 19's measurements over a shared store (bench/lib/shared-store.mjs), with this run's servers. */
const sharedStore = (probe) =>
  measureSharedStore({ config, launch, halt, running, settle, log, progress, probe, dir: WORK });

const machine = () => ({
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGB: totalmem() / 1024 ** 3,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

/** BENCH_ONLY=store: the shared store's measurements alone, and a results.md of that section. */
async function storeOnly(probe) {
  progress = createProgress([
    { name: "over a shared store", seconds: sharedStoreSeconds(config) },
    { name: "report", seconds: 1 },
  ]);
  progress.step("over a shared store");
  const result = await sharedStore(probe);
  progress.step("report");
  const run = { finishedAt: Date.now(), elapsedS: (performance.now() - began) / 1000, machine: machine(), config, operations: OPERATIONS, sharedStore: result };
  writeFileSync(join(WORK, "run.json"), JSON.stringify(run, null, 2));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "results.md"), writeSharedStoreReport(run));
  progress.done();
  log(`wrote ${join(OUT, "results.md")} (the shared store only)`);
}

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, "profiles"), { recursive: true });
  const taskmockProbe = { ...START_PROBE, path: `/omni${START_PROBE.path}` };
  if (ONLY === "store") return storeOnly(taskmockProbe);
  const java = javaRuntime();
  const peers = PEERS.filter((p) => !p.java || java);
  const missing = PEERS.filter((p) => !peers.includes(p));
  const peerOps = OPERATIONS.filter((op) => PEER_OPERATIONS.includes(op.id));
  const prismSpecs = new Set(OPERATIONS.map((op) => op.spec));
  progress = createProgress(plan(peers, 4 + prismSpecs.size + peers.length));
  log(java ? `Java runtime: ${java}` : "no Java runtime on PATH: WireMock is not measured");

  // 1. Start-up, each server on its own. taskmock's cache of parsed specs and checked fixtures
  //    (node_modules/.cache/taskmock) is filled by its first start on a machine: "cold" is that
  //    first start (an empty cache), "warm" every later one.
  progress.step("start-up");
  log("start-up: taskmock cold (empty cache), taskmock warm, Prism, …");
  const cold = await measureStarts(
    "taskmock, first start on a machine (empty cache)",
    "taskmock",
    (i) => ({ env: { TASKMOCK_CACHE_DIR: join(WORK, `cold-cache-${i}`) } }),
    taskmockProbe,
    Math.min(3, config.starts),
  );
  await halt(await launch("taskmock", {}, taskmockProbe)); // fills the default cache if it is empty
  const warm = await measureStarts("taskmock, all five specs", "taskmock", {}, taskmockProbe, config.starts);
  const prismStart = await measureStarts("Prism, `specs/omni.yaml` only", "prism", { spec: "omni.yaml" }, START_PROBE, Math.min(3, config.starts));

  // 2. The servers under load, all started now and kept for the rounds.
  progress.step("servers, peers and their start-up");
  log("starting the servers for the load rounds");
  const taskmock = await launch("taskmock", {}, taskmockProbe);
  // Huawei's create adds a task per request by design (150,000 in a round): its rounds go to a
  // taskmock of their own, so that the resident memory after the rounds compares the server that
  // answered what Prism's Omni server answered (and the awork list) with the others, and a
  // store grown by the creates is reported apart.
  const taskmockCreates = await launch("taskmock", {}, taskmockProbe);
  const layer = await launch("layer", {}, taskmockProbe);
  const prisms = new Map();
  for (const spec of prismSpecs) {
    const probeOp = OPERATIONS.find((op) => op.spec === spec);
    prisms.set(spec, await launch("prism", { spec }, { ...requestFor(probeOp, "prism"), status: probeOp.status }));
  }
  // The floor answers the bytes taskmock answers: captured once, after each operation's set-up.
  // WireMock answers the same bytes; Mockoon and json-server are seeded with the awork records.
  const answers = {};
  const peerBodies = {};
  const seed = { omni: omniRecord(OPERATIONS.find((op) => op.id === "omni-put")) };
  for (const op of OPERATIONS) {
    await op.setup?.(taskmock.base);
    const request = requestFor(op, "taskmock");
    const answer = await send(taskmock.base, request);
    if (answer.status !== op.status) throw new Error(`${op.id}: taskmock answered ${answer.status}, not ${op.status}: ${answer.body}`);
    const headers = Object.fromEntries(
      Object.entries(answer.headers).filter(([name]) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(name)),
    );
    answers[`${op.method} ${op.path} ${op.body ?? ""}`] = { status: answer.status, headers, body: answer.body };
    if (PEER_OPERATIONS.includes(op.id)) peerBodies[op.id] = answer.body;
    if (op.id === "awork-list") seed.awork = await aworkRecords(taskmock.base, op.headers);
    await op.cleanup?.(taskmock.base);
  }
  const answersFile = join(WORK, "floor-answers.json");
  writeFileSync(answersFile, JSON.stringify(answers));
  const floorProbe = { ...requestFor(OPERATIONS[0], "floor") };
  const floorStart = await measureStarts("node:http floor", "floor", { answersFile }, floorProbe, Math.min(3, config.starts));
  const floor = await launch("floor", { answersFile }, floorProbe);
  const coalesced = await launch("coalesced", { answersFile }, floorProbe);

  // The peers: start-up each on its own (the first answer to the list request), then one of
  // each for the rounds, seeded and checked.
  const rootDir = wiremockRoot(WORK, peerBodies);
  const peerStarts = [];
  const peerServers = new Map();
  for (const peer of peers) {
    const probe = peerRequest(peerOps.find((op) => op.id === "awork-list"), peer.kind);
    log(`start-up: ${peer.name}`);
    peerStarts.push({ ...(await measureStarts(peer.name, peer.kind, { rootDir }, probe, Math.min(3, config.starts))), peer: peer.kind });
    const server = await launch(peer.kind, { rootDir }, probe, 60_000);
    await seedPeer(peer.kind, server.base, seed);
    await checkPeer(peer.kind, server.base, peerOps);
    peerServers.set(peer.kind, server);
  }

  // 3. Every server's warm-up under load, then the rounds: every operation on every server, the
  //    servers' order rotating each round. "layer" is taskmock's HTTP layer alone
  //    (bench/lib/layer-server.mjs): the engine's cost is what taskmock costs above it.
  //    "coalesced" is the floor writing its answers as taskmock does, together at the end of each
  //    turn of the event loop. The peers are loaded with the operations they are compared on.
  const kinds = ["taskmock", "layer", "prism", "floor", "coalesced", ...peers.map((p) => p.kind)];
  const serverOf = (kind, op) =>
    (kind === "taskmock" && op.id === "huawei-create" ? taskmockCreates : undefined) ??
    ({ taskmock, layer, floor, coalesced })[kind] ??
    peerServers.get(kind) ??
    prisms.get(op.spec);
  const opsOf = (kind) => (PEER_KINDS_SET.has(kind) ? peerOps : OPERATIONS);
  progress.step("warm-up under load");
  const warmups = {};
  for (const kind of kinds) {
    progress.detail(kind);
    if (kind === "prism") {
      warmups.prism = {};
      for (const [spec, server] of prisms) Object.assign(warmups.prism, await warmUp(() => server, kind, OPERATIONS.filter((op) => op.spec === spec)));
      continue;
    }
    warmups[kind] = await warmUp((op) => serverOf(kind, op), kind, opsOf(kind));
  }
  progress.step("load rounds");
  const loads = Object.fromEntries(OPERATIONS.map((op) => [op.id, Object.fromEntries(kinds.filter((k) => opsOf(k).includes(op)).map((k) => [k, []]))]));
  const memory = { taskmock: [] };
  const measurements = config.rounds * OPERATIONS.reduce((n, op) => n + Object.keys(loads[op.id]).length, 0);
  let measured = 0;
  // A peer that collapsed (a round below COLLAPSED of its warm-up rate on that operation: WireMock
  // with its journal on, once its heap fills) is stopped there, so that its collections do not
  // slow the servers measured after it; its later rounds read "stopped", its RSS is read first.
  const stopped = new Map();
  for (let round = 0; round < config.rounds; round++) {
    const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
    for (const op of OPERATIONS) {
      for (const kind of order.filter((k) => k in loads[op.id])) {
        progress.detail(`round ${round + 1} of ${config.rounds}, measurement ${++measured} of ${measurements}: ${op.id} on ${kind}`);
        if (stopped.has(kind)) {
          loads[op.id][kind].push({ rps: 0, p50: Number.NaN, p99: Number.NaN, total: 0, unexpected: 0, errors: 0, statuses: {}, stopped: true });
          continue;
        }
        const server = serverOf(kind, op);
        const request = PEER_KINDS_SET.has(kind) ? peerRequest(op, kind) : requestFor(op, kind);
        if (kind === "taskmock" || kind === "layer") await op.setup?.(server.base);
        const quiet = await settle();
        if (quiet < 0 || quiet > 3) log(`the servers ${quiet < 0 ? "did not quieten within 15 s" : `took ${quiet.toFixed(1)} s to quieten`} before ${op.id} on ${kind}`);
        await load(server.base, request, { connections: config.connections, seconds: config.warmup });
        const cpuBefore = cpuTime(server.child.pid);
        const result = await load(server.base, request, { connections: config.connections, seconds: config.seconds });
        const cpuAfter = cpuTime(server.child.pid);
        // CPU per answer, where it can be read and the server is one process (Prism runs two).
        if (kind !== "prism" && cpuBefore !== undefined && cpuAfter !== undefined && result.total > 0) result.cpuUs = (cpuAfter - cpuBefore) / result.total;
        loads[op.id][kind].push(result);
        log(`round ${round + 1} ${op.id} ${kind}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.unexpected ? `, ${result.unexpected} unexpected` : ""}`);
        if (kind === "taskmock") {
          memory.taskmock.push({ label: `r${round + 1} ${op.id}`, rss: rss(server.child.pid) });
        }
        if (kind === "taskmock" || kind === "layer") await op.cleanup?.(server.base);
        const warmed = warmups[kind]?.[op.id];
        if (PEER_KINDS_SET.has(kind) && warmed > 0 && result.rps < COLLAPSED * warmed) {
          stopped.set(kind, { round: round + 1, operation: op.id, rps: result.rps, warmup: warmed, share: COLLAPSED, rss: rss(server.child.pid) });
          log(`${kind} answered ${Math.round(result.rps)} req/s, under ${COLLAPSED * 100} % of its warm-up's ${Math.round(warmed)}: stopped for the remaining rounds`);
          await halt(server);
        }
      }
    }
  }
  const afterLoad = { taskmock: rss(taskmock.child.pid), taskmockCreates: rss(taskmockCreates.child.pid), prism: rss(prisms.get("omni.yaml").child.pid), floor: rss(floor.child.pid) };
  for (const [kind, server] of peerServers) afterLoad[kind] = stopped.get(kind)?.rss ?? rss(server.child.pid);
  const summary = Object.fromEntries(
    OPERATIONS.map((op) => [op.id, Object.fromEntries(Object.keys(loads[op.id]).map((k) => [k, summariseLoads(loads[op.id][k])]))]),
  );
  await haltAll();

  // 3b. 1,000 live sessions holding writes: the Omni PUT in one of them against one session alone.
  progress.step("1,000 sessions under load");
  const sessionLoad = await sessionsUnderLoad(taskmockProbe);

  // 4. Where taskmock's time goes: a CPU profile per operation.
  progress.step("profiles");
  const profiles = {};
  for (const op of OPERATIONS) {
    log(`profile: ${op.id}`);
    const name = `${op.id}.cpuprofile`;
    const server = await launch("taskmock", { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", join(WORK, "profiles"), "--cpu-prof-name", name] }, taskmockProbe);
    await op.setup?.(server.base);
    const request = requestFor(op, "taskmock");
    await load(server.base, request, { connections: config.connections, seconds: 1 });
    const result = await load(server.base, request, { connections: config.connections, seconds: config.profileSeconds });
    await halt(server);
    const summaryOf = summarise(readProfile(join(WORK, "profiles", name)));
    profiles[op.id] = { ...summaryOf, requests: result.total };
  }
  log("profile: the floor, Omni PUT");
  const floorProfiled = await launch(
    "floor",
    { answersFile, nodeArgs: ["--cpu-prof", "--cpu-prof-dir", join(WORK, "profiles"), "--cpu-prof-name", "floor.cpuprofile"] },
    floorProbe,
  );
  const floorLoad = await load(floorProfiled.base, requestFor(OPERATIONS[0], "floor"), {
    connections: config.connections,
    seconds: config.profileSeconds,
  });
  await halt(floorProfiled);
  const floorProfile = summarise(readProfile(join(WORK, "profiles", "floor.cpuprofile")));
  floorProfile.requests = floorLoad.total;

  log("profile: start-up");
  const startProfile = await launch(
    "taskmock",
    { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", join(WORK, "profiles"), "--cpu-prof-name", "start.cpuprofile"] },
    taskmockProbe,
  );
  await halt(startProfile);
  const startOwners = summarise(readProfile(join(WORK, "profiles", "start.cpuprofile")), { byPackage: true });

  // 5. Memory across rounds, heap after a full collection.
  progress.step("memory across rounds");
  const heaps = await soak(
    OPERATIONS.filter((op) => op.id !== "huawei-create"),
    config.rounds,
    config.soakSeconds,
  );

  // 6. The store of 100,000 records.
  progress.step("store of records");
  log(`store of ${config.records} records`);
  const store = await storeRun();

  // 7. One year of mock time, each in a fresh process.
  progress.step("one year of mock time");
  const { VENDOR_NAMES } = await import(pathToFileURL(join(ROOT, "dist", "vendors", "types.js")).href);
  log(`one year of mock time: all five vendors and each alone, ${config.yearSamples} processes each`);
  const year = await measureYear(VENDOR_NAMES, config.yearSamples);

  // 7b. The hostile soak: 100,000 mixed requests, resident memory sampled, the journal cleared.
  progress.step("hostile soak");
  log(`hostile soak: ${config.hostileRequests} mixed requests`);
  const hostile = await hostileSoak(log, config.hostileRequests);

  // 7c. What sessions cost (issue 14): creation, a read-only session, 1,000 sessions with 20 writes each.
  progress.step("what sessions cost");
  log("sessions: creation, a session that only reads, 1,000 sessions with 20 writes each");
  const sessions = await runNode(["--expose-gc", join(LIB, "sessions.mjs")]);
  log(`sessions: ${median(sessions.createMs).toFixed(3)} ms to create, ${sessions.readKB.toFixed(1)} KB read-only, ${sessions.writeMB.toFixed(1)} MB for 1,000 × 20 writes`);

  // 8. What each per-answer memo gains: its names as taskmock lists them (bench/lib/memos.mjs).
  progress.step("memo ablation");
  const memoNames = await runNode([join(LIB, "memos.mjs")]);
  log(`memo ablation: ${memoNames.length} memos (${memoNames.join(", ")}), ${config.ablationSeconds} s per server and operation`);
  const memoAblation = await ablation(memoNames, taskmockProbe);

  // 8b. Over a shared store (issue 19): one replica over a local redis-server against memory,
  //     --workers 2 against 1, the store's memory per session. Skipped, and said, without one.
  progress.step("over a shared store");
  const sharedStoreResult = await sharedStore(taskmockProbe);
  if (sharedStoreResult.skipped) log(`over a shared store: not measured (${sharedStoreResult.skipped})`);

  // 9. Targets, report, chart.
  progress.step("report");
  const omni = summary["omni-put"];
  const p99s = OPERATIONS.map((op) => `${op.id} ${summary[op.id].taskmock.p99} ms`);
  const worstP99 = Math.max(...OPERATIONS.map((op) => summary[op.id].taskmock.p99));
  const MB = 1024 * 1024;
  const growth = (heaps.at(-1)?.heapUsed ?? 0) - (heaps[0]?.heapUsed ?? 0);
  const startupShare = startOwners.owners
    .slice(0, 5)
    .map((o) => `${o.name} ${Math.round((o.ms / startOwners.busy) * 100)} %`)
    .join(", ");
  const worstStore = Math.max(...store.map((s) => s.p50));
  const targets = [
    ...throughputTargets(omni, profiles["omni-put"]),
    {
      name: "p99 latency ≤ 5 ms at 50 connections (taskmock, every operation)",
      measured: p99s.join(", "),
      met: worstP99 <= 5,
      why: `with 50 connections queued on one event loop, p99 is about 50 × the CPU time per request (the floor's own p99 in the same run: ${OPERATIONS.map(
        (op) => `${op.id} ${summary[op.id].floor.p99} ms`,
      ).join(", ")}): ${OPERATIONS.filter(
        (op) => summary[op.id].taskmock.p99 > 5,
      )
        .map((op) => `${op.id}: ${topOwners(profiles[op.id], 2)}`)
        .join(" — ")}.`,
    },
    {
      name: "start to first answer ≤ 300 ms, all five specs",
      measured: `${Math.round(warm.startMs)} ms (first start on a machine, empty cache: ${Math.round(cold.startMs)} ms)`,
      met: warm.startMs <= 300,
      why:
        `a start's CPU (profiled, by package): ${startupShare}. "Node itself" is loading and compiling the modules (taskmock's and its dependencies'). ` +
        "The first start on a machine also parses the " +
        "five YAML specs and checks the fixtures, then keeps both in node_modules/.cache/taskmock for every later start.",
    },
    {
      name: "resident memory after start ≤ 100 MB",
      measured: `${Math.round(warm.rss / MB)} MB (Prism, one spec: ${Math.round(prismStart.rss / MB)} MB)`,
      met: warm.rss <= 100 * MB,
      why: "the V8 heap of the loaded modules, the five parsed specs and the fixtures, plus Node's own baseline (the floor's RSS above).",
    },
    {
      name: "no growth across rounds beyond the bounded journal",
      measured: `live heap after a full GC, round 1 → ${config.rounds}: ${heaps.map((h) => (h.heapUsed / MB).toFixed(1)).join(" → ")} MB (${growth >= 0 ? "+" : ""}${(growth / MB).toFixed(2)} MB)`,
      met: growth <= 1 * MB,
      why: "the live heap grew between rounds after the journal was full (see the rounds above).",
    },
    {
      name: `${config.records.toLocaleString("en-US")} records: a list page in ≤ 5 ms p50`,
      measured: store.map((s) => `${s.vendor} ${s.p50.toFixed(1)} ms`).join(", "),
      met: worstStore <= 5,
      why: store
        .filter((s) => s.p50 > 5)
        .map((s) => `${s.vendor}: ${topOwners(s.profile)}`)
        .join(" — "),
    },
    yearTarget(year),
    ...sessionTargets(sessions),
  ];
  const startups = [
    { ...warm, rssAfterLoad: afterLoad.taskmock },
    cold,
    { ...prismStart, rssAfterLoad: afterLoad.prism },
    { ...floorStart, rssAfterLoad: afterLoad.floor },
  ];
  const run = {
    finishedAt: Date.now(),
    elapsedS: (performance.now() - began) / 1000,
    machine: machine(),
    config,
    operations: OPERATIONS,
    loads: summary,
    startups,
    memory,
    rssAfterCreates: afterLoad.taskmockCreates,
    heaps,
    profiles,
    floorProfile,
    store,
    year,
    hostile,
    sessions,
    memoAblation,
    sharedStore: sharedStoreResult,
    targets,
    java: java ?? null,
    peers: PEERS.map((p) => ({ ...p, measured: peers.includes(p), ...(missing.includes(p) ? { reason: "no Java runtime" } : {}) })),
    peerStarts: peerStarts.map((s) => ({ ...s, rssAfterLoad: afterLoad[s.peer] })),
    sessionLoad,
    warmups,
    stoppedPeers: Object.fromEntries(stopped),
    startProfile: startOwners,
  };
  writeFileSync(join(WORK, "run.json"), JSON.stringify(run, null, 2));
  const before = existsSync(BEFORE) ? JSON.parse(readFileSync(BEFORE, "utf8")) : undefined;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "results.md"), writeReport(run, before));
  const names = { taskmock: "taskmock", prism: "Prism", floor: "node:http floor", coalesced: "floor, writes coalesced" };
  for (const p of peers) names[p.kind] = p.short;
  const svg = await renderChart({
    throughput: OPERATIONS.flatMap((op) =>
      Object.keys(names)
        .filter((k) => summary[op.id][k])
        .map((k) => ({ operation: op.short, server: names[k], rps: summary[op.id][k].rps, p99: summary[op.id][k].p99 })),
    ),
    startup: [
      { server: "taskmock", startMs: warm.startMs, rssMB: warm.rss / MB },
      { server: "Prism", startMs: prismStart.startMs, rssMB: prismStart.rss / MB },
      { server: "node:http floor", startMs: floorStart.startMs, rssMB: floorStart.rss / MB },
      ...peerStarts.map((s) => ({ server: names[s.peer], startMs: s.startMs, rssMB: s.rss / MB })),
    ],
    servers: Object.values(names),
  });
  writeFileSync(join(OUT, "results.svg"), svg);
  progress.done();
  log(`wrote ${join(OUT, "results.md")} and results.svg`);
  for (const t of allTargets(run, before)) log(`${t.met === null ? "n/a   " : t.met ? "met   " : "MISSED"} ${t.name}: ${t.measured}`);
  const owners = new Set(
    [...Object.values(profiles), year.profile, ...store.map((s) => s.profile)].flatMap((p) => p.owners.slice(0, 8).map((o) => o.name)),
  );
  const undescribed = [...owners].filter((name) => !(name in OWNERS));
  if (undescribed.length > 0) log(`profile owners without a description in bench/lib/report.mjs OWNERS: ${undescribed.join(", ")}`);
}

try {
  await main();
} catch (error) {
  progress?.done();
  await haltAll();
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
