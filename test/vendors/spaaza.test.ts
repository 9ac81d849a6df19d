// Spaaza Services API tasks as a client sees them: a full stateful sequence, the id sequence,
// chain scoping, list filters and paging, log paging, synchronous runs and their derived fields,
// download URLs, the trigger rules, every recorded conflict decision, and bad input that leaves
// the state as it was.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { createMockServer, type MockApp } from "../../src/index.js";
import { request } from "../helpers/http.js";

const C1764 = "00000000-0000-4000-8000-000000001764:taskmock-secret";
const C1765 = "00000000-0000-4000-8000-000000001765:taskmock-secret";
const READONLY = "00000000-0000-4000-8000-000000000000:taskmock-readonly";
const CLOCK = "2026-01-01T00:00:00Z";
const NEVER_RUN = "0001-01-01T00:00:00Z";
/** The highest id in the fixtures (task 12390): a new task is 12391. */
const NEXT_ID = 12391;

const headers = (credential: string | null) => ({
  "content-type": "application/json",
  ...(credential === null ? {} : { authorization: `Bearer ${credential}` }),
});

const createBody = {
  chain: 1764,
  desc: "Wallet ledger export for analytics warehouse",
  target: { action: "export", export_index: "wallet-ledger", export_format: "csv" },
  trigger: { once: "2026-05-26T12:00:00Z" },
};
const seedUpdate = {
  desc: "Updated wallet ledger export",
  target: { action: "export", export_index: "wallet-ledger", export_format: "json" },
  trigger: { once: "2026-05-27T10:00:00Z" },
};
const segment = (chain_id: number, rules: unknown[] = [{ field_name: "country", field_type: "string", operator: "is", value: "NL" }]) => ({
  entity: "people",
  index: "users",
  join: "all",
  chain_id,
  rules,
});

interface Task {
  id: number;
  chain: number;
  desc: string;
  state: { code: string; last_run_date: string; last_modified: string; created_date: string };
  trigger: { once: string; segment?: unknown; segment_id?: number };
  target: { action: string; export_index: string; export_format: string };
  logs: { timestamp: string; level: string; message: string }[] | null;
  debug: string;
  version: number;
  result: string;
}

