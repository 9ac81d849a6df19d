// Crego's scheduled runs (schedule.ts): moving the mock's clock runs every enabled schedule the
// way django-celery-beat's scheduler would, and a client sees it in total_run_count, last_run_at
// and a one-off schedule switching itself off. Driven through the HTTP API and POST
// /__admin/clock; and the dueAfter the core's horizon is made of, record by record.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import type { Row, State } from "../../../src/store/store.js";
import type { CrontabFields } from "../../../src/vendors/crego/crontabFires.js";
import { cregoSchedule } from "../../../src/vendors/crego/schedule.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { ADMIN as TOKEN, CLOCK, cregoClient, type Runs } from "./client.js";

const ADMIN = { ...TOKEN, "content-type": "application/json" };

let app: MockApp;
// A fresh mock per test: the scheduler never runs a stretch of time twice, so a test cannot share one set back.
beforeEach(() => {
  app = mockOf("crego");
});
const { patch, clock, runs } = cregoClient(() => app);

describe("interval schedules", () => {
  test("each fire time the clock passes adds a run and moves last_run_at; the moment the clock left is not one", async () => {
    // Schedule 4: every 15 minutes from 2025-02-09T00:00Z, 8412 runs so far.
    expect(await runs(4)).toEqual({ total_run_count: 8412, last_run_at: "2025-10-21T06:26:00Z", enabled: true });
    await clock({ advance: "PT7M" });
    expect((await runs(4)).total_run_count).toBe(8412);
    await clock({ advance: "PT8M" });
    expect(await runs(4)).toEqual({ total_run_count: 8413, last_run_at: "2026-01-01T00:15:00Z", enabled: true });
    await clock({ set: "2026-01-02T00:00:00Z" });
    expect(await runs(4)).toEqual({ total_run_count: 8412 + 96, last_run_at: "2026-01-02T00:00:00Z", enabled: true });
  });

  test("fire times are counted from start_time, which is itself the first; none come before it", async () => {
    expect((await patch("/tasks/schedules/9/", { start_time: "2026-01-01T12:20:00Z" })).status).toBe(200);
    await clock({ advance: "PT12H" });
    expect(await runs(9)).toEqual({ total_run_count: 1502, last_run_at: "2025-10-21T21:31:00Z", enabled: true });
    await clock({ advance: "PT20M" });
    expect(await runs(9)).toEqual({ total_run_count: 1503, last_run_at: "2026-01-01T12:20:00Z", enabled: true });
    await clock({ advance: "PT3H" });
    expect(await runs(9)).toEqual({ total_run_count: 1506, last_run_at: "2026-01-01T15:20:00Z", enabled: true });
  });

  test("without a start_time, a schedule enabled again runs one period after the change", async () => {
    // Schedule 7: every 6 hours, disabled, no start_time.
    await clock({ advance: "PT1H" });
    expect((await patch("/tasks/schedules/7/", { enabled: true })).body).toMatchObject({ date_changed: "2026-01-01T01:00:00Z" });
    await clock({ advance: "PT5H59M" });
    expect((await runs(7)).total_run_count).toBe(210);
    await clock({ advance: "P1D" });
    expect(await runs(7)).toEqual({ total_run_count: 214, last_run_at: "2026-01-02T01:00:00Z", enabled: true });
  });

  test("microsecond intervals are counted, and last_run_at keeps the microseconds", async () => {
    const res = await patch("/tasks/schedules/30/", {
      enabled: true,
      interval: { every: 3, period: "microseconds" },
      start_time: CLOCK,
    });
    expect(res.status).toBe(200);
    await clock({ advance: "PT0.001S" });
    // start_time is the clock's own reading, which is not in (from, to]; 3 µs .. 999 µs are.
    expect(await runs(30)).toEqual({ total_run_count: 333, last_run_at: "2026-01-01T00:00:00.000999Z", enabled: true });
  });

  test("a year of a half-second interval and of a per-minute crontab is counted exactly, and quickly", async () => {
    expect((await patch("/tasks/schedules/30/", { enabled: true })).status).toBe(200); // every 500000 µs from 2025-05-24
    expect((await patch("/tasks/schedules/3/", { crontab: { timezone: "Asia/Kolkata" } })).status).toBe(200); // * * * * *
    const started = performance.now();
    await clock({ advance: "P365D" });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await runs(30)).toEqual({ total_run_count: 2 * 365 * 86_400, last_run_at: "2027-01-01T00:00:00Z", enabled: true });
    expect(await runs(3)).toEqual({ total_run_count: 3 + 365 * 1440, last_run_at: "2027-01-01T00:00:00Z", enabled: true });
  });
});

