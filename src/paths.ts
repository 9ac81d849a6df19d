// Where the package's own data lives, from the source tree and from the built dist/ alike.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("taskmock: cannot find its package root");
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const SPEC_DIR = join(PACKAGE_ROOT, "specs");
export const FIXTURE_DIR = join(PACKAGE_ROOT, "fixtures");

/** The version of this package (its package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
