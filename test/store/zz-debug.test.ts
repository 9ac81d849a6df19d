import { test } from "vitest";
import { startMockServer } from "../../src/index.js";
import { startRedis } from "../helpers/redis.js";
const START = "2026-01-01T00:00:00Z";
function diff(a: unknown, b: unknown, path = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return [`${path}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => diff((a as any)[k], (b as any)[k], `${path}/${k}`));
}
test("debug", async () => {
  const redis = await startRedis();
  const a = await startMockServer({ port: 0, seed: 7, clock: START, storeUrl: redis.url, report: () => {} });
  const b = await startMockServer({ port: 0, seed: 7, clock: START, storeUrl: redis.url, report: () => {} });
  const m = await startMockServer({ port: 0, seed: 7, clock: START, report: () => {} });
  const post = (u: string, p: string, body: unknown) => fetch(u + p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  for (const u of [m.url, a.url]) {
    await fetch(u + "/crego/tasks/schedules/1/", { method: "PATCH", headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" }, body: JSON.stringify({ description: "x" }) });
    console.log((await fetch(u + "/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", { method: "DELETE", headers: { authorization: "Bearer taskmock-admin" } })).status);
    console.log((await fetch(u + "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task/62f48b59-0ebb-4b1e-ad35-f64948a0591b", { method: "DELETE", headers: { "x-auth-token": "taskmock-admin" } })).status);
    await post(u, "/__admin/clock", { advance: "P3D" });
    await post(u, "/__admin/faults", { vendor: "omni", operationId: "getSchemaRefreshSchedule", status: 404, times: 3 });
  }
  const snap = async (u: string) => (await fetch(u + "/__admin/snapshot")).json();
  console.log("SNAPA", diff(await snap(m.url), await snap(a.url)).slice(0, 4));
  console.log("SNAPB", diff(await snap(m.url), await snap(b.url)).slice(0, 4));
  await fetch(m.url + "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { method: "POST", headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" }, body: JSON.stringify({ schedule: "0 9 ? * MON-FRI *", timezone: "Europe/Berlin" }) });
  const taken = await snap(m.url);
  console.log("PUT", (await fetch(a.url + "/__admin/snapshot", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(taken) })).status);
  console.log("SNAPC", diff(taken, await snap(b.url)).slice(0, 4));
  await a.close(); await b.close(); await m.close(); await redis.kill();
});
