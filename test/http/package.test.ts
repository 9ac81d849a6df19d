// taskmock as an installed package: `npm pack`, install the tarball into an empty project, and
// `npx taskmock serve` answers from there (the bin, the specs and the fixtures all shipped).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { startCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/specs.js";

test("npx taskmock serve runs from an installed tarball", async () => {
  const dir = mkdtempSync(join(tmpdir(), "taskmock-install-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: ROOT, stdio: "pipe" });
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  expect(tarball).toBeDefined();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "client-project", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", join(dir, tarball as string)], {
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
  } finally {
    await cli.stop();
  }
}, 180_000);
