// `npm start` builds only when the sources changed: scripts/build.mjs --if-stale leaves a current
// dist/ as it is (the test suite's global setup has just built it).
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/specs.js";

test("a current dist/ is not built again: the stamp and the built files stay as they were", () => {
  const stamp = join(ROOT, "dist", ".source-hash");
  const cli = join(ROOT, "dist", "cli.js");
  const before = { hash: readFileSync(stamp, "utf8"), built: statSync(cli).mtimeMs };
  const run = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--if-stale"], { encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout + run.stderr).toBe("");
  expect({ hash: readFileSync(stamp, "utf8"), built: statSync(cli).mtimeMs }).toEqual(before);
  expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.prestart).toBe("node scripts/build.mjs --if-stale");
});
