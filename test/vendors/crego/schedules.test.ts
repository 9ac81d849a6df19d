// Crego's scheduled tasks through the mock, as a client sees it (schedules.ts): the paged list,
// reads see writes, the seed request and each x-taskmock-conflict decision about a scheduled task,
// and django-celery-beat's model rules.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { SEED_PUT_BODY } from "../../scenarios/crego.scenarios.js";
import { ADMIN, CLOCK, cregoClient, TASK } from "./client.js";

/** The seed page's 200 response (components.examples.SeedSchedule). */
const SEED_RESPONSE = {
  id: 1,
  ...SEED_PUT_BODY,
  interval: { id: 1, every: 1, period: "days" },
  crontab: { id: 1, ...SEED_PUT_BODY.crontab },
  total_run_count: 45,
  last_run_at: "2019-08-24T14:15:22Z",
  date_changed: "2019-08-24T14:15:22Z",
};

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { call, get, patch, put, state, clock } = cregoClient(() => app);

describe("scheduled tasks: list, read, update", () => {
  test("the list pages by id in Crego's envelope, 10 per page by default", async () => {
    const first = await get("/tasks/schedules/");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      count: 33,
      total_pages: 4,
      current_page: 1,
      has_previous: false,
      has_next: true,
      previous_page: null,
      next_page: 2,
    });
    expect(first.body.results.map((s: { id: number }) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const last = await get("/tasks/schedules/?page=4");
    expect(last.body).toMatchObject({
      count: 33,
      total_pages: 4,
      current_page: 4,
      has_previous: true,
      has_next: false,
      previous_page: 3,
      next_page: null,
    });
    expect(last.body.results.map((s: { id: number }) => s.id)).toEqual([31, 32, 33]);

    const all = await get("/tasks/schedules/?page_size=100");
    expect(all.body).toMatchObject({ count: 33, total_pages: 1, has_next: false, next_page: null });
    expect(all.body.results).toHaveLength(33);
  });

  test("a page past the last one is DRF's 404 Invalid page; page 1 always exists", async () => {
    expect(await get("/tasks/schedules/?page=2&page_size=33")).toMatchObject({ status: 404, body: { detail: "Invalid page." } });
    expect((await get("/tasks/schedules/?page=1&page_size=100")).status).toBe(200);
  });

  test.each([
    ["15", 15],
    [" 15 ", 15],
    ["+15", 15],
    ["1_5", 15],
    ["\u0661\u0665", 15],
    ["100", 100],
    ["101", 100],
    ["99999999999999999999999", 100],
    ["abc", 10],
    ["15.0", 10],
    ["1__5", 10],
    ["0", 10],
    ["-5", 10],
    ["", 10],
  ])("crego-page-size-drf: page_size %j gives pages of %i, as DRF's get_page_size reads it; never a 400", async (text, size) => {
    const res = await get(`/tasks/schedules/?page_size=${encodeURIComponent(text)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 33, total_pages: Math.ceil(33 / size) });
    expect(res.body.results).toHaveLength(Math.min(size, 33));
  });

  test.each([
    ["2", 2],
    [" 2", 2],
    ["+2", 2],
    ["0_2", 2],
    ["", 1],
    ["last", 4],
  ])("crego-invalid-page-404: page %j is page %i, as Django's Paginator reads it", async (text, page) => {
    const res = await get(`/tasks/schedules/?page=${encodeURIComponent(text)}`);
    expect(res).toMatchObject({ status: 200, body: { current_page: page } });
  });

  test.each(["0", "-1", "5", "abc", "2.0", "0x2", "Last"])("crego-invalid-page-404: page %j is DRF's 404 Invalid page", async (text) => {
    const res = await get(`/tasks/schedules/?page=${encodeURIComponent(text)}`);
    expect([res.status, res.body]).toEqual([404, { detail: "Invalid page." }]);
  });

  test("crego-page-envelope-types: previous_page and next_page are page numbers or null", async () => {
    expect((await get("/tasks/schedules/?page=2&page_size=10")).body).toMatchObject({ previous_page: 1, next_page: 3 });
    expect((await get("/tasks/schedules/?page=1")).body).toMatchObject({ previous_page: null, next_page: 2 });
    expect((await get("/tasks/schedules/?page=last")).body).toMatchObject({ previous_page: 3, next_page: null });
  });

  test("every date-time is written as DRF writes it: UTC, a fraction only when it is not zero, then six digits", async () => {
    const res = await patch("/tasks/schedules/5/", {
      expires: "2030-01-01T12:00:00+02:00",
      expires_at: "2030-01-01T00:00:00.1234567Z",
      start_time: "2026-01-01t00:00:00.5z",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      expires: "2030-01-01T10:00:00Z",
      expires_at: "2030-01-01T00:00:00.123456Z",
      start_time: "2026-01-01T00:00:00.500000Z",
      date_changed: "2026-01-01T00:00:00Z",
    });
    expect((await get("/tasks/schedules/5/")).body).toEqual(res.body);
    const task = await patch(TASK, { priority: 4 });
    expect(task.body.date_changed).toBe("2026-01-01T00:00:00Z");
    // A time Django cannot hold (a leap second) is DRF's 400 naming the field, and changes nothing.
    const before = await state();
    const refused = await patch("/tasks/schedules/5/", { expires: "2026-12-31T23:59:60Z" });
    expect([refused.status, refused.body]).toEqual([
      400,
      { expires: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."] },
    ]);
    expect(await state()).toEqual(before);
  });

  test("the seed's schedule is served verbatim under id 1 (conflict crego-seed-placeholder-timestamps)", async () => {
    expect(await get("/tasks/schedules/1/")).toEqual(expect.objectContaining({ status: 200, body: SEED_RESPONSE }));
  });

  test("a PATCH changes only what it sends, and later reads and the list see it", async () => {
    const before = (await get("/tasks/schedules/5/")).body;
    const res = await patch("/tasks/schedules/5/", { description: "Every five minutes", kwargs: { full: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, description: "Every five minutes", kwargs: { full: true }, date_changed: CLOCK });
    expect((await get("/tasks/schedules/5/")).body).toEqual(res.body);
    const page = (await get("/tasks/schedules/?page_size=5")).body;
    expect(page.results[4]).toEqual(res.body);
  });

  test("a PUT replaces every writable field and keeps the server-managed ones", async () => {
    const body = {
      ...SEED_PUT_BODY,
      name: "Daily Report Generation (IST)",
      interval: null,
      crontab: { minute: "30", hour: "8", day_of_week: "mon-fri", day_of_month: "*", month_of_year: "*", timezone: "Asia/Kolkata" },
      args: [],
      kwargs: {},
      expires: null,
      expires_at: null,
      start_time: "2025-09-01T00:00:00Z",
      description: "",
    };
    const res = await put("/tasks/schedules/1/", body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...body,
      id: 1,
      crontab: { id: 19, ...body.crontab },
      total_run_count: 45,
      last_run_at: "2019-08-24T14:15:22Z",
      date_changed: CLOCK,
    });
    expect((await get("/tasks/schedules/1/")).body).toEqual(res.body);
  });

  test("scheduled tasks are never created or deleted: the router answers 405 with Allow", async () => {
    const post = await call("POST", "/tasks/schedules/", SEED_PUT_BODY);
    expect(post).toMatchObject({ status: 405, body: { detail: 'Method "POST" not allowed.' } });
    // The engine's router also lists the methods of /tasks/{task_name}/, which this path matches too.
    expect(post.headers.get("allow")).toContain("GET");
    const del = await call("DELETE", "/tasks/schedules/1/");
    expect(del).toMatchObject({ status: 405, body: { detail: 'Method "DELETE" not allowed.' } });
    expect(del.headers.get("allow")).toContain("PUT");
    expect((await get("/tasks/schedules/1/")).status).toBe(200);
  });

  test("unknown ids are 404, ids that are not integers are 400 naming id", async () => {
    expect(await get("/tasks/schedules/34/")).toMatchObject({ status: 404, body: { detail: "No PeriodicTask matches the given query." } });
    expect(await patch("/tasks/schedules/34/", { enabled: true })).toMatchObject({ status: 404 });
    expect(await get("/tasks/schedules/one/")).toMatchObject({ status: 400, body: { id: ["A valid integer is required."] } });
  });

  test("POST /__admin/reset restores the fixtures", async () => {
    const fresh = await state();
    await patch("/tasks/schedules/1/", { enabled: false, name: "Renamed" });
    await patch(TASK, { is_active: false });
    expect(await state()).not.toEqual(fresh);
    expect((await request(app, "/__admin/reset", { method: "POST" })).status).toBe(200);
    expect(await state()).toEqual(fresh);
    expect((await get("/tasks/schedules/1/")).body).toEqual(SEED_RESPONSE);
  });
});

describe("the seed request and the conflict decisions", () => {
  test("the seed's PUT, sent exactly as documented to id 1, succeeds with both schedules (crego-interval-and-crontab-both-set)", async () => {
    const res = await request(app, "/tasks/schedules/1/", {
      method: "PUT",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify(SEED_PUT_BODY),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...SEED_RESPONSE, date_changed: CLOCK });
  });

  test("crego-one-schedule-fields: neither interval nor crontab is a 400 naming both fields, as the model's check names them, and nothing changes", async () => {
    const before = await state();
    const message = "One of clocked, interval, crontab, or solar must be set.";
    const res = await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, interval: null, crontab: null });
    expect([res.status, res.body]).toEqual([400, { interval: [message], crontab: [message] }]);
    const patched = await patch("/tasks/schedules/2/", { crontab: null });
    expect([patched.status, patched.body]).toEqual([400, { interval: [message], crontab: [message] }]);
    expect(await state()).toEqual(before);
  });

  test("the seed's empty id matches no route (crego-seed-empty-schedule-id)", async () => {
    expect(await put("/tasks/schedules//", SEED_PUT_BODY)).toMatchObject({ status: 404, body: { detail: "Not found." } });
  });

  test("a PUT needs every writable field; nullable ones may be null (crego-schedule-put-required-fields)", async () => {
    const { description: _description, ...withoutDescription } = SEED_PUT_BODY;
    expect(await put("/tasks/schedules/1/", withoutDescription)).toMatchObject({
      status: 400,
      body: { description: ["This field is required."] },
    });
    expect(await put("/tasks/schedules/1/", {})).toMatchObject({
      status: 400,
      body: { name: ["This field is required."], task: ["This field is required."] },
    });
    const nulls = await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, expires: null, expires_at: null, start_time: null });
    expect(nulls).toMatchObject({ status: 200, body: { expires: null, expires_at: null, start_time: null } });
  });

  test("expires and expires_at are stored independently, with no order against start_time (crego-expires-and-expires-at)", async () => {
    const res = await patch("/tasks/schedules/2/", {
      expires: null,
      expires_at: "2020-01-01T00:00:00Z",
      start_time: "2025-02-01T00:00:00Z",
    });
    expect(res).toMatchObject({
      status: 200,
      body: { expires: null, expires_at: "2020-01-01T00:00:00Z", start_time: "2025-02-01T00:00:00Z" },
    });
    const both = await patch("/tasks/schedules/2/", { expires: "2027-01-01T00:00:00Z" });
    expect(both.body).toMatchObject({ expires: "2027-01-01T00:00:00Z", expires_at: "2020-01-01T00:00:00Z" });
  });

  test("an update never rewrites total_run_count (crego-seed-placeholder-timestamps)", async () => {
    const res = await put("/tasks/schedules/1/", SEED_PUT_BODY);
    expect(res.body).toMatchObject({ total_run_count: 45, start_time: "2019-08-24T14:15:22Z", expires: "2019-08-24T14:15:22Z" });
  });
});

describe("django-celery-beat's rules on a scheduled task", () => {
  test("name is unique across scheduled tasks; keeping one's own name is fine", async () => {
    expect(await patch("/tasks/schedules/3/", { name: "Daily Report Generation" })).toMatchObject({
      status: 400,
      body: { name: ["periodic task with this name already exists."] },
    });
    expect(await put("/tasks/schedules/2/", { ...SEED_PUT_BODY })).toMatchObject({
      status: 400,
      body: { name: ["periodic task with this name already exists."] },
    });
    expect(await patch("/tasks/schedules/1/", { name: "Daily Report Generation" })).toMatchObject({ status: 200 });
    expect(await patch("/tasks/schedules/1/", { name: "Daily Report" })).toMatchObject({ status: 200, body: { name: "Daily Report" } });
    expect(await patch("/tasks/schedules/3/", { name: "Daily Report Generation" })).toMatchObject({ status: 200 });
  });

  test("date_changed is the mock clock's time on every write, even one that changes nothing", async () => {
    await clock({ advance: "PT90M" });
    expect((await patch("/tasks/schedules/7/", {})).body.date_changed).toBe("2026-01-01T01:30:00Z");
    expect((await get("/tasks/schedules/7/")).body.date_changed).toBe("2026-01-01T01:30:00Z");
  });

  test("enabled false clears last_run_at (PATCH and PUT); enabling again does not bring it back", async () => {
    expect((await patch("/tasks/schedules/2/", { enabled: false })).body).toMatchObject({
      enabled: false,
      last_run_at: null,
      total_run_count: 14,
    });
    expect((await patch("/tasks/schedules/2/", { enabled: true })).body).toMatchObject({ enabled: true, last_run_at: null });
    expect((await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, enabled: false })).body).toMatchObject({
      enabled: false,
      last_run_at: null,
    });
    expect((await patch("/tasks/schedules/3/", { description: "x" })).body.last_run_at).not.toBeNull();
  });

  test("an interval identical to a stored one gets its id; a new one the next free id, then shared", async () => {
    expect((await patch("/tasks/schedules/2/", { interval: { every: 15, period: "minutes" } })).body.interval).toEqual({
      id: 2,
      every: 15,
      period: "minutes",
    });
    expect((await patch("/tasks/schedules/3/", { interval: { every: 45, period: "minutes" } })).body.interval).toEqual({
      id: 14,
      every: 45,
      period: "minutes",
    });
    expect((await patch("/tasks/schedules/6/", { interval: { every: 45, period: "minutes" } })).body.interval).toEqual({
      id: 14,
      every: 45,
      period: "minutes",
    });
    expect((await patch("/tasks/schedules/8/", { interval: { every: 45, period: "seconds" } })).body.interval).toEqual({
      id: 15,
      every: 45,
      period: "seconds",
    });
  });

  test("a crontab identical to a stored one (five fields and time zone) gets its id; otherwise a new one", async () => {
    const weekly = { minute: "30", hour: "7", day_of_week: "mon", day_of_month: "*", month_of_year: "*", timezone: "Asia/Kolkata" };
    expect((await patch("/tasks/schedules/4/", { crontab: weekly })).body.crontab).toEqual({ id: 2, ...weekly });
    expect((await patch("/tasks/schedules/5/", { crontab: { ...weekly, timezone: "UTC" } })).body.crontab).toEqual({
      id: 19,
      ...weekly,
      timezone: "UTC",
    });
    // Omitted fields take django-celery-beat's defaults, so `{minute: "0", hour: "2"}` is schedule 6's crontab.
    expect((await patch("/tasks/schedules/7/", { crontab: { minute: "0", hour: "2" } })).body.crontab).toEqual({
      id: 4,
      minute: "0",
      hour: "2",
      day_of_week: "*",
      day_of_month: "*",
      month_of_year: "*",
      timezone: "UTC",
    });
  });

  test("a sent interval or crontab replaces the stored one whole; null removes it while the other remains", async () => {
    const res = await patch("/tasks/schedules/1/", { crontab: { hour: "10" } });
    expect(res.body.crontab).toEqual({
      id: 19,
      minute: "*",
      hour: "10",
      day_of_week: "*",
      day_of_month: "*",
      month_of_year: "*",
      timezone: "UTC",
    });
    expect(res.body.crontab.id).not.toBe(1);
    expect((await patch("/tasks/schedules/1/", { interval: null })).body).toMatchObject({ interval: null, crontab: { hour: "10" } });
    expect(await patch("/tasks/schedules/1/", { interval: { every: 2 } })).toMatchObject({
      status: 400,
      body: { interval: { period: ["This field is required."] } },
    });
  });

  test("crontab fields are checked as cron fields, each error under crontab.<field>, with the other field errors of the request", async () => {
    const res = await patch("/tasks/schedules/1/", {
      name: "",
      crontab: { minute: "*/60", hour: "25", day_of_week: "fri-mon", day_of_month: "0", month_of_year: "13", timezone: "Asia/Kolkata" },
    });
    expect(res).toEqual(
      expect.objectContaining({
        status: 400,
        body: {
          name: ["This field may not be blank."],
          crontab: {
            minute: ['Invalid minute value "*/60".'],
            hour: ['Invalid hour value "25".'],
            day_of_week: ['Invalid day of week value "fri-mon".'],
            day_of_month: ['Invalid day of month value "0".'],
            month_of_year: ['Invalid month of year value "13".'],
          },
        },
      }),
    );
    const ok = await patch("/tasks/schedules/1/", {
      crontab: { minute: "0,15,30-45/5", hour: "*/2", day_of_week: "MON-fri", day_of_month: "1,15", month_of_year: "jan-mar,10" },
    });
    expect(ok.status).toBe(200);
  });

  test("interval.period is one of django-celery-beat's five units and every is at least 1, each error under interval.<field>", async () => {
    for (const period of ["days", "hours", "minutes", "seconds", "microseconds"]) {
      expect((await patch("/tasks/schedules/4/", { interval: { every: 1, period } })).body.interval, period).toMatchObject({ period });
    }
    for (const period of ["weeks", "months", "Days", "day"]) {
      expect(await patch("/tasks/schedules/4/", { interval: { every: 1, period } }), period).toMatchObject({
        status: 400,
        body: { interval: { period: [expect.stringMatching(/^Not a valid choice; expected one of "days", "hours"/)] } },
      });
    }
    expect(await patch("/tasks/schedules/4/", { interval: { every: 0, period: "days" } })).toMatchObject({
      status: 400,
      body: { interval: { every: ["Ensure this value is greater than or equal to 1."] } },
    });
    expect(await put("/tasks/schedules/1/", { ...SEED_PUT_BODY, interval: { every: -3, period: "weeks" } })).toMatchObject({
      status: 400,
      body: { interval: { every: ["Ensure this value is greater than or equal to 1."], period: [expect.any(String)] } },
    });
    expect((await patch("/tasks/schedules/4/", { interval: { every: 1.5, period: "days" } })).body).toEqual({
      interval: { every: ["A valid integer is required."] },
    });
  });

  test("crontab fields keep django-celery-beat's lengths: minute 240, hour 96, day_of_month 124, day_of_week 64, month_of_year 64", async () => {
    // A list of one value, repeated: valid cron at any length, so only the length decides.
    const limits: [string, number, string][] = [
      ["minute", 240, "0"],
      ["hour", 96, "0"],
      ["day_of_month", 124, "1"],
      ["day_of_week", 64, "1"],
      ["month_of_year", 64, "1"],
    ];
    for (const [field, limit, value] of limits) {
      const atLimit = `${`${value},`.repeat(limit / 2 - 1)}0${value}`;
      const over = `${`${value},`.repeat(limit / 2)}${value}`;
      expect(atLimit.length, field).toBe(limit);
      expect((await patch("/tasks/schedules/2/", { crontab: { [field]: atLimit } })).status, field).toBe(200);
      expect(await patch("/tasks/schedules/2/", { crontab: { [field]: over } }), field).toMatchObject({
        status: 400,
        body: { crontab: { [field]: [`Ensure this field has no more than ${limit} characters.`] } },
      });
    }
  });

  test("the schema refuses characters no cron field has, naming the field", async () => {
    expect(await patch("/tasks/schedules/1/", { crontab: { hour: "9am" } })).toMatchObject({
      status: 400,
      body: { crontab: { hour: ["Invalid hour value."] } },
    });
  });

  test("timezone must be an IANA zone, written as IANA writes it", async () => {
    for (const zone of ["Asia/Kolkata", "Asia/Calcutta", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC"]) {
      expect((await patch("/tasks/schedules/2/", { crontab: { timezone: zone } })).status, zone).toBe(200);
    }
    for (const zone of ["Mars/Olympus", "utc", "asia/kolkata", "Asia/Tokio"]) {
      expect(await patch("/tasks/schedules/2/", { crontab: { timezone: zone } }), zone).toMatchObject({
        status: 400,
        body: { crontab: { timezone: [`"${zone}" is not a valid choice.`] } },
      });
    }
  });
});
