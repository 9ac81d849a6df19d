// Spaaza's task resource as a client sees it (tasks.ts): a full stateful sequence, the docs'
// create samples, PUT (in any state, each given field replaced whole, version and
// last_modified, the task READY again), log paging, list filters and paging, chain scoping, and the recorded conflict
// decisions.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { C1764, C1765, createBody, errorOf, exportBody, NEVER_RUN, NEXT_ID, seedUpdate, segment, spaazaClient, type Task } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, state, advance, task, create } = spaazaClient(() => app);

describe("spaaza tasks: the stateful sequence", () => {
  test("create, read, update, list, delete, read → 404, and reset restores the fixtures", async () => {
    const created = await send("POST", "/tasks", createBody);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: NEXT_ID,
      chain: 1764,
      desc: createBody.desc,
      state: { code: "READY", last_run_date: NEVER_RUN, last_modified: "2026-01-01T00:00:00Z", created_date: "2026-01-01T00:00:00Z" },
      trigger: createBody.trigger,
      target: createBody.target,
      logs: null,
      debug: "",
      version: 1,
      result: "",
    });
    expect((await send("GET", `/tasks/${NEXT_ID}`)).body).toEqual(created.body);

    await advance("PT1H");
    const updated = await send("PUT", `/tasks/${NEXT_ID}`, { desc: "Renamed", debug: "trace" });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...created.body,
      desc: "Renamed",
      debug: "trace",
      version: 2,
      state: { ...created.body.state, last_modified: "2026-01-01T01:00:00Z" },
    });
    expect((await send("GET", `/tasks/${NEXT_ID}`)).body).toEqual(updated.body);

    const listed = (await send("GET", "/tasks?status=READY")).body as Task[];
    expect(listed.at(-1)).toEqual(updated.body);

    expect((await send("DELETE", `/tasks/${NEXT_ID}`)).status).toBe(204);
    for (const [method, path] of [
      ["GET", `/tasks/${NEXT_ID}`],
      ["PUT", `/tasks/${NEXT_ID}`],
      ["DELETE", `/tasks/${NEXT_ID}`],
      ["POST", `/tasks/${NEXT_ID}/execute`],
      ["GET", `/tasks/${NEXT_ID}/download_url`],
    ] as const) {
      const res = await send(method, path, method === "PUT" ? { desc: "x" } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(errorOf(res.body)).toMatchObject({ code: 920, name: "task_not_found" });
    }

    expect((await send("POST", "/__admin/reset")).status).toBe(200);
    const after = await state();
    expect(after.tasks.some((t) => t.id === NEXT_ID)).toBe(false);
    expect(after.tasks.find((t) => t.id === 12345)).toMatchObject({ version: 2, state: { code: "READY" } });
  });

  test("the docs' create samples: a segment filter and a saved segment, debug stored", async () => {
    const withSegment = await send("POST", "/tasks", {
      chain: 1764,
      desc: "New Dutch members, last 30 days",
      target: { action: "export", export_index: "users", export_format: "json" },
      trigger: {
        once: "2026-12-01T07:00:00Z",
        segment: segment(1764, [
          { field_name: "country", field_type: "string", operator: "is", value: "NL" },
          { field_name: "timestamp", field_type: "date", operator: "relative_less_than", time_factor: "days", time_amount: 30 },
        ]),
      },
    });
    expect(withSegment.status).toBe(200);
    expect(withSegment.body.trigger.segment.rules).toHaveLength(2);

    const withSegmentId = await send(
      "POST",
      "/tasks",
      {
        chain: 1765,
        desc: "Q4 transactions of VIP segment",
        target: { action: "export", export_index: "transactions", export_format: "csv" },
        trigger: { once: "2027-01-02T03:00:00Z", segment_id: 4821 },
        debug: "q4-vip-audit",
      },
      C1765,
    );
    expect(withSegmentId.status).toBe(200);
    expect(withSegmentId.body).toMatchObject({ chain: 1765, debug: "q4-vip-audit", trigger: { segment_id: 4821 } });
  });
});

