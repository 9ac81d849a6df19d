// Starting, probing, measuring and stopping the servers under test. Every server binds to
// 127.0.0.1 only; every wait is bounded.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PRISM = join(ROOT, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const TASKMOCK = join(ROOT, "dist", "cli.js");
const FLOOR = join(ROOT, "bench", "lib", "floor.mjs");
const LAYER = join(ROOT, "bench", "lib", "layer-server.mjs");
const MOCKOON = join(ROOT, "node_modules", "@mockoon", "cli", "bin", "run.js");
const JSON_SERVER = join(ROOT, "node_modules", "json-server", "lib", "cli", "bin.js");
const PEERS = join(ROOT, "bench", "peers");
const WIREMOCK_BUILD = join(ROOT, "node_modules", "wiremock", "build");
/** The WireMock standalone jar npm's `wiremock` package ships (its name carries the version). */
export const WIREMOCK_JAR = join(WIREMOCK_BUILD, jarIn(WIREMOCK_BUILD) ?? "wiremock-standalone.jar");

function jarIn(dir) {
  try {
    return readdirSync(dir).find((name) => name.endsWith(".jar"));
  } catch {
    return undefined; // not installed: WireMock's start then fails and says so
  }
}

/** A port nothing listens on now (the kernel's pick for port 0 on loopback). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The flags `npm start` gives Node before dist/cli.js (package.json's start script: a young
 * generation of 64 MB, see the README's Speed section). taskmock, and the servers the report
 * calls the server the CLI starts (its HTTP layer alone, the memory soak's), run with them.
 */
export const START_NODE_FLAGS = (() => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const start = /^node((?: --[^ ]+)*) dist\/cli\.js serve$/.exec(scripts.start ?? "");
  if (!start) throw new Error(`package.json's start script is not "node [flags] dist/cli.js serve": ${scripts.start}`);
  return start[1].trim().split(" ").filter(Boolean);
})();

/**
 * How to start each kind of server on a port; `args` are node's arguments, or `command`'s where
 * there is one. The peers run from node_modules with their configuration in bench/peers/.
 */
export const KINDS = {
  // As `npm start` starts it (its Node flags), unless `v8Defaults`: Node's own heap sizing.
  taskmock: (port, { nodeArgs = [], env = {}, args = [], v8Defaults = false } = {}) => ({
    args: [...(v8Defaults ? [] : START_NODE_FLAGS), ...nodeArgs, TASKMOCK, "serve", "--port", String(port), "--host", "127.0.0.1", ...args],
    env,
  }),
  prism: (port, { spec }) => ({ args: [PRISM, "mock", join(ROOT, "specs", spec), "-p", String(port), "-h", "127.0.0.1"], env: {} }),
  layer: (port) => ({ args: [...START_NODE_FLAGS, LAYER, String(port)], env: {} }),
  floor: (port, { answersFile, nodeArgs = [] }) => ({ args: [...nodeArgs, FLOOR, String(port), answersFile], env: {} }),
  coalesced: (port, { answersFile }) => ({ args: [FLOOR, String(port), answersFile, "coalesced"], env: {} }),
  // -X: Mockoon's log goes to stdout only, not also to files in the home directory.
  mockoon: (port) => ({ args: [MOCKOON, "start", "-d", join(PEERS, "mockoon", "environment.json"), "-p", String(port), "-l", "127.0.0.1", "-X"], env: {} }),
  "json-server": (port) => ({
    args: [JSON_SERVER, join(PEERS, "json-server", "db.js"), "--routes", join(PEERS, "json-server", "routes.json"), "--port", String(port), "--host", "127.0.0.1"],
    env: {},
  }),
  wiremock: (port, { rootDir }) => ({ command: "java", args: wiremockArgs(port, rootDir), env: {} }),
  "wiremock-off": (port, { rootDir }) => ({
    command: "java",
    args: [...wiremockArgs(port, rootDir), "--no-request-journal", "--async-response-enabled=true"],
    env: {},
  }),
};

function wiremockArgs(port, rootDir) {
  return ["-jar", WIREMOCK_JAR, "--port", String(port), "--bind-address", "127.0.0.1", "--root-dir", rootDir, "--disable-banner"];
}

/**
 * Starts a server and measures the time from the spawn to its first valid answer to `probe`
 * (a request and the status it must answer). Gives up after `timeoutMs`.
 */
export async function start(kind, options, probe, timeoutMs = 30_000) {
  const port = await freePort();
  const { command = process.execPath, args, env } = KINDS[kind](port, options);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  child.once("error", (error) => {
    stderr += String(error);
    exited = true;
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`${kind} exited before answering:\n${stderr}`);
    if (performance.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${kind} gave no valid answer within ${timeoutMs} ms:\n${stderr}`);
    }
    try {
      const response = await send(base, probe);
      if (response.status === probe.status) break;
    } catch {
      // not listening yet
    }
    await sleep(3);
  }
  const startMs = performance.now() - started;
  return { kind, port, base, child, startMs, stderr: () => stderr };
}

/** Runs a script (of bench/lib) in its own Node process and answers the JSON it prints; bounded. */
export function runNode(args, { env = {}, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${args.find((a) => a.endsWith(".mjs"))} exited with ${code ?? signal}`));
      else resolve(JSON.parse(out));
    });
  });
}

export function send(base, { method, path, headers = {}, body }) {
  return fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) }).then(async (response) => ({
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  }));
}

/** Stops a server (SIGINT, then SIGKILL after a grace period) and waits for it to exit. */
export async function stop(server, graceMs = 5_000) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process and its descendants, in bytes (Linux /proc). */
export function rss(pid) {
  let total = 0;
  const visit = (id) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of readFileSync(`/proc/${id}/task/${id}/children`, "utf8").split(" ").filter(Boolean)) visit(Number(task));
    } catch {
      // gone, or not Linux
    }
  };
  visit(pid);
  return total;
}

/** CPU time, in µs, a process and its descendants now running have used so far (see cpuTime). */
export function cpuTree(pid) {
  let total = 0;
  const visit = (id) => {
    total += cpuTime(id) ?? 0;
    try {
      for (const child of readFileSync(`/proc/${id}/task/${id}/children`, "utf8").split(" ").filter(Boolean)) visit(Number(child));
    } catch {
      // gone, or not Linux
    }
  };
  visit(pid);
  return total;
}

/**
 * CPU time a process has used so far, user and system, in µs (Linux /proc; the kernel counts in
 * ticks of 1/100 s, getconf CLK_TCK). Undefined where there is no /proc.
 */
export function cpuTime(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after "(comm) ".
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
