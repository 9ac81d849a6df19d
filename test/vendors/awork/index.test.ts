// awork's adapter as a whole (index.ts): no scheduled work (a task schedule has no runs) and no
// 503 for a maintenance window, which awork does not document.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, SEED } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("awork");
});
const { send, state } = aworkClient(() => app);

describe("awork's adapter: no scheduled work, no maintenance", () => {
  test("task schedules have no runs: advancing the clock a year changes nothing in the state", async () => {
    const before = await state();
    expect((await send("POST", "/__admin/clock", { advance: "P365D" })).status).toBe(200);
    expect(await state()).toEqual(before);
  });

  test("a maintenance window is refused: awork documents no 503", async () => {
    const res = await send("POST", "/__admin/maintenance", { vendor: "awork", retryAfter: 60 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: "urn:taskmock:problem:undocumented-status" });
    expect((await send("GET", `${BASE}/${SEED}`)).status).toBe(200);
  });
});