describe("crontab schedules, in their own time zone", () => {
  test("a weekly crontab in Asia/Kolkata runs at its local time", async () => {
    // Schedule 2: 07:30 on Mondays, Asia/Kolkata (UTC+05:30): Monday 2026-01-05T02:00Z.
    await clock({ advance: "P4D" });
    expect((await runs(2)).total_run_count).toBe(14);
    await clock({ advance: "P3D" });
    expect(await runs(2)).toEqual({ total_run_count: 15, last_run_at: "2026-01-05T02:00:00Z", enabled: true });
    await clock({ advance: "P14D" });
    expect(await runs(2)).toEqual({ total_run_count: 17, last_run_at: "2026-01-19T02:00:00Z", enabled: true });
  });

  test("crego-day-of-week-seven: day_of_week 7 is Sunday, and 5-7 Friday to Sunday, as django-celery-beat's model says", async () => {
    // Schedule 2 (07:30 on Mondays in Kolkata) moved to 09:00 UTC on day 7; the clock starts on Thursday 2026-01-01.
    const sunday = await patch("/tasks/schedules/2/", { crontab: { minute: "0", hour: "9", day_of_week: "7", timezone: "UTC" } });
    expect(sunday.status).toBe(200);
    expect(sunday.body.crontab).toMatchObject({ day_of_week: "7" });
    const before = (await runs(2)).total_run_count;
    await clock({ advance: "P7D" });
    expect(await runs(2)).toEqual({ total_run_count: before + 1, last_run_at: "2026-01-04T09:00:00Z", enabled: true });
    expect((await patch("/tasks/schedules/2/", { crontab: { minute: "0", hour: "9", day_of_week: "5-7", timezone: "UTC" } })).status).toBe(200);
    await clock({ advance: "P7D" });
    // Friday 9, Saturday 10 and Sunday 11 January.
    expect(await runs(2)).toEqual({ total_run_count: before + 4, last_run_at: "2026-01-11T09:00:00Z", enabled: true });
  });

  test("a crontab does not run before start_time", async () => {
    expect((await patch("/tasks/schedules/2/", { start_time: "2026-01-12T00:00:00Z" })).status).toBe(200);
    await clock({ advance: "P14D" });
    // Mondays 2026-01-05 (before start_time) and 2026-01-12 at 07:30 in Kolkata: only the second runs.
    expect(await runs(2)).toEqual({ total_run_count: 15, last_run_at: "2026-01-12T02:00:00Z", enabled: true });
  });

  test("a daily crontab in America/New_York follows daylight saving time", async () => {
    const res = await patch("/tasks/schedules/6/", { crontab: { minute: "0", hour: "9", timezone: "America/New_York" } });
    expect(res.status).toBe(200);
    await clock({ set: "2026-03-07T00:00:00Z" });
    const before = (await runs(6)).total_run_count;
    await clock({ advance: "P1D" });
    expect(await runs(6)).toMatchObject({ total_run_count: before + 1, last_run_at: "2026-03-07T14:00:00Z" }); // EST
    await clock({ advance: "P2D" });
    expect(await runs(6)).toMatchObject({ total_run_count: before + 3, last_run_at: "2026-03-09T13:00:00Z" }); // EDT
  });

  test("day_of_month and day_of_week must both match, as Celery's crontab has it (not cron's either-or)", async () => {
    const crontab = { minute: "0", hour: "0", day_of_month: "13", day_of_week: "fri", timezone: "UTC" };
    expect((await patch("/tasks/schedules/3/", { crontab })).status).toBe(200);
    await clock({ set: "2027-01-01T00:00:00Z" });
    // The Fridays the 13th of 2026: February, March and November.
    expect(await runs(3)).toEqual({ total_run_count: 6, last_run_at: "2026-11-13T00:00:00Z", enabled: true });
  });

  test("a crontab on a date that never comes (30 February) never runs, and the clock still moves", async () => {
    const crontab = { minute: "0", hour: "0", day_of_month: "30", month_of_year: "2", timezone: "UTC" };
    expect((await patch("/tasks/schedules/3/", { crontab })).status).toBe(200);
    await clock({ advance: "P400D" });
    expect((await runs(3)).total_run_count).toBe(3);
  });
});

