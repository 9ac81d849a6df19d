// Builds dist/ once before the tests that run the CLI as a user would (node dist/cli.js): only
// when the sources changed since it was last built (scripts/build.mjs).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../", import.meta.url));
  execFileSync(process.execPath, [`${root}scripts/build.mjs`, "--if-stale"], {
    stdio: "inherit",
    cwd: root,
  });
}