let app: MockApp;
beforeEach(() => {
  app = createMockServer({ vendor: "spaaza", seed: 7, clock: CLOCK });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Body = any;
const send = async (method: string, path: string, payload?: unknown, credential: string | null = C1764) => {
  const res = await request(app, path, {
    method,
    headers: headers(credential),
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
};
const state = async () => (await send("GET", "/__admin/state/spaaza")).body as { tasks: Task[] };
const advance = (duration: string) => send("POST", "/__admin/clock", { advance: duration });
const errorOf = (body: Body) => body.error as { code: number; name: string; description: string };

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

  test("ids come from one sequence across chains and a deleted id is never given again, until a reset", async () => {
    const first = (await send("POST", "/tasks", createBody)).body as Task;
    expect(first.id).toBe(NEXT_ID);
    const other = (await send("POST", "/tasks", { ...createBody, chain: 1765 }, C1765)).body as Task;
    expect(other.id).toBe(NEXT_ID + 1);
    expect((await send("DELETE", `/tasks/${other.id}`, undefined, C1765)).status).toBe(204);
    expect((await send("DELETE", `/tasks/${first.id}`)).status).toBe(204);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID + 2);

    // The highest fixture task deleted before any create: its id is not reused either.
    await send("POST", "/__admin/reset");
    expect((await send("DELETE", "/tasks/12390")).status).toBe(204);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);

    // A reset starts the sequence over from the fixtures.
    await send("POST", "/__admin/reset");
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);
  });

  test("the id sequence is state: a _sequences record after a create or delete, gone after a reset; a refused create takes no id", async () => {
    const sequence = async () => ((await send("GET", "/__admin/state/spaaza")).body as { _sequences: unknown[] })._sequences;
    expect(await sequence()).toEqual([]);
    const refused = await send("POST", "/tasks", { ...createBody, trigger: { ...createBody.trigger, segment: segment(1765) } });
    expect(refused.status).toBe(400);
    expect(await sequence()).toEqual([]);
    const first = (await send("POST", "/tasks", createBody)).body as Task;
    expect(await sequence()).toEqual([{ name: "tasks", highest: first.id }]);
    await send("DELETE", `/tasks/${first.id}`);
    expect(await sequence()).toEqual([{ name: "tasks", highest: first.id }]);
    await send("POST", "/__admin/reset");
    expect(await sequence()).toEqual([]);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);
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

  test("trigger.once is stored in UTC with second precision", async () => {
    const res = await send("POST", "/tasks", { ...createBody, trigger: { once: "2026-06-01T12:00:00.750+02:00" } });
    expect(res.status).toBe(200);
    expect(res.body.trigger.once).toBe("2026-06-01T10:00:00Z");
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

  test("spaaza-put-started-task: a task that is INPROGRESS, DONE or ERROR is not updated", async () => {
    const before = await state();
    for (const id of [12370, 12360, 12324]) {
      const res = await send("PUT", `/tasks/${id}`, seedUpdate);
      expect(res.status).toBe(400);
      expect(errorOf(res.body)).toMatchObject({ code: 904, name: "task_already_started" });
      expect(errorOf(res.body).description).toMatch(new RegExp(`^Task ${id} is (INPROGRESS|DONE|ERROR); only tasks`));
    }
    expect(await state()).toEqual(before);
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

  test("spaaza-execute-synchronous: execute answers the final state; an INPROGRESS task answers task_in_progress", async () => {
    await advance("PT30M");
    const run = await send("POST", "/tasks/12367/execute");
    expect(run.status).toBe(200);
    expect(run.body).toEqual({
      code: "DONE",
      last_run_date: "2026-01-01T00:30:00Z",
      last_modified: "2026-01-01T00:30:00Z",
      created_date: expect.any(String),
    });
    const task = (await send("GET", "/tasks/12367")).body as Task;
    expect(task).toMatchObject({ version: 2, result: "Wallet_Export-12367.csv", state: run.body });
    expect(task.logs?.map((l) => l.level)).toEqual(["INFO", "INFO", "INFO", "INFO"]);
    expect(task.logs?.at(-1)?.message).toBe("Result file Wallet_Export-12367.csv stored");
    expect(task.logs?.every((l) => l.timestamp === "2026-01-01T00:30:00Z")).toBe(true);

    const running = await send("POST", "/tasks/12370/execute");
    expect(running.status).toBe(400);
    expect(errorOf(running.body)).toMatchObject({ code: 906, name: "task_in_progress" });
    expect((await send("GET", "/tasks/12370")).body.state.code).toBe("INPROGRESS");
  });

  test("a finished task runs again: new log entries are appended and result is replaced", async () => {
    const before = (await send("GET", "/tasks/12324")).body as Task;
    expect(before.state.code).toBe("ERROR");
    await advance("PT1H");
    expect((await send("POST", "/tasks/12324/execute")).body.code).toBe("DONE");
    const after = (await send("GET", "/tasks/12324")).body as Task;
    expect(after.result).toBe("Voucher_Export-12324.csv");
    expect(after.logs?.slice(0, before.logs?.length)).toEqual(before.logs);
    expect(after.logs).toHaveLength((before.logs?.length ?? 0) + 4);
    expect(after.version).toBe(before.version);
    expect(after.state.created_date).toBe(before.state.created_date);
  });

  test("a debug string containing simulate_error ends the run in ERROR, with an ERROR log entry", async () => {
    const created = (await send("POST", "/tasks", { ...createBody, debug: "try simulate_error here" })).body as Task;
    const run = await send("POST", `/tasks/${created.id}/execute`);
    expect(run.body.code).toBe("ERROR");
    const task = (await send("GET", `/tasks/${created.id}`)).body as Task;
    expect(task.result).toBe("Export failed: simulated error");
    expect(task.logs?.at(-1)).toMatchObject({ level: "ERROR", message: expect.stringContaining("Export failed: simulated error") });
    const download = await send("GET", `/tasks/${created.id}/download_url`);
    expect(errorOf(download.body)).toMatchObject({ code: 905, name: "task_not_done" });
  });

  test("spaaza-download-not-done: READY, INPROGRESS and ERROR tasks have no download URL", async () => {
    for (const [id, code] of [
      [12345, "READY"],
      [12370, "INPROGRESS"],
      [12324, "ERROR"],
    ] as const) {
      const res = await send("GET", `/tasks/${id}/download_url`);
      expect(res.status).toBe(400);
      expect(errorOf(res.body)).toEqual({
        code: 905,
        name: "task_not_done",
        description: `Task ${id} is ${code}; a download URL exists only for a DONE export task`,
      });
    }
  });

  test("spaaza-export-file-index-name: each export_index gives its Index, each format its extension", async () => {
    const names: Record<string, string> = {
      transactions: "Transaction",
      users: "User",
      vouchers: "Voucher",
      "wallet-ledger": "Wallet",
      products: "Product",
      "product-variants": "ProductVariant",
    };
    for (const [index, name] of Object.entries(names)) {
      for (const format of ["csv", "json"]) {
        const task = (
          await send("POST", "/tasks", { ...createBody, target: { action: "export", export_index: index, export_format: format } })
        ).body as Task;
        await send("POST", `/tasks/${task.id}/execute`);
        const file = `${name}_Export-${task.id}.${format}`;
        expect((await send("GET", `/tasks/${task.id}`)).body.result).toBe(file);
        expect((await send("GET", `/tasks/${task.id}/download_url`)).body.url).toContain(`/1764/${file}?`);
      }
    }
  });

  test("the download URL is pre-signed at the mock clock and expires an hour later", async () => {
    await advance("PT14H36M");
    const res = await send("GET", "/tasks/12360/download_url");
    expect(res.status).toBe(200);
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://taskmock-exports.s3.eu-west-1.amazonaws.com/1764/Wallet_Export-12360.csv");
    const q = Object.fromEntries(url.searchParams);
    const signature = createHash("sha256").update("12360:1764:20260101T143600Z").digest("hex");
    expect(q).toEqual({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "TASKMOCKEXPORTS/20260101/eu-west-1/s3/aws4_request",
      "X-Amz-Date": "20260101T143600Z",
      "X-Amz-Expires": "3600",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": signature,
    });
    expect(Object.keys(res.body)).toEqual(["url"]);
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

describe("spaaza tasks: authentication and the error body", () => {
  test("spaaza-error-body-shape and spaaza-error-status-codes: 401 for no or an unknown credential", async () => {
    const none = await send("GET", "/tasks", undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      result: { code: 2, status: "error" },
      error: {
        code: 910,
        name: "authentication_required",
        description: "Authentication required: send Authorization: Bearer {access_token_id}:{token_secret}",
      },
    });
    for (const credential of ["00000000-0000-4000-8000-000000001764:wrong", "not-a-token"]) {
      const res = await send("GET", "/tasks", undefined, credential);
      expect(res.status).toBe(401);
      expect(errorOf(res.body)).toMatchObject({ code: 911, name: "invalid_access_token" });
    }
  });

  test.each([
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["a bare Bearer", "Bearer"],
    ["a token without the Bearer scheme", C1764],
  ])("an Authorization that is not Bearer <credential> (%s) is 401 authentication_required, as the spec's bearerAuth says", async (_name, value) => {
    const res = await request(app, "/tasks", { headers: { authorization: value } });
    expect(res.status).toBe(401);
    expect(errorOf(await res.json())).toEqual({
      code: 910,
      name: "authentication_required",
      description: "Authentication required: send Authorization: Bearer {access_token_id}:{token_secret}",
    });
  });

  test("a token that is not privileged answers 403 permission_denied on every operation, reads included", async () => {
    const before = await state();
    for (const [method, path, body] of [
      ["GET", "/tasks", undefined],
      ["POST", "/tasks", createBody],
      ["GET", "/tasks/12345", undefined],
      ["PUT", "/tasks/12345", seedUpdate],
      ["DELETE", "/tasks/12345", undefined],
      ["POST", "/tasks/12345/execute", undefined],
      ["GET", "/tasks/12360/download_url", undefined],
    ] as const) {
      const res = await send(method, path, body, READONLY);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(errorOf(res.body)).toEqual({
        code: 912,
        name: "permission_denied",
        description: "This token of chain 1764 is not privileged: the Services API needs a privileged access token",
      });
    }
    expect(await state()).toEqual(before);
  });

  test("spaaza-admin-session-headers: admin session headers without a bearer token answer 401", async () => {
    const res = await request(app, "/tasks", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Spaaza-Session-User-Id": "42",
        "X-Spaaza-Session-Key": "abc",
        "X-Spaaza-Session-Chain-Id": "1764",
        "X-Spaaza-API-Version": "1.4.0",
      },
      body: JSON.stringify(createBody),
    });
    expect(res.status).toBe(401);
    expect(errorOf(await res.json())).toMatchObject({ code: 910, name: "authentication_required" });
  });

  test("an unknown path is route_not_found; a known path with another method is method_not_allowed with Allow", async () => {
    const route = await send("GET", "/tasks/12345/logs");
    expect(route.status).toBe(404);
    expect(errorOf(route.body)).toMatchObject({ code: 930, name: "route_not_found" });
    const method = await send("PATCH", "/tasks/12345", { desc: "x" });
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("DELETE, GET, PUT");
    expect(errorOf(method.body)).toMatchObject({ code: 931, name: "method_not_allowed" });
  });
});

describe("spaaza tasks: trigger rules and bad input", () => {
  test("segment and segment_id together, a segment of another chain and reversed ranges are invalid_trigger", async () => {
    const before = await state();
    const cases: [unknown, string][] = [
      [{ once: "2026-12-01T07:00:00Z", segment: segment(1764), segment_id: 4821 }, "/trigger: must NOT have both segment and segment_id"],
      [{ once: "2026-12-01T07:00:00Z", segment: segment(1765) }, "/trigger/segment/chain_id: must be the task's chain 1764, not 1765"],
      [
        {
          once: "2026-12-01T07:00:00Z",
          segment: segment(1764, [{ field_name: "amount", field_type: "number", operator: "is_between_number", min: 500, max: 10 }]),
        },
        "/trigger/segment/rules/0/min: must be <= max (500 > 10)",
      ],
      [
        {
          once: "2026-12-01T07:00:00Z",
          segment: segment(1764, [
            {
              field_name: "timestamp",
              field_type: "date",
              operator: "is_between_date",
              start_date: "2026-12-01T00:00:00Z",
              end_date: "2026-11-01T00:00:00Z",
            },
          ]),
        },
        "/trigger/segment/rules/0/start_date: must not be after end_date",
      ],
      [
        {
          once: "2026-12-01T07:00:00Z",
          segment: segment(1764, [{ field_name: "amount", field_type: "number", operator: "is_between_number" }]),
        },
        "/trigger/segment/rules/0: must have required property 'min'; /trigger/segment/rules/0: must have required property 'max'",
      ],
      [{ once: "tomorrow" }, '/trigger/once: must match format "date-time"'],
    ];
    for (const [trigger, description] of cases) {
      for (const [method, path] of [
        ["POST", "/tasks"],
        ["PUT", "/tasks/12345"],
      ] as const) {
        const res = await send(method, path, method === "POST" ? { ...createBody, trigger } : { trigger });
        expect(res.status, `${method} ${description}`).toBe(400);
        expect(errorOf(res.body)).toMatchObject({ code: 903, name: "invalid_trigger" });
        expect(errorOf(res.body).description).toContain(description);
      }
    }
    expect(await state()).toEqual(before);
  });

  test("an invalid export_format is invalid_target; a mix of fields is invalid_request naming each", async () => {
    const target = await send("PUT", "/tasks/12345", { target: { ...seedUpdate.target, export_format: "xml" } });
    expect(errorOf(target.body)).toEqual({
      code: 902,
      name: "invalid_target",
      description: '/target/export_format: must be one of "csv", "json"',
    });
    const mixed = await send("PUT", "/tasks/12345", { desc: "", target: { ...seedUpdate.target, export_format: "xml" } });
    expect(errorOf(mixed.body)).toMatchObject({ code: 900, name: "invalid_request" });
    expect(errorOf(mixed.body).description).toContain("/desc: ");
    expect(errorOf(mixed.body).description).toContain("/target/export_format: ");
    const empty = await send("PUT", "/tasks/12345", {});
    expect(errorOf(empty.body)).toMatchObject({ code: 900, name: "invalid_request" });
  });

  test.each([
    ["malformed JSON", "{", "application/json", 901, "invalid_json"],
    ["a wrong content type", JSON.stringify(seedUpdate), "text/plain", 900, "invalid_request"],
    ["an unknown field", JSON.stringify({ ...seedUpdate, colour: "red" }), "application/json", 900, "invalid_request"],
    ["no body", "", "application/json", 900, "invalid_request"],
  ])("%s is a 400 and changes nothing", async (_name, raw, type, code, name) => {
    const before = await state();
    const res = await request(app, "/tasks/12345", {
      method: "PUT",
      headers: { authorization: `Bearer ${C1764}`, "content-type": type },
      ...(raw === "" ? {} : { body: raw }),
    });
    expect(res.status).toBe(400);
    expect(errorOf(await res.json())).toMatchObject({ code, name });
    expect(await state()).toEqual(before);
  });
});
