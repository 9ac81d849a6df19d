// Runs and their results (run.ts): execute passes a whole run in one call, a finished task runs
// again, simulate_error and run fault rules end a run in ERROR, and a DONE export's file name and
// pre-signed download URL.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { createBody, errorOf, exportBody, spaazaClient, type Task } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, advance, task, create } = spaazaClient(() => app);

describe("spaaza tasks: the seed and its conflicts", () => {
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
});

describe("a run fault rule (run: true) makes a Spaaza run end in ERROR", () => {
  const runFault = (extra: Record<string, unknown> = {}) =>
    send("POST", "/__admin/faults", { vendor: "spaaza", operationId: "executeTask", run: true, times: 1, ...extra }, null);

  test("an executed run fails once, then the next run is DONE; the request itself answers 200", async () => {
    const created = await create(exportBody("2026-06-01T00:00:00Z"));
    expect((await runFault()).status).toBe(201);
    const failed = await send("POST", `/tasks/${created.id}/execute`);
    expect(failed.status).toBe(200);
    expect(failed.body.code).toBe("ERROR");
    expect((await task(created.id)).result).toBe("Export failed: injected fault");
    const again = await send("POST", `/tasks/${created.id}/execute`);
    expect(again.body.code).toBe("DONE");
  });

  test("a scheduled run fails when the rule matches its task's path, and only that task's", async () => {
    const first = await create(exportBody("2026-01-01T00:10:00Z"));
    const second = await create(exportBody("2026-01-01T00:10:00Z"));
    await runFault({ path: `/tasks/${second.id}` });
    await advance("PT15M");
    expect((await task(first.id)).state.code).toBe("DONE");
    expect((await task(second.id)).state.code).toBe("ERROR");
    expect((await task(second.id)).logs?.at(-1)).toMatchObject({ level: "ERROR" });
  });

  test("a run rule never answers a request, and a run rule with a status is refused", async () => {
    await runFault({ times: 5 });
    expect((await send("GET", "/tasks")).status).toBe(200);
    const refused = await runFault({ status: 500 });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("a run fault (run: true) makes a run fail");
  });
});
