// Over a shared store (issue 19): a redis-server (or valkey-server) from the PATH on a free port,
// persistence off, and taskmock replicas over it, measured in the same run as the in-memory
// default. Every process started here is stopped here, also on failure.
//
// - One replica over the store against one in memory, both running, paired round by round (the
//   order alternating): the Omni PUT (50 connections writing to one session: every answer a
//   commit) and the awork list (1,000 records in a session of their own: a read, one version read
//   per batch); throughput, p99, CPU per answer of the replica and of redis-server.
// - `serve --workers 2` against `--workers 1` over the same store (each under a key prefix of its
//   own), paired the same way, on the Omni PUT; CPU per answer of all the workers together.
// - The store's memory for one session after 20 writes: MEMORY USAGE summed over every key of the
//   store, after the writes less before them.
import { spawn, spawnSync } from "node:child_process";
import { Redis } from "iovalkey";
import { load } from "./load.mjs";
import { OPERATIONS, requestFor } from "./operations.mjs";
import { cpuTime, cpuTree, freePort, send, sleep, stop } from "./servers.mjs";

/** The store server on the PATH: redis-server, else valkey-server; undefined without either. */
export function storeCommand() {
  for (const command of ["redis-server", "valkey-server"]) {
    const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return command;
  }
  return undefined;
}

/** The operations measured over the store. */
export const STORE_OPERATIONS = ["omni-put", "awork-list"];
const WRITES = 20;

/** Rough length of the measurement in seconds, from the settings (for the progress display). */
export const sharedStoreSeconds = (c) => {
  const one = c.warmup + c.seconds;
  return 15 + 2 * STORE_OPERATIONS.length * c.warmup + c.rounds * 2 * STORE_OPERATIONS.length * one + 2 * c.warmup + c.rounds * 2 * one;
};

/** Starts `command` on a free port of 127.0.0.1, persistence off, files (none expected) in `dir`. */
async function startStore(command, dir) {
  const port = await freePort();
  const child = spawn(command, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server = { kind: command, port, child, url: `redis://127.0.0.1:${port}` };
  await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => fail(new Error(`${command} was not ready within 10 s:\n${text}`)), 10_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const read = (chunk) => {
      if (text.length < 20_000) text += chunk;
      if (/ready to accept connections/i.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`${command} exited with ${code}:\n${text}`)));
  });
  return server;
}

/** The store's memory now: MEMORY USAGE summed over every key (SCAN). */
async function storeBytes(client) {
  let total = 0;
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "COUNT", 1000);
    cursor = next;
    for (const key of keys) total += Number((await client.memory("USAGE", key)) ?? 0);
  } while (cursor !== "0");
  return total;
}

const pick = (ids) => OPERATIONS.filter((op) => ids.includes(op.id));

/**
 * Where an operation runs on a server: the Omni PUT in the default session, the awork list in a
 * session of its own. A commit writes its session's whole document, so the PUT's session does not
 * also carry the list's 1,000 records.
 */
const baseFor = (server, op) => (op.id === "awork-list" ? `${server.base}/__sessions/bench-awork` : server.base);

/**
 * Measures taskmock over a shared store. `launch(kind, options, probe)` and `halt(server)` start
 * and stop servers as bench/run.mjs tracks them; `running` is its set of processes to stop on a
 * signal (the store joins it while it runs); `settle()` waits until they are quiet.
 * Answers { command, store, memory, workers, sessionBytes, writes } or { skipped: reason }.
 */