describe("which schedules run", () => {
  test("when both are set the interval decides, not the crontab (conflict crego-interval-and-crontab-both-set)", async () => {
    // Schedule 10: every 10 minutes, and crontab */10 8-20 Mon-Sat in Asia/Kolkata (78 runs on a Thursday).
    // Schedule 20: every day from 2025-04-14T00:00Z, and crontab 10:00 Asia/Kolkata (04:30Z).
    await clock({ advance: "P1D" });
    expect(await runs(10)).toEqual({ total_run_count: 6120 + 144, last_run_at: "2026-01-02T00:00:00Z", enabled: true });
    expect(await runs(20)).toEqual({ total_run_count: 89, last_run_at: "2026-01-02T00:00:00Z", enabled: true });

    expect((await patch("/tasks/schedules/10/", { interval: null })).status).toBe(200);
    await clock({ advance: "P1D" }); // Friday in Kolkata from 05:30: 08:00 .. 20:50
    expect(await runs(10)).toEqual({ total_run_count: 6264 + 78, last_run_at: "2026-01-02T15:20:00Z", enabled: true });
  });

  test("disabled schedules do not run", async () => {
    const disabled = await runs(7);
    expect((await patch("/tasks/schedules/4/", { enabled: false })).status).toBe(200);
    await clock({ advance: "P2D" });
    expect(await runs(7)).toEqual(disabled);
    expect(await runs(4)).toEqual({ total_run_count: 8412, last_run_at: null, enabled: false });
  });

  test("a schedule whose Celery task has is_active false is skipped while it is off", async () => {
    const task = "/tasks/reports.tasks.refresh_portfolio_snapshot/";
    expect((await patch(task, { is_active: false })).status).toBe(200);
    await clock({ advance: "PT1H" });
    expect(await runs(4)).toEqual({ total_run_count: 8412, last_run_at: "2025-10-21T06:26:00Z", enabled: true });
    expect((await patch(task, { is_active: true })).status).toBe(200);
    await clock({ advance: "PT1H" });
    expect(await runs(4)).toEqual({ total_run_count: 8416, last_run_at: "2026-01-01T02:00:00Z", enabled: true });
  });

  test("no run at or after expires (exclusive)", async () => {
    expect((await patch("/tasks/schedules/4/", { expires: "2026-01-01T01:00:00Z" })).status).toBe(200);
    await clock({ advance: "P1D" });
    // 00:15, 00:30 and 00:45; 01:00 is the expiry itself. The schedule stays enabled (conflict crego-seed-placeholder-timestamps).
    expect(await runs(4)).toEqual({ total_run_count: 8415, last_run_at: "2026-01-01T00:45:00Z", enabled: true });
  });

  test("expires and expires_at: the earlier one stops the runs (conflict crego-expires-and-expires-at)", async () => {
    // Schedule 22: 07:00 Mon-Sat Asia/Kolkata (01:30Z), both expiries 2026-06-01T18:30Z.
    await clock({ set: "2026-05-30T00:00:00Z" });
    const before22 = (await runs(22)).total_run_count;
    await clock({ advance: "P10D" });
    expect(await runs(22)).toEqual({ total_run_count: before22 + 2, last_run_at: "2026-06-01T01:30:00Z", enabled: true });

    // Schedule 33: 11:00 Mon and Thu Asia/Kolkata (05:30Z), expires 2026-08-06, expires_at 2026-07-17T12:00Z.
    await clock({ set: "2026-07-13T00:00:00Z" });
    const before33 = (await runs(33)).total_run_count;
    await clock({ advance: "P21D" });
    expect(await runs(33)).toEqual({ total_run_count: before33 + 2, last_run_at: "2026-07-16T05:30:00Z", enabled: true });
  });

  test("the seed's schedule expired in 2019 and never runs (conflict crego-seed-placeholder-timestamps)", async () => {
    await clock({ advance: "P30D" });
    expect(await runs(1)).toEqual({ total_run_count: 45, last_run_at: "2019-08-24T14:15:22Z", enabled: true });
  });

  test("a one_off schedule runs once, then disables itself (and so forgets last_run_at)", async () => {
    // Schedule 32: one-off, every day from 2025-12-18T06:00Z, never run.
    await clock({ advance: "PT6H" });
    expect(await runs(32)).toEqual({ total_run_count: 1, last_run_at: null, enabled: false });
    await clock({ advance: "P5D" });
    expect(await runs(32)).toEqual({ total_run_count: 1, last_run_at: null, enabled: false });

    // Schedule 31: one-off crontab, 05:00 on 1 April UTC, disabled after its run; enabled again, it runs once
    // more, once its task (billing.tasks.generate_invoices, is_active false) is switched on too.
    expect((await patch("/tasks/schedules/31/", { enabled: true })).status).toBe(200);
    await clock({ set: "2026-06-01T00:00:00Z" });
    expect(await runs(31)).toEqual({ total_run_count: 1, last_run_at: null, enabled: true });
    expect((await patch("/tasks/billing.tasks.generate_invoices/", { is_active: true })).status).toBe(200);
    await clock({ set: "2027-06-01T00:00:00Z" });
    expect(await runs(31)).toEqual({ total_run_count: 2, last_run_at: null, enabled: false });
  });

  test("a clock set back and moved forward again does not run what already ran", async () => {
    await clock({ advance: "P1D" });
    const after = await runs(4);
    await clock({ set: "2026-01-01T12:00:00Z" });
    await clock({ advance: "PT12H" });
    expect(await runs(4)).toEqual(after);
    await clock({ advance: "PT15M" });
    expect((await runs(4)).total_run_count).toBe(after.total_run_count + 1);
  });

  test("a schedule written after the clock last looked runs at its new times, and the next list shows it", async () => {
    // Two moves: the first looks at every schedule, the second finds nothing due before schedule 4's 00:15.
    await clock({ advance: "PT1M" });
    await clock({ advance: "PT1M" });
    const before = await runs(30);
    const res = await patch("/tasks/schedules/30/", {
      name: "Every second from 00:02:01",
      enabled: true,
      interval: { every: 1, period: "seconds" },
      start_time: "2026-01-01T00:02:01Z",
    });
    expect(res.status).toBe(200);
    await clock({ advance: "PT1S" });
    expect(await runs(30)).toEqual({ total_run_count: before.total_run_count + 1, last_run_at: "2026-01-01T00:02:01Z", enabled: true });
    await clock({ advance: "PT2S" });
    expect(await runs(30)).toEqual({ total_run_count: before.total_run_count + 3, last_run_at: "2026-01-01T00:02:03Z", enabled: true });
    const list = (await (await request(app, "/tasks/schedules/?page=1&page_size=100", { headers: ADMIN })).json()) as {
      results: { id: number; name: string; total_run_count: number }[];
    };
    expect(list.results.find((s) => s.id === 30)).toMatchObject({ name: "Every second from 00:02:01", total_run_count: before.total_run_count + 3 });
  });

  test("two days in 7-minute steps end where one two-day move does, for every schedule", async () => {
    const state = async () => (await (await request(app, "/__admin/state/crego")).json()) as unknown;
    await clock({ advance: "P2D" });
    const oneMove = await state();
    app = mockOf("crego");
    for (let minutes = 7; minutes <= 2 * 24 * 60; minutes += 7) await clock({ advance: "PT7M" });
    await clock({ set: "2026-01-03T00:00:00Z" });
    expect(await state()).toEqual(oneMove);
  });

  test("a read sees the runs the clock made, in the list too", async () => {
    await clock({ advance: "PT1H" });
    const page = (await (await request(app, "/tasks/schedules/?page_size=5", { headers: ADMIN })).json()) as { results: unknown[] };
    expect(page.results[3]).toMatchObject({ id: 4, total_run_count: 8416, last_run_at: "2026-01-01T01:00:00Z" });
  });
});

