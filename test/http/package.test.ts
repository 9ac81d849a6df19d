// taskmock as an installed package: `npm pack`, install the tarball into an empty project, and
// `npx taskmock serve` answers from there (the bin, the specs, the fixtures and the dashboard's files all shipped).
// Hermetic: the install reads npm's cache only (`npm ci` filled it with the same versions), the
// server is stopped with its launcher's whole process group, and the folder is removed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { startCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/specs.js";

test("npx taskmock serve runs from an installed tarball", async () => {
  const dir = mkdtempSync(join(tmpdir(), "taskmock-install-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: ROOT, stdio: "pipe" });
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  expect(tarball).toBeDefined();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "client-project", private: true }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(dir, tarball as string)], {
    cwd: dir,
    stdio: "pipe",
  });

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