export async function measureSharedStore({ config, launch, halt, running, settle, log, progress, probe, dir }) {
  const command = storeCommand();
  if (!command) return { skipped: "neither redis-server nor valkey-server is on the PATH" };
  const store = await startStore(command, dir);
  running.add(store);
  const client = new Redis(store.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const version = (/v=(\S+)/.exec(spawnSync(command, ["--version"], { encoding: "utf8" }).stdout) ?? [])[1];
  const started = [];
  const up = async (...args) => {
    const server = await launch(...args);
    started.push(server);
    return server;
  };
  const measure = async (server, op, pids) => {
    const request = requestFor(op, "taskmock");
    const base = baseFor(server, op);
    if ((await settle()) < 0) log("the servers did not quieten within 15 s");
    await load(base, request, { connections: config.connections, seconds: config.warmup });
    const cpu0 = pids.replica();
    const store0 = cpuTime(store.child.pid) ?? 0;
    const result = await load(base, request, { connections: config.connections, seconds: config.seconds });
    const answers = Math.max(1, result.total);
    result.cpuUs = (pids.replica() - cpu0) / answers;
    result.storeCpuUs = ((cpuTime(store.child.pid) ?? 0) - store0) / answers;
    return result;
  };
  try {
    await client.connect();
    log(`over a shared store: ${command} ${version ?? ""} on port ${store.port}, persistence off`);

    // 1. One replica over the store against one in memory, paired round by round.
    const ops = pick(STORE_OPERATIONS);
    const arms = {
      memory: await up("taskmock", {}, probe),
      store: await up("taskmock", { env: { TASKMOCK_STORE: store.url } }, probe),
    };
    const rounds = Object.fromEntries(ops.map((op) => [op.id, { memory: [], store: [] }]));
    for (const [name, server] of Object.entries(arms)) {
      for (const op of ops) {
        await op.setup?.(baseFor(server, op));
        await load(baseFor(server, op), requestFor(op, "taskmock"), { connections: config.connections, seconds: config.warmup });
      }
      log(`over a shared store: ${name} replica ready`);
    }
    for (let round = 0; round < config.rounds; round++) {
      for (const op of ops) {
        for (const name of round % 2 === 0 ? ["memory", "store"] : ["store", "memory"]) {
          progress.detail(`round ${round + 1} of ${config.rounds}: ${op.id}, ${name === "store" ? `over ${command}` : "in memory"}`);
          const server = arms[name];
          const result = await measure(server, op, { replica: () => cpuTime(server.child.pid) ?? 0 });
          rounds[op.id][name].push(result);
          log(
            `over a shared store, round ${round + 1} ${op.id} ${name}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ` +
              `${result.cpuUs.toFixed(1)} µs CPU per answer${name === "store" ? ` + ${result.storeCpuUs.toFixed(1)} µs in ${command}` : ""}` +
              `${result.unexpected ? `, ${result.unexpected} unexpected` : ""}`,
          );
        }
      }
    }

    // 2. The store's memory for one session after 20 writes (Omni creates in a named session).
    progress.detail(`one session's memory after ${WRITES} writes`);
    const before = await storeBytes(client);
    const omni = OPERATIONS.find((op) => op.id === "omni-put");
    for (let w = 0; w < WRITES; w++) {
      const answer = await send(arms.store.base, {
        method: "POST",
        path: `/__sessions/bench-twenty/omni${omni.path.split("/").slice(0, -1).join("/")}`,
        headers: omni.headers,
        body: JSON.stringify({ schedule: `${w} 9 ? * * *`, timezone: "UTC" }),
      });
      if (answer.status >= 300) throw new Error(`a write to the session answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    }
    const sessionBytes = (await storeBytes(client)) - before;
    log(`over a shared store: one session after ${WRITES} writes takes ${(sessionBytes / 1024).toFixed(1)} KB of the store`);
    for (const server of Object.values(arms)) await halt(server);

    // 3. --workers 2 against --workers 1 over the same store, each under a prefix of its own.
    const workerArms = {};
    for (const n of [1, 2]) {
      workerArms[n] = await up("taskmock", { env: { TASKMOCK_STORE: store.url }, args: ["--workers", String(n), "--store-prefix", `bench-w${n}:`] }, probe);
      await load(workerArms[n].base, requestFor(omni, "taskmock"), { connections: config.connections, seconds: config.warmup });
    }
    const workers = { 1: [], 2: [] };
    for (let round = 0; round < config.rounds; round++) {
      for (const n of round % 2 === 0 ? [1, 2] : [2, 1]) {
        progress.detail(`round ${round + 1} of ${config.rounds}: Omni PUT, --workers ${n}`);
        const server = workerArms[n];
        const result = await measure(server, omni, { replica: () => cpuTree(server.child.pid) });
        workers[n].push(result);
        log(
          `over a shared store, round ${round + 1} --workers ${n}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ` +
            `${result.cpuUs.toFixed(1)} µs CPU per answer (all workers) + ${result.storeCpuUs.toFixed(1)} µs in ${command}` +
            `${result.unexpected ? `, ${result.unexpected} unexpected` : ""}`,
        );
      }
    }
    return { command, version, rounds, workers, sessionBytes, writes: WRITES };
  } finally {
    for (const server of started) await halt(server);
    client.disconnect();
    await stop(store);
    running.delete(store);
    await sleep(10);
  }
}
