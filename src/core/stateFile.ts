// `serve --state FILE`: the default session starts from a snapshot file and is written back to it
// every few seconds (when it changed) and on exit. Each write is atomic: the snapshot goes to a
// temporary file beside it, is flushed to disk (fsync), then renamed over the file and the folder
// flushed, so a process killed at any moment (SIGKILL included) leaves the last complete snapshot.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Mock } from "./mock.js";
import { StartupError } from "./definitions.js";

/** Writes `text` to `file` atomically (temporary file, fsync, rename, folder fsync). */
export function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const folder = openSync(dirname(file), "r");
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/** Temporary files a killed process left beside `file`. */
function leftovers(file: string): string[] {
  const prefix = `.${basename(file)}.`;
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"))
    .map((name) => join(dirname(file), name));
}

export interface StateFile {
  /** Writes the snapshot now if it changed since the last write. */
  save(): void;
  /** Stops the periodic writes (after a last save). */
  close(): void;
}

/**
 * Restores `mock` from `file` when it exists (a file that is not a valid snapshot stops the start,
 * naming the problems) and keeps the file current every `intervalMs` (and on `save`).
 */
export function keepState(mock: Mock, file: string, intervalMs: number): StateFile {
  for (const stale of leftovers(file)) rmSync(stale, { force: true });
  let written: string | undefined;
  if (existsSync(file)) {
    let value: unknown;
    try {
      written = readFileSync(file, "utf8");
      value = JSON.parse(written);
    } catch (error) {
      throw new StartupError(`--state ${file}: cannot be read as JSON: ${(error as Error).message}`);
    }
    const restored = mock.restore(value);
    if (!restored.ok) throw new StartupError(`--state ${file}: not a snapshot taskmock can restore:\n  ${restored.problems.slice(0, 20).join("\n  ")}`);
  }
  const save = () => {
    const text = `${JSON.stringify(mock.snapshot(), null, 1)}\n`;
    if (text === written) return;
    writeAtomically(file, text);
    written = text;
  };
  try {
    save();
  } catch (error) {
    throw new StartupError(`--state ${file}: cannot be written: ${(error as Error).message}`);
  }
  const timer = setInterval(() => {
    try {
      save();
    } catch (error) {
      mock.report(`taskmock: --state ${file}: cannot be written: ${(error as Error).message}`);
    }
  }, intervalMs);
  timer.unref();
  return {
    save,
    close() {
      clearInterval(timer);
      save();
    },
  };
}
