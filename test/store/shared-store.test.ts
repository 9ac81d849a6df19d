// --store redis://…: replicas over one real redis-server (started here on a free port, persistence
// off). Three in-process servers share each test's key prefix: what one answers, the others
// answer; concurrent writes lose nothing; the clock, fault counts and sequences hold across them;
// a paused or dead store is a 503 (never a 500), and service resumes by itself.
import { Redis } from "iovalkey";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../src/index.js";
import { type RunningRedis, startRedis, storeSkip } from "../helpers/redis.js";
import { tempDir } from "../helpers/temp.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const skip = storeSkip();
if (skip) process.stderr.write(`shared-store tests ${skip}\n`);

const START = "2026-01-01T00:00:00Z";
const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret" };
const JSON_SPAAZA = { ...SPAAZA, "content-type": "application/json" };
const HUAWEI = { "x-auth-token": "taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const HUAWEI_TASKS = "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task";

/** One write and the GETs that show it, per vendor. */
const VENDOR_WRITES: { vendor: string; write: [string, string, Record<string, string>, unknown?]; reads: [string, Record<string, string>][] }[] = [
  { vendor: "crego", write: ["PATCH", "/crego/tasks/schedules/1/", JSON_ADMIN, { description: "written through A" }], reads: [["/crego/tasks/schedules/1/", ADMIN], ["/crego/tasks/schedules/", ADMIN]] },
  { vendor: "omni", write: ["POST", OMNI, JSON_ADMIN, { schedule: "0 9 ? * MON-FRI *", timezone: "Europe/Berlin" }], reads: [[OMNI, ADMIN]] },
  { vendor: "awork", write: ["DELETE", "/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", ADMIN], reads: [["/awork/api/v1/taskschedules", ADMIN]] },
  { vendor: "huawei", write: ["DELETE", `${HUAWEI_TASKS}/62f48b59-0ebb-4b1e-ad35-f64948a0591b`, HUAWEI], reads: [[HUAWEI_TASKS, HUAWEI]] },
  {
    vendor: "spaaza",
    write: ["POST", "/spaaza/tasks", JSON_SPAAZA, { chain: 1764, desc: "written through A", target: { action: "export", export_index: "wallet-ledger", export_format: "json" }, trigger: { once: "2026-01-01T06:00:00Z" } }],
    reads: [["/spaaza/tasks?chain=1764", SPAAZA]],
  },
];

let redis: RunningRedis;
let prefixes = 0;

/** `n` servers over the store under a prefix of their own (this test's), closed when the test finishes. */
async function replicas(n: number, extra: Record<string, unknown> = {}): Promise<RunningMockServer[]> {
  const storePrefix = (extra["storePrefix"] as string | undefined) ?? `t${++prefixes}:`;
  const servers: RunningMockServer[] = [];
  for (let i = 0; i < n; i++) {
    servers.push(await startMockServer({ port: 0, seed: 7, clock: START, storeUrl: redis.url, storePrefix, report: () => {}, ...extra }));
  }
  opened.push(...servers);
  return servers;
}
const opened: RunningMockServer[] = [];

async function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
const admin = (base: string, method: string, path: string, body?: unknown) => send(base, method, path, { "content-type": "application/json" }, body);

describe.skipIf(skip !== undefined)(skip ?? "a shared store over a real redis-server", () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    await redis?.kill();
  });

  test.each(VENDOR_WRITES)("$vendor: a write through one replica reads identically through two others", async ({ write, reads }) => {
    const [a, b, c] = (await replicas(3)).map((s) => s.url) as [string, string, string];
    const [method, path, headers, body] = write;
    const res = await send(a, method, path, headers, body);
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    for (const [read, readHeaders] of reads) {
      const seen = await Promise.all([a, b, c].map(async (base) => (await send(base, "GET", read, readHeaders)).text()));
      expect(seen[1]).toBe(seen[0]);
      expect(seen[2]).toBe(seen[0]);
    }
    const vendor = path.split("/")[1] as string;
    const states = await Promise.all([a, b, c].map(async (base) => (await send(base, "GET", `/__admin/state/${vendor}`)).text()));
    expect(new Set(states).size).toBe(1);
  });

  test("300 concurrent writes over three replicas: none lost, every create listed once", async () => {
    const bases = (await replicas(3)).map((s) => s.url);
    const before = (await (await send(bases[0] as string, "GET", "/spaaza/tasks/12345", SPAAZA)).json()) as { version: number };
    const writes = Array.from({ length: 300 }, (_, i) => {
      const base = bases[i % 3] as string;
      if (i % 2 === 0) return send(base, "PUT", "/spaaza/tasks/12345", JSON_SPAAZA, { desc: `update ${i}` });
      return send(base, "POST", OMNI, JSON_ADMIN, { schedule: `${i % 60} 9 ? * MON-FRI *`, timezone: "Europe/Berlin" });
    });
    const answered = await Promise.all(writes);
    const failed = await Promise.all(answered.filter((r) => r.status >= 300).map(async (r) => `${r.status} ${await r.text()}`));
    expect(failed).toEqual([]);
    const created = await Promise.all(answered.filter((_, i) => i % 2 === 1).map(async (r) => ((await r.json()) as { scheduleId: string }).scheduleId));
    const after = (await (await send(bases[1] as string, "GET", "/spaaza/tasks/12345", SPAAZA)).json()) as { version: number };
    expect(after.version).toBe(before.version + 150);
    const listed = ((await (await send(bases[2] as string, "GET", OMNI, ADMIN)).json()) as { schedules: { scheduleId: string }[] }).schedules.map((s) => s.scheduleId);
    for (const id of created) expect(listed.filter((l) => l === id)).toHaveLength(1);
    expect(new Set(created).size).toBe(150);
  });

  test("journal, HAR, verify and coverage read identically through every replica after requests spread over three; a clear through one clears for all", async () => {
    const bases = (await replicas(3)).map((s) => s.url);
    const at = (i: number) => bases[i % 3] as string;
    const session = "/__sessions/spread";
    expect((await admin(at(0), "POST", "/__admin/sessions", { id: "spread" })).status).toBe(201);
    // Reads, writes, a contract break, a refused credential and a forced status, each through another replica.
    const sent = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => send(at(i), "GET", `${session}/spaaza/tasks/12345`, SPAAZA)),
      ...Array.from({ length: 4 }, (_, i) => send(at(i), "PUT", `${session}/spaaza/tasks/12345`, JSON_SPAAZA, { desc: `update ${i}` })),
      send(at(1), "POST", `${session}${OMNI}`, JSON_ADMIN, { schedule: 42 }),
      send(at(2), "GET", `${session}/spaaza/tasks/12345`, { ...SPAAZA, prefer: "code=404" }),
    ]);
    expect(sent.map((r) => r.status)).toEqual([...Array(10).fill(200), 400, 404]);
    const reads = ["/__admin/requests", "/__admin/requests?format=har", "/__admin/verify", "/__admin/coverage?vendor=spaaza", "/__admin/verify?all-sessions=true", "/__admin/coverage?all-sessions=true"];
    for (const read of reads) {
      // (A HAR names each request by the origin it is read through: the replica's own here, the balancer's behind one.)
      const seen = await Promise.all(bases.map(async (base) => (await (await send(base, "GET", `${session}${read}`)).text()).replaceAll(base, "ORIGIN")));
      expect(seen[1], read).toBe(seen[0]);
      expect(seen[2], read).toBe(seen[0]);
    }
    const all = (await (await send(at(2), "GET", "/__admin/verify?all-sessions=true")).json()) as { sessions: { session: string; requests: number }[] };
    expect(all.sessions.find((s) => s.session === "spread")?.requests).toBe(12);
    const journal = (await (await send(at(1), "GET", `${session}/__admin/requests`)).json()) as { total: number; requests: { id: number }[] };
    expect(journal.total).toBe(12);
    expect(journal.requests.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const verify = (await (await send(at(2), "GET", `${session}/__admin/verify`)).json()) as { ok: boolean; requests: number; breaking: number };
    expect([verify.ok, verify.requests, verify.breaking]).toEqual([false, 12, 1]);
    const coverage = (await (await send(at(0), "GET", `${session}/__admin/coverage?vendor=spaaza`)).json()) as { vendors: { requests: number; items: { operationId: string; statuses: { status: number; requests: number; forced: number }[] }[] }[] };
    const getTask = coverage.vendors[0]?.items.find((i) => i.operationId === "getTask")?.statuses;
    expect(getTask?.filter((s) => s.requests > 0)).toEqual([
      { status: 200, requests: 6, forced: 0 },
      { status: 404, requests: 1, forced: 1 },
    ]);
    // A reset empties the journal through every replica; verify keeps what it saw.
    expect((await admin(at(1), "POST", `${session}/__admin/reset`, {})).status).toBe(200);
    for (const base of bases) {
      expect(((await (await send(base, "GET", `${session}/__admin/requests`)).json()) as { total: number }).total).toBe(0);
      expect(((await (await send(base, "GET", `${session}/__admin/verify`)).json()) as { requests: number }).requests).toBe(12);
    }
    // A clear through one replica: every replica reads it cleared, with the mark.
    expect((await send(at(2), "DELETE", `${session}/__admin/requests`)).status).toBe(204);
    for (const base of bases) {
      const after = (await (await send(base, "GET", `${session}/__admin/verify`)).json()) as { ok: boolean; requests: number; cleared?: string };
      expect([after.ok, after.requests, typeof after.cleared]).toEqual([true, 0, "string"]);
      const cov = (await (await send(base, "GET", `${session}/__admin/coverage`)).json()) as { operations: { reached: number } };
      expect(cov.operations.reached).toBe(0);
    }
    // The ids go on after the clear, as in memory.
    expect((await send(at(0), "GET", `${session}/spaaza/tasks/12345`, SPAAZA)).status).toBe(200);
    const last = (await (await send(at(1), "GET", `${session}/__admin/requests`)).json()) as { requests: { id: number }[] };
    expect(last.requests.map((r) => r.id)).toEqual([13]);
  });

  test("the store holds at most 20 KB per session after 20 writes (MEMORY USAGE of its keys), the journal within its capacity", async () => {
    const [a, b] = (await replicas(2, { storePrefix: "mem:", journalSize: 30 })).map((s) => s.url) as [string, string];
    for (let i = 0; i < 20; i++) {
      const res = await send(i % 2 ? a : b, "PUT", "/__sessions/mem/spaaza/tasks/12345", JSON_SPAAZA, { desc: `update ${i}` });
      expect(res.status).toBe(200);
    }
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys("mem:*:mem");
      expect(keys.sort()).toEqual(["mem:j:mem", "mem:k:mem", "mem:m:mem", "mem:s:mem"]);
      expect(await client.llen("mem:j:mem")).toBe(20);
      let bytes = 0;
      for (const key of keys) bytes += Number(await client.memory("USAGE", key));
      process.stderr.write(`store memory per session after 20 writes: ${bytes} bytes\n`);
      expect(bytes).toBeLessThanOrEqual(20 * 1024);
      // Past the journal's capacity the store keeps the newest (15 at once: batches of several requests an element).
      await Promise.all(Array.from({ length: 15 }, (_, i) => send(i % 2 ? a : b, "GET", "/__sessions/mem/spaaza/tasks/12345", SPAAZA)));
      expect(await client.llen("mem:j:mem")).toBeLessThanOrEqual(30);
      const journal = (await (await send(a, "GET", "/__sessions/mem/__admin/requests")).json()) as { total: number; requests: { id: number }[] };
      expect([journal.total, journal.requests[0]?.id, journal.requests[29]?.id]).toEqual([30, 6, 35]);
    } finally {
      client.disconnect();
    }
  });

  test("two replicas moving one session's clock at once fire every run once, as one in-memory server moved by the sum", async () => {
    const [a, b] = (await replicas(2)).map((s) => s.url) as [string, string];
    const memory = await startMockServer({ port: 0, seed: 7, clock: START, report: () => {} });
    opened.push(memory);
    await admin(memory.url, "POST", "/__admin/clock", { advance: "P6D" });
    await Promise.all([admin(a, "POST", "/__admin/clock", { advance: "P3D" }), admin(b, "POST", "/__admin/clock", { advance: "P3D" })]);
    // The runs as fired (an execution's generated id aside: a replica that lost a commit generates afresh).
    const timeline = async (base: string) => {
      const seen = (await (await send(base, "GET", "/__admin/timeline?limit=500")).json()) as { now: string; vendors: { vendor: string; fired: Record<string, unknown>[] }[] };
      for (const vendor of seen.vendors) for (const run of vendor.fired) delete run["id"];
      return seen;
    };
    const expected = await timeline(memory.url);
    const [seenA, seenB] = await Promise.all([timeline(a), timeline(b)]);
    expect(seenA.now).toBe(expected.now);
    expect(expected.vendors.some((v) => v.fired.length > 0)).toBe(true);
    for (const seen of [seenA, seenB]) expect(seen.vendors.map((v) => [v.vendor, v.fired])).toEqual(expected.vendors.map((v) => [v.vendor, v.fired]));
  });

  test("a fault rule with times: 5 hits exactly 5 requests across three replicas", async () => {
    const bases = (await replicas(3)).map((s) => s.url);
    const rule = await admin(bases[0] as string, "POST", "/__admin/faults", { vendor: "spaaza", operationId: "getTask", status: 404, times: 5 });
    expect(rule.status).toBe(201);
    const answered = await Promise.all(Array.from({ length: 30 }, (_, i) => send(bases[i % 3] as string, "GET", "/spaaza/tasks/12345", SPAAZA)));
    expect(answered.filter((r) => r.status === 404)).toHaveLength(5);
    expect(answered.filter((r) => r.status === 200)).toHaveLength(25);
    expect(await (await send(bases[2] as string, "GET", "/__admin/faults")).json()).toEqual({ faults: [] });
  });

  test("sessions: one created through one replica is listed, used and deleted through the others; a deleted id is gone everywhere", async () => {
    const [a, b, c] = (await replicas(3)).map((s) => s.url) as [string, string, string];
    expect((await admin(a, "POST", "/__admin/sessions", { id: "suite-1" })).status).toBe(201);
    expect((await admin(b, "POST", "/__admin/sessions", { id: "suite-1" })).status).toBe(200);
    const listed = (await (await send(c, "GET", "/__admin/sessions")).json()) as { sessions: { id: string }[] };
    expect(listed.sessions.map((s) => s.id)).toContain("suite-1");
    await send(b, "PUT", "/__sessions/suite-1/spaaza/tasks/12345", JSON_SPAAZA, { desc: "in suite-1" });
    expect(((await (await send(c, "GET", "/__sessions/suite-1/spaaza/tasks/12345", SPAAZA)).json()) as { desc: string }).desc).toBe("in suite-1");
    expect(((await (await send(c, "GET", "/spaaza/tasks/12345", SPAAZA)).json()) as { desc: string }).desc).not.toBe("in suite-1");
    expect((await send(c, "DELETE", "/__admin/sessions/suite-1")).status).toBe(204);
    const gone = await send(a, "GET", "/__sessions/suite-1/spaaza/tasks/12345", SPAAZA);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { reason: string }).reason).toBe("deleted");
    expect((await admin(b, "POST", "/__admin/sessions", { id: "suite-1" })).status).toBe(201);
    expect(((await (await send(a, "GET", "/__sessions/suite-1/spaaza/tasks/12345", SPAAZA)).json()) as { desc: string }).desc).not.toBe("in suite-1");
  });

  test("a snapshot reads the same from a Redis-backed session as from an in-memory one, and restores through another replica", async () => {
    const [a, b] = (await replicas(2)).map((s) => s.url) as [string, string];
    const memory = await startMockServer({ port: 0, seed: 7, clock: START, report: () => {} });
    opened.push(memory);
    for (const base of [memory.url, a]) {
      for (const { write } of VENDOR_WRITES.filter((w) => w.vendor !== "omni" && w.vendor !== "spaaza")) await send(base, write[0], write[1], write[2], write[3]);
      await admin(base, "POST", "/__admin/clock", { advance: "P3D" });
      await admin(base, "POST", "/__admin/faults", { vendor: "omni", operationId: "getSchemaRefreshSchedule", status: 404, times: 3 });
    }
    const fromMemory = await (await send(memory.url, "GET", "/__admin/snapshot")).text();
    expect(await (await send(b, "GET", "/__admin/snapshot")).text()).toBe(fromMemory);
    // A snapshot with generated ids (an Omni create), restored through A, reads the same through B.
    const [, path, headers, body] = VENDOR_WRITES.find((w) => w.vendor === "omni")?.write as [string, string, Record<string, string>, unknown];
    await send(memory.url, "POST", path, headers, body);
    const taken = await (await send(memory.url, "GET", "/__admin/snapshot")).text();
    expect((await send(a, "PUT", "/__admin/snapshot", { "content-type": "application/json" }, JSON.parse(taken))).status).toBeLessThan(300);
    // The same snapshot restored in memory answers the same document (a restore writes a rule's fields in its own order).
    expect((await send(memory.url, "PUT", "/__admin/snapshot", { "content-type": "application/json" }, JSON.parse(taken))).status).toBeLessThan(300);
    const restored = await (await send(memory.url, "GET", "/__admin/snapshot")).text();
    expect(await (await send(b, "GET", "/__admin/snapshot")).text()).toBe(restored);
    expect(JSON.parse(restored)).toEqual(JSON.parse(taken));
  });

  test("--state FILE over the store: restored into the store at start, written back from it", async () => {
    const dir = tempDir("taskmock-shared-state-");
    const file = join(dir, "state.json");
    const [a] = await replicas(1, { stateFile: file, stateIntervalMs: 50, storePrefix: "state:" });
    const b = (await replicas(1, { storePrefix: "state:" }))[0] as RunningMockServer;
    expect(existsSync(file)).toBe(true);
    await send(b.url, "PATCH", "/crego/tasks/schedules/1/", JSON_ADMIN, { description: "kept in the file" });
    await (a as RunningMockServer).close();
    const saved = JSON.parse(readFileSync(file, "utf8")) as { vendors: { crego: { collections: Record<string, { id: number; description: string }[]> } } };
    expect(JSON.stringify(saved.vendors.crego.collections)).toContain("kept in the file");
    // A fresh prefix (an empty store) started from the file holds the write.
    const [c] = await replicas(1, { stateFile: file });
    expect(((await (await send((c as RunningMockServer).url, "GET", "/crego/tasks/schedules/1/", ADMIN)).json()) as { description: string }).description).toBe("kept in the file");
  });

  test("the store paused: 503 with Retry-After within the timeout and health 503 naming it; resumed: service back with the state intact", async () => {
    const [a, b] = (await replicas(2, { storeTimeoutMs: 500 })).map((s) => s.url) as [string, string];
    await send(a, "PUT", "/spaaza/tasks/12345", JSON_SPAAZA, { desc: "before the pause" });
    redis.pause();
    try {
      const started = performance.now();
      const res = await send(b, "GET", "/spaaza/tasks/12345", SPAAZA);
      expect(performance.now() - started).toBeLessThan(1500);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { type: string }).type).toBe("urn:taskmock:problem:store-unavailable");
      const health = await send(a, "GET", "/__admin/health");
      expect(health.status).toBe(503);
      expect(((await health.json()) as { store: string }).store).toBe(`${redis.url}`.replace(/\/?$/, ""));
    } finally {
      redis.resume();
    }
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await send(a, "GET", "/__admin/health")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(((await (await send(b, "GET", "/spaaza/tasks/12345", SPAAZA)).json()) as { desc: string }).desc).toBe("before the pause");
  });

  test("the store killed: every answer a 503, never a 500, health 503", async () => {
    const [a] = (await replicas(1, { storeTimeoutMs: 300 })).map((s) => s.url) as [string];
    await redis.kill();
    try {
      const answered = await Promise.all([
        send(a, "GET", "/spaaza/tasks/12345", SPAAZA),
        send(a, "PUT", "/spaaza/tasks/12345", JSON_SPAAZA, { desc: "never kept" }),
        admin(a, "POST", "/__admin/clock", { advance: "P1D" }),
        send(a, "GET", "/__admin/snapshot"),
      ]);
      expect(answered.map((r) => r.status)).toEqual([503, 503, 503, 503]);
      expect((await send(a, "GET", "/__admin/health")).status).toBe(503);
    } finally {
      redis = await startRedis();
    }
  });
});
