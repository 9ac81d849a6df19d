// Spaaza tasks while the mock's clock moves (schedule.ts, issue 4): the scheduler runs a READY
// task when the clock passes its trigger.once (READY → INPROGRESS → DONE or ERROR 60 s later),
// overdue writes start at the next clock move, fixtures stay as they are, and a run's bookkeeping
// is state.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { C1765, CLOCK, errorName, exportBody, NEXT_ID, spaazaClient, type Task } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, tasks, advance, task, create } = spaazaClient(() => app);

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
    // A started task: no file yet, no second run.
    const download = await send("GET", `/tasks/${created.id}/download_url`);
    expect([download.status, errorName(download.body)]).toEqual([400, "task_not_done"]);
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
      app = mockOf("spaaza");
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
      app = mockOf("spaaza");
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

  test("spaaza-put-started-task: a task updated while it runs is READY again; the dropped run never finishes, the new one runs at its trigger", async () => {
    const created = await create(exportBody("2026-01-01T00:10:00Z"));
    await advance("PT10M30S");
    expect((await task(created.id)).state.code).toBe("INPROGRESS");
    const put = await send("PUT", `/tasks/${created.id}`, { trigger: { once: "2026-01-01T02:00:00Z" } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, logs: null, result: "", state: { code: "READY", last_run_date: "0001-01-01T00:00:00Z" } });
    // The old run would have finished at 00:11: nothing happens then.
    await advance("PT1H");
    expect(await task(created.id)).toEqual(put.body);
    await advance("PT1H1M");
    expect(await task(created.id)).toMatchObject({ state: { code: "DONE", last_run_date: "2026-01-01T02:00:00Z" } });
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
    app = mockOf("spaaza", { clock: "2026-11-23T09:45:30Z" });
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
    app = mockOf("spaaza", { clock: "2026-11-23T12:00:00Z" });
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
    app = mockOf("spaaza", { clock: undefined });
    const created = await create(exportBody("2026-01-01T00:00:00Z"));
    expect(created.state.code).toBe("READY");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const running = await task(created.id);
    expect(running.state.code).toBe("INPROGRESS");
    expect(running.state.last_run_date).toBe(created.state.last_modified);
  });

  test("the README's sample: a task created with a past trigger.once is DONE a clock minute later", async () => {
    app = mockOf("spaaza", { clock: undefined });
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
