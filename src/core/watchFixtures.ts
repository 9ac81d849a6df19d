// `--watch`: a team's own fixture files (`--fixtures DIR`) read again while the server runs. A
// changed file is checked as at start (core/definitions.ts withFixture); when it passes, its
// vendor is served from it in every session (Sessions.reloadVendor: that vendor's records reset to
// the new ones, the journal and verify record kept); when it does not, the problems are reported
// (file, record, field) and the last good data stays. An editor's save is several events (write,
// rename, chmod): each file is read once its events have been quiet for `debounceMs`.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { FSWatcher } from "chokidar";
import { FixtureError } from "../store/fixtures.js";
import { type VendorModule, withFixture } from "./definitions.js";
import type { Sessions } from "./sessions.js";

/** What a watch did with a changed file (`vendor` "" when watching the folder itself failed). */
export type ReloadEvent =
  /** The vendor now serves the file's data in every session (`unchanged`: the file is again what is served, nothing was reset). */
  | { vendor: string; file: string; ok: true; unchanged?: boolean }
  /** The file was refused: each problem one line (file, record, field); the vendor keeps the data it had. */
  | { vendor: string; file: string; ok: false; problems: string[] };

export interface FixtureWatchOptions {
  /** The folder of the team's own fixture files (ownFixtureDir, `--fixtures DIR`). */
  dir: string;
  /** The vendors served: each one's file in `dir` (module.fixtureFile) is watched, a file added later too. */
  vendors: VendorModule[];
  /** The package's fixture folder: a team's file must have the collections of the vendor's file there. */
  fixtureDir: string;
  /** The sessions to reload; they hold each vendor's definition now. */
  sessions: Sessions;
  /** Told of every reload and every refused change. */
  onReload: (event: ReloadEvent) => void;
  /** Quiet time after a file's last event before it is read, in ms (default 100). */
  debounceMs?: number;
}

export interface FixtureWatch {
  /** Resolves once the folder is watched (a change before then may go unseen); rejects when it cannot be. */
  readonly ready: Promise<void>;
  /** Stops watching (a pending reload is dropped). */
  close(): Promise<void>;
}

const text = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

export function watchFixtures(options: FixtureWatchOptions): FixtureWatch {
  const { sessions, onReload } = options;
  const dir = resolve(options.dir);
  const debounceMs = options.debounceMs ?? 100;
  const byFile = new Map(options.vendors.map((module) => [module.fixtureFile, module]));
  /** vendor → the text of the file it serves now (only vendors served from a file in dir). */
  const served = new Map<string, string>();
  /** Vendors whose last change was refused: a file brought back to what is served is said to be fine again. */
  const refused = new Set<string>();
  for (const module of options.vendors) {
    const file = join(dir, module.fixtureFile);
    const current = sessions.definition(module.name);
    const loaded = current && resolve(current.fixtureFile) === file ? text(file) : undefined;
    if (loaded !== undefined) served.set(module.name, loaded);
  }

  const reload = (module: VendorModule) => {
    const file = join(dir, module.fixtureFile);
    const now = text(file);
    const refuse = (problems: string[]) => {
      refused.add(module.name);
      onReload({ vendor: module.name, file, ok: false, problems });
    };
    if (now === undefined) {
      refuse([`${file}: ${existsSync(file) ? "cannot be read" : "was removed"}; ${module.name} keeps the data it has`]);
      return;
    }
    if (now === served.get(module.name)) {
      if (refused.delete(module.name)) onReload({ vendor: module.name, file, ok: true, unchanged: true });
      return;
    }
    const current = sessions.definition(module.name);
    if (current === undefined) throw new Error(`${module.name}: not served`);
    let definition: ReturnType<typeof withFixture>;
    try {
      definition = withFixture(current, file, join(options.fixtureDir, module.fixtureFile));
    } catch (error) {
      refuse(error instanceof FixtureError ? error.problems : [`${file}: ${error instanceof Error ? error.message : String(error)}`]);
      return;
    }
    sessions.reloadVendor(module.name, definition);
    served.set(module.name, now);
    refused.delete(module.name);
    onReload({ vendor: module.name, file, ok: true });
  };

  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const changed = (path: string) => {
    if (closed) return;
    const module = byFile.get(basename(path));
    if (module === undefined || resolve(path) !== join(dir, module.fixtureFile)) return;
    clearTimeout(timers.get(module.name));
    timers.set(
      module.name,
      setTimeout(() => {
        timers.delete(module.name);
        reload(module);
      }, debounceMs),
    );
  };

  // chokidar is loaded when a watch starts, not with every server (most never watch).
  const watching: Promise<FSWatcher> = import("chokidar").then(({ watch }) => {
    const watcher = watch(dir, { ignoreInitial: true, depth: 0 });
    watcher.on("add", changed).on("change", changed).on("unlink", changed);
    watcher.on("error", (error) =>
      onReload({ vendor: "", file: dir, ok: false, problems: [`${dir}: watching failed: ${error instanceof Error ? error.message : String(error)}`] }),
    );
    return new Promise<FSWatcher>((done) => watcher.once("ready", () => done(watcher)));
  });
  return {
    ready: watching.then(() => undefined),
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await (await watching).close();
    },
  };
}
