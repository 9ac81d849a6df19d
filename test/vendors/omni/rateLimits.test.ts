// Omni's opt-in rate limit (the policy src/vendors/omni/index.ts declares, applied with
// --rate-limits): 60 requests a minute per API key, the 429 in Omni's shape with Retry-After and
// no rate-limit headers, what counts, and no limit without the flag.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { admin, EVERY_OPERATION, list, NO_CONNECTION, omniError, one, READONLY, SEED_SCHEDULE, send, state } from "./client.js";

const RATE_LIMITED = omniError(429, "Rate limit exceeded. The Omni API allows 60 requests per minute per API key; retry with exponential backoff.");

describe("rate limits (--rate-limits): 60 requests a minute per API key", () => {
  let app: MockApp;
  beforeEach(() => {
    app = mockOf("omni", { rateLimits: true });
  });

  test("the 61st request in a minute answers 429 in Omni's shape with Retry-After; the 60 before carry no rate-limit headers", async () => {
    for (let i = 0; i < 60; i++) {
      const res = await send(app, "GET", list());
      expect(res.status, `request ${i + 1}`).toBe(200);
      const names = [...res.headers.keys()];
      expect(names.filter((n) => /ratelimit|retry-after/i.test(n))).toEqual([]);
    }
    const over = await send(app, "GET", list());
    expect(over.status).toBe(429);
    expect(over.body).toEqual(RATE_LIMITED);
    // The clock sits at the start of the minute: the whole minute is left.
    expect(over.headers.get("retry-after")).toBe("60");
    expect([...over.headers.keys()].filter((n) => /ratelimit/i.test(n))).toEqual([]);
  });

  test("every operation counts, and a limited write changes nothing", async () => {
    for (let i = 0; i < 15; i++) {
      for (const [, method, path, body] of EVERY_OPERATION.slice(0, 4)) {
        expect((await send(app, method, path, { body })).status).toBeLessThan(300);
      }
    }
    const pristine = await state(app);
    for (const [operationId, method, path, body] of EVERY_OPERATION) {
      const res = await send(app, method, path, { body });
      expect(res.status, operationId).toBe(429);
      expect(res.body).toEqual(RATE_LIMITED);
    }
    expect(await state(app)).toEqual(pristine);
  });

  test("the count is per API key: the read-only token has its own 60", async () => {
    for (let i = 0; i < 60; i++) await send(app, "GET", list());
    expect((await send(app, "GET", list())).status).toBe(429);
    for (let i = 0; i < 60; i++) expect((await send(app, "GET", list(), { token: READONLY })).status).toBe(200);
    expect((await send(app, "GET", list(), { token: READONLY })).status).toBe(429);
  });

  test("Retry-After counts down to the next minute of the clock, and then the key may send 60 again", async () => {
    await admin(app, "POST", "clock", { set: "2026-01-01T00:00:45Z" });
    for (let i = 0; i < 60; i++) await send(app, "GET", list());
    const over = await send(app, "GET", list());
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("15");
    await admin(app, "POST", "clock", { advance: "PT14S" });
    expect((await send(app, "GET", list())).headers.get("retry-after")).toBe("1");
    await admin(app, "POST", "clock", { advance: "PT1S" });
    for (let i = 0; i < 60; i++) expect((await send(app, "GET", list())).status).toBe(200);
    expect((await send(app, "GET", list())).status).toBe(429);
  });

  test("refused requests count (400, 404); 401s and the read-only token's 403s do not", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await send(app, "GET", list(), { token: null })).status).toBe(401);
      expect((await send(app, "GET", list(), { token: "revoked" })).status).toBe(401);
      expect((await send(app, "DELETE", one(SEED_SCHEDULE), { token: READONLY })).status).toBe(403);
    }
    for (let i = 0; i < 60; i++) expect((await send(app, "GET", list(), { token: READONLY })).status).toBe(200);
    for (let i = 0; i < 30; i++) {
      expect((await send(app, "GET", list(NO_CONNECTION))).status).toBe(404);
      expect((await send(app, "POST", list(), { body: { schedule: "0 9 ? * ? *", timezone: "UTC" } })).status).toBe(400);
    }
    expect((await send(app, "GET", list())).status).toBe(429);
  });

  test("a request without a valid key is refused 401, limited or not", async () => {
    for (let i = 0; i < 61; i++) await send(app, "GET", list());
    expect((await send(app, "GET", list(), { token: null })).status).toBe(401);
    expect((await send(app, "GET", list(), { token: "revoked" })).status).toBe(401);
  });

  test("without the flag there is no limit", async () => {
    const unlimited = mockOf("omni");
    for (let i = 0; i < 150; i++) {
      const res = await send(unlimited, "GET", list());
      expect(res.status, `request ${i + 1}`).toBe(200);
      expect([...res.headers.keys()].filter((n) => /ratelimit|retry-after/i.test(n))).toEqual([]);
    }
  });
});

