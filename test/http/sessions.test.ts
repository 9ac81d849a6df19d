// Sessions: independent mocks on one server. A client picks one with a base-URL prefix
// (`/__sessions/{id}/<vendor>/…`) or the X-Taskmock-Session header; every admin endpoint works per
// session; a session cannot see, change or reset another's state, clock, journal or faults.
import { describe, expect, test } from "vitest";
import { Sessions } from "../../src/core/sessions.js";
import { json, request } from "../helpers/http.js";
import { mockOf } from "../helpers/mock.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const HUAWEI = { "x-auth-token": "taskmock-admin" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret" };

/** One write per vendor, and the read that shows it: the read answers `after` once the write is done. */
type Call = { path: string; headers: Record<string, string> };
const WRITES: { vendor: string; write: Call & { method: string; body?: string }; read: Call; seen: (res: Response) => Promise<unknown> }[] = [
  {
    vendor: "crego",
    write: { path: "/crego/tasks/schedules/1/", method: "PATCH", headers: JSON_ADMIN as Record<string, string>, body: JSON.stringify({ description: "changed in a session" }) as string | undefined },
    read: { path: "/crego/tasks/schedules/1/", headers: ADMIN },
    seen: async (res: Response) => ((await res.json()) as { description: string }).description,
  },
  ...[
    ["huawei", "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task/62f48b59-0ebb-4b1e-ad35-f64948a0591b", HUAWEI],
    ["spaaza", "/spaaza/tasks/12345", SPAAZA],
    ["omni", "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules/a1b2c3d4-e5f6-7890-abcd-ef1234567890", ADMIN],
    ["awork", "/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", ADMIN],
  ].map(([vendor, path, headers]) => ({
    vendor: vendor as string,
    write: { path: path as string, method: "DELETE", headers: headers as Record<string, string>, body: undefined as string | undefined },
    read: { path: path as string, headers: headers as Record<string, string> },
    seen: async (res: Response) => res.status,
  })),
];

/** The same path in a session by prefix, or by header. */
const styles = {
  prefix: (session: string, path: string, headers: Record<string, string> = {}) => ({ path: `/__sessions/${session}${path}`, headers }),
  header: (session: string, path: string, headers: Record<string, string> = {}) => ({ path, headers: { ...headers, "x-taskmock-session": session } }),
};