describe("when a schedule next has work (what the core's horizon is made of)", () => {
  const AFTER = "2026-01-01T00:00:00Z";
  const base: Row = {
    id: 99,
    enabled: true,
    one_off: false,
    interval: null,
    crontab: null,
    start_time: null,
    expires: null,
    expires_at: null,
    last_run_at: null,
    total_run_count: 0,
    date_changed: "2025-06-01T00:00:00Z",
  };
  const crontab = (fields: Partial<CrontabFields>) => ({
    crontab: { id: 1, minute: "*", hour: "*", day_of_week: "*", day_of_month: "*", month_of_year: "*", timezone: "UTC", ...fields },
  });
  const noState: State = {
    collection: () => {
      throw new Error("dueAfter reads the record alone");
    },
  };
  const cases: [string, string, Row, string | null][] = [
    ["an interval's next fire time after the clock's, not the clock's own", "schedules", { interval: { id: 1, every: 15, period: "minutes" }, start_time: "2025-02-09T00:00:00Z" }, "2026-01-01T00:15:00Z"],
    ["a start_time still to come is the first run", "schedules", { interval: { id: 1, every: 1, period: "days" }, start_time: "2026-03-01T12:00:00Z" }, "2026-03-01T12:00:00Z"],
    ["without a start_time, one period after the last run", "schedules", { interval: { id: 1, every: 6, period: "hours" }, last_run_at: "2025-12-31T22:00:00Z" }, "2026-01-01T04:00:00Z"],
    ["without either, one period after the last change", "schedules", { interval: { id: 1, every: 1, period: "hours" }, date_changed: "2025-12-31T23:30:00Z" }, "2026-01-01T00:30:00Z"],
    ["a fire time between milliseconds is due at the next millisecond the clock reads", "schedules", { interval: { id: 1, every: 3, period: "microseconds" }, start_time: "2026-01-01T00:00:00.000001Z" }, "2026-01-01T00:00:00.001Z"],
    ["a crontab in its own zone (07:30 on Mondays in Kolkata)", "schedules", crontab({ minute: "30", hour: "7", day_of_week: "mon", timezone: "Asia/Kolkata" }), "2026-01-05T02:00:00Z"],
    ["the interval decides when both are set", "schedules", { interval: { id: 1, every: 2, period: "hours" }, start_time: "2025-01-01T00:00:00Z", ...crontab({ minute: "5" }) }, "2026-01-01T02:00:00Z"],
    ["a run before expires", "schedules", { ...crontab({ minute: "0", hour: "9" }), expires: "2026-01-01T09:00:01Z" }, "2026-01-01T09:00:00Z"],
    ["none at expires_at itself, nor after", "schedules", { ...crontab({ minute: "0", hour: "9" }), expires_at: "2026-01-01T09:00:00Z" }, null],
    ["none for a disabled schedule", "schedules", { ...crontab({}), enabled: false }, null],
    ["none for a crontab on 30 February", "schedules", crontab({ day_of_month: "30", month_of_year: "2" }), null],
    ["none of a Celery task's own (is_active only holds its schedules back)", "tasks", { name: "reports.tasks.generate_report", is_active: true }, null],
  ];
  test.each(cases)("%s", (_name, collection, fields, want) => {
    const due = cregoSchedule.dueAfter(collection, { ...base, ...fields }, Date.parse(AFTER), noState);
    expect(due).toBe(want === null ? Number.POSITIVE_INFINITY : Date.parse(want));
  });
});

describe("the clock in real time", () => {
  test("on a real-time clock, advancing it runs the schedules too", async () => {
    const live = mockOf("crego", { clock: undefined }); // real time
    const read = async () => ((await (await request(live, "/tasks/schedules/4/", { headers: ADMIN })).json()) as Runs).total_run_count;
    const before = await read();
    expect((await request(live, "/__admin/clock", { method: "POST", body: JSON.stringify({ advance: "PT1H" }) })).status).toBe(200);
    // Every 15 minutes: four fire times in the hour, a fifth only if real time crossed one meanwhile.
    expect((await read()) - before).toBeGreaterThanOrEqual(4);
    expect((await read()) - before).toBeLessThanOrEqual(5);
  });
});
