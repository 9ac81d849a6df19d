// `npm run screenshots` regenerates the README's pictures of every view from the same browser the
// tests drive: run into a temporary folder, it writes one PNG per picture, at the size it says
// (1280×800, the phone's 390×844); the README shows each of them, and docs/ holds them all.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

/** A PNG's width and height, from its IHDR chunk. */
function size(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const PICTURES: Record<string, { width: number; height: number }> = {
  "dashboard-traffic.png": { width: 1280, height: 800 },
  "dashboard-contract.png": { width: 1280, height: 800 },
  "dashboard-state.png": { width: 1280, height: 800 },
  "dashboard-clock.png": { width: 1280, height: 800 },
  "dashboard-faults.png": { width: 1280, height: 800 },
  "dashboard-sessions.png": { width: 1280, height: 800 },
  "dashboard-phone.png": { width: 390, height: 844 },
};

test("npm run screenshots writes a picture of every view, and the README shows the ones committed in docs/", () => {
  const out = tempDir("taskmock-screenshots-out-");
  execFileSync(process.execPath, [join(ROOT, "scripts", "screenshots.mjs"), "--out", out], { cwd: ROOT, stdio: "pipe", timeout: 120_000 });
  expect(readdirSync(out).sort()).toEqual(Object.keys(PICTURES).sort());
  for (const [file, expected] of Object.entries(PICTURES)) expect(size(join(out, file)), file).toEqual(expected);
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  expect(readdirSync(join(ROOT, "docs")).sort()).toEqual(Object.keys(PICTURES).sort());
  for (const [file, expected] of Object.entries(PICTURES)) {
    expect(readme, file).toContain(`](docs/${file})`);
    expect(size(join(ROOT, "docs", file)), file).toEqual(expected);
  }
}, 150_000);
