// Three taskmock replicas over one real redis-server, as deploy/'s recipes run them: any replica
// answers any request of any session. The sessions issue's scenario (eight suites at once with
// resets, clock moves and faults) through a round-robin (nginx with deploy/nginx.conf when it is
// installed, the test's own rotation otherwise), a replica killed in the middle of writes, and
// 300 writes at once spread over the three.
import { expect, test } from "vitest";
import { sessionClient, sessionUrls, type TaskmockSession } from "../../src/index.js";
import { fixturesOf, hammer } from "../helpers/parallelSuites.js";
import { replicasOrSkip, rotation, startNginx } from "../helpers/replicas.js";

const VENDORS = ["crego", "huawei", "spaaza", "omni", "awork"];
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };
const SPAAZA_CREATE = { chain: 1764, target: { action: "export", export_index: "wallet-ledger", export_format: "csv" }, trigger: { once: "2026-05-26T12:00:00Z" } };
const SPAAZA_UPDATE = { desc: "Updated wallet ledger export", target: { action: "export", export_index: "wallet-ledger", export_format: "json" }, trigger: { once: "2026-05-27T10:00:00Z" } };
/** The replicas' clock: the suites set their own from here. */
const CLOCK = ["--seed", "11", "--clock", "2026-01-01T00:00:00Z"];

/** A session's client whose every request (vendor and admin) goes through `send`. */
function sessionOver(origin: string, id: string, send: (input: string | Request, init?: RequestInit) => Promise<Response>): TaskmockSession {
  return sessionClient({ origin, id, ...sessionUrls(origin, id, VENDORS), fetch: (request) => send(request) });
}

test("eight suites at once over three replicas behind a round-robin: every step of every suite holds", async (ctx) => {
  const { urls } = await replicasOrSkip(ctx, 3, CLOCK);
  const nginx = await startNginx(urls.map((u) => u.replace("http://", "")));
  if (nginx === undefined && process.env["TASKMOCK_REQUIRE_STORE"] === "1") throw new Error("nginx is not installed (TASKMOCK_REQUIRE_STORE=1: the scenario must run through deploy/nginx.conf)");
  // Through nginx with the recipe's configuration; without nginx, each request to the next replica in turn.
  const balancer = nginx ? { origin: nginx.url, fetch: (input: string | Request, init?: RequestInit) => fetch(input, init) } : rotation(urls);
  const send = (url: string, init?: RequestInit) => balancer.fetch(url, init);
  const fresh = sessionOver(balancer.origin, "fixtures", balancer.fetch);
  const fixtures = await fixturesOf(fresh, send);
  await fresh.delete();
  for (let run = 0; run < 2; run++) {
    const sessions = Array.from({ length: 8 }, (_, k) => sessionOver(balancer.origin, `replicas-run${run}-suite${k}`, balancer.fetch));
    const failures = await hammer(sessions, fixtures, send);
    expect(failures, `run ${run + 1} ${nginx ? "through nginx" : "through the test's rotation"}`).toEqual([]);
    await Promise.all(sessions.map((s) => s.delete()));
  }
}, 180_000);

/** Creates a Spaaza task through one replica: its id when answered 200, else the status (or the error: the replica is gone). */
async function create(origin: string, session: string, desc: string): Promise<{ id: number } | { failed: string }> {
  try {
    const res = await fetch(`${origin}/__sessions/${session}/spaaza/tasks`, { method: "POST", headers: SPAAZA, body: JSON.stringify({ ...SPAAZA_CREATE, desc }) });
    if (res.status !== 200) return { failed: `${res.status} ${await res.text()}` };
    return { id: ((await res.json()) as { id: number }).id };
  } catch (error) {
    return { failed: String((error as Error & { cause?: Error }).cause ?? error) };
  }
}

test("a replica killed with SIGKILL in the middle of writes: every write answered 200 is there, and the others never stopped answering", async (ctx) => {
  const { replicas, urls } = await replicasOrSkip(ctx, 3);
  const [victim] = replicas;
  const session = "killed-replica";
  const answered: { id: number; via: number }[] = [];
  const failed: { via: number; why: string }[] = [];
  let killed = false;
  // Four writers, each sending to the replicas in turn, 60 writes each; the first replica is killed once 40 writes were answered.
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 60; i++) {
        const via = (w + i) % 3;
        const result = await create(urls[via] as string, session, `writer ${w} write ${i}`);
        if ("id" in result) answered.push({ id: result.id, via });
        else failed.push({ via, why: result.failed });
        if (!killed && answered.length >= 40) {
          killed = true;
          await victim?.stop("SIGKILL");
        }
      }
    }),
  );
  expect(killed).toBe(true);
  // Only the killed replica failed a write, and it had answered some before.
  expect(failed.filter((f) => f.via !== 0)).toEqual([]);
  expect(answered.filter((a) => a.via === 0).length).toBeGreaterThan(0);
  expect(failed.length).toBeGreaterThan(0);
  // Every answered write is in the session, read through each survivor.
  for (const origin of urls.slice(1)) {
    const listed = ((await (await fetch(`${origin}/__sessions/${session}/spaaza/tasks`, { headers: SPAAZA })).json()) as { id: number }[]).map((t) => t.id);
    expect(answered.map((a) => a.id).filter((id) => !listed.includes(id))).toEqual([]);
  }
}, 120_000);

test("300 writes at once spread over three replicas: every one answered 200, none lost", async (ctx) => {
  const { urls } = await replicasOrSkip(ctx, 3);
  const session = "three-hundred";
  const base = (i: number) => `${urls[i % 3]}/__sessions/${session}/spaaza`;
  const before = (await (await fetch(`${base(0)}/tasks/12345`, { headers: SPAAZA })).json()) as { version: number };
  const listedBefore = ((await (await fetch(`${base(0)}/tasks`, { headers: SPAAZA })).json()) as unknown[]).length;
  // 150 updates of one task and 150 creates, all at once, each to the next replica.
  const answers = await Promise.all(
    Array.from({ length: 300 }, async (_, i) => {
      const res =
        i % 2 === 0
          ? await fetch(`${base(i)}/tasks/12345`, { method: "PUT", headers: SPAAZA, body: JSON.stringify({ ...SPAAZA_UPDATE, desc: `update ${i}` }) })
          : await fetch(`${base(i)}/tasks`, { method: "POST", headers: SPAAZA, body: JSON.stringify({ ...SPAAZA_CREATE, desc: `create ${i}` }) });
      return { i, status: res.status, body: (await res.json()) as { id: number; version: number } };
    }),
  );
  expect(answers.filter((a) => a.status !== 200).map((a) => `${a.i}: ${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
  const updates = answers.filter((a) => a.i % 2 === 0);
  const created = answers.filter((a) => a.i % 2 === 1).map((a) => a.body.id);
  // Each update saw the one before it: the versions answered are every one from before+1 to before+150, once each.
  expect(updates.map((a) => a.body.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 150 }, (_, k) => before.version + 1 + k));
  for (let r = 0; r < 3; r++) {
    const task = (await (await fetch(`${base(r)}/tasks/12345`, { headers: SPAAZA })).json()) as { version: number };
    expect(task.version).toBe(before.version + 150);
    const listed = ((await (await fetch(`${base(r)}/tasks`, { headers: SPAAZA })).json()) as { id: number }[]).map((t) => t.id);
    expect(listed).toHaveLength(listedBefore + 150);
    expect(created.filter((id) => listed.filter((l) => l === id).length !== 1)).toEqual([]);
  }
}, 120_000);
