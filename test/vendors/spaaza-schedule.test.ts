// Spaaza tasks while the mock's clock moves (issue 4): the scheduler runs a READY task when the
// clock passes its trigger.once (READY → INPROGRESS → DONE or ERROR 60 s later), overdue writes
// start at the next clock move, fixtures stay as they are, and the rules the issue names for PUT
// (version, last_modified, started tasks, target and trigger checks) and for download URLs hold
// for scheduled runs too. Also what the README says about rate limits and maintenance.
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer, type MockApp } from "../../src/index.js";
import { request } from "../helpers/http.js";

const C1764 = "00000000-0000-4000-8000-000000001764:taskmock-secret";
const C1765 = "00000000-0000-4000-8000-000000001765:taskmock-secret";
const CLOCK = "2026-01-01T00:00:00Z";
/** The highest id in the fixtures (task 12390): a new task is 12391. */
const NEXT_ID = 12391;

interface Task {
  id: number;
  chain: number;
  state: { code: string; last_run_date: string; last_modified: string; created_date: string };
  trigger: { once: string; segment?: unknown; segment_id?: number };
  target: { action: string; export_index: string; export_format: string };
  logs: { timestamp: string; level: string; message: string }[] | null;
  debug: string;
  version: number;
  result: string;
}

const exportBody = (once: string, extra: Record<string, unknown> = {}, chain = 1764) => ({
  chain,
  desc: "Wallet ledger export for analytics warehouse",
  target: { action: "export", export_index: "wallet-ledger", export_format: "csv" },
  trigger: { once },
  ...extra,
});