describe("spaaza tasks: the seed and its conflicts", () => {
  test("spaaza-task-12345-across-pages: the seed's PUT, GET and execute work on 12345 in that order", async () => {
    const before = (await send("GET", "/tasks/12345")).body as Task;
    expect(before).toMatchObject({ version: 2, state: { code: "READY", last_run_date: NEVER_RUN }, logs: null });

    const put = await request(app, "/tasks/12345", {
      method: "PUT",
      headers: { Authorization: `Bearer ${C1764}`, "Content-Type": "application/json" },
      body: JSON.stringify(seedUpdate),
    });
    expect(put.status).toBe(200);
    const updated = (await put.json()) as Task;
    expect(updated).toEqual({ ...before, ...seedUpdate, version: 3, state: { ...before.state, last_modified: "2026-01-01T00:00:00Z" } });

    const notYet = await send("GET", "/tasks/12345/download_url");
    expect(notYet.status).toBe(400);
    expect(errorOf(notYet.body)).toMatchObject({ code: 905, name: "task_not_done" });

    expect((await send("POST", "/tasks/12345/execute")).body).toMatchObject({ code: "DONE" });
    const url = (await send("GET", "/tasks/12345/download_url")).body.url as string;
    expect(url).toContain("/1764/Wallet_Export-12345.json?");
  });

  test("spaaza-put-started-task: a task that is INPROGRESS, DONE or ERROR is updated and is READY again, never run", async () => {
    for (const id of [12370, 12360, 12324]) {
      const before = (await send("GET", `/tasks/${id}`)).body as Task;
      expect(before.state.code).not.toBe("READY");
      const res = await send("PUT", `/tasks/${id}`, seedUpdate);
      expect(res.status, `${id}`).toBe(200);
      expect(res.body).toEqual({
        ...before,
        ...seedUpdate,
        version: before.version + 1,
        state: { ...before.state, code: "READY", last_run_date: NEVER_RUN, last_modified: "2026-01-01T00:00:00Z" },
        logs: null,
        result: "",
      });
      expect((await send("GET", `/tasks/${id}`)).body).toEqual(res.body);
    }
    // Each then runs at its new trigger.once, as any READY task does; the dropped run of 12370 writes nothing.
    await advance("P146DT10H1M");
    for (const id of [12370, 12360, 12324]) {
      expect(await task(id)).toMatchObject({ state: { code: "DONE", last_run_date: "2026-05-27T10:00:00Z" }, result: `Wallet_Export-${id}.json` });
    }
  });

  test("spaaza-put-started-task: the docs' evidence, replayed: the create page's task runs, and the seed's PUT at 14:30 answers it as the seed does", async () => {
    const docs = mockOf("spaaza", { clock: "2026-05-26T11:59:00Z" });
    const client = spaazaClient(() => docs);
    const created = await client.create(createBody);
    await client.advance("PT9M30S");
    // The Get a Task page's picture: done by 12:08:30 (the mock's run takes a minute).
    expect(await client.task(created.id)).toMatchObject({ version: 1, state: { code: "DONE", last_run_date: "2026-05-26T12:00:00Z" } });
    await client.advance("PT2H21M30S");
    const put = await client.send("PUT", `/tasks/${created.id}`, seedUpdate);
    expect(put.status).toBe(200);
    // The seed page's sample response, but for the id.
    expect(put.body).toEqual({
      id: created.id,
      chain: 1764,
      desc: "Updated wallet ledger export",
      state: { code: "READY", last_run_date: NEVER_RUN, last_modified: "2026-05-26T14:30:00Z", created_date: "2026-05-26T11:59:00Z" },
      trigger: { once: "2026-05-27T10:00:00Z" },
      target: { action: "export", export_index: "wallet-ledger", export_format: "json" },
      logs: null,
      debug: "",
      version: 2,
      result: "",
    });
  });

  test("a PUT replaces each given field whole: a trigger without segment drops the segment", async () => {
    const before = (await send("GET", "/tasks/12366")).body as Task;
    expect(before.trigger.segment).toBeDefined();
    const res = await send("PUT", "/tasks/12366", { trigger: { once: "2026-12-24T05:00:00Z" } });
    expect(res.body).toEqual({
      ...before,
      trigger: { once: "2026-12-24T05:00:00Z" },
      version: before.version + 1,
      state: { ...before.state, last_modified: "2026-01-01T00:00:00Z" },
    });
  });

  test("spaaza-last-run-date-zero and spaaza-logs-null: a task never run has the zero time and logs null", async () => {
    const created = (await send("POST", "/tasks", createBody)).body as Task;
    expect(created.state.last_run_date).toBe(NEVER_RUN);
    expect(created.logs).toBeNull();
    expect((await send("GET", `/tasks/${created.id}?log_limit=1&offset=5`)).body.logs).toBeNull();
    await advance("PT5M");
    await send("POST", `/tasks/${created.id}/execute`);
    const ran = (await send("GET", `/tasks/${created.id}`)).body as Task;
    expect(ran.state.last_run_date).toBe("2026-01-01T00:05:00Z");
    expect(ran.logs).toHaveLength(4);
    expect((await send("GET", `/tasks/${created.id}?offset=4`)).body.logs).toEqual([]);
  });

  test("GET pages the logs with log_limit and offset (default 10); list items carry the first 10", async () => {
    await send("POST", "/tasks/12321/execute");
    await send("POST", "/tasks/12321/execute");
    const all = (await send("GET", "/tasks/12321?log_limit=100")).body.logs as Task["logs"];
    expect(all).toHaveLength(12);
    expect((await send("GET", "/tasks/12321")).body.logs).toEqual(all?.slice(0, 10));
    expect((await send("GET", "/tasks/12321?log_limit=5&offset=10")).body.logs).toEqual(all?.slice(10));
    expect((await send("GET", "/tasks/12321?log_limit=3&offset=2")).body.logs).toEqual(all?.slice(2, 5));
    const listed = ((await send("GET", "/tasks")).body as Task[]).find((t) => t.id === 12321);
    expect(listed?.logs).toEqual(all?.slice(0, 10));
  });
});

