// Spaaza's adapter as a whole (index.ts): the realism options the Services API documents, which
// are none: no rate limits, and no 503 for a maintenance window.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send } = spaazaClient(() => app);

describe("spaaza realism: no documented rate limits or maintenance", () => {
  test("with rate limits on, Spaaza answers every request, without rate-limit headers", async () => {
    app = mockOf("spaaza", { rateLimits: true });
    for (let i = 0; i < 150; i++) {
      const res = await send("GET", "/tasks?limit=1");
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((h) => /rate|retry/i.test(h))).toEqual([]);
    }
  });

  test("a maintenance window cannot be opened for Spaaza: it documents no 503", async () => {
    const res = await send("POST", "/__admin/maintenance", { vendor: "spaaza", retryAfter: 30 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ detail: expect.stringContaining("spaaza does not document 503") });
    expect((await send("GET", "/tasks?limit=1")).status).toBe(200);
  });
});
