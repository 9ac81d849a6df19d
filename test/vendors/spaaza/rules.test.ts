// The trigger rules a schema cannot state (rules.ts): a segment of the task's chain, ranges from
// low to high, segment and segment_id as alternatives, and trigger.once stored in UTC with second
// precision.
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
