// The real parts of a deployment, for the replica tests: a redis-server (or valkey-server) from
// the PATH on a free port with persistence off (test/helpers/redis.ts), taskmock replicas as child processes of the built
// CLI, and nginx run with deploy/nginx.conf. Each is stopped with its children when the test that
// started it finishes, and its temporary folder removed. A part that is not installed skips the
// test with a plain message, or fails it when TASKMOCK_REQUIRE_STORE=1 (CI, where a skip would
// hide a test that never ran).
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { onTestFinished, type TestContext } from "vitest";
import { type RunningCli, startCli } from "./cli.js";
import { freePort, type RunningRedis, startRedis, storeBinary } from "./redis.js";
import { ROOT } from "./specs.js";

/** The health path a balancer or an orchestrator asks (deploy/'s compose file and manifests). */
export const HEALTH_PATH = "/__admin/health";
/** The flags a replica runs with here and in deploy/'s recipes (there with a container's values: --port 4010, the store at valkey:6379). */
export const REPLICA_FLAGS = ["--port", "--store", "--store-prefix"] as const;
/** The upstream server of deploy/nginx.conf (the replicas' service and port in compose.yaml), and the port nginx listens on. */
export const RECIPE_UPSTREAM = { host: "taskmock", port: 4010 } as const;
export const RECIPE_NGINX_PORT = 8080;

/** Why a test cannot run here: a skip with this message, or a failure when TASKMOCK_REQUIRE_STORE=1. */
export function cannotRun(ctx: TestContext, reason: string): never {
  if (process.env["TASKMOCK_REQUIRE_STORE"] === "1") throw new Error(`${reason} (TASKMOCK_REQUIRE_STORE=1: a test that cannot run is a failure)`);
  process.stderr.write(`skipped "${ctx.task.name}": ${reason}\n`);
  return ctx.skip(reason);
}