describe("a session is a mock of its own", () => {
  for (const [style, at] of Object.entries(styles)) {
    test.each(WRITES)("($style) a $vendor write in one session is seen there only".replace("$style", style), async ({ write, read, seen }) => {
      const app = mockOf();
      const before = await seen(await request(app, read.path, { headers: read.headers }));
      const w = at("a", write.path, write.headers);
      const res = await request(app, w.path, { method: write.method, headers: w.headers, ...(write.body ? { body: write.body } : {}) });
      expect(res.status).toBeLessThan(300);
      const inA = at("a", read.path, read.headers);
      const inB = at("b", read.path, read.headers);
      expect(await seen(await request(app, inA.path, { headers: inA.headers }))).not.toEqual(before);
      expect(await seen(await request(app, inB.path, { headers: inB.headers }))).toEqual(before);
      expect(await seen(await request(app, read.path, { headers: read.headers }))).toEqual(before);
    });
  }

  /** Admin calls that change a session, and how another session shows it did not change. */
  type AdminChange = { name: string; method: string; path: string; body?: unknown; unchanged: (admin: (path: string) => Promise<unknown>) => Promise<void> };
  const ADMIN_CHANGES: AdminChange[] = [
    {
      name: "clock set",
      method: "POST",
      path: "/__admin/clock",
      body: { set: "2030-01-01T00:00:00Z" },
      unchanged: async (admin) => expect(await admin("/__admin/clock")).toMatchObject({ now: "2026-01-01T00:00:00.000Z" }),
    },
    {
      name: "clock advance",
      method: "POST",
      path: "/__admin/clock",
      body: { advance: "P1D" },
      unchanged: async (admin) => expect(await admin("/__admin/clock")).toMatchObject({ now: "2026-01-01T00:00:00.000Z" }),
    },
    {
      name: "a fault rule",
      method: "POST",
      path: "/__admin/faults",
      body: { vendor: "omni", status: 503 },
      unchanged: async (admin) => expect(await admin("/__admin/faults")).toEqual({ faults: [] }),
    },
    {
      name: "a maintenance window",
      method: "POST",
      path: "/__admin/maintenance",
      body: { vendor: "omni" },
      unchanged: async (admin) => expect(await admin("/__admin/maintenance")).toEqual({ maintenance: {} }),
    },
    {
      name: "a reset",
      method: "POST",
      path: "/__admin/reset",
      body: {},
      unchanged: async (admin) => expect(await admin("/__admin/requests")).toMatchObject({ total: 1 }),
    },
    {
      name: "clearing the requests",
      method: "DELETE",
      path: "/__admin/requests",
      unchanged: async (admin) => {
        expect(await admin("/__admin/requests")).toMatchObject({ total: 1 });
        expect(await admin("/__admin/verify")).toMatchObject({ requests: 1 });
        expect(await admin("/__admin/coverage?vendor=omni")).toMatchObject({ vendors: [{ requests: 1 }] });
      },
    },
  ];

  for (const [style, at] of Object.entries(styles)) {
    test.each(ADMIN_CHANGES)(`(${style}) $name in one session leaves another as it was`, async ({ method, path, body, unchanged }) => {
      const app = mockOf();
      const omni = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
      // Each session has a request in its journal, and a written record (the default session too).
      for (const session of ["a", "b", undefined]) {
        const r = session ? at(session, omni, ADMIN) : { path: omni, headers: ADMIN };
        expect((await request(app, r.path, { headers: r.headers })).status).toBe(200);
      }
      const change = at("a", path, body === undefined ? {} : { "content-type": "application/json" });
      const res = await request(app, change.path, { method, headers: change.headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(res.status).toBeLessThan(300);
      for (const session of ["b", undefined]) {
        await unchanged(async (p) => {
          const r = session ? at(session, p) : { path: p, headers: {} };
          const answer = await request(app, r.path, { headers: r.headers });
          expect(answer.status).toBe(200);
          return answer.json();
        });
      }
    });
  }

  test("every admin endpoint answers per session: health, requests, verify, coverage, state, faults, clock, maintenance", async () => {
    const app = mockOf();
    await request(app, "/__sessions/a/awork/api/v1/taskschedules", { method: "POST", headers: JSON_ADMIN, body: "{}" });
    expect(await json(request(app, "/__sessions/a/__admin/health"))).toMatchObject({ status: "ok", journal: 1 });
    expect(await json(request(app, "/__admin/health"))).toMatchObject({ journal: 0 });
    expect(await json(request(app, "/__sessions/a/__admin/requests"))).toMatchObject({ total: 1 });
    expect(await json(request(app, "/__sessions/a/__admin/verify"))).toMatchObject({ ok: false, requests: 1 });
    expect(await json(request(app, "/__admin/verify"))).toMatchObject({ ok: true, requests: 0 });
    expect(await json(request(app, "/__sessions/a/__admin/coverage?vendor=awork"))).toMatchObject({ vendors: [{ requests: 1 }] });
    expect((await request(app, "/__sessions/a/__admin/state/omni")).status).toBe(200);
    expect(await json(request(app, "/__sessions/a/__admin/faults"))).toEqual({ faults: [] });
    expect(await json(request(app, "/__sessions/a/__admin/maintenance"))).toEqual({ maintenance: {} });
    expect((await request(app, "/__sessions/a/__admin/nothing")).status).toBe(404);
    expect((await request(app, "/__sessions/a/__admin/requests?bogus=1")).status).toBe(400);
  });
});

describe("the sessions a server holds", () => {
  test("POST /__admin/sessions creates one and answers its base URLs; GET lists them; DELETE drops one, whose later requests answer 410", async () => {
    const app = mockOf();
    const created = await request(app, "/__admin/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "worker-1" }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: "worker-1",
      created: true,
      vendors: Object.fromEntries(["crego", "huawei", "spaaza", "omni", "awork"].map((v) => [v, `http://localhost/__sessions/worker-1/${v}`])),
      admin: "http://localhost/__sessions/worker-1/__admin",
    });
    const again = await request(app, "/__admin/sessions", { method: "POST", body: JSON.stringify({ id: "worker-1" }) });
    expect(again.status).toBe(200);
    const generated = await json(request(app, "/__admin/sessions", { method: "POST" }));
    expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);

    await request(app, "/__sessions/worker-1/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
    const list = await json(request(app, "/__admin/sessions"));
    expect(list).toMatchObject({ max: 1000, ttlSeconds: 1800 });
    expect(list.sessions.map((s: { id: string }) => s.id).sort()).toEqual(["default", generated.id, "worker-1"].sort());
    const worker = list.sessions.find((s: { id: string }) => s.id === "worker-1");
    expect(worker).toMatchObject({ requests: 1, size: { records: 0, journalEntries: 1 } });
    expect(worker.size.journalBytes).toBeGreaterThan(0);

    expect((await request(app, "/__admin/sessions/worker-1", { method: "DELETE" })).status).toBe(204);
    expect((await request(app, "/__admin/sessions/worker-1", { method: "DELETE" })).status).toBe(404);
    const gone = await request(app, "/__sessions/worker-1/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toBe("application/problem+json");
    expect(await gone.json()).toMatchObject({ type: "urn:taskmock:problem:session-gone", status: 410, session: "worker-1", reason: "deleted" });
    expect((await request(app, "/__sessions/worker-1/__admin/health")).status).toBe(410);
    expect((await request(app, "/__admin/health", { headers: { "x-taskmock-session": "worker-1" } })).status).toBe(410);
    // Created again on purpose, it starts afresh.
    expect((await request(app, "/__admin/sessions", { method: "POST", body: JSON.stringify({ id: "worker-1" }) })).status).toBe(201);
    expect(await json(request(app, "/__sessions/worker-1/__admin/health"))).toMatchObject({ journal: 0 });
  });

  test.each([
    ["a space", "/__sessions/a%20b/omni/api/v1/connections/x/schedules"],
    ["65 characters", `/__sessions/${"a".repeat(65)}/omni/api/v1/connections/x/schedules`],
    ["nothing", "/__sessions//omni/api/v1/connections/x/schedules"],
  ])("a session id with %s is a 400 naming the rule", async (_, path) => {
    const res = await request(mockOf(), path, { headers: ADMIN });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/must be 1 to 64 of A-Z, a-z, 0-9, _ and -/);
  });

  test("the default session is the one without a name: deleting it resets it, it never goes", async () => {
    const app = mockOf();
    await request(app, "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
    expect((await request(app, "/__admin/sessions/default", { method: "DELETE" })).status).toBe(204);
    expect(await json(request(app, "/__admin/health"))).toMatchObject({ journal: 0 });
    expect(await json(request(app, "/__sessions/default/__admin/verify"))).toMatchObject({ requests: 0 });
  });

  test("one vendor at the root: a session's base URL is its prefix alone", async () => {
    const app = mockOf("omni");
    const created = await json(request(app, "/__admin/sessions", { method: "POST", body: JSON.stringify({ id: "s" }) }));
    expect(created.vendors).toEqual({ omni: "http://localhost/__sessions/s" });
    const res = await request(app, "/__sessions/s/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
    expect(res.status).toBe(200);
  });
});

describe("bounded sessions", () => {
  const mocks = () => {
    let now = 0;
    let made = 0;
    const sessions = new Sessions({ create: () => ({ id: made++ }) as never, max: 3, ttlMs: 1000, now: () => now });
    return { sessions, tick: (ms: number) => (now += ms), made: () => made };
  };

  test("past the bound the least recently used idle session goes, and is remembered: 410, not fresh state", () => {
    const { sessions, tick } = mocks();
    sessions.resolve("a");
    tick(1);
    sessions.resolve("b");
    tick(1);
    sessions.resolve("a"); // a is now more recent than b
    tick(1);
    sessions.resolve("c");
    expect(sessions.list().map((s) => s.id)).toEqual(["default", "a", "c"]);
    expect(sessions.resolve("b")).toEqual({ gone: { id: "b", reason: "evicted", at: 3 } });
  });

  test("a busy session is not evicted; the default one never is", () => {
    const { sessions } = mocks();
    const a = sessions.resolve("a");
    if (!("session" in a)) throw new Error("no session");
    const busy = a.session;
    busy.inflight = 1;
    sessions.resolve("b");
    sessions.resolve("c");
    expect(sessions.list().map((s) => s.id)).toEqual(["default", "a", "c"]);
  });

  test("an idle session expires after the time-to-live; a used one does not", () => {
    const { sessions, tick } = mocks();
    sessions.resolve("a");
    sessions.resolve("b");
    tick(600);
    sessions.resolve("b");
    tick(600);
    expect(sessions.resolve("a")).toEqual({ gone: { id: "a", reason: "expired", at: 1200 } });
    expect("session" in sessions.resolve("b")).toBe(true);
    expect(sessions.list().map((s) => s.id)).toEqual(["default", "b"]);
  });
});

describe("verify and coverage over every session", () => {
  test("all-sessions=true groups verify by session and fails when one broke the contract; coverage counts every session's requests", async () => {
    const app = mockOf();
    const omni = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
    await request(app, `/__sessions/w1${omni}`, { headers: ADMIN });
    await request(app, `/__sessions/w2${omni}`, { method: "POST", headers: JSON_ADMIN, body: "{}" });
    await request(app, `/__sessions/w2${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { method: "DELETE", headers: ADMIN });
    const grouped = await json(request(app, "/__admin/verify?all-sessions=true"));
    expect(grouped).toMatchObject({ ok: false, requests: 3, breaking: 1 });
    expect(grouped.sessions.map((s: { session: string; ok: boolean; requests: number }) => [s.session, s.ok, s.requests])).toEqual([
      ["default", true, 0],
      ["w1", true, 1],
      ["w2", false, 2],
    ]);
    const text = await (await request(app, "/__admin/verify?all-sessions=true&format=text")).text();
    expect(text).toContain("session w2: taskmock verify: 1 of 2 requests broke the contract");
    const coverage = await json(request(app, "/__admin/coverage?all-sessions=true"));
    expect(coverage.sessions).toEqual(["default", "w1", "w2"]);
    expect(coverage.vendors.map((v: { vendor: string }) => v.vendor)).toEqual(["omni"]);
    const ops = Object.fromEntries(coverage.vendors[0].items.map((i: { operationId: string; reached: boolean }) => [i.operationId, i.reached]));
    expect(ops).toMatchObject({
      listSchemaRefreshSchedules: true,
      createSchemaRefreshSchedule: true,
      deleteSchemaRefreshSchedule: true,
      getSchemaRefreshSchedule: false,
    });
    expect((await request(app, "/__admin/verify?all-sessions=yes")).status).toBe(400);
  });
});