let app: MockApp;
const start = (clock?: string, rateLimits = false) => {
  app = createMockServer({ vendor: "spaaza", seed: 7, ...(clock ? { clock } : {}), rateLimits, report: () => {} });
};
beforeEach(() => start(CLOCK));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Body = any;
const send = async (method: string, path: string, payload?: unknown, credential: string | null = C1764) => {
  const res = await request(app, path, {
    method,
    headers: { "content-type": "application/json", ...(credential === null ? {} : { authorization: `Bearer ${credential}` }) },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
};
const advance = async (duration: string) => expect((await send("POST", "/__admin/clock", { advance: duration })).status).toBe(200);
const task = async (id: number, credential = C1764) =>
  (await send("GET", `/tasks/${id}?log_limit=100`, undefined, credential)).body as Task;
const tasks = async () => ((await send("GET", "/__admin/state/spaaza")).body as { tasks: Task[] }).tasks;
const create = async (body: unknown, credential = C1764) => {
  const res = await send("POST", "/tasks", body, credential);
  expect(res.status).toBe(200);
  return res.body as Task;
};
const errorName = (body: Body) => (body.error as { name: string }).name;

describe("spaaza scheduler: the clock passing trigger.once runs a task", () => {
  test("READY → INPROGRESS at trigger.once → DONE 60 s later, with result, logs, last_run_date and a download URL", async () => {
    const created = await create(exportBody("2026-01-01T06:00:00Z"));
    await advance("PT5H59M59S");
    expect((await task(created.id)).state.code).toBe("READY");

    await advance("PT1S");
    const running = await task(created.id);
    expect(running).toMatchObject({
      version: 1,
      result: "",
      state: { code: "INPROGRESS", last_run_date: "2026-01-01T06:00:00Z", last_modified: "2026-01-01T06:00:00Z" },
    });
    expect(running.logs).toEqual([
      { timestamp: "2026-01-01T06:00:00Z", level: "INFO", message: "Task started (scheduled run)" },
      { timestamp: "2026-01-01T06:00:00Z", level: "INFO", message: "Exporting wallet-ledger records of chain 1764 as csv" },
    ]);
    // A started task: no file yet, no update, no second run.
    const download = await send("GET", `/tasks/${created.id}/download_url`);
    expect([download.status, errorName(download.body)]).toEqual([400, "task_not_done"]);
    const put = await send("PUT", `/tasks/${created.id}`, { desc: "Too late" });
    expect([put.status, errorName(put.body)]).toEqual([400, "task_already_started"]);
    const execute = await send("POST", `/tasks/${created.id}/execute`);
    expect([execute.status, errorName(execute.body)]).toEqual([400, "task_in_progress"]);
    expect((await send("GET", "/tasks?status=INPROGRESS")).body.map((t: Task) => t.id)).toContain(created.id);

    await advance("PT59S");
    expect((await task(created.id)).state.code).toBe("INPROGRESS");
    await advance("PT1S");
    const done = await task(created.id);
    expect(done).toMatchObject({
      version: 1,
      result: `Wallet_Export-${created.id}.csv`,
      state: {
        code: "DONE",
        last_run_date: "2026-01-01T06:00:00Z",
        last_modified: "2026-01-01T06:01:00Z",
        created_date: "2026-01-01T00:00:00Z",
      },
    });
    expect(done.logs?.slice(0, 2)).toEqual(running.logs);
    expect(done.logs?.slice(2)).toEqual([
      { timestamp: "2026-01-01T06:01:00Z", level: "INFO", message: expect.stringMatching(/^\d+ records exported$/) },
      { timestamp: "2026-01-01T06:01:00Z", level: "INFO", message: `Result file Wallet_Export-${created.id}.csv stored` },
    ]);

    await advance("PT9M");
    const url = new URL((await send("GET", `/tasks/${created.id}/download_url`)).body.url as string);
    expect(url.pathname).toBe(`/1764/Wallet_Export-${created.id}.csv`);
    // Pre-signed at the mock clock (06:10), valid an hour: it expires at 07:10.
    expect(url.searchParams.get("X-Amz-Date")).toBe("20260101T061000Z");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
  });

  test("one clock move runs every start and finish it passes, of every chain, and only those", async () => {
    const early = await create(exportBody("2026-01-01T00:30:00Z", { trigger: { once: "2026-01-01T00:30:00Z", segment_id: 4821 } }));
    const other = await create(exportBody("2026-01-01T01:00:00Z", {}, 1765), C1765);
    const edge = await create(exportBody("2026-01-01T01:59:30Z"));
    const later = await create(exportBody("2026-01-01T03:00:00Z"));
    await advance("PT2H");
    expect((await task(early.id)).state).toMatchObject({
      code: "DONE",
      last_run_date: "2026-01-01T00:30:00Z",
      last_modified: "2026-01-01T00:31:00Z",
    });
    expect((await task(early.id)).logs?.[2]).toMatchObject({ message: "Restricted to saved segment 4821" });
    expect((await task(other.id, C1765)).state).toMatchObject({ code: "DONE", last_modified: "2026-01-01T01:01:00Z" });
    expect((await task(edge.id)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T01:59:30Z" });
    expect((await task(later.id)).state.code).toBe("READY");
    await advance("PT30S");
    expect((await task(edge.id)).state).toMatchObject({ code: "DONE", last_modified: "2026-01-01T02:00:30Z" });
  });

  test("runs are applied in time order: one long clock move ends as the same moves in steps do", async () => {
    const steps = async (moves: string[]) => {
      start(CLOCK);
      for (const once of ["2026-01-01T00:20:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:10:30Z"]) await create(exportBody(once));
      for (const move of moves) await advance(move);
      return tasks();
    };
    const stepped = await steps(["PT11M", "PT49M"]);
    expect(stepped.filter((t) => t.id >= NEXT_ID).map((t) => t.state.code)).toEqual(["DONE", "DONE", "DONE"]);
    expect(await steps(["PT1H"])).toEqual(stepped);
  });

  test("a task created, or updated, after a clock move that found nothing due runs at its trigger.once", async () => {
    // Two moves: the first looks at every task, the second finds nothing due.
    await advance("PT1M");
    await advance("PT1M");
    const soon = await create(exportBody("2026-01-01T00:02:30Z"));
    const later = await create(exportBody("2026-01-01T05:00:00Z"));
    await advance("PT1M");
    expect((await task(soon.id)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T00:02:30Z" });
    await advance("PT1M"); // 00:04, nothing else due before 00:03:30 (soon's finish)
    // Updated in place (the record is not replaced) to a minute from now.
    expect((await send("PUT", `/tasks/${later.id}`, { trigger: { once: "2026-01-01T00:05:00Z" } })).status).toBe(200);
    await advance("PT1M");
    expect((await task(later.id)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T00:05:00Z" });
    expect((await task(soon.id)).state.code).toBe("DONE");
  });

  test("a task put straight into the store (as the benchmarks fill it) after a quiet clock move runs at its trigger.once", async () => {
    await advance("PT1M");
    await advance("PT1M");
    const template = (await tasks()).find((t) => t.id === 12345) as Task;
    // Through the mock's own write path, which tells the scheduler (a put past it would not).
    app.mock.update("spaaza", (state) =>
      state.collection("tasks").put({ ...template, id: 99_999, state: { ...template.state, code: "READY" }, trigger: { once: "2026-01-01T00:02:30Z" } }),
    );
    await advance("PT1M");
    expect((await task(99_999)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T00:02:30Z" });
  });

  test("a day in 10-minute steps ends where one day's move does, fixtures and new tasks alike", async () => {
    const run = async (moves: string[]) => {
      start(CLOCK);
      for (const once of ["2026-01-01T00:20:00Z", "2026-01-01T03:10:00Z", "2025-12-31T00:00:00Z", "2026-01-01T23:59:30Z"]) await create(exportBody(once));
      for (const move of moves) await advance(move);
      return tasks();
    };
    const oneMove = await run(["P1D"]);
    expect(await run(Array.from({ length: 144 }, () => "PT10M"))).toEqual(oneMove);
  });

  test("a debug string containing simulate_error ends a scheduled run in ERROR at its finish", async () => {
    const created = await create(exportBody("2026-01-01T00:10:00Z", { debug: "simulate_error please" }));
    await advance("PT10M");
    expect((await task(created.id)).state.code).toBe("INPROGRESS");
    await advance("PT1H");
    const failed = await task(created.id);
    expect(failed).toMatchObject({
      result: "Export failed: simulated error",
      state: { code: "ERROR", last_run_date: "2026-01-01T00:10:00Z", last_modified: "2026-01-01T00:11:00Z" },
    });
    expect(failed.logs?.at(-1)).toEqual({
      timestamp: "2026-01-01T00:11:00Z",
      level: "ERROR",
      message: "Export failed: simulated error (the debug string contains simulate_error)",
    });
    const download = await send("GET", `/tasks/${created.id}/download_url`);
    expect([download.status, errorName(download.body)]).toEqual([400, "task_not_done"]);
  });

  test("a task executed before its trigger.once does not run again at it", async () => {
    const created = await create(exportBody("2026-01-01T06:00:00Z"));
    expect((await send("POST", `/tasks/${created.id}/execute`)).body.code).toBe("DONE");
    const ran = await task(created.id);
    await advance("PT7H");
    expect(await task(created.id)).toEqual(ran);
  });

  test("a task deleted while it runs is gone; the scheduler goes on with the others", async () => {
    const doomed = await create(exportBody("2026-01-01T00:10:00Z"));
    const kept = await create(exportBody("2026-01-01T00:10:30Z"));
    await advance("PT10M30S");
    expect((await send("DELETE", `/tasks/${doomed.id}`)).status).toBe(204);
    await advance("PT5M");
    expect((await send("GET", `/tasks/${doomed.id}`)).status).toBe(404);
    expect((await task(kept.id)).state.code).toBe("DONE");
  });
});

describe("spaaza scheduler: overdue writes and fixtures", () => {
  test("a task created with a trigger.once already past starts at its creation when the clock next moves", async () => {
    const created = await create(exportBody("2025-12-31T00:00:00Z"));
    expect(created.state.code).toBe("READY");
    // A fixed clock that has not moved: nothing runs yet.
    expect((await task(created.id)).state.code).toBe("READY");
    await advance("PT1S");
    expect((await task(created.id)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T00:00:00Z" });
    await advance("PT1M");
    expect((await task(created.id)).state).toMatchObject({ code: "DONE", last_modified: "2026-01-01T00:01:00Z" });

    // trigger.once equal to the moment of the write is overdue too.
    const now = await create(exportBody("2026-01-01T00:01:01Z"));
    await advance("PT1M");
    expect((await task(now.id)).state).toMatchObject({ code: "DONE", last_run_date: "2026-01-01T00:01:01Z" });
  });

  test("an update moving an overdue task's trigger.once into the future reschedules it", async () => {
    const created = await create(exportBody("2025-12-31T00:00:00Z"));
    await send("PUT", `/tasks/${created.id}`, { trigger: { once: "2026-01-01T02:00:00Z" } });
    await advance("PT1H");
    expect((await task(created.id)).state.code).toBe("READY");
    await advance("PT1H");
    expect((await task(created.id)).state).toMatchObject({ code: "INPROGRESS", last_run_date: "2026-01-01T02:00:00Z" });
  });

  test("past fixture records stay as they are: READY 12345 until updated, INPROGRESS ones never finish", async () => {
    // 12375 has been INPROGRESS since 09:45:00; 12345's trigger.once (2026-05-27) is long past.
    start("2026-11-23T09:45:30Z");
    const before = await tasks();
    await advance("PT1H");
    expect(await tasks()).toEqual(before);
    for (const id of [12370, 12375]) expect((await task(id)).state.code).toBe("INPROGRESS");
    expect((await task(12345)).state.code).toBe("READY");

    // An update makes the seed's task overdue: it starts at the time of the update.
    const updated = await send("PUT", "/tasks/12345", { desc: "Updated wallet ledger export (rerun)" });
    expect(updated.body).toMatchObject({ version: 3, state: { code: "READY", last_modified: "2026-11-23T10:45:30Z" } });
    await advance("PT2M");
    expect((await task(12345)).state).toMatchObject({
      code: "DONE",
      last_run_date: "2026-11-23T10:45:30Z",
      last_modified: "2026-11-23T10:46:30Z",
    });
    expect((await task(12345)).result).toBe("Wallet_Export-12345.json");
  });

  test("fixture READY tasks run when the clock passes their trigger.once, segment logged", async () => {
    start("2026-11-23T12:00:00Z");
    await advance("P7D");
    const members = await task(12366);
    expect(members).toMatchObject({
      result: "User_Export-12366.csv",
      state: { code: "DONE", last_run_date: "2026-11-30T06:00:00Z", last_modified: "2026-11-30T06:01:00Z" },
    });
    expect(members.logs?.map((l) => l.message)).toContain("Restricted to a segment of 1 rule(s), join all");
    expect((await task(12367)).state.code).toBe("READY");
    expect((await task(12364, C1765)).state.code).toBe("READY");
    await advance("P1D");
    expect((await task(12367)).state).toMatchObject({ code: "DONE", last_run_date: "2026-12-01T01:00:00Z" });
    expect((await task(12364, C1765)).state).toMatchObject({ code: "DONE", last_run_date: "2026-12-01T03:00:00Z" });
    // A POST /__admin/reset restores the fixtures; runs already done are not replayed.
    await send("POST", "/__admin/reset");
    await advance("PT1H");
    expect((await task(12366)).state.code).toBe("READY");
  });

  test("a run's bookkeeping is state: /__admin/state shows each task's next start or finish, and a reset empties it", async () => {
    const created = await create(exportBody("2026-01-01T00:10:00Z"));
    const bookkeeping = async () => ((await send("GET", "/__admin/state/spaaza")).body as { _runs: unknown[] })._runs;
    expect(await bookkeeping()).toEqual([{ id: created.id, next: "start", at: "2026-01-01T00:10:00Z" }]);
    await advance("PT10M");
    expect(await bookkeeping()).toEqual([{ id: created.id, next: "finish", at: "2026-01-01T00:11:00Z" }]);
    await send("POST", "/__admin/reset");
    expect(await bookkeeping()).toEqual([]);
    // The fixtures came back without a run in progress: nothing finishes at 00:11.
    await advance("PT5M");
    expect((await tasks()).some((t) => t.id === created.id)).toBe(false);
    expect(await bookkeeping()).toEqual([]);
  });

  test("a task written after the clock was set back, due in time already run, starts once the clock passes that time again", async () => {
    await advance("PT2H");
    expect((await send("POST", "/__admin/clock", { set: CLOCK })).status).toBe(200);
    const created = await create(exportBody("2026-01-01T01:00:00Z"));
    // 00:00 → 01:30 is time already run: nothing runs in it again.
    await advance("PT1H30M");
    expect((await task(created.id)).state.code).toBe("READY");
    await advance("PT31M");
    expect((await task(created.id)).state).toMatchObject({
      code: "DONE",
      last_run_date: "2026-01-01T01:00:00Z",
      last_modified: "2026-01-01T01:01:00Z",
    });
  });

  test("under the real-time clock, an overdue task starts at the next request", async () => {
    start();
    const created = await create(exportBody("2026-01-01T00:00:00Z"));
    expect(created.state.code).toBe("READY");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const running = await task(created.id);
    expect(running.state.code).toBe("INPROGRESS");
    expect(running.state.last_run_date).toBe(created.state.last_modified);
  });

  test("the README's sample: a task created with a past trigger.once is DONE a clock minute later", async () => {
    start();
    const created = await create({
      chain: 1764,
      desc: "Users export, now",
      target: { action: "export", export_index: "users", export_format: "csv" },
      trigger: { once: "2026-01-01T00:00:00Z" },
    });
    expect(created.id).toBe(NEXT_ID);
    expect((await send("POST", "/__admin/clock", { advance: "PT1M" })).status).toBe(200);
    expect((await task(NEXT_ID)).state.code).toBe("DONE");
    expect(((await send("GET", "/tasks?status=DONE")).body as Task[]).map((t) => t.id)).toContain(NEXT_ID);
    expect((await send("GET", `/tasks/${NEXT_ID}/download_url`)).body.url).toContain(`/1764/User_Export-${NEXT_ID}.csv?`);
  });
});

describe("spaaza PUT: version, last_modified and validation (issue 4)", () => {
  test("version grows by one on every accepted PUT and last_modified moves; refusals and runs change neither", async () => {
    const created = await create(exportBody("2026-01-01T05:00:00Z"));
    expect([created.version, created.state.last_modified]).toEqual([1, "2026-01-01T00:00:00Z"]);
    const versions: [number, string][] = [];
    for (const change of [{ desc: "One" }, { debug: "two" }, { trigger: { once: "2026-01-01T06:00:00Z" } }]) {
      await advance("PT1H");
      const res = await send("PUT", `/tasks/${created.id}`, change);
      expect(res.status).toBe(200);
      versions.push([res.body.version, res.body.state.last_modified]);
    }
    expect(versions).toEqual([
      [2, "2026-01-01T01:00:00Z"],
      [3, "2026-01-01T02:00:00Z"],
      [4, "2026-01-01T03:00:00Z"],
    ]);
    expect((await task(created.id)).state.created_date).toBe("2026-01-01T00:00:00Z");

    await advance("PT1H");
    for (const bad of [
      { trigger: { once: "soon" } },
      { target: { action: "export", export_index: "orders", export_format: "csv" } },
      { target: { action: "export", export_index: "users", export_format: "xml" } },
    ]) {
      expect((await send("PUT", `/tasks/${created.id}`, bad)).status).toBe(400);
    }
    expect((await task(created.id)).version).toBe(4);
    expect((await task(created.id)).state.last_modified).toBe("2026-01-01T03:00:00Z");

    await advance("PT3H");
    const ran = await task(created.id);
    expect(ran).toMatchObject({ version: 4, state: { code: "DONE", last_run_date: "2026-01-01T06:00:00Z" } });
    const refused = await send("PUT", `/tasks/${created.id}`, { desc: "Three" });
    expect([refused.status, errorName(refused.body)]).toEqual([400, "task_already_started"]);
    expect(await task(created.id)).toEqual(ran);
  });

  test("PUT names the invalid part: export_index and export_format invalid_target, once invalid_trigger", async () => {
    const index = await send("PUT", "/tasks/12366", { target: { action: "export", export_index: "orders", export_format: "csv" } });
    expect(index.body.error).toMatchObject({
      code: 902,
      name: "invalid_target",
      description: expect.stringContaining("/target/export_index"),
    });
    const once = await send("PUT", "/tasks/12366", { trigger: { once: "2026-12-24" } });
    expect(once.body.error).toMatchObject({
      code: 903,
      name: "invalid_trigger",
      description: '/trigger/once: must match format "date-time"',
    });
  });
});

describe("spaaza realism: no documented rate limits or maintenance", () => {
  test("with rate limits on, Spaaza answers every request, without rate-limit headers", async () => {
    start(CLOCK, true);
    for (let i = 0; i < 150; i++) {
      const res = await send("GET", "/tasks?limit=1");
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((h) => /rate|retry/i.test(h))).toEqual([]);
    }
  });

  test("a maintenance window cannot be opened for Spaaza: it documents no 503", async () => {
    const res = await send("POST", "/__admin/maintenance", { vendor: "spaaza", retryAfter: 30 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ detail: expect.stringContaining("spaaza does not document 503") });
    expect((await send("GET", "/tasks?limit=1")).status).toBe(200);
  });
});

describe("a run fault rule (run: true) makes a Spaaza run end in ERROR", () => {
  const runFault = (extra: Record<string, unknown> = {}) =>
    send("POST", "/__admin/faults", { vendor: "spaaza", operationId: "executeTask", run: true, times: 1, ...extra }, null);

  test("an executed run fails once, then the next run is DONE; the request itself answers 200", async () => {
    const created = await create(exportBody("2026-06-01T00:00:00Z"));
    expect((await runFault()).status).toBe(201);
    const failed = await send("POST", `/tasks/${created.id}/execute`);
    expect(failed.status).toBe(200);
    expect(failed.body.code).toBe("ERROR");
    expect((await task(created.id)).result).toBe("Export failed: injected fault");
    const again = await send("POST", `/tasks/${created.id}/execute`);
    expect(again.body.code).toBe("DONE");
  });

  test("a scheduled run fails when the rule matches its task's path, and only that task's", async () => {
    const first = await create(exportBody("2026-01-01T00:10:00Z"));
    const second = await create(exportBody("2026-01-01T00:10:00Z"));
    await runFault({ path: `/tasks/${second.id}` });
    await advance("PT15M");
    expect((await task(first.id)).state.code).toBe("DONE");
    expect((await task(second.id)).state.code).toBe("ERROR");
    expect((await task(second.id)).logs?.at(-1)).toMatchObject({ level: "ERROR" });
  });

  test("a run rule never answers a request, and a run rule with a status is refused", async () => {
    await runFault({ times: 5 });
    expect((await send("GET", "/tasks")).status).toBe(200);
    const refused = await runFault({ status: 500 });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("a run fault (run: true) makes a run fail");
  });
});