/** An executable of that name on the PATH (or in the extra folders), or undefined. */
export function onPath(name: string, extra: string[] = []): string | undefined {
  for (const dir of [...(process.env["PATH"] ?? "").split(delimiter), ...extra]) {
    if (dir === "") continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** nginx from the PATH, or where Debian's package puts it (/usr/sbin, outside a user's PATH). */
export const nginxBinary = (): string | undefined => onPath("nginx", ["/usr/sbin"]);

interface Started {
  child: ChildProcess;
  /** Signals the process group and resolves when the process has exited (SIGKILL after 5 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

/** Starts a program in a process group of its own, stopped (group and all) when the test finishes. */
function startGroup(command: string, args: string[]): Started {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.once("error", (error) => (text += String(error)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // the group is gone
    }
  };
  const stop = async (sig: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    signal(sig);
    const late = setTimeout(() => signal("SIGKILL"), 5000);
    await exited;
    clearTimeout(late);
  };
  const killAll = () => signal("SIGKILL");
  process.once("exit", killAll);
  void exited.then(() => process.off("exit", killAll));
  onTestFinished(() => stop());
  return { child, stop, output: () => text };
}

/** Polls until the check holds (every 50 ms, up to 20 s); fails at once when the program it waits for has exited. */
async function until(check: () => Promise<boolean>, started: Started, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) throw new Error(`${what} exited before it was ready:\n${started.output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready in 20 s:\n${started.output()}`);
}

/** A redis-server (or valkey-server) of this test's own (test/helpers/redis.ts), stopped when the test finishes; undefined when none is installed. */
export async function startStore(): Promise<RunningRedis | undefined> {
  if (storeBinary() === undefined) return undefined;
  const store = await startRedis();
  onTestFinished(() => store.kill());
  return store;
}

/** The command line of a replica over the store (the flags of REPLICA_FLAGS, and a quiet log). */
export const replicaArgs = (store: string, prefix: string, extra: string[] = []): string[] => [
  "serve",
  "--port",
  "0",
  "--store",
  store,
  "--store-prefix",
  prefix,
  "--quiet",
  ...extra,
];

/** The CLI of this build refuses --store: it has no shared store to run replicas over. */
export class NoSharedStore extends Error {
  constructor() {
    super("shared store not available in this build (taskmock serve refuses --store)");
  }
}

/** One taskmock replica over the store: a child process of dist/cli.js serve, stopped with the test. */
export async function startReplica(store: string, prefix: string, extra: string[] = []): Promise<RunningCli> {
  try {
    return await startCli(replicaArgs(store, prefix, extra));
  } catch (error) {
    if (/Unknown option '--store/.test((error as Error).message)) throw new NoSharedStore();
    throw error;
  }
}

export interface Replicas {
  store: RunningRedis;
  replicas: RunningCli[];
  /** Each replica's origin (http://127.0.0.1:PORT). */
  urls: string[];
}

/**
 * A store and `count` replicas over it (one key prefix of their own), or the test skipped (or
 * failed, TASKMOCK_REQUIRE_STORE=1) with the reason: no redis-server or valkey-server on the PATH,
 * or a build without the shared store.
 */
export async function replicasOrSkip(ctx: TestContext, count: number, extra: string[] = []): Promise<Replicas> {
  const store = await startStore();
  if (store === undefined) return cannotRun(ctx, "no redis-server or valkey-server on the PATH (the replica tests run a real one)");
  const prefix = `taskmock-test-${process.pid}-${Date.now()}:`;
  let replicas: RunningCli[];
  try {
    replicas = await Promise.all(Array.from({ length: count }, () => startReplica(store.url, prefix, extra)));
  } catch (error) {
    if (error instanceof NoSharedStore) return cannotRun(ctx, error.message);
    throw error;
  }
  return { store, replicas, urls: replicas.map((r) => r.url) };
}

/**
 * deploy/nginx.conf with this test's addresses in place of the recipe's: the upstream's one
 * server (the compose service) becomes one line per replica with the same parameters, nginx
 * listens on the given port of 127.0.0.1, and its logs and temporary files go to `dir`. Throws
 * when the file no longer has the lines it replaces.
 */
export function nginxConfig(recipe: string, upstreams: string[], port: number, dir: string): string {
  const replace = (text: string, pattern: RegExp, by: (match: RegExpMatchArray) => string, what: string) => {
    const matches = [...text.matchAll(pattern)];
    if (matches.length !== 1) throw new Error(`deploy/nginx.conf has ${matches.length} ${what}, not 1`);
    const match = matches[0] as RegExpMatchArray;
    return text.slice(0, match.index) + by(match) + text.slice((match.index as number) + match[0].length);
  };
  const server = new RegExp(`^(\\s*)server ${RECIPE_UPSTREAM.host}:${RECIPE_UPSTREAM.port}( [^;]*)?;$`, "gm");
  let conf = replace(recipe, server, (m) => upstreams.map((u) => `${m[1]}server ${u}${m[2] ?? ""};`).join("\n"), `"server ${RECIPE_UPSTREAM.host}:${RECIPE_UPSTREAM.port}" lines`);
  conf = replace(conf, new RegExp(`^(\\s*)listen ${RECIPE_NGINX_PORT};$`, "gm"), (m) => `${m[1]}listen 127.0.0.1:${port};`, `"listen ${RECIPE_NGINX_PORT};" lines`);
  conf = replace(conf, /^(\s*)access_log [^;]+;$/gm, (m) => `${m[1]}access_log ${join(dir, "access.log")};`, "access_log lines");
  conf = conf.replace(/^worker_processes [^;]+;$/m, "worker_processes 1;");
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `    ${kind}_temp_path ${join(dir, kind)};`).join("\n");
  return replace(conf, /^http \{$/gm, (m) => `${m[0]}\n${temp}`, "http blocks");
}

/** nginx with deploy/nginx.conf in front of the replicas (its prefix, pid, logs in a folder of its own); undefined when nginx is not installed. */
export async function startNginx(upstreams: string[]): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  const binary = nginxBinary();
  if (binary === undefined) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "taskmock-nginx-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(readFileSync(join(ROOT, "deploy", "nginx.conf"), "utf8"), upstreams, port, dir));
  const nginx = startGroup(binary, ["-p", `${dir}/`, "-c", conf, "-e", join(dir, "error.log"), "-g", `daemon off; pid ${join(dir, "nginx.pid")};`]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await until(async () => (await fetch(`${url}${HEALTH_PATH}`)).ok, nginx, "nginx");
  } catch (error) {
    let log = "";
    try {
      log = readFileSync(join(dir, "error.log"), "utf8");
    } catch {
      // no log written
    }
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return { url, stop: nginx.stop };
}

/**
 * A fetch that sends each request to the next replica in turn (the test's own round-robin, when
 * nginx is not installed): a URL of the first replica's origin goes to the next origin instead.
 */
export function rotation(urls: string[]): { origin: string; fetch: (input: string | Request, init?: RequestInit) => Promise<Response> } {
  const origin = urls[0] as string;
  let next = 0;
  return {
    origin,
    fetch(input, init) {
      const target = urls[next++ % urls.length] as string;
      if (typeof input === "string") return fetch(input.startsWith(origin) ? target + input.slice(origin.length) : input, init);
      return fetch(new Request(input.url.startsWith(origin) ? target + input.url.slice(origin.length) : input.url, input), init);
    },
  };
}
