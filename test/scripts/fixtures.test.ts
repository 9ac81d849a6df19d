// The fixtures are generated (scripts/fixtures/<vendor>.mjs, `npm run fixtures`), deterministically:
// each script, run again, writes exactly the committed file. An edit by hand, or a script changed
// without regenerating, fails here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { ROOT } from "../helpers/specs.js";

const dir = mkdtempSync(join(tmpdir(), "taskmock-fixtures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(["awork", "crego", "huawei", "omni", "spaaza"])("%s: the script writes the committed fixture file", (vendor) => {
  const out = join(dir, `${vendor}.json`);
  execFileSync(process.execPath, [join(ROOT, "scripts", "fixtures", `${vendor}.mjs`), out], { stdio: "ignore" });
  expect(readFileSync(out, "utf8") === readFileSync(join(ROOT, "fixtures", `${vendor}.json`), "utf8"), "run npm run fixtures").toBe(true);
});
