// awork task schedules as a client sees them: a full stateful sequence, paging with the aw-*
// headers, orderby and filterby, the derived plannedDuration, reference checks, the recorded
// conflict decisions, and bad input that leaves the state as it was.
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer, type MockApp } from "../../src/index.js";

const SEED = "123e4567-e89b-12d3-a456-426614174000";
const BASE = "/api/v1/taskschedules";
const A = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const body = { taskId: SEED, userId: SEED, startDate: "2026-02-02T08:00:00Z", endDate: "2026-02-02T12:30:00Z" };

let app: MockApp;
beforeEach(() => {
  app = createMockServer({ vendor: "awork", seed: 7, clock: "2026-01-01T00:00:00Z" });
});

const send = async (method: string, path: string, payload?: unknown, headers: Record<string, string> = A) => {
  const res = await app.request(path, { method, headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};
const state = async () => (await send("GET", "/__admin/state/awork")).body;

describe("awork task schedules", () => {
  test("create, read, update, list, delete, read → 404, and reset restores the fixtures", async () => {
    const created = await send("POST", BASE, body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      ...body,
      plannedDuration: 16_200,
      createdOn: "2026-01-01T00:00:00.000Z",
      createdBy: SEED,
      updatedBy: SEED,
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect((await send("GET", `${BASE}/${id}`)).body).toEqual(created.body);

    await send("POST", "/__admin/clock", { advance: "PT1H" });
    const updated = await send("PUT", `${BASE}/${id}`, { ...body, endDate: "2026-02-02T09:00:00Z" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id,
      plannedDuration: 3600,
      createdOn: "2026-01-01T00:00:00.000Z",
      updatedOn: "2026-01-01T01:00:00.000Z",
    });

    const listed = await send("GET", `${BASE}?filterby=${encodeURIComponent(`id eq guid'${id}'`)}`);
    expect(listed.body).toEqual([updated.body]);

    expect((await send("DELETE", `${BASE}/${id}`)).status).toBe(204);
    expect((await send("GET", `${BASE}/${id}`)).status).toBe(404);
    expect((await send("DELETE", `${BASE}/${id}`)).status).toBe(404);

    expect((await send("POST", "/__admin/reset")).status).toBe(200);
    const after = await state();
    expect((after.taskSchedules as { id: string }[]).some((s) => s.id === id)).toBe(false);
    expect((after.taskSchedules as { id: string }[]).some((s) => s.id === SEED)).toBe(true);
  });

  test("the list pages with the aw-* headers; a page past the end is empty; awork-pagesize-default: 1000 by default", async () => {
    const total = (await state()).taskSchedules.length as number;
    const first = await send("GET", `${BASE}?page=1&pageSize=10`);
    expect(first.body).toHaveLength(10);
    expect(Object.fromEntries(["aw-page", "aw-pagesize", "aw-items", "aw-totalitems"].map((h) => [h, first.headers.get(h)]))).toEqual({
      "aw-page": "1",
      "aw-pagesize": "10",
      "aw-items": "10",
      "aw-totalitems": String(total),
    });
    const last = await send("GET", `${BASE}?page=4&pageSize=10`);
    expect(last.body).toHaveLength(total - 30);
    const beyond = await send("GET", `${BASE}?page=99&pageSize=10`);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers.get("aw-items")).toBe("0");
    const all = await send("GET", BASE);
    expect(all.headers.get("aw-pagesize")).toBe("1000");
    expect(all.body).toHaveLength(total);
  });

  test("orderby sorts by several properties; the default is startDate, then id", async () => {
    const byDefault = (await send("GET", BASE)).body as { startDate: string; id: string }[];
    const sorted = [...byDefault].sort((a, b) => Date.parse(a.startDate) - Date.parse(b.startDate) || (a.id < b.id ? -1 : 1));
    expect(byDefault).toEqual(sorted);
    const desc = (await send("GET", `${BASE}?orderby=${encodeURIComponent("plannedDuration desc,id")}`)).body as {
      plannedDuration: number;
    }[];
    for (let i = 1; i < desc.length; i++)
      expect((desc[i - 1] as { plannedDuration: number }).plannedDuration).toBeGreaterThanOrEqual(
        (desc[i] as { plannedDuration: number }).plannedDuration,
      );
    const bad = await send("GET", `${BASE}?orderby=colour`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "validation-failed", validationErrors: [{ property: "orderby" }] });
  });

  test("filterby selects with the documented OData subset, and a filter it cannot parse says where", async () => {
    const filter = `userId eq guid'${SEED}' and plannedDuration ge 3600`;
    const found = (await send("GET", `${BASE}?filterby=${encodeURIComponent(filter)}`)).body as {
      userId: string;
      plannedDuration: number;
    }[];
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect(s.userId).toBe(SEED);
      expect(s.plannedDuration).toBeGreaterThanOrEqual(3600);
    }
    const all = (await state()).taskSchedules as { userId: string; plannedDuration: number }[];
    expect(found).toHaveLength(all.filter((s) => s.userId === SEED && s.plannedDuration >= 3600).length);
    const bad = await send("GET", `${BASE}?filterby=${encodeURIComponent("startDate gt")}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: "validation-failed",
      validationErrors: [{ property: "filterby", message: expect.stringContaining("position") }],
    });
  });

  test("conflict awork-create-required-fields: the seed's {} is a 400 naming each field", async () => {
    const res = await send("POST", BASE, {});
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual([
      { property: "TaskId", message: "'TaskId' should not be empty." },
      { property: "StartDate", message: "'StartDate' should not be empty." },
      { property: "EndDate", message: "'EndDate' should not be empty." },
      { property: "UserId", message: "'UserId' should not be empty." },
    ]);
  });

  test("awork-seed-shared-uuid: the seed's one uuid is a user, a task and a schedule at once", async () => {
    const all = await state();
    expect((all.users as { id: string }[]).some((u) => u.id === SEED)).toBe(true);
    expect((all.tasks as { id: string }[]).some((t) => t.id === SEED)).toBe(true);
    expect((await send("GET", `${BASE}/${SEED}`)).body).toMatchObject({ id: SEED, userId: SEED, taskId: SEED, createdBy: SEED });
  });

  test("awork-error-space-field: the error object has the current page's members, no space", async () => {
    const res = await send("GET", `${BASE}/00000000-0000-4000-8000-0000000000ff`);
    expect(Object.keys(res.body).sort()).toEqual(["code", "description", "details", "link"]);
  });

  test("an end before the start is date-dependency; unknown task or user is not-found", async () => {
    expect((await send("POST", BASE, { ...body, endDate: body.startDate })).body).toMatchObject({ code: "date-dependency" });
    expect((await send("POST", BASE, { ...body, userId: "00000000-0000-4000-8000-000000000001" })).body).toMatchObject({
      code: "not-found",
    });
  });

  test("conflict awork-seed-permissions-any-user: the read-only token reads but may not write", async () => {
    const ro = { ...A, authorization: "Bearer taskmock-readonly" };
    expect((await send("GET", `${BASE}/${SEED}`, undefined, ro)).status).toBe(200);
    expect((await send("POST", BASE, body, ro)).body).toMatchObject({ code: "forbidden" });
  });

  test("create from a task makes one schedule per assignee", async () => {
    const task = ((await state()).tasks as { id: string; assigneeIds: string[]; startOn: string | null; dueOn: string | null }[]).find(
      (t) => t.assigneeIds.length > 1 && t.startOn && t.dueOn,
    );
    expect(task).toBeDefined();
    const res = await send("POST", `/api/v1/tasks/${task?.id}/taskschedules`);
    expect(res.status).toBe(200);
    expect((res.body as { userId: string }[]).map((s) => s.userId)).toEqual(task?.assigneeIds);
  });

  test.each([
    ["malformed JSON", "{", "application/json"],
    ["a wrong content type", JSON.stringify(body), "text/plain"],
    ["an unknown field", JSON.stringify({ ...body, colour: "red" }), "application/json"],
  ])("%s is a 400 and changes nothing", async (_name, raw, type) => {
    const before = await state();
    const res = await app.request(`${BASE}/${SEED}`, { method: "PUT", headers: { ...A, "content-type": type }, body: raw });
    expect(res.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});