describe("spaaza tasks: lists and chain scoping", () => {
  test("GET /tasks lists the token's chain only, in ascending id order, as a bare array", async () => {
    const fixtures = (await state()).tasks;
    for (const [credential, chain] of [
      [C1764, 1764],
      [C1765, 1765],
    ] as const) {
      const listed = (await send("GET", "/tasks", undefined, credential)).body as Task[];
      const own = fixtures.filter((t) => t.chain === chain);
      expect(listed.map((t) => t.id)).toEqual(own.map((t) => t.id).sort((a, b) => a - b));
      expect(listed).toEqual(own.sort((a, b) => a.id - b.id));
    }
  });

  test("status and action filter with AND; offset then limit page; an offset past the end is []", async () => {
    const fixtures = (await state()).tasks.filter((t) => t.chain === 1764);
    const done = fixtures.filter((t) => t.state.code === "DONE").map((t) => t.id);
    expect(((await send("GET", "/tasks?status=DONE&action=export")).body as Task[]).map((t) => t.id)).toEqual(done);
    expect((await send("GET", "/tasks?action=bulk%20issue%20rewards")).body).toEqual([]);
    expect(((await send("GET", "/tasks?status=DONE&offset=2&limit=3")).body as Task[]).map((t) => t.id)).toEqual(done.slice(2, 5));
    expect(((await send("GET", "/tasks?limit=1")).body as Task[]).map((t) => t.id)).toEqual([fixtures[0]?.id]);
    expect((await send("GET", "/tasks?offset=1000")).body).toEqual([]);
    for (const bad of ["status=done", "limit=0", "offset=-1", "campaign_id=0"]) {
      const res = await send("GET", `/tasks?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(errorOf(res.body)).toMatchObject({ code: 900, name: "invalid_request", description: expect.stringMatching(/^\/query\//) });
    }
  });

  test("spaaza-target-actions: other actions are invalid_target, repeat and user_list invalid_trigger, campaign_id matches nothing", async () => {
    expect((await send("GET", "/tasks?campaign_id=88")).body).toEqual([]);
    const rewards = await send("POST", "/tasks", {
      ...createBody,
      target: { action: "bulk issue rewards", export_index: "users", export_format: "csv", campaign: 88 },
    });
    expect(rewards.status).toBe(400);
    expect(errorOf(rewards.body)).toMatchObject({ code: 902, name: "invalid_target" });
    expect(errorOf(rewards.body).description).toContain("/target/action");
    expect(errorOf(rewards.body).description).toContain("/target: must NOT have additional property 'campaign'");
    for (const extra of [{ repeat: "daily" }, { user_list: [1, 2] }]) {
      const res = await send("POST", "/tasks", { ...createBody, trigger: { ...createBody.trigger, ...extra } });
      expect(errorOf(res.body)).toMatchObject({ code: 903, name: "invalid_trigger" });
    }
  });

  test("another chain's task is not found on every endpoint; a create for another chain is chain_not_permitted", async () => {
    const before = await state();
    for (const [method, path] of [
      ["GET", "/tasks/12345"],
      ["PUT", "/tasks/12345"],
      ["DELETE", "/tasks/12345"],
      ["POST", "/tasks/12345/execute"],
      ["GET", "/tasks/12360/download_url"],
    ] as const) {
      const res = await send(method, path, method === "PUT" ? seedUpdate : undefined, C1765);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(errorOf(res.body).description).toMatch(/for chain 1765$/);
    }
    const create = await send("POST", "/tasks", createBody, C1765);
    expect(create.status).toBe(403);
    expect(errorOf(create.body)).toMatchObject({ code: 913, name: "chain_not_permitted" });
    expect(await state()).toEqual(before);
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
    // A PUT after the run is accepted too, and makes the task READY again (conflict spaaza-put-started-task).
    await advance("PT1H");
    const again = await send("PUT", `/tasks/${created.id}`, { desc: "Three" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      ...ran,
      desc: "Three",
      version: 5,
      state: { ...ran.state, code: "READY", last_run_date: NEVER_RUN, last_modified: "2026-01-01T08:00:00Z" },
      logs: null,
      result: "",
    });
  });
});
