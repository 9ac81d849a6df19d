// Where the tests' browser comes from and what it leaves: the Chromium build inside the
// @sparticuz/chromium package, unpacked into node_modules/.cache/taskmock/chromium-<version>/ (a
// cache of the installed package), never into the system's temporary folder; and npm ci takes the
// package under Node 20 although its engines field names Node 22 (.npmrc keeps engine-strict off).
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { chromiumPath } from "../helpers/browser.mjs";
import { ROOT } from "../helpers/specs.js";

test("the browser is the npm package's own, unpacked into node_modules' cache and not into the temporary folder", async () => {
  const { version, engines } = JSON.parse(readFileSync(join(ROOT, "node_modules/@sparticuz/chromium/package.json"), "utf8"));
  const before = { TMPDIR: process.env["TMPDIR"], tmpdir: tmpdir() };
  const path = await chromiumPath();
  expect(path).toBe(join(ROOT, "node_modules", ".cache", "taskmock", `chromium-${version}`, "chromium"));
  for (const part of ["chromium", "fonts", "libGLESv2.so"]) expect(existsSync(join(path, "..", part)), part).toBe(true);
  // The package was pointed at the cache for the unpacking only.
  expect({ TMPDIR: process.env["TMPDIR"], tmpdir: tmpdir() }).toEqual(before);
  // Its engines field names Node 22; the project keeps npm from refusing it.
  expect(engines.node).toMatch(/22/);
  expect(readFileSync(join(ROOT, ".npmrc"), "utf8")).toMatch(/^engine-strict=false$/m);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  expect(pkg.devDependencies["@sparticuz/chromium"]).toBe(version);
  expect(pkg.devDependencies["puppeteer-core"]).toMatch(/^\d+\.\d+\.\d+$/);
});
