// A small content-addressed cache on disk for work a start would otherwise redo every time with
// the same result: parsing the YAML specs, checking the fixtures against them. An entry's name
// is the SHA-256 of everything its content depends on, so a changed input (or parser, or
// checker) finds no entry and the work is done again; an entry is never trusted for anything
// else. Best-effort: a cache that cannot be read or written is no cache.
//
// Where: node_modules/.cache/taskmock in taskmock's own package; TASKMOCK_CACHE_DIR moves it,
// TASKMOCK_CACHE_DIR=off turns it off. Each kind keeps at most MAX_ENTRIES entries: past that, the
// first write of a process removes the older half (edited specs leave entries nothing reads).
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../paths.js";

export function cacheDir(): string | undefined {
  const configured = process.env["TASKMOCK_CACHE_DIR"];
  if (configured === "off") return undefined;
  return configured || join(PACKAGE_ROOT, "node_modules", ".cache", "taskmock");
}

export function contentHash(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** Relative imports of a module's source: static (`from "./x.js"`) and dynamic (`import("./x.js")`). */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** The files of a module and of every module it imports by a relative path, transitively (sorted). */
export function moduleClosure(entry: string): string[] {
  const visited = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      return; // not a file (a path named in a comment): nothing the code runs
    }
    seen.add(file);
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const target = join(dirname(file), match[1] as string);
      // Run from the sources (the tests), `./x.js` is `./x.ts`.
      visit(file.endsWith(".ts") && target.endsWith(".js") ? `${target.slice(0, -3)}.ts` : target);
    }
  };
  visit(entry.startsWith("file:") ? fileURLToPath(entry) : entry);
  return [...seen].sort();
}

const identities = new Map<string, string>();

/**
 * What a cached value computed by a module depends on in code: the hash of that module's source
 * and of every module it imports by a relative path (the build output as it runs), with the
 * versions of the packages named. Remembered per process (the code does not change under it).
 */
export function moduleIdentity(entry: string, packages: string[] = []): string {
  const key = `${entry} ${packages.join(" ")}`;
  let identity = identities.get(key);
  if (identity === undefined) {
    const files = moduleClosure(entry);
    const require = createRequire(pathToFileURL(files[0] ?? PACKAGE_ROOT).href);
    identity = contentHash(
      ...files.flatMap((file) => [file.slice(file.lastIndexOf("/dist/") + 1), readFileSync(file, "utf8")]),
      ...packages.map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`),
    );
    identities.set(key, identity);
  }
  return identity;
}

const hashes = new WeakMap<object, string>();

/** contentHash of an object's JSON, remembered per object (a spec is hashed once, however many keys use it). */
export function jsonHash(value: object): string {
  let hash = hashes.get(value);
  if (hash === undefined) {
    hash = contentHash(JSON.stringify(value));
    hashes.set(value, hash);
  }
  return hash;
}

/** The entry `kind/key`, or undefined when there is none (or no cache). */
export function readCache(kind: string, key: string): string | undefined {
  const dir = cacheDir();
  if (dir === undefined) return undefined;
  try {
    return readFileSync(join(dir, kind, key), "utf8");
  } catch {
    return undefined;
  }
}

const MAX_ENTRIES = 4000;
const pruned = new Set<string>();

/** Writes the entry `kind/key` whole or not at all (a temporary file renamed into place). */
export function writeCache(kind: string, key: string, content: string): void {
  const dir = cacheDir();
  if (dir === undefined) return;
  try {
    mkdirSync(join(dir, kind), { recursive: true });
    if (!pruned.has(join(dir, kind))) {
      pruned.add(join(dir, kind));
      prune(join(dir, kind));
    }
    const temporary = join(dir, kind, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, content);
    renameSync(temporary, join(dir, kind, key));
  } catch {
    // a cache that cannot be written is no cache
  }
}

/** Removes the older half of a kind's entries once it holds more than MAX_ENTRIES. */
function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((name) => {
    try {
      return { name, time: statSync(join(dir, name)).mtimeMs };
    } catch {
      return { name, time: 0 };
    }
  });
  aged.sort((a, b) => a.time - b.time);
  for (const { name } of aged.slice(0, names.length - MAX_ENTRIES / 2)) rmSync(join(dir, name), { force: true });
}
