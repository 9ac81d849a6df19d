// The Huawei mock as a whole (src/vendors/huawei/index.ts): its fixtures and reset, the tokens
// (the read-only one may ask for future executions, a POST that only calculates), and the
// realism a client can switch on: maintenance windows (503 + Retry-After) and the absence of
// documented rate limits.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { daily, huaweiClient, restartDaily, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, admin, advance, state, listed, history, create } = huaweiClient(() => app);

describe("fixtures and tokens", () => {
  test("POST /__admin/reset restores the fixtures", async () => {
    const before = await state();
    await call("DELETE", taskPath(SEED));
    await call("POST", tasksPath(), { body: restartDaily });
    expect(await state()).not.toEqual(before);
    await request(app, "/__admin/reset", { method: "POST" });
    expect(await state()).toEqual(before);
    expect((await call("GET", taskPath(SEED))).status).toBe(200);
  });

  test("a read-only token reads but cannot write", async () => {
    expect((await call("GET", tasksPath(), { token: "taskmock-readonly" })).status).toBe(200);
    const refused = await call("PATCH", taskPath(SEED), { token: "taskmock-readonly", body: { is_enable: false } });
    expect(refused).toMatchObject({
      status: 403,
      body: { error_code: "WKS.00081102", error_msg: "User does not have permission to access this resource." },
    });
    expect((await listed(SEED)).is_enable).toBe(true);
  });

  test("a read-only token may ask for future executions: a POST that only calculates", async () => {
    const res = await call("POST", `${tasksPath()}/future-executions`, {
      token: "taskmock-readonly",
      body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "09:00:00", time_zone: "Asia/Shanghai" },
    });
    expect(res.status).toBe(200);
    expect((res.body as { future_executions: string[] }).future_executions).toHaveLength(5);
  });
});

describe("realism a client test can switch on", () => {
  test("a maintenance window answers 503 WKS.00050902 (the definitions' code) with Retry-After; the clock still runs tasks meanwhile", async () => {
    const id = await create(daily);
    await admin("POST", "maintenance", { vendor: "huawei", retryAfter: 30 });
    const refused = await call("GET", tasksPath());
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(refused.body.error_code).toBe("WKS.00050902");
    await advance("P1D");
    await admin("DELETE", "maintenance");
    expect((await history(id)).map((h) => h.status)).toEqual(["SUCCESS"]);
  });

  test("a maintenance window with until ends at that time on the mock's clock", async () => {
    await admin("POST", "maintenance", { vendor: "huawei", retryAfter: 60, until: "2026-01-01T01:00:00Z" });
    expect((await call("GET", tasksPath())).status).toBe(503);
    await advance("PT1H");
    expect((await call("GET", tasksPath())).status).toBe(200);
  });

  test("no rate limit is documented: with --rate-limits every request still passes, with no rate-limit headers", async () => {
    const limited = mockOf("huawei", { rateLimits: true });
    const l = huaweiClient(() => limited);
    for (let i = 0; i < 150; i++) {
      const res = await l.call("GET", `${tasksPath()}?limit=1`);
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((h) => /rate|retry/i.test(h))).toEqual([]);
    }
  });
});
