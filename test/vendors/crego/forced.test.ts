// Forced and generated answers that fit Crego's contract (forced.ts): a 404 forced by Prefer or a
// fault rule says what the handlers' 404 says; a body generated for Prefer: dynamic=true obeys the
// spec's x-taskmock-rules a schema cannot state, whatever the seed.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { checkCronField, type CronField, isIanaZone } from "../../../src/vendors/crego/cron.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { SEED_PUT_BODY, TASK_PATCH_BODY } from "../../scenarios/crego.scenarios.js";
import { ADMIN, cregoClient, TASK } from "./client.js";

type Json = Record<string, unknown>;

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { call } = cregoClient(() => app);

describe("a forced 404 says what the handler's 404 says", () => {
  test.each([
    ["GET", "/tasks/schedules/1/", "No PeriodicTask matches the given query."],
    ["PATCH", "/tasks/schedules/1/", "No PeriodicTask matches the given query."],
    ["PUT", "/tasks/schedules/1/", "No PeriodicTask matches the given query."],
    ["GET", TASK, "Not found."],
    ["PATCH", TASK, "Not found."],
    ["PUT", TASK, "Not found."],
    ["GET", "/tasks/schedules/", "Invalid page."],
  ])("%s %s with Prefer: code=404 answers {detail: %j}, as an unknown id does", async (method, path, detail) => {
    const body = path === TASK ? TASK_PATCH_BODY : method === "GET" ? undefined : SEED_PUT_BODY;
    const res = await call(method, path, body, { ...ADMIN, prefer: "code=404" });
    expect(res).toMatchObject({ status: 404, body: { detail } });
    // The same words as the handler's own 404 for a record that does not exist.
    const missing = path.replace("/1/", "/999/").replace("generate_report", "nope").concat(path.endsWith("schedules/") ? "?page=99" : "");
    expect((await call(method, missing, body)).body).toEqual({ detail });
  });

  test("a fault rule's 404 is worded the same; an example asked by name is sent as documented", async () => {
    const fault = await request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "crego", operationId: "getSchedule", status: 404, times: 1 }) });
    expect(fault.status).toBe(201);
    expect(await call("GET", "/tasks/schedules/1/")).toMatchObject({ status: 404, body: { detail: "No PeriodicTask matches the given query." } });
    expect(await call("GET", "/tasks/schedules/1/", undefined, { ...ADMIN, prefer: "example=notFound" })).toMatchObject({
      status: 404,
      body: { detail: "Not found." },
    });
  });
});

const DRF_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;
const CRON: CronField[] = ["minute", "hour", "day_of_week", "day_of_month", "month_of_year"];

/** The Schedule schema's x-taskmock-rules a schema cannot state, as assertions. */
function expectScheduleRules(s: Json): void {
  const where = JSON.stringify(s);
  // enabled=false clears last_run_at.
  if (s["enabled"] === false) expect(s["last_run_at"], where).toBeNull();
  // At least one of interval and crontab.
  expect(s["interval"] !== null || s["crontab"] !== null, where).toBe(true);
  // A crontab django-celery-beat takes: each field parses, the zone exists.
  const crontab = s["crontab"] as Json | null;
  if (crontab) {
    for (const field of CRON) expect(checkCronField(field, crontab[field] as string).ok, `${field} ${where}`).toBe(true);
    expect(isIanaZone(crontab["timezone"] as string), where).toBe(true);
  }
  // Date-times as DRF writes them.
  for (const field of ["expires", "expires_at", "start_time", "last_run_at", "date_changed"]) {
    if (s[field] !== null) expect(s[field], `${field} ${where}`).toMatch(DRF_TIME);
  }
  // A schedule that ran: at least one run, not before its start, not after an expiry.
  const lastRun = s["last_run_at"];
  if (typeof lastRun === "string") {
    expect(s["total_run_count"], where).toBeGreaterThanOrEqual(1);
    if (typeof s["start_time"] === "string") expect(Date.parse(s["start_time"]), where).toBeLessThanOrEqual(Date.parse(lastRun));
    for (const field of ["expires", "expires_at"]) {
      if (typeof s[field] === "string") expect(Date.parse(s[field] as string), where).toBeGreaterThanOrEqual(Date.parse(lastRun));
    }
  }
}

/** SchedulePage's rule: total_pages = max(1, ceil(count / page_size)) for the page size its results show, and the flags and neighbours derived. */
function expectPageRules(page: Json): void {
  const where = JSON.stringify(page).slice(0, 300);
  const results = page["results"] as Json[];
  const [count, total, current] = [page["count"], page["total_pages"], page["current_page"]] as [number, number, number];
  expect(current, where).toBeLessThanOrEqual(total);
  expect(page["has_previous"], where).toBe(current > 1);
  expect(page["has_next"], where).toBe(current < total);
  expect(page["previous_page"], where).toBe(current > 1 ? current - 1 : null);
  expect(page["next_page"], where).toBe(current < total ? current + 1 : null);
  if (results.length === 0) expect([count, total], where).toEqual([0, 1]);
  else {
    // Some page size p (1-100) gives this page: full unless it is the last, count spread over total pages.
    const sizes = Array.from({ length: 100 }, (_, i) => i + 1).filter(
      (p) => total === Math.max(1, Math.ceil(count / p)) && results.length === (current < total ? p : count - (total - 1) * p),
    );
    expect(sizes.length, where).toBeGreaterThan(0);
  }
  const ids = results.map((r) => r["id"] as number);
  expect(ids, where).toEqual([...new Set(ids)].sort((a, b) => a - b));
  results.forEach(expectScheduleRules);
}

function expectTaskRules(t: Json): void {
  const [soft, hard] = [t["soft_time_limit"], t["time_limit"]];
  if (typeof soft === "number" && typeof hard === "number") expect(soft, JSON.stringify(t)).toBeLessThan(hard);
  expect(t["date_changed"]).toMatch(DRF_TIME);
}

describe("Prefer: dynamic=true obeys the rules a schema cannot state", () => {
  test.each([
    ["listSchedules", "GET", "/tasks/schedules/", undefined, expectPageRules],
    ["getSchedule", "GET", "/tasks/schedules/1/", undefined, expectScheduleRules],
    ["updateSchedule", "PATCH", "/tasks/schedules/1/", { enabled: false }, expectScheduleRules],
    ["replaceSchedule", "PUT", "/tasks/schedules/1/", SEED_PUT_BODY, expectScheduleRules],
    ["getTask", "GET", TASK, undefined, expectTaskRules],
    ["updateTask", "PATCH", TASK, { is_active: false }, expectTaskRules],
    ["replaceTask", "PUT", TASK, TASK_PATCH_BODY, expectTaskRules],
  ] as const)("%s: 40 generated bodies over 4 seeds each obey its rules, and are generated (not the documented example)", async (_id, method, path, body, rules) => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      app = mockOf("crego", { seed });
      for (let i = 0; i < 10; i++) {
        const res = await call(method, path, body, { ...ADMIN, prefer: "dynamic=true" });
        expect(res.status).toBe(200);
        rules(res.body as Json);
        seen.add(JSON.stringify(res.body));
      }
      expect((app as MockApp & { reports: string[] }).reports).toEqual([]);
    }
    // Generated bodies differ from one another: none fell back to a documented example for breaking the schema.
    expect(seen.size).toBe(40);
  });
});
