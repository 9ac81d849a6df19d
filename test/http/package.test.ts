// taskmock as an installed package: `npm pack`, install the tarball into an empty project, and
// `npx taskmock serve` answers from there (the bin, the specs, the fixtures and the dashboard's files all shipped).
// Hermetic: the install is an `npm ci --offline` from a lock file made of our own (the runtime
// dependencies, at the versions and integrities `npm ci` put in npm's cache), so it needs no
// registry; the server is stopped with its launcher's whole process group, and the folder removed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { START_NODE_FLAGS, startCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/specs.js";

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A client project's lock: taskmock from the tarball, and every runtime dependency as our lock has it. */
function clientLock(tarball: string, dependencies: Record<string, string>) {
  const ours = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const root = ours.packages[""] as LockEntry;
  const packages: Record<string, LockEntry> = { "": { name: "client-project", dependencies } };
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  packages["node_modules/taskmock"] = {
    version: root.version,
    resolved: `file:${tarball}`,
    bin: manifest.bin,
    ...(root.dependencies ? { dependencies: root.dependencies } : {}),
  };
  for (const [path, entry] of Object.entries(ours.packages)) {
    if (path === "" || entry.dev === true || entry.devOptional === true || !path.startsWith("node_modules/")) continue;
    // Where the registry keeps it: with its integrity, npm finds it in its cache without asking the registry.
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const resolved = `https://registry.npmjs.org/${name}/-/${name.split("/").pop() as string}-${entry.version as string}.tgz`;
    packages[path] = { resolved, ...entry };
  }
  return { name: "client-project", lockfileVersion: 3, requires: true, packages };
}

test("npm start, the installed bin and the image give Node the same flags (a young generation of 64 MB)", () => {
  expect(START_NODE_FLAGS).toEqual(["--max-semi-space-size=32"]);
  const shebang = readFileSync(join(ROOT, "src", "cli.ts"), "utf8").split("\n")[0];
  expect(shebang).toBe(`#!/usr/bin/env -S node ${START_NODE_FLAGS.join(" ")}`);
  // The built bin keeps it (npm links the bin, the system runs the line).
  expect(readFileSync(join(ROOT, "dist", "cli.js"), "utf8").split("\n")[0]).toBe(shebang);
});

test("npx taskmock serve runs from an installed tarball", async () => {
  const dir = mkdtempSync(join(tmpdir(), "taskmock-install-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: ROOT, stdio: "pipe" });
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  expect(tarball).toBeDefined();
  const dependencies = { taskmock: `file:${tarball as string}` };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "client-project", private: true, dependencies }));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(clientLock(tarball as string, dependencies)));
  // Installed as a user installs it: scripts on, and npm has nothing to warn about (no build step runs).
  const install = spawnSync("npm", ["ci", "--offline", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
  expect(install.status, install.stderr).toBe(0);
  expect(`${install.stdout}${install.stderr}`).not.toMatch(/warn|prepare|build/i);

  const cli = await startCli(["taskmock", "serve", "--port", "0", "--vendor", "omni"], { command: ["npx", "--no-install"], cwd: dir });
  try {
    const res = await fetch(
      `${cli.url}/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules/a1b2c3d4-e5f6-7890-abcd-ef1234567890`,
      {
        headers: { authorization: "Bearer taskmock-admin" },
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ description: "At 06:00 PM GMT" });
    // The dashboard's files ship in the package too.
    expect((await fetch(`${cli.url}/__admin/ui`)).status).toBe(200);
    for (const file of ["dashboard.js", "dashboard.css", "favicon.svg"]) expect((await fetch(`${cli.url}/__admin/ui/${file}`)).status, file).toBe(200);
  } finally {
    await cli.stop();
  }
  // The launcher's child (the server itself) goes with it.
  const alive = () => {
    try {
      process.kill(-(cli.child.pid as number), 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(alive()).toBe(false);
}, 180_000);
