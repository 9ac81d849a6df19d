// Crego's Celery tasks through the mock, as a client sees it (tasks.ts): the Update task page's
// request and its conflict decisions, reads see writes, and the settings rules (time limits in
// order, priority, callbacks named as tasks).
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { TASK_PATCH_BODY } from "../../scenarios/crego.scenarios.js";
import { CLOCK, cregoClient, TASK } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { get, patch, put } = cregoClient(() => app);

describe("the Update task page's request and the conflict decisions", () => {
  test("the Update task page's request, served against reports.tasks.generate_report; its empty name matches no route (crego-task-patch-empty-name)", async () => {
    expect(await patch(TASK, TASK_PATCH_BODY)).toMatchObject({
      status: 200,
      body: { name: "reports.tasks.generate_report", ...TASK_PATCH_BODY },
    });
    expect(await patch("/tasks//", TASK_PATCH_BODY)).toMatchObject({ status: 404, body: { detail: "Not found." } });
  });

  test("a task PUT needs all nine settings; nullable ones may be null (crego-task-put-required-fields)", async () => {
    const { time_limit: _time, ...eight } = TASK_PATCH_BODY;
    expect(await put(TASK, eight)).toMatchObject({ status: 400, body: { time_limit: ["This field is required."] } });
    const nulls = {
      ...TASK_PATCH_BODY,
      queue: null,
      exchange: null,
      routing_key: null,
      priority: null,
      link: null,
      link_error: null,
      soft_time_limit: null,
      time_limit: null,
    };
    expect(await put(TASK, nulls)).toMatchObject({ status: 200, body: { ...nulls, max_retries: 3, date_changed: CLOCK } });
  });
});

describe("Celery task settings", () => {
  test("a PATCH merges the settings sent; reads see it; read-only fields never change", async () => {
    const before = (await get(TASK)).body;
    const res = await patch(TASK, { is_active: false, queue: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, is_active: false, queue: null, date_changed: CLOCK });
    expect((await get(TASK)).body).toEqual(res.body);
  });

  test("a PUT replaces all nine settings", async () => {
    const before = (await get("/tasks/kyc.tasks.recheck_pending_kyc/")).body;
    const body = { ...TASK_PATCH_BODY, priority: 0, link: null, soft_time_limit: 1, time_limit: 2, is_active: false };
    const res = await put("/tasks/kyc.tasks.recheck_pending_kyc/", body);
    expect(res.body).toEqual({ ...before, ...body, date_changed: CLOCK });
  });

  test("soft_time_limit must stay below time_limit, checked after the merge; either may be null", async () => {
    const refused = { status: 400, body: { non_field_errors: ["soft_time_limit must be lower than time_limit."] } };
    expect(await patch(TASK, { soft_time_limit: 600 })).toMatchObject(refused);
    expect(await patch(TASK, { time_limit: 300 })).toMatchObject(refused);
    expect(await patch(TASK, { soft_time_limit: 900, time_limit: 600 })).toMatchObject(refused);
    expect(await patch(TASK, { time_limit: null })).toMatchObject({ status: 200, body: { soft_time_limit: 300, time_limit: null } });
    expect(await patch(TASK, { soft_time_limit: 5000 })).toMatchObject({ status: 200, body: { soft_time_limit: 5000 } });
    expect(await patch(TASK, { time_limit: 5000 })).toMatchObject(refused);
    expect(await patch(TASK, { soft_time_limit: 4999, time_limit: 5000 })).toMatchObject({ status: 200 });
  });

  test("priority is 0 to 255 or null; callbacks are task names", async () => {
    expect(await patch(TASK, { priority: 0 })).toMatchObject({ status: 200, body: { priority: 0 } });
    expect(await patch(TASK, { priority: 255 })).toMatchObject({ status: 200, body: { priority: 255 } });
    expect(await patch(TASK, { priority: null })).toMatchObject({ status: 200, body: { priority: null } });
    expect(await patch(TASK, { priority: -1 })).toMatchObject({
      status: 400,
      body: { priority: ["Ensure this value is greater than or equal to 0."] },
    });
    expect(await patch(TASK, { priority: 256 })).toMatchObject({
      status: 400,
      body: { priority: ["Ensure this value is less than or equal to 255."] },
    });
    expect(await patch(TASK, { priority: 2.5 })).toMatchObject({ status: 400, body: { priority: ["A valid integer is required."] } });
    expect(await patch(TASK, { link: "not a task" })).toMatchObject({ status: 400, body: { link: ["Enter a valid Celery task name."] } });
    expect(await patch(TASK, { link: 7 })).toMatchObject({ status: 400, body: { link: ["Not a valid string."] } });
  });

  test("a task PUT changes the nine Celery settings only: read-only fields sent are ignored, as DRF ignores them", async () => {
    const before = (await get(TASK)).body;
    const res = await put(TASK, { ...TASK_PATCH_BODY, priority: 1, rate_limit: "10/m", acks_late: true, date_changed: "2020-01-01T00:00:00Z" });
    expect(res).toMatchObject({ status: 200 });
    expect(res.body).toEqual({ ...before, ...TASK_PATCH_BODY, priority: 1, date_changed: CLOCK });
    expect((await get(TASK)).body).toEqual(res.body);
  });

  test("unknown tasks are 404 Not found; names that are not dotted Python names are 400", async () => {
    expect(await get("/tasks/reports.tasks.nope/")).toMatchObject({ status: 404, body: { detail: "Not found." } });
    expect(await put("/tasks/reports.tasks.nope/", TASK_PATCH_BODY)).toMatchObject({ status: 404, body: { detail: "Not found." } });
    expect(await get("/tasks/9lives/")).toMatchObject({ status: 400, body: { task_name: ["Enter a valid Celery task name."] } });
  });
});
