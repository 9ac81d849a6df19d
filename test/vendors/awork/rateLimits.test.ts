// awork's documented rate limits (rate-limits.mdx, vendor-refs row A10) under --rate-limits, on the
// mock clock: 50 requests a second on every plan and 1000 a minute (Basic to Professional), the
// RateLimit-* and X-RateLimit-* headers on every counted answer, 429 past a limit, and no limit at
// all without the flag.
import { expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";

const SEED = "123e4567-e89b-12d3-a456-426614174000";
const ITEM = `/api/v1/taskschedules/${SEED}`;
const A = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const LIMIT_HEADERS = [
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "x-ratelimit-limit-second",
  "x-ratelimit-remaining-second",
  "x-ratelimit-limit-minute",
  "x-ratelimit-remaining-minute",
];

const get = (app: MockApp, path = ITEM) => request(app, path, { headers: A });
const limitHeaders = (res: Response) => Object.fromEntries(LIMIT_HEADERS.map((h) => [h, res.headers.get(h)]));
const advance = (app: MockApp, by: string) => request(app, "/__admin/clock", { method: "POST", body: JSON.stringify({ advance: by }) });

/** Sends n requests and answers the statuses seen, with the last response. */
async function burst(app: MockApp, n: number): Promise<{ statuses: Set<number>; last: Response }> {
  const statuses = new Set<number>();
  let last: Response | undefined;
  for (let i = 0; i < n; i++) {
    last = await get(app);
    statuses.add(last.status);
  }
  return { statuses, last: last as Response };
}

test("the first answer carries the docs' headers: the second window is the tightest (Limit 50, Remaining 49)", async () => {
  const app = mockOf("awork", { rateLimits: true });
  const res = await get(app);
  expect(res.status).toBe(200);
  expect(limitHeaders(res)).toEqual({
    "ratelimit-limit": "50",
    "ratelimit-remaining": "49",
    "ratelimit-reset": "1",
    "x-ratelimit-limit-second": "50",
    "x-ratelimit-remaining-second": "49",
    "x-ratelimit-limit-minute": "1000",
    "x-ratelimit-remaining-minute": "999",
  });
});

test("51 requests within one second: the 51st is 429 rate-limit-exceeded; the next second is fine", async () => {
  const app = mockOf("awork", { rateLimits: true });
  const first = await burst(app, 50);
  expect([...first.statuses]).toEqual([200]);
  expect(first.last.headers.get("x-ratelimit-remaining-second")).toBe("0");

  const over = await get(app);
  expect(over.status).toBe(429);
  expect(await over.json()).toMatchObject({ code: "rate-limit-exceeded", link: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(limitHeaders(over)).toMatchObject({
    "ratelimit-limit": "50",
    "ratelimit-remaining": "0",
    "ratelimit-reset": "1",
    "x-ratelimit-remaining-second": "0",
    "x-ratelimit-remaining-minute": "949",
  });
  expect(over.headers.get("retry-after")).toBe("1");
  // Every verb is limited, not only reads.
  const write = await request(app, "/api/v1/taskschedules", { method: "POST", headers: A, body: "{}" });
  expect(write.status).toBe(429);
  // Each token counts on its own (the spec's rule; awork shares the limit across a workspace).
  const other = await request(app, ITEM, { headers: { authorization: "Bearer taskmock-readonly" } });
  expect(other.status).toBe(200);
  expect(other.headers.get("x-ratelimit-remaining-second")).toBe("49");

  await advance(app, "PT1S");
  const next = await get(app);
  expect(next.status).toBe(200);
  expect(next.headers.get("x-ratelimit-remaining-second")).toBe("49");
  expect(next.headers.get("x-ratelimit-remaining-minute")).toBe("947");
});

test("1000 requests within one minute: the 1001st is 429 until the minute turns, and RateLimit-* then describe the minute", async () => {
  const app = mockOf("awork", { rateLimits: true });
  let last: Response | undefined;
  for (let second = 0; second < 20; second++) {
    if (second > 0) await advance(app, "PT1S");
    const each = await burst(app, 50);
    expect([...each.statuses], `second ${second}`).toEqual([200]);
    last = each.last;
  }
  expect(limitHeaders(last as Response)).toMatchObject({ "ratelimit-limit": "1000", "ratelimit-remaining": "0", "ratelimit-reset": "41" });

  await advance(app, "PT1S");
  const over = await get(app);
  expect(over.status).toBe(429);
  expect(limitHeaders(over)).toMatchObject({
    "ratelimit-limit": "1000",
    "ratelimit-remaining": "0",
    "ratelimit-reset": "40",
    "x-ratelimit-remaining-second": "49",
    "x-ratelimit-remaining-minute": "0",
  });
  expect(over.headers.get("retry-after")).toBe("40");

  await advance(app, "PT39S");
  expect((await get(app)).status).toBe(429);
  await advance(app, "PT1S");
  const fresh = await get(app);
  expect(fresh.status).toBe(200);
  expect(fresh.headers.get("x-ratelimit-remaining-minute")).toBe("999");
});

test("the headers come with 400 and 404 answers too; 401 answers (a read-only write too) are not counted", async () => {
  const app = mockOf("awork", { rateLimits: true });
  const missing = await get(app, "/api/v1/taskschedules/00000000-0000-4000-8000-0000000000ff");
  expect(missing.status).toBe(404);
  expect(missing.headers.get("ratelimit-remaining")).toBe("49");
  const bad = await get(app, "/api/v1/taskschedules?pageSize=5000");
  expect(bad.status).toBe(400);
  expect(bad.headers.get("ratelimit-remaining")).toBe("48");
  const anonymous = await request(app, ITEM);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("ratelimit-remaining")).toBeNull();
  const readonly = { authorization: "Bearer taskmock-readonly", "content-type": "application/json" };
  const refused = await request(app, "/api/v1/taskschedules", { method: "POST", headers: readonly, body: "{}" });
  expect(refused.status).toBe(401);
  expect(refused.headers.get("ratelimit-remaining")).toBeNull();
  expect((await request(app, ITEM, { headers: readonly })).headers.get("ratelimit-remaining")).toBe("49");
  expect((await get(app)).headers.get("ratelimit-remaining")).toBe("47");
});

test("without --rate-limits there is no limit and no rate-limit header", async () => {
  const app = mockOf("awork");
  const { statuses, last } = await burst(app, 1001);
  expect([...statuses]).toEqual([200]);
  expect(Object.values(limitHeaders(last)).every((v) => v === null)).toBe(true);
});
