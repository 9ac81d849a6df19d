// Replicas as child processes (the built CLI) over one real redis-server: `--store` and
// TASKMOCK_STORE as a user starts them, a replica killed with SIGKILL during writes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { type RunningRedis, startRedis, storeSkip } from "../helpers/redis.js";

const skip = storeSkip();
if (skip) process.stderr.write(`replica CLI tests ${skip}\n`);

const ADMIN = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

test("--store takes memory or a redis:// URL; anything else is refused naming the flag", async () => {
  const refused = await runCli(["serve", "--port", "0", "--store", "mysql://127.0.0.1/taskmock"]);
  expect(refused.code).toBe(1);
  expect(refused.output).toContain("--store mysql://127.0.0.1/taskmock: must be memory, redis://");
});

describe.skipIf(skip !== undefined)(skip ?? "replicas as processes over a real redis-server", () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.kill());

  test("a store that cannot be reached at start stops the start, naming it (its password hidden)", async () => {
    const closed = redis.url.replace(/:\d+$/, ":1");
    const refused = await runCli(["serve", "--port", "0", "--store", closed.replace("redis://", "redis://user:secret@"), "--store-timeout", "300"]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("cannot be reached");
    expect(refused.output).not.toContain("secret");
  });

  test("a replica killed with SIGKILL during writes: every write answered is kept, the others never stop answering", async () => {
    const args = ["serve", "--port", "0", "--quiet", "--store-prefix", "killed:"];
    const replicas = await Promise.all([0, 1, 2].map(() => startCli(args, { env: { TASKMOCK_STORE: redis.url } })));
    const created: string[] = [];
    const survivorsFailed: string[] = [];
    const write = async (i: number) => {
      const replica = replicas[i % 3] as (typeof replicas)[number];
      try {
        const res = await fetch(`${replica.url}${OMNI}`, { method: "POST", headers: ADMIN, body: JSON.stringify({ schedule: `${i % 60} 9 ? * * *`, timezone: "UTC" }) });
        if (res.status === 201 || res.status === 200) created.push(((await res.json()) as { scheduleId: string }).scheduleId);
        else if (i % 3 !== 2) survivorsFailed.push(`${res.status}`);
      } catch (error) {
        if (i % 3 !== 2) survivorsFailed.push(String(error));
      }
    };
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 240; i++) {
      writes.push(write(i));
      if (i === 120) await (replicas[2] as (typeof replicas)[number]).stop("SIGKILL");
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(writes);
    expect(survivorsFailed).toEqual([]);
    const listed = ((await (await fetch(`${replicas[0]?.url}${OMNI}`, { headers: ADMIN })).json()) as { schedules: { scheduleId: string }[] }).schedules.map((s) => s.scheduleId);
    const missing = created.filter((id) => !listed.includes(id));
    expect(missing).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(160);
    await Promise.all(replicas.slice(0, 2).map((r) => r.stop()));
  });
});
