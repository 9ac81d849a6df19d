// Forced and generated answers that fit Spaaza's contract (forced.ts): an error forced by Prefer,
// __code or a fault rule names the request's task and the token's chain as the handlers do; a body
// generated for Prefer: dynamic=true obeys the spec's x-taskmock-rules a schema cannot state (the
// fields that follow a task's state, the trigger's alternatives and ranges), whatever the seed.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { type Body, C1764, C1765, createBody, errorOf, NEVER_RUN, seedUpdate, spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send } = spaazaClient(() => app);

/** A call with a Prefer header, chain 1764's token unless `credential` says otherwise. */
async function prefer(method: string, path: string, preference: string, payload?: unknown, credential = C1764) {
  const { request } = await import("../../helpers/http.js");
  const res = await request(app, path, {
    method,
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json", prefer: preference },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Body };
}

const BY_ID = [
  ["GET", "/tasks/12321", undefined],
  ["PUT", "/tasks/12321", seedUpdate],
  ["DELETE", "/tasks/12321", undefined],
  ["POST", "/tasks/12321/execute", undefined],
  ["GET", "/tasks/12321/download_url", undefined],
] as const;

describe("a forced error names the request's task and the token's chain", () => {
  test.each(BY_ID)("%s %s with Prefer: code=404 names task 12321 and the token's chain, as a missing task's 404 does", async (method, path, payload) => {
    for (const [credential, chain] of [
      [C1764, 1764],
      [C1765, 1765],
    ] as const) {
      const res = await prefer(method, path, "code=404", payload, credential);
      expect(res.status).toBe(404);
      expect(errorOf(res.body)).toEqual({ code: 920, name: "task_not_found", description: `No task exists with ID 12321 for chain ${chain}` });
    }
    // The handler's own words for a task that does not exist.
    const missing = await send(method, path.replace("12321", "99999"), payload);
    expect(errorOf(missing.body).description).toBe("No task exists with ID 99999 for chain 1764");
  });

  test("a fault rule's 404 for GET /tasks/12321 names 12321, not the example's 99999 (it answers before sign-in: 'this chain')", async () => {
    const fault = await send("POST", "/__admin/faults", { vendor: "spaaza", path: "/tasks/12321", status: 404, times: 1 }, null);
    expect(fault.status).toBe(201);
    const res = await send("GET", "/tasks/12321");
    expect(res.status).toBe(404);
    expect(errorOf(res.body)).toEqual({ code: 920, name: "task_not_found", description: "No task exists with ID 12321 for this chain" });
    // An example asked by name is sent as documented.
    expect(errorOf((await prefer("GET", "/tasks/12321", "example=taskNotFound")).body).description).toBe("No task exists with ID 99999 for chain 1764");
  });

  test("a forced 403 names the token's chain, and a create's other chain", async () => {
    const other = await prefer("POST", "/tasks", "code=403", { ...createBody, chain: 1765 });
    expect(errorOf(other.body)).toEqual({ code: 913, name: "chain_not_permitted", description: "This token belongs to chain 1764 and may not create tasks for chain 1765" });
    const own = await prefer("GET", "/tasks/12321", "code=403", undefined, C1765);
    expect(errorOf(own.body)).toEqual({
      code: 912,
      name: "permission_denied",
      description: "This token of chain 1765 is not privileged: the Services API needs a privileged access token",
    });
  });

  test("a forced 400 of execute or download_url names the path's task", async () => {
    expect(errorOf((await prefer("POST", "/tasks/12321/execute", "code=400")).body)).toEqual({
      code: 906,
      name: "task_in_progress",
      description: "Task 12321 is already running (INPROGRESS)",
    });
    expect(errorOf((await prefer("GET", "/tasks/12321/download_url", "code=400")).body)).toEqual({
      code: 905,
      name: "task_not_done",
      description: "Task 12321 is not DONE; a download URL exists only for a DONE export task",
    });
  });
});

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const INDEX: Record<string, string> = {
  transactions: "Transaction",
  users: "User",
  vouchers: "Voucher",
  "wallet-ledger": "Wallet",
  products: "Product",
  "product-variants": "ProductVariant",
};
const t = (text: string) => Date.parse(text);

/** The Task schema's x-taskmock-rules that follow state.code, and the trigger's, as assertions. */
function expectTaskRules(task: Body): void {
  const where = JSON.stringify(task);
  const { state } = task;
  for (const field of ["last_run_date", "last_modified", "created_date"]) expect(state[field], where).toMatch(STAMP);
  expect(t(state.created_date), where).toBeLessThanOrEqual(t(state.last_modified));
  if (state.code === "READY") {
    expect([state.last_run_date, task.logs, task.result], where).toEqual([NEVER_RUN, null, ""]);
  } else {
    expect(t(state.created_date), where).toBeLessThanOrEqual(t(state.last_run_date));
    expect(t(state.last_run_date), where).toBeLessThanOrEqual(t(state.last_modified));
    expect(Array.isArray(task.logs), where).toBe(true);
    const times = (task.logs as { timestamp: string }[]).map((entry) => t(entry.timestamp));
    expect(times, where).toEqual([...times].sort((a, b) => a - b));
    for (const time of times) expect(time >= t(state.last_run_date) && time <= t(state.last_modified), where).toBe(true);
    if (state.code === "INPROGRESS") expect(task.result, where).toBe("");
    if (state.code === "DONE") expect(task.result, where).toBe(`${INDEX[task.target.export_index]}_Export-${task.id}.${task.target.export_format}`);
    if (state.code === "ERROR") expect(task.result, where).toMatch(/^Export failed: ./);
  }
  const { trigger } = task;
  expect(trigger.once, where).toMatch(STAMP);
  expect(trigger.segment !== undefined && trigger.segment_id !== undefined, where).toBe(false);
  if (trigger.segment) {
    expect(trigger.segment.chain_id, where).toBe(task.chain);
    for (const rule of trigger.segment.rules) {
      if (rule.operator === "is_between_number") expect(rule.min, where).toBeLessThanOrEqual(rule.max);
      if (rule.operator === "is_between_date") expect(t(rule.start_date), where).toBeLessThanOrEqual(t(rule.end_date));
    }
  }
}

/** A create answers a new task: READY, version 1, created and modified at once, debug "" unless sent. */
function expectCreateRules(task: Body): void {
  expectTaskRules(task);
  expect([task.state.code, task.version, task.state.last_modified], JSON.stringify(task)).toEqual(["READY", 1, task.state.created_date]);
}

/** An accepted PUT answers the task READY again, its version past 1. */
function expectUpdateRules(task: Body): void {
  expectTaskRules(task);
  expect(task.state.code, JSON.stringify(task)).toBe("READY");
  expect(task.version, JSON.stringify(task)).toBeGreaterThanOrEqual(2);
}

function expectListRules(list: Body): void {
  const ids = (list as { id: number }[]).map((task) => task.id);
  expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
  expect(new Set((list as { chain: number }[]).map((task) => task.chain)).size).toBeLessThanOrEqual(1);
  for (const task of list) {
    expect((task.logs ?? []).length).toBeLessThanOrEqual(10);
    expectTaskRules(task);
  }
}

function expectExecutionRules(state: Body): void {
  for (const field of ["last_run_date", "last_modified", "created_date"]) expect(state[field]).toMatch(STAMP);
  expect(t(state.created_date)).toBeLessThanOrEqual(t(state.last_run_date));
  expect(t(state.last_run_date)).toBeLessThanOrEqual(t(state.last_modified));
}

describe("Prefer: dynamic=true obeys the rules a schema cannot state", () => {
  test.each([
    ["listTasks", "GET", "/tasks", undefined, expectListRules],
    ["createTask", "POST", "/tasks", createBody, expectCreateRules],
    ["getTask", "GET", "/tasks/12321", undefined, expectTaskRules],
    ["updateTask", "PUT", "/tasks/12321", seedUpdate, expectUpdateRules],
    ["executeTask", "POST", "/tasks/12321/execute", undefined, expectExecutionRules],
  ] as const)("%s: 40 generated bodies over 4 seeds each obey its rules, and are generated (not the documented example)", async (_id, method, path, payload, rules) => {
    const seen = new Set<string>();
    const states = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      app = mockOf("spaaza", { seed });
      for (let i = 0; i < 10; i++) {
        const res = await prefer(method, path, "dynamic=true", payload);
        expect(res.status).toBe(200);
        rules(res.body);
        seen.add(JSON.stringify(res.body));
        if (res.body.state) states.add(res.body.state.code);
      }
      expect((app as MockApp & { reports: string[] }).reports).toEqual([]);
    }
    // Generated bodies differ from one another: none fell back to a documented example. An
    // execution's state has only its code and times to differ by (the generator leaves a
    // Timestamp under allOf empty, so conform fills the times from the code), hence 2.
    expect(seen.size).toBe(method === "POST" && path.endsWith("/execute") ? 2 : 40);
    // Every state of a read task comes up, each with the fields that follow it.
    if (method === "GET" && path === "/tasks/12321") expect(states.size).toBe(4);
  });

  test("getTaskDownloadUrl: every generated answer is a URL of the documented form", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await prefer("GET", "/tasks/12321/download_url", "dynamic=true");
      expect(res.status).toBe(200);
      expect(res.body.url).toMatch(/^https:\/\/[^/?#]+\/([^?#]*\/)?(Transaction|User|Voucher|Wallet|Product|ProductVariant)_Export-[1-9][0-9]*\.(csv|json)(\?[^#]*)?$/);
    }
  });
});
