// Crego ignores body fields its serializers do not take, as Django REST Framework does (the spec's
// info.x-taskmock-unknown-properties: ignore): a client's habit of GETting a record, changing one
// field and sending it all back works on every update operation, for every fixture record; the
// journal and verify name each ignored field as a contract warning; a strict mock refuses them.
import { beforeEach, describe, expect, test } from "vitest";
import type { VerifyReport } from "../../../src/engine/verify.js";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { CLOCK, cregoClient } from "./client.js";

type Json = Record<string, unknown>;

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { get, patch, put, state } = cregoClient(() => app);

/** The fields a schedule's GET answers that no request body takes (nested schedules' ids included). */
function readOnlyOfSchedule(schedule: Json): string[] {
  const nested = ["interval", "crontab"].filter((field) => schedule[field] !== null).map((field) => `/${field}/id`);
  return ["/id", "/total_run_count", "/last_run_at", "/date_changed", ...nested];
}

const TASK_READ_ONLY = ["name", "description", "rate_limit", "max_retries", "default_retry_delay", "acks_late", "ignore_result", "track_started", "serializer", "date_changed"];

/** The pointers of the journal's warnings for the requests of one operation, request by request. */
async function warnings(operationId: string): Promise<string[][]> {
  const journal = await json(request(app, `/__admin/requests?vendor=crego&operationId=${operationId}`));
  return (journal.requests as { warnings?: { pointer: string; rule: string }[] }[]).map((entry) => {
    for (const w of entry.warnings ?? []) expect(w.rule).toBe("ignored");
    return (entry.warnings ?? []).map((w) => w.pointer);
  });
}

async function allSchedules(): Promise<Json[]> {
  return (await get("/tasks/schedules/?page_size=100")).body.results as Json[];
}

async function allTaskNames(): Promise<string[]> {
  const tasks = (await state()).collections?.tasks ?? (await state()).tasks;
  const records: Json[] = Array.isArray(tasks) ? tasks : Object.values(tasks as Json);
  return records.map((task) => String(task["name"])).sort();
}

describe("GET, change one field, send it back (DRF ignores read-only and unknown fields)", () => {
  test("every scheduled task, by PUT and by PATCH: 200, the change applied, nothing else moved, the ignored fields named", async () => {
    const schedules = await allSchedules();
    expect(schedules).toHaveLength(33);
    for (const schedule of schedules) {
      const path = `/tasks/schedules/${String(schedule["id"])}/`;
      const read = (await get(path)).body as Json;
      const replaced = await put(path, { ...read, description: `${String(read["description"])} (PUT)` });
      expect(replaced.status, path).toBe(200);
      expect(replaced.body, path).toEqual({ ...read, description: `${String(read["description"])} (PUT)`, date_changed: CLOCK });
      const again = (await get(path)).body as Json;
      const patched = await patch(path, { ...again, enabled: !again["enabled"] });
      expect(patched.status, path).toBe(200);
      // django-celery-beat: turning a schedule off clears last_run_at; the client's echoed last_run_at is ignored either way.
      const lastRun = again["enabled"] ? null : again["last_run_at"];
      expect(patched.body, path).toEqual({ ...again, enabled: !again["enabled"], last_run_at: lastRun, date_changed: CLOCK });
    }
    const expected = schedules.map(readOnlyOfSchedule);
    expect(await warnings("replaceSchedule")).toEqual(expected);
    expect(await warnings("updateSchedule")).toEqual(expected);
  });

  test("every Celery task, by PUT and by PATCH: 200, the change applied, its read-only options untouched, each named", async () => {
    const names = await allTaskNames();
    expect(names).toHaveLength(33);
    for (const name of names) {
      const path = `/tasks/${name}/`;
      const read = (await get(path)).body as Json;
      const replaced = await put(path, { ...read, is_active: !read["is_active"] });
      expect(replaced.status, path).toBe(200);
      expect(replaced.body, path).toEqual({ ...read, is_active: !read["is_active"], date_changed: CLOCK });
      const patched = await patch(path, { ...replaced.body, queue: "echoed" });
      expect(patched.status, path).toBe(200);
      expect(patched.body, path).toEqual({ ...replaced.body, queue: "echoed" });
    }
    const expected = names.map(() => TASK_READ_ONLY.map((field) => `/${field}`));
    expect(await warnings("replaceTask")).toEqual(expected);
    expect(await warnings("updateTask")).toEqual(expected);
  });

  test("an ignored field is never stored, even one that would break a rule or the schema", async () => {
    const res = await patch("/tasks/schedules/2/", {
      id: 99,
      total_run_count: -5,
      last_run_at: "not a date",
      interval: { id: "x", every: 5, period: "minutes" },
      colour: "red",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 2, total_run_count: 14, last_run_at: "2025-10-19T00:00:00Z", interval: { every: 5, period: "minutes" } });
    expect(res.body).not.toHaveProperty("colour");
    expect(res.body.interval.id).toEqual(expect.any(Number));
  });

  test("a key named __proto__ is ignored as an own field: nothing is set on a prototype, the journal names it", async () => {
    const res = await request(app, "/tasks/schedules/9/", {
      method: "PATCH",
      headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" },
      body: '{"__proto__": {"enabled": false}, "constructor": 1, "description": "kept"}',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: 9, description: "kept" });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(await warnings("updateSchedule")).toEqual([["/__proto__", "/constructor"]]);
  });

  test("verify shows ignored fields as contract warnings, not breaks; verify?strict=true counts them", async () => {
    const read = (await get("/tasks/schedules/21/")).body as Json;
    expect((await put("/tasks/schedules/21/", read)).status).toBe(200);
    const report = (await json(request(app, "/__admin/verify"))) as VerifyReport;
    expect(report).toMatchObject({ ok: true, violations: [] });
    expect(report.ignored.map((v) => [v.operationId, v.pointer, v.kind])).toEqual(
      ["/id", "/total_run_count", "/last_run_at", "/date_changed", "/crontab/id"].map((pointer) => ["replaceSchedule", pointer, "ignored"]),
    );
    const strict = (await json(request(app, "/__admin/verify?strict=true"))) as VerifyReport;
    expect(strict).toMatchObject({ ok: false, breaking: 1 });
    expect(strict.violations).toHaveLength(5);
  });
});

describe("a strict mock (serve --strict) refuses what DRF would ignore", () => {
  test("the GET body sent back by PUT or PATCH is a 400 naming each read-only field, nested ids included, and nothing changes", async () => {
    app = mockOf("crego", { strict: true });
    const before = await state();
    const read = (await get("/tasks/schedules/1/")).body as Json;
    const res = await put("/tasks/schedules/1/", read);
    expect(res).toEqual(
      expect.objectContaining({
        status: 400,
        body: {
          id: ["This field is read-only."],
          total_run_count: ["This field is read-only."],
          last_run_at: ["This field is read-only."],
          date_changed: ["This field is read-only."],
          interval: { id: ["This field is read-only."] },
          crontab: { id: ["This field is read-only."] },
        },
      }),
    );
    const patched = await patch("/tasks/schedules/1/", read);
    expect(patched.status).toBe(400);
    expect(patched.body).toEqual(res.body);
    const task = (await get("/tasks/reports.tasks.generate_report/")).body as Json;
    for (const send of [put, patch]) {
      const refused = await send("/tasks/reports.tasks.generate_report/", task);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body).sort()).toEqual([...TASK_READ_ONLY].sort());
    }
    expect(await state()).toEqual(before);
  });
});
