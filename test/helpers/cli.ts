// Starts the built CLI as a child process and waits for its "listening" line.
import { type ChildProcess, spawn } from "node:child_process";
import { onTestFinished } from "vitest";
import { ROOT } from "./specs.js";

/** The flags `npm start` gives Node before dist/cli.js, read from package.json's start script as the bench reads them. */
export { START_NODE_FLAGS } from "../../bench/lib/servers.mjs";

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCli(
  args: string[],
  options: { command?: string[]; env?: Record<string, string>; cwd?: string } = {},
): Promise<RunningCli> {
  const command = options.command ?? [process.execPath, `${ROOT}dist/cli.js`];
  // A process group of its own: stop() signals the group, so a CLI started through a launcher
  // (npx, which does not pass signals on to its child) is stopped with everything it started.
  const child = spawn(command[0] as string, [...command.slice(1), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start in time:\n${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const url = /taskmock listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          child,
          url,
          output: () => text,
          stop: (signal = "SIGTERM") => {
            try {
              process.kill(-(child.pid as number), signal);
            } catch {
              child.kill(signal); // the group is gone already
            }
            return exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code} before listening:\n${text}`));
    });
    // Whatever happens to the test, the group does not outlive it (nor the test process).
    const kill = () => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // gone
      }
    };
    process.once("exit", kill);
    child.once("exit", () => process.off("exit", kill));
    try {
      onTestFinished(kill);
    } catch {
      // started outside a test (a hook): the test process's exit stops it
    }
  });
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [`${ROOT}dist/cli.js`, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}
