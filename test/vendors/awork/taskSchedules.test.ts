// awork task schedules as a client sees them (taskSchedules.ts): a full stateful sequence, paging
// with the aw-* headers, orderby and filterby, the derived plannedDuration, reference checks, the
// recorded conflict decisions, and bad input that leaves the state as it was.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { FIXTURE_DIR } from "../../helpers/specs.js";
import { A, aworkClient, BASE, body, change, SEED } from "./client.js";
import { tempDir } from "../../helpers/temp.js";

let app: ReturnType<typeof mockOf>;
beforeEach(() => {
  app = mockOf("awork");
});
const { send, state } = aworkClient(() => app);

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
    const updated = await send("PUT", `${BASE}/${id}`, { endDate: "2026-02-02T09:00:00Z" });
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

  test("awork-pagesize-default: pages are consecutive slices of the ordered list; pageSize is at most 1000, page at least 1", async () => {
    const ordered = (await send("GET", `${BASE}?orderby=id`)).body as { id: string }[];
    const second = await send("GET", `${BASE}?page=2&pageSize=7&orderby=id`);
    expect(second.body).toEqual(ordered.slice(7, 14));
    expect(second.headers.get("aw-page")).toBe("2");
    expect(second.headers.get("aw-items")).toBe("7");

    const max = await send("GET", `${BASE}?pageSize=1000`);
    expect(max.status).toBe(200);
    expect(max.headers.get("aw-pagesize")).toBe("1000");
    for (const [query, property] of [
      ["pageSize=1001", "PageSize"],
      ["pageSize=0", "PageSize"],
      ["page=0", "Page"],
      ["page=first", "Page"],
    ]) {
      const res = await send("GET", `${BASE}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ code: "validation-failed", validationErrors: [{ property }] });
    }
  });

  test("filterby through the API: or, not, parentheses, the string functions and typed literals; aw-totalitems counts the matches", async () => {
    const all = (await state()).taskSchedules as { id: string; userId: string; startDate: string; plannedDuration: number }[];
    const hour = (s: { plannedDuration: number }) => s.plannedDuration >= 3600;
    const cases: [string, (s: (typeof all)[number]) => boolean][] = [
      [`not (userId eq guid'${SEED}') and plannedDuration ge 3600L`, (s) => s.userId !== SEED && hour(s)],
      [`userId eq guid'${SEED}' or plannedDuration lt 1800`, (s) => s.userId === SEED || s.plannedDuration < 1800],
      ["startswith(id,'1') or endswith(id,'0')", (s) => s.id.startsWith("1") || s.id.endsWith("0")],
      [
        "substringof('-4',id) and startDate ge datetime'2022-03-01T00:00'",
        (s) => s.id.includes("-4") && Date.parse(s.startDate) >= Date.parse("2022-03-01T00:00:00Z"),
      ],
      [
        "startDate lt datetime'2026-01-01T00:00Z' and not (plannedDuration eq 3600)",
        (s) => Date.parse(s.startDate) < Date.parse("2026-01-01T00:00:00Z") && s.plannedDuration !== 3600,
      ],
    ];
    for (const [filter, predicate] of cases) {
      const expected = all.filter(predicate);
      const res = await send("GET", `${BASE}?pageSize=2&filterby=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(200);
      expect(res.headers.get("aw-totalitems"), filter).toBe(String(expected.length));
      expect(res.headers.get("aw-items"), filter).toBe(String(Math.min(2, expected.length)));
      for (const s of res.body as { id: string }[])
        expect(
          expected.map((e) => e.id),
          filter,
        ).toContain(s.id);
    }
    expect(all.filter((s) => s.userId !== SEED && hour(s)).length).toBeGreaterThan(2);
  });

  test("conflict awork-list-parameters: page, pageSize, filterby and orderby as the pages document them; a bad one is 400 naming it", async () => {
    for (const [query, code, property] of [
      ["page=0", "validation-failed", "Page"],
      ["pageSize=1001", "validation-failed", "PageSize"],
      ["filterby=colour%20eq%20'red'", "invalid-filter-or-order", "filterby"],
      ["orderby=colour", "invalid-filter-or-order", "orderby"],
    ]) {
      const res = await send("GET", `${BASE}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ code, validationErrors: [{ property }] });
    }
    const page = await send("GET", `${BASE}?page=2&pageSize=3&filterby=${encodeURIComponent(`userId eq guid'${SEED}'`)}&orderby=startDate%20desc`);
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(3);
  });

  test("conflict awork-statuses-beyond-definition: an unknown id is 404 on read, update and delete; an id not a uuid 400", async () => {
    const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
    for (const [method, payload] of [["GET", undefined], ["PUT", change], ["DELETE", undefined]] as const) {
      expect((await send(method, `${BASE}/${UNKNOWN}`, payload)).body, method).toMatchObject({ code: "not-found" });
      const bad = await send(method, `${BASE}/42`, payload);
      expect(bad.status, method).toBe(400);
      expect(bad.body).toMatchObject({ code: "validation-failed", validationErrors: [{ property: "TaskScheduleId" }] });
    }
    expect((await send("DELETE", `${BASE}/${SEED}`)).status).toBe(204);
    expect((await send("DELETE", `${BASE}/${SEED}`)).status).toBe(404);
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
    // A8: an order awork cannot apply is invalid-filter-or-order, whether the handler or the pattern refuses it.
    for (const orderby of ["colour", "startDate, id", "startDate sideways"]) {
      const bad = await send("GET", `${BASE}?orderby=${encodeURIComponent(orderby)}`);
      expect(bad.status, orderby).toBe(400);
      expect(bad.body, orderby).toMatchObject({ code: "invalid-filter-or-order", validationErrors: [{ property: "orderby" }] });
    }
  });

  test("a list sorted once is not served stale: each create, update and delete shows in the next list, in every order", async () => {
    type Item = { id: string; startDate: string };
    const orders = ["", "?orderby=startDate%20desc", `?filterby=${encodeURIComponent(`taskId eq guid'${SEED}'`)}`];
    const lists = async () => Promise.all(orders.map(async (query) => (await send("GET", `${BASE}${query}`)).body as Item[]));
    const firstIds = async () => (await lists()).map((items) => items.map((i) => i.id));
    const before = await firstIds();

    const early = (await send("POST", BASE, { ...body, startDate: "2000-01-01T00:00:00Z", endDate: "2000-01-01T01:00:00Z" })).body as Item;
    let [byDefault, latestFirst, filtered] = await lists();
    expect(byDefault?.[0]?.id).toBe(early.id);
    expect(latestFirst?.at(-1)?.id).toBe(early.id);
    expect(filtered?.map((i) => i.id)).toContain(early.id);

    await send("PUT", `${BASE}/${early.id}`, { ...change, startDate: "2099-01-01T00:00:00Z", endDate: "2099-01-01T01:00:00Z" });
    [byDefault, latestFirst, filtered] = await lists();
    expect(byDefault?.at(-1)).toMatchObject({ id: early.id, startDate: "2099-01-01T00:00:00Z" });
    expect(latestFirst?.[0]?.id).toBe(early.id);
    expect(filtered?.find((i) => i.id === early.id)?.startDate).toBe("2099-01-01T00:00:00Z");

    expect((await send("DELETE", `${BASE}/${early.id}`)).status).toBe(204);
    expect(await firstIds()).toEqual(before);
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
      code: "invalid-filter-or-order",
      validationErrors: [{ property: "filterby", message: expect.stringContaining("position") }],
    });
    // An empty filterby breaks its schema (minLength 1): the same code.
    expect((await send("GET", `${BASE}?filterby=`)).body).toMatchObject({ code: "invalid-filter-or-order" });
    // A bad filter beside a bad page size is no longer only a filter problem.
    expect((await send("GET", `${BASE}?filterby=&pageSize=0`)).body).toMatchObject({ code: "validation-failed" });
  });

  test("awork-seed-shared-uuid: the seed's one uuid is a user, a task and a schedule at once", async () => {
    const all = await state();
    expect((all.users as { id: string }[]).some((u) => u.id === SEED)).toBe(true);
    expect((all.tasks as { id: string }[]).some((t) => t.id === SEED)).toBe(true);
    expect((await send("GET", `${BASE}/${SEED}`)).body).toMatchObject({ id: SEED, userId: SEED, taskId: SEED, createdBy: SEED });
  });

  test.each([
    ["POST", BASE, "an end before the start", "2026-02-02T07:59:59Z"],
    ["POST", BASE, "an end equal to the start", body.startDate],
    ["PUT", `${BASE}/${SEED}`, "an end before the start", "2026-02-02T07:00:00Z"],
    ["PUT", `${BASE}/${SEED}`, "the same instant in another zone", "2026-02-02T09:00:00+01:00"],
  ])(
    "conflict awork-end-before-start: %s %s with %s is 400 date-dependency naming EndDate, and nothing changes",
    async (method, path, _name, endDate) => {
      const before = await state();
      const res = await send(method, path, { ...(method === "PUT" ? change : body), endDate });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "date-dependency", link: "https://developers.awork.com/error-handling" });
      expect(res.body.validationErrors).toEqual([{ property: "EndDate", message: "'EndDate' must be after 'StartDate'." }]);
      expect(await state()).toEqual(before);
    },
  );

  test("the journal's rule violations carry the offending value and the rule's parameters", async () => {
    const endDate = "2026-02-02T07:00:00Z";
    await send("POST", BASE, { ...body, endDate });
    await send("GET", `${BASE}?orderby=colour`);
    const { requests } = (await send("GET", "/__admin/requests")).body as { requests: { violations: unknown[] }[] };
    expect(requests.map((r) => r.violations)).toEqual([
      [expect.objectContaining({ pointer: "/endDate", value: endDate, params: { startDate: body.startDate } })],
      [expect.objectContaining({ location: "query", pointer: "/orderby", rule: "orderby", value: "colour" })],
    ]);
  });

  test.each([
    ["POST", BASE, "taskId"],
    ["POST", BASE, "userId"],
    ["PUT", `${BASE}/${SEED}`, "taskId"],
  ])("%s %s naming a %s that does not exist is 404 not-found, and nothing changes", async (method, path, field) => {
    const before = await state();
    const res = await send(method, path, { ...(method === "PUT" ? change : body), [field]: "00000000-0000-4000-8000-000000000001" });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not-found", description: expect.stringContaining("00000000-0000-4000-8000-000000000001") });
    expect(res.body.description).toMatch(field === "taskId" ? /^Task / : /^User /);
    expect(await state()).toEqual(before);
  });

  test("plannedDuration is the whole seconds between the instants, whatever zone each date is written in", async () => {
    const cases: [string, string, number][] = [
      ["2026-02-02T09:00:00+01:00", "2026-02-02T08:30:00Z", 1800],
      ["2026-02-02T23:30:00-02:00", "2026-02-03T03:30:00+01:00", 3600],
      ["2026-02-02T08:00:00.250Z", "2026-02-02T08:00:02Z", 1],
      ["2026-02-02T08:00:00Z", "2026-02-05T08:00:00Z", 259_200],
    ];
    for (const [startDate, endDate, seconds] of cases) {
      const created = await send("POST", BASE, { ...body, startDate, endDate });
      expect(created.status, `${startDate} → ${endDate}`).toBe(200);
      expect(created.body).toMatchObject({ startDate, endDate, plannedDuration: seconds });
    }
    const moved = await send("PUT", `${BASE}/${SEED}`, {
      startDate: "2026-03-29T00:30:00+01:00",
      endDate: "2026-03-29T03:30:00+02:00",
    });
    expect(moved.body.plannedDuration).toBe(7200);
  });

  test("a span plannedDuration (int32) cannot hold is a 400 naming endDate; nothing is kept and later lists still answer", async () => {
    const span = { startDate: "2000-01-01T00:00:00Z", endDate: "2078-01-01T00:00:00Z" };
    const before = await state();
    const listed = (await send("GET", BASE)).body;

    for (const [method, path] of [["POST", BASE], ["PUT", `${BASE}/${SEED}`]] as const) {
      const refused = await send(method, path, { ...(method === "PUT" ? change : body), ...span });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain("EndDate");
    }
    expect(app.reports).toEqual([]);

    expect(await state()).toEqual(before);
    const after = await send("GET", BASE);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(listed);
    // At the limit it is accepted: 2,147,483,647 seconds.
    const longest = { startDate: "2000-01-01T00:00:00Z", endDate: new Date(Date.parse("2000-01-01T00:00:00Z") + 2_147_483_647_000).toISOString() };
    expect((await send("POST", BASE, { ...body, ...longest })).body.plannedDuration).toBe(2_147_483_647);
  });

  test("createdBy and updatedBy are the token's user; updatedOn moves with the clock, createdOn and createdBy stay", async () => {
    const OTHER = "6a1f3b9e-2c4d-4e8f-9a0b-1c2d3e4f5a6b";
    const dir = tempDir("taskmock-awork-");
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    const file = join(dir, "awork.json");
    const fixture = JSON.parse(readFileSync(file, "utf8"));
    fixture.tokens.push({ credential: "other-admin", role: "admin", userId: OTHER });
    writeFileSync(file, JSON.stringify(fixture));
    app = mockOf("awork", { fixtureDir: dir });
    const other = { ...A, authorization: "Bearer other-admin" };

    const created = await send("POST", BASE, body, other);
    expect(created.body).toMatchObject({
      createdBy: OTHER,
      updatedBy: OTHER,
      createdOn: "2026-01-01T00:00:00.000Z",
      updatedOn: "2026-01-01T00:00:00.000Z",
    });
    await send("POST", "/__admin/clock", { advance: "P1DT2H" });
    const updated = await send("PUT", `${BASE}/${created.body.id}`, change);
    expect(updated.body).toMatchObject({
      createdBy: OTHER,
      createdOn: "2026-01-01T00:00:00.000Z",
      updatedBy: SEED,
      updatedOn: "2026-01-02T02:00:00.000Z",
    });
    await send("POST", "/__admin/clock", { advance: "PT30M" });
    const seed = await send("PUT", `${BASE}/${SEED}`, change, other);
    expect(seed.body).toMatchObject({
      createdBy: SEED,
      createdOn: "2022-03-11T15:33:47.100Z",
      updatedBy: OTHER,
      updatedOn: "2026-01-02T02:30:00.000Z",
    });
    expect((await send("GET", `${BASE}/${SEED}`)).body).toEqual(seed.body);
  });

  test("conflict awork-seed-permissions-any-user: the read-only token reads; its writes are 401 unauthorized (A7), never 403", async () => {
    const ro = { ...A, authorization: "Bearer taskmock-readonly" };
    expect((await send("GET", `${BASE}/${SEED}`, undefined, ro)).status).toBe(200);
    expect((await send("GET", BASE, undefined, ro)).status).toBe(200);
    const before = await state();
    for (const [method, path, payload] of [
      ["POST", BASE, body],
      ["PUT", `${BASE}/${SEED}`, change],
      ["DELETE", `${BASE}/${SEED}`, undefined],
      ["POST", `${BASE}/bytaskid/${SEED}`, undefined],
    ] as const) {
      const res = await send(method, path, payload, ro);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({
        code: "unauthorized",
        link: "https://developers.awork.com/error-handling",
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    }
    expect(await state()).toEqual(before);
    // An unknown token stays workspaceid-missing ("most likely, your token is invalid").
    expect((await send("GET", BASE, undefined, { authorization: "Bearer nope" })).body).toMatchObject({ code: "workspaceid-missing" });
  });

  test("A2: the PUT form takes taskId, startDate and endDate, each optional; what is left out stays, the user stays", async () => {
    const before = (await send("GET", `${BASE}/${SEED}`)).body;
    const moved = await send("PUT", `${BASE}/${SEED}`, { startDate: "2022-03-01T08:00:00Z" });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ ...before, startDate: "2022-03-01T08:00:00Z", plannedDuration: 7200, updatedOn: "2026-01-01T00:00:00.000Z" });
    const WIREFRAME = "9f3c2d1e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
    const retasked = await send("PUT", `${BASE}/${SEED}`, { taskId: WIREFRAME });
    expect(retasked.body).toMatchObject({ taskId: WIREFRAME, userId: SEED, startDate: "2022-03-01T08:00:00Z", endDate: before.endDate });
    // A start moved past the stored end is the same date-dependency as on create.
    const late = await send("PUT", `${BASE}/${SEED}`, { startDate: "2022-03-01T12:00:00Z" });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ code: "date-dependency", validationErrors: [{ property: "EndDate" }] });
  });

  test.each([
    ["POST", BASE, "{}", "application/json", "invalid-model"],
    ["PUT", `${BASE}/${SEED}`, "{}", "application/json", "invalid-model"],
    ["POST", BASE, "", "application/json", "invalid-model"],
    ["PUT", `${BASE}/${SEED}`, "{", "application/json", "invalid-model"],
    ["POST", BASE, "[]", "application/json", "invalid-model"],
    ["PUT", `${BASE}/${SEED}`, "null", "application/json", "invalid-model"],
    ["POST", BASE, JSON.stringify(body), "text/plain", "invalid-model"],
    ["POST", BASE, JSON.stringify({ taskId: SEED }), "application/json", "validation-failed"],
    ["PUT", `${BASE}/${SEED}`, JSON.stringify({ startDate: "soon" }), "application/json", "validation-failed"],
  ])("A9: %s %s with body %j (%s) is 400 %s and changes nothing", async (method, path, raw, type, code) => {
    const before = await state();
    const res = await request(app, path, { method, headers: { ...A, "content-type": type }, body: raw });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await state()).toEqual(before);
  });

  test("A9: the seed's {} names each missing field; a body over 1 MiB is request-body-too-large", async () => {
    const empty = await send("POST", BASE, {});
    expect(empty.body).toMatchObject({ code: "invalid-model", link: "https://developers.awork.com/error-handling" });
    expect(empty.body.validationErrors.map((e: { property: string }) => e.property)).toEqual(["TaskId", "StartDate", "EndDate", "UserId"]);
    const huge = await send("POST", BASE, { ...body, pad: "x".repeat(1024 * 1024) });
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ code: "request-body-too-large", description: "body is larger than 1 MiB" });
  });

  test.each([
    ["malformed JSON", "{", "application/json"],
    ["a wrong content type", JSON.stringify(body), "text/plain"],
  ])("%s is a 400 and changes nothing", async (_name, raw, type) => {
    const before = await state();
    const res = await request(app, `${BASE}/${SEED}`, { method: "PUT", headers: { ...A, "content-type": type }, body: raw });
    expect(res.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe("awork and the clock", () => {
  test("filterby's now, today, sow/eow and som/eom read the mock clock", async () => {
    const created = (await send("POST", BASE, { ...body, startDate: "2026-01-01T10:00:00Z", endDate: "2026-01-01T11:00:00Z" })).body;
    const ids = async (filter: string) =>
      ((await send("GET", `${BASE}?filterby=${encodeURIComponent(filter)}`)).body as { id: string }[]).map((s) => s.id);
    expect(await ids("startDate ge now and startDate le eow")).toContain(created.id);
    expect(await ids("startDate ge today and startDate le eom")).toContain(created.id);
    await send("POST", "/__admin/clock", { advance: "PT12H" });
    expect(await ids("startDate ge now")).not.toContain(created.id);
    expect(await ids("startDate ge today")).toContain(created.id);
    await send("POST", "/__admin/clock", { advance: "P31D" });
    expect(await ids("startDate ge som")).not.toContain(created.id);
  });
});
