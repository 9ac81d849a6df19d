// The scenario of issue 14, as a new user met it: test suites hammering one server at once, each
// resetting, moving the clock and adding fault rules while the others write. One suite's steps,
// and the run of several at once; test/http/parallel-sessions.test.ts runs them on one server,
// test/replicas/ on replicas sharing a store.
import type { TaskmockSession } from "../../src/index.js";

export const START = Date.parse("2026-01-01T00:00:00Z");
const DAY = 86_400_000;
const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const HUAWEI = { "x-auth-token": "taskmock-admin" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret" };
const OMNI_LIST = "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const OMNI_SEED = `${OMNI_LIST}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`;
const AWORK_SEED = "123e4567-e89b-12d3-a456-426614174000";
const AWORK_LIST = "/api/v1/taskschedules";
const CREGO_ONE = "/tasks/schedules/1/";
const HUAWEI_ONE = "/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task/62f48b59-0ebb-4b1e-ad35-f64948a0591b";
const SPAAZA_ONE = "/tasks/12345";

/** A vendor request of a suite: the global fetch, or one spread over several replicas. */
export type Send = (url: string, init?: RequestInit) => Promise<Response>;

/** What a fresh session holds, read from a session of its own. */
export interface Fixtures {
  omniSchedules: number;
  aworkTotal: number;
  cregoDescription: string;
}

export async function fixturesOf(fresh: TaskmockSession, send: Send = fetch): Promise<Fixtures> {
  return {
    omniSchedules: ((await (await send(`${fresh.url("omni")}${OMNI_LIST}`, { headers: ADMIN })).json()) as { schedules: unknown[] }).schedules.length,
    aworkTotal: Number((await send(`${fresh.url("awork")}${AWORK_LIST}?pageSize=1`, { headers: ADMIN })).headers.get("aw-totalitems")),
    cregoDescription: ((await (await send(`${fresh.url("crego")}${CREGO_ONE}`, { headers: ADMIN })).json()) as { description: string }).description,
  };
}

export interface Step {
  name: string;
  run: () => Promise<void>;
}

/** Throws, naming what it saw, when a step's expectation does not hold. */
function check(what: string, seen: unknown, expected: unknown): void {
  if (JSON.stringify(seen) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
}

/**
 * One suite's 36 steps on a session: writes to every vendor, full and per-vendor resets, clock
 * sets and advances, fault rules and a maintenance window, each followed by an assertion on the
 * session's own state. `k` makes its clock and its written values its own.
 */
export function suite(s: TaskmockSession, k: number, fixtures: Fixtures, send: Send = fetch): Step[] {
  const mine = new Date(START + k * DAY);
  const dayLater = new Date(mine.getTime() + DAY);
  const description = `suite ${k} of ${s.id}`;
  /** Vendor requests this suite sent to its session: what verify must count, no more, no less. */
  let sent = 0;
  /** Vendor requests since the session's last full reset: what the journal must hold. */
  let journal = 0;
  const call = async (vendor: "crego" | "huawei" | "spaaza" | "omni" | "awork", path: string, init: RequestInit = {}) => {
    sent++;
    journal++;
    return send(`${s.url(vendor)}${path}`, init);
  };
  const status = async (answer: Promise<Response>) => {
    const res = await answer;
    await res.arrayBuffer();
    return res.status;
  };
  const omniList = () => status(call("omni", OMNI_LIST, { headers: ADMIN }));
  const omniCount = async () => ((await (await call("omni", OMNI_LIST, { headers: ADMIN })).json()) as { schedules: unknown[] }).schedules.length;
  const omniCreate = async () => {
    const res = await call("omni", OMNI_LIST, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify({ schedule: `00 ${10 + (k % 10)} * * ? *`, timezone: "UTC" }) });
    return { status: res.status, body: (await res.json()) as { createdAt?: string } };
  };
  const awork = { taskId: AWORK_SEED, userId: AWORK_SEED, startDate: "2026-03-02T09:00:00Z", endDate: "2026-03-02T10:00:00Z" };
  const aworkCreate = async (body: unknown = awork) => {
    const res = await call("awork", AWORK_LIST, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { createdOn?: string } };
  };
  const aworkTotal = async () => {
    const res = await call("awork", `${AWORK_LIST}?pageSize=1`, { headers: ADMIN });
    await res.arrayBuffer();
    return Number(res.headers.get("aw-totalitems"));
  };
  const cregoDescription = async () => ((await (await call("crego", CREGO_ONE, { headers: ADMIN })).json()) as { description: string }).description;
  const fullReset = async () => {
    await s.reset();
    journal = 0;
  };

  return [
    { name: "a full reset empties the journal", run: async () => (await fullReset(), check("journal", (await s.requests()).length, 0)) },
    { name: "set the clock", run: async () => check("clock", (await s.clock.set(mine)).toISOString(), mine.toISOString()) },
    {
      name: "omni create, stamped with the suite's clock",
      run: async () => {
        const created = await omniCreate();
        check("omni create", [created.status, created.body.createdAt], [201, mine.toISOString()]);
      },
    },
    { name: "omni list holds the fixtures and the one created", run: async () => check("omni count", await omniCount(), fixtures.omniSchedules + 1) },
    {
      name: "crego update",
      run: async () =>
        check("crego patch", await status(call("crego", CREGO_ONE, { method: "PATCH", headers: JSON_ADMIN, body: JSON.stringify({ description }) })), 200),
    },
    { name: "crego read shows the suite's description", run: async () => check("crego description", await cregoDescription(), description) },
    {
      name: "awork create, stamped with the suite's clock",
      run: async () => {
        const created = await aworkCreate();
        check("awork create", [created.status, created.body.createdOn], [200, mine.toISOString()]);
      },
    },
    { name: "awork total is the fixtures' and the one created", run: async () => check("awork total", await aworkTotal(), fixtures.aworkTotal + 1) },
    {
      name: "a fault rule: omni's list answers 503",
      run: async () => check("fault", (await s.faults.add({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503 })).status, 503),
    },
    { name: "omni list answers 503", run: async () => check("omni list", await omniList(), 503) },
    { name: "and again 503", run: async () => check("omni list", await omniList(), 503) },
    { name: "the rule counts its two hits", run: async () => check("hits", (await s.faults.list()).map((r) => r.hits), [2]) },
    { name: "advance the clock a day", run: async () => check("clock", (await s.clock.advance("P1D")).toISOString(), dayLater.toISOString()) },
    {
      name: "awork create, stamped a day later",
      run: async () => check("awork create", (await aworkCreate()).body.createdOn, dayLater.toISOString()),
    },
    { name: "huawei delete", run: async () => check("huawei delete", await status(call("huawei", HUAWEI_ONE, { method: "DELETE", headers: HUAWEI })), 200) },
    { name: "huawei task gone", run: async () => check("huawei read", await status(call("huawei", HUAWEI_ONE, { headers: HUAWEI })), 404) },
    { name: "spaaza delete", run: async () => check("spaaza delete", await status(call("spaaza", SPAAZA_ONE, { method: "DELETE", headers: SPAAZA })), 204) },
    { name: "spaaza task gone", run: async () => check("spaaza read", await status(call("spaaza", SPAAZA_ONE, { headers: SPAAZA })), 404) },
    { name: "the journal holds this suite's requests only", run: async () => check("journal", (await s.requests()).length, journal) },
    { name: "reset omni alone: the fault rule stays", run: async () => (await s.reset("omni"), check("omni list", await omniList(), 503)) },
    { name: "clear the rules: the list is the fixtures' again", run: async () => (await s.faults.clear(), check("omni count", await omniCount(), fixtures.omniSchedules)) },
    { name: "crego kept its update through omni's reset", run: async () => check("crego description", await cregoDescription(), description) },
    { name: "a full reset restores crego", run: async () => (await fullReset(), check("crego description", await cregoDescription(), fixtures.cregoDescription)) },
    { name: "and huawei", run: async () => check("huawei read", await status(call("huawei", HUAWEI_ONE, { headers: HUAWEI })), 200) },
    { name: "and spaaza", run: async () => check("spaaza read", await status(call("spaaza", SPAAZA_ONE, { headers: SPAAZA })), 200) },
    { name: "the journal holds the reads since the reset", run: async () => check("journal", (await s.requests()).length, journal) },
    { name: "a reset leaves the clock where it was", run: async () => check("clock", (await s.clock.now()).toISOString(), dayLater.toISOString()) },
    {
      name: "a fault rule forces awork's 400 once",
      run: async () => check("fault", (await s.faults.add({ vendor: "awork", operationId: "createTaskSchedule", status: 400, times: 1 })).status, 400),
    },
    { name: "awork create answers the forced 400", run: async () => check("awork create", (await aworkCreate()).status, 400) },
    { name: "then the next create succeeds", run: async () => check("awork create", (await aworkCreate()).status, 200) },
    { name: "a maintenance window: omni answers 503", run: async () => (await s.maintenance.open("omni"), check("omni read", await status(call("omni", OMNI_SEED, { headers: ADMIN })), 503)) },
    { name: "the window closed: omni answers 200", run: async () => (await s.maintenance.clear(), check("omni read", await status(call("omni", OMNI_SEED, { headers: ADMIN })), 200)) },
    { name: "set the clock back", run: async () => check("clock", (await s.clock.set(mine)).toISOString(), mine.toISOString()) },
    { name: "omni create, stamped with the suite's clock again", run: async () => check("omni create", (await omniCreate()).body.createdAt, mine.toISOString()) },
    {
      name: "verify counts every request of this suite, none broke the contract",
      run: async () => {
        const report = await s.verify();
        check("verify", [report.ok, report.requests], [true, sent]);
      },
    },
    {
      name: "a contract break, then a reset: verify still reports it",
      run: async () => {
        check("awork empty body", (await aworkCreate({})).status, 400);
        await fullReset();
        const report = await s.verify();
        check("verify after the reset", [report.ok, report.breaking, report.requests, (await s.requests()).length], [false, 1, sent, 0]);
      },
    },
  ];
}

/** Runs the suites at once, each step after the last; answers every failed step, named. */
export async function hammer(sessions: TaskmockSession[], fixtures: Fixtures, send: Send = fetch): Promise<string[]> {
  const failures: string[] = [];
  await Promise.all(
    sessions.map(async (session, k) => {
      const steps = suite(session, k, fixtures, send);
      for (const [i, step] of steps.entries()) {
        try {
          await step.run();
        } catch (error) {
          failures.push(`suite ${k} (${session.id}) step ${i + 1} ${step.name}: ${(error as Error).message}`);
        }
      }
    }),
  );
  return failures;
}
