// Runs the built CLI (dist/cli.js) to completion, as a client's CI runs `taskmock verify` or
// `taskmock coverage`: resolves on `close`, once stdout and stderr are read to the end.
import { spawn } from "node:child_process";
import { ROOT } from "../helpers/specs.js";

export function taskmock(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${ROOT}dist/cli.js`, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
