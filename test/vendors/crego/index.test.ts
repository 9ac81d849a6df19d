// Crego's adapter as a whole (index.ts): the realism options Crego documents, which are none:
// no rate limits, and no 503 for a maintenance window.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { ADMIN } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});

describe("realism Crego documents", () => {
  test("with --rate-limits Crego still answers every request, with no rate-limit headers", async () => {
    const limited = mockOf("crego", { rateLimits: true });
    for (let i = 0; i < 300; i++) {
      const res = await request(limited, "/tasks/schedules/?page_size=1", { headers: ADMIN });
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((name) => /rate|retry/i.test(name))).toEqual([]);
    }
  });

  test("a maintenance window is refused for Crego, which documents no 503", async () => {
    const res = await request(app, "/__admin/maintenance", { method: "POST", body: JSON.stringify({ vendor: "crego", retryAfter: 60 }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining("crego does not document 503") });
    expect((await request(app, "/tasks/schedules/4/", { headers: ADMIN })).status).toBe(200);
  });
});
