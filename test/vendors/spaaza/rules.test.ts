// The trigger rules a schema cannot state (rules.ts): ranges from low to high, checked beside the
// schema (one 400 lists every violation, before the task is looked up); a segment of the token's
// chain, checked by the handlers; segment and segment_id as alternatives; trigger.once stored in
// UTC with second precision. verify counts the request's own breaks, and lists the refusals that
// depend on the task's state or the token's chain apart.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { createBody, errorOf, segment, spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, state } = spaazaClient(() => app);

describe("spaaza tasks: the stateful sequence", () => {
  test("trigger.once is stored in UTC with second precision", async () => {
    const res = await send("POST", "/tasks", { ...createBody, trigger: { once: "2026-06-01T12:00:00.750+02:00" } });
    expect(res.status).toBe(200);
    expect(res.body.trigger.once).toBe("2026-06-01T10:00:00Z");
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
});

describe("every violation of the request at once, and verify's reading of each refusal", () => {
  const reversed = segment(1764, [{ field_name: "amount", field_type: "number", operator: "is_between_number", min: 500, max: 10 }]);

  test("a reversed range is answered with the body's other violations in one 400; nothing changes", async () => {
    const before = await state();
    const res = await send("PUT", "/tasks/12345", {
      target: { action: "export", export_index: "wallet-ledger", export_format: "xml" },
      trigger: { once: "2026-12-01T07:00:00Z", segment: reversed },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatchObject({ code: 900, name: "invalid_request" });
    expect(errorOf(res.body).description).toBe(
      '/target/export_format: must be one of "csv", "json"; /trigger/segment/rules/0/min: must be <= max (500 > 10)',
    );
    expect(await state()).toEqual(before);
  });

  test("a reversed range is the request's own fault: refused before the task is looked up, whatever the id", async () => {
    const res = await send("PUT", "/tasks/99999", { trigger: { once: "2026-12-01T07:00:00Z", segment: reversed } });
    expect([res.status, errorOf(res.body).name]).toEqual([400, "invalid_trigger"]);
  });

  test("verify counts a reversed range as the client's break, and a task in the wrong state or a segment of another chain as refusals of the state", async () => {
    const verify = async () => (await send("GET", "/__admin/verify", undefined, null)).body;
    await send("POST", "/tasks", { ...createBody, trigger: { once: "2026-12-01T07:00:00Z", segment: reversed } });
    // Task 12370 is INPROGRESS; task 12345 is READY; a segment of chain 1765 under chain 1764's token.
    expect((await send("POST", "/tasks/12370/execute")).status).toBe(400);
    expect((await send("GET", "/tasks/12345/download_url")).status).toBe(400);
    expect((await send("PUT", "/tasks/12345", { trigger: { once: "2026-12-01T07:00:00Z", segment: segment(1765) } })).status).toBe(400);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, breaking: 1 });
    type Line = { operationId: string; kind: string; location: string; pointer: string; rule: string };
    const lines = (list: Line[]) => list.map((v) => [v.operationId, v.kind, v.location, v.pointer, v.rule]);
    expect(lines(report.violations)).toEqual([["createTask", "request", "body", "/trigger/segment/rules/0/min", "range"]]);
    expect(lines(report.refusals)).toEqual([
      ["executeTask", "state", "path", "/id", "task-state"],
      ["getTaskDownloadUrl", "state", "path", "/id", "task-state"],
      ["updateTask", "state", "body", "/trigger/segment/chain_id", "chain"],
    ]);
  });

  test("a state refusal keeps its own words: the task and its state, not a pointer", async () => {
    const running = await send("POST", "/tasks/12370/execute");
    expect(errorOf(running.body)).toEqual({ code: 906, name: "task_in_progress", description: "Task 12370 is already running (INPROGRESS since 2026-11-23T09:00:00Z)" });
    const ready = await send("GET", "/tasks/12345/download_url");
    expect(errorOf(ready.body)).toEqual({ code: 905, name: "task_not_done", description: "Task 12345 is READY; a download URL exists only for a DONE export task" });
  });

  test("a body of any shape reaches the range rule without a crash", async () => {
    const shapes = [[], "x", 1, { trigger: [] }, { trigger: { segment: "s" } }, { trigger: { once: "2026-12-01T07:00:00Z", segment: { rules: {} } } }];
    const rules = [null, 1, { operator: "is_between_number", min: "9", max: 1 }, { operator: "is_between_date", start_date: "later", end_date: "2026-01-01T00:00:00Z" }];
    for (const body of [...shapes, { trigger: { once: "2026-12-01T07:00:00Z", segment: { ...segment(1764), rules } } }]) {
      const res = await send("PUT", "/tasks/12345", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.description, JSON.stringify(body)).not.toContain("must be <= max");
    }
  });
});
