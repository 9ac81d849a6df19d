// Builds dist/ from src/ with tsc, or does nothing when dist/ is current: `npm start` then answers
// in well under 2 s (tsc takes several). Current means built from these very sources and
// settings: dist/.source-hash holds the hash of every file under src/ and of the tsconfig files
// and the lock file, written after a build that succeeded.
//
// Usage: node scripts/build.mjs [--if-stale]   (without the flag it always builds)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP = join(ROOT, "dist", ".source-hash");

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

function sourceHash() {
  const hash = createHash("sha256");
  const inputs = [...files(join(ROOT, "src")), ...["tsconfig.json", "tsconfig.build.json", "package-lock.json"].map((f) => join(ROOT, f))];
  for (const file of inputs.sort()) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const hash = sourceHash();
if (process.argv.includes("--if-stale") && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) process.exit(0);
const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
writeFileSync(STAMP, hash);
