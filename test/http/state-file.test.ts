// `serve --state FILE`: the default session starts from a snapshot file and is kept in it, written
// atomically: a server killed with SIGKILL at any moment leaves a file it restarts from.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

const ADMIN = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const create = (url: string, i: number) =>
  fetch(`${url}${OMNI}`, { method: "POST", headers: ADMIN, body: JSON.stringify({ schedule: `${i % 60} 9 ? * * *`, timezone: "UTC" }) });
const schedules = async (url: string) => ((await (await fetch(`${url}${OMNI}`, { headers: ADMIN })).json()) as { schedules: unknown[] }).schedules.length;

describe("serve --state FILE", () => {
  test("starts from the fixtures when the file is new, writes the changes back on exit, and starts from them again", async () => {
    const dir = tempDir("taskmock-state-");
    const file = join(dir, "state.json");
    const first = await startCli(["serve", "--port", "0", "--clock", "2026-01-01T00:00:00Z", "--state", file]);
    const fixtures = await schedules(first.url);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "taskmock-snapshot" });
    expect((await create(first.url, 1)).status).toBe(201);
    await fetch(`${first.url}/__admin/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advance: "PT1H" }) });
    expect(await first.stop("SIGTERM")).toBe(0);

    const second = await startCli(["serve", "--port", "0", "--state", file]);
    try {
      expect(await schedules(second.url)).toBe(fixtures + 1);
      expect(await (await fetch(`${second.url}/__admin/clock`)).json()).toEqual({ now: "2026-01-01T01:00:00.000Z", fixed: true });
    } finally {
      await second.stop();
    }
  });

  test("a file that is not a snapshot stops the start, naming the problem", async () => {
    const dir = tempDir("taskmock-state-");
    const file = join(dir, "state.json");
    writeFileSync(file, JSON.stringify({ format: "taskmock-snapshot", version: 1 }));
    const run = await runCli(["serve", "--port", "0", "--state", file]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`--state ${file}: not a snapshot taskmock can restore`);
    writeFileSync(file, "{");
    expect((await runCli(["serve", "--port", "0", "--state", file])).output).toContain("cannot be read as JSON");
  });

  test("killed with SIGKILL during writes a hundred times, it always restarts from a valid snapshot", async () => {
    const dir = tempDir("taskmock-state-");
    const file = join(dir, "state.json");
    let seen = 0;
    let first = 0;
    for (let round = 0; round < 100; round++) {
      // Each start restores the file the last kill left: a broken file would stop it (the test above).
      const cli = await startCli(["serve", "--port", "0", "--clock", "2026-01-01T00:00:00Z", "--state", file, "--state-interval", "10"]);
      const count = await schedules(cli.url);
      // Nothing the file held is lost: each start sees at least what the previous one saw when the file was last complete.
      expect(count).toBeGreaterThanOrEqual(seen);
      if (round === 0) first = count;
      seen = count;
      // One write answered first, so the state changed and is being written, then more in flight at the kill.
      expect((await create(cli.url, round)).status).toBe(201);
      const writes = Array.from({ length: 8 }, (_, i) => create(cli.url, round + i + 1).catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, (round * 7) % 40));
      await cli.stop("SIGKILL");
      await Promise.all(writes);
      expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    }
    // The writes got through and were kept, kill after kill.
    expect(seen).toBeGreaterThan(first);
    const last = await startCli(["serve", "--port", "0", "--state", file]);
    await last.stop();
    expect(readdirSync(dir)).toEqual(["state.json"]);
    expect(existsSync(file)).toBe(true);
  }, 180_000);
});
