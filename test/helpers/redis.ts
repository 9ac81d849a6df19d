// A real redis-server (or valkey-server) from the PATH for one test file: a free port, persistence
// off, stopped (with SIGCONT first, if a test paused it) when the file's tests are done. Absent,
// the tests that need it skip with a plain message, unless TASKMOCK_REQUIRE_STORE=1 (CI), where
// its absence fails them.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface RunningRedis {
  url: string;
  /** Which server runs (redis-server or valkey-server). */
  binary: string;
  child: ChildProcess;
  pause(): void;
  resume(): void;
  /** Stops it (SIGKILL); resolves once it exited. */
  kill(): Promise<void>;
}

/** The server binary on the PATH, if any. */
export function storeBinary(): string | undefined {
  for (const name of ["redis-server", "valkey-server"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "pipe" });
      return name;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Why store tests skip (undefined: they run). Throws when TASKMOCK_REQUIRE_STORE=1 and there is no server. */
export function storeSkip(): string | undefined {
  if (storeBinary() !== undefined) return undefined;
  if (process.env["TASKMOCK_REQUIRE_STORE"] === "1") throw new Error("TASKMOCK_REQUIRE_STORE=1 but neither redis-server nor valkey-server is on the PATH");
  return "skipped: neither redis-server nor valkey-server is on the PATH (the shared-store tests need one)";
}

/** A port free at the moment of asking (the OS's pick for port 0), for a server that cannot be told port 0 and then asked. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<RunningRedis> {
  const binary = storeBinary();
  if (binary === undefined) throw new Error("no redis-server or valkey-server on the PATH");
  const port = await freePort();
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => {
    try {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    } catch {
      // gone
    }
  };
  process.once("exit", kill);
  child.once("exit", () => process.off("exit", kill));
  await new Promise<void>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${binary} did not start:\n${text}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (/ready to accept connections/i.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${binary} exited with ${code}:\n${text}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    binary,
    child,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    kill: () => {
      kill();
      return exited;
    },
  };
}
