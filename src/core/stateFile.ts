// `serve --state FILE`: the default session starts from a snapshot file and is written back to it
// every few seconds (when it changed) and on exit. Each write is atomic: the snapshot goes to a
// temporary file beside it, is flushed to disk (fsync), then renamed over the file and the folder
// flushed, so a process killed at any moment (SIGKILL included) leaves the last complete snapshot.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Mock } from "./mock.js";
import type { Snapshot } from "./snapshot.js";
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

/** The state file's text and JSON (undefined when there is none yet), the temporary files a killed process left removed. */
function readStateFile(file: string): { text: string; value: unknown } | undefined {
  for (const stale of leftovers(file)) rmSync(stale, { force: true });
  if (!existsSync(file)) return undefined;
  try {
    const text = readFileSync(file, "utf8");
    return { text, value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new StartupError(`--state ${file}: cannot be read as JSON: ${(error as Error).message}`);
  }
}

/** A restore's outcome at start: a snapshot that does not restore stops the start, naming the problems. */
function restored(file: string, outcome: { ok: true } | { ok: false; problems: string[] }): void {
  if (!outcome.ok) throw new StartupError(`--state ${file}: not a snapshot taskmock can restore:\n  ${outcome.problems.slice(0, 20).join("\n  ")}`);
}

/** The default session as a replica over a shared store reaches it: each call one job of its queue (undefined: the store did not answer). */
export interface SharedStateTarget {
  restore(value: unknown): Promise<{ ok: true } | { ok: false; problems: string[] } | undefined>;
  snapshot(): Promise<Snapshot | undefined>;
  report(line: string): void;
}

/**
 * `--state FILE` over a shared store: the file, when it exists, is restored into the store's
 * default session at start, and the store's state is written back to it every `intervalMs` and
 * on close, as keepState does in memory.
 */
export async function keepSharedState(target: SharedStateTarget, file: string, intervalMs: number): Promise<{ close(): Promise<void> }> {
  const read = readStateFile(file);
  let written = read?.text;
  if (read) {
    const outcome = await target.restore(read.value);
    if (outcome === undefined) throw new StartupError(`--state ${file}: the shared store did not answer`);
    restored(file, outcome);
  }
  const save = async () => {
    const snapshot = await target.snapshot();
    if (snapshot === undefined) return;
    const text = `${JSON.stringify(snapshot, null, 1)}\n`;
    if (text === written) return;
    writeAtomically(file, text);
    written = text;
  };
  await save();
  let saving = Promise.resolve();
  const timer = setInterval(() => {
    saving = saving.then(save).catch((error: unknown) => target.report(`taskmock: --state ${file}: cannot be written: ${(error as Error).message}`));
  }, intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await saving;
      await save();
    },
  };
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
  const read = readStateFile(file);
  let written = read?.text;
  if (read) restored(file, mock.restore(read.value));
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
