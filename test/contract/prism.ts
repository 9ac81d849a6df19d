// Starts Stoplight Prism's validating proxy (`prism proxy <spec> <upstream>`) as a child process
// on a free port and stops it again: the independent referee of the mock's answers.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** Prism's CLI entry point, run with this Node (no shell, no npx). */
const PRISM = require.resolve("@stoplight/prism-cli/dist/index.js");

export interface RunningPrism {
  url: string;
  /** What Prism printed (its request log), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** `--errors`: a request or response that breaks the spec gets Prism's own error answer. */
  errors: boolean;
  /** `--validate-request` (default true): false forwards every request, checking only the answer. */
  validateRequest?: boolean;
}

export function startPrism(specFile: string, upstream: string, options: PrismOptions): Promise<RunningPrism> {
  const args = [PRISM, "proxy", specFile, upstream, "--port", "0", "--host", "127.0.0.1", `--errors=${options.errors}`];
  if (options.validateRequest === false) args.push("--validate-request=false");
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`prism did not start in time:\n${text}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      // Keep the tail only: Prism logs every request.
      text = (text + chunk.toString()).slice(-20_000);
      const url = /Prism is listening on (http:\/\/[\d.]+:\d+)/.exec(text)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.on("data", (more: Buffer) => {
          text = (text + more.toString()).slice(-20_000);
        });
        resolve({
          url,
          output: () => text,
          stop: () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-20_000);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code} before listening:\n${text}`));
    });
  });
}
