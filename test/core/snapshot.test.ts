// Snapshots: GET /__admin/snapshot answers a session's whole state as one JSON document; PUT
// restores one, checked whole first. Restored, a snapshot answers every GET of every vendor as the
// mock it was taken from did, byte for byte.
import { describe, expect, test } from "vitest";
import type { MockApp } from "../../src/index.js";
import { json, request } from "../helpers/http.js";
import { mockOf } from "../helpers/mock.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const HEADERS: Record<string, Record<string, string>[]> = {
  crego: [ADMIN],
  omni: [ADMIN],
  awork: [ADMIN],
  huawei: [{ "x-auth-token": "taskmock-admin" }],
  spaaza: ["1764", "1765"].map((chain) => ({ authorization: `Bearer 00000000-0000-4000-8000-00000000${chain}:taskmock-secret` })),
};
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const HUAWEI = "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task";

/** Traffic that leaves every vendor's state changed: writes, a scheduled run, a fault rule, a window. */
async function busy(app: MockApp): Promise<void> {
  const send = async (path: string, method: string, headers: Record<string, string>, body?: unknown) => {
    const res = await request(app, path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  };
  await send("/crego/tasks/schedules/1/", "PATCH", JSON_ADMIN, { description: "snapshot me" });
  await send(`${OMNI}`, "POST", JSON_ADMIN, { schedule: "0 9 ? * MON-FRI *", timezone: "Europe/Berlin" });
  await send(`${OMNI}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, "DELETE", ADMIN);
  await send("/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", "DELETE", ADMIN);
  await send(`${HUAWEI}/62f48b59-0ebb-4b1e-ad35-f64948a0591b`, "DELETE", { "x-auth-token": "taskmock-admin" });
  await send("/spaaza/tasks", "POST", { ...(HEADERS["spaaza"]?.[0] as Record<string, string>), "content-type": "application/json" }, {
    chain: 1764,
    desc: "snapshot export",
    target: { action: "export", export_index: "wallet-ledger", export_format: "json" },
    trigger: { once: "2026-01-01T06:00:00Z" },
  });
  await send("/__admin/clock", "POST", { "content-type": "application/json" }, { advance: "P3D" });
  await send("/__admin/faults", "POST", { "content-type": "application/json" }, { vendor: "omni", operationId: "getSchemaRefreshSchedule", status: 404, times: 3 });
}

/** Every GET of every vendor: each GET operation with its path parameters filled from the ids the state holds. */
async function everyGet(app: MockApp): Promise<string[]> {
  const values = new Map<string, Set<string>>();
  const note = (name: string, value: unknown) => {
    if (typeof value !== "string" && typeof value !== "number") return;
    let set = values.get(name);
    if (!set) values.set(name, (set = new Set()));
    set.add(String(value));
  };
  const paths: string[] = [];
  for (const [vendor, spec] of app.mock.specs) {
    values.clear();
    const dump = (await json(request(app, `/__admin/state/${vendor}`))) as Record<string, unknown[] | Record<string, unknown[]>>;
    for (const records of Object.values(dump)) {
      const lists = Array.isArray(records) ? [records] : Object.entries(records).map(([partition, list]) => (note("*", partition), list));
      for (const list of lists) for (const record of list) for (const [field, value] of Object.entries(record as object)) note(field, value);
    }
    for (const op of spec.operations.filter((o) => o.method === "GET")) {
      let urls = [op.template];
      for (const name of op.template.match(/\{[^}]+\}/g) ?? []) {
        const param = name.slice(1, -1);
        const candidates = [...(values.get(param) ?? []), ...(values.get("id") ?? []), ...(values.get("*") ?? [])].slice(0, 12);
        urls = urls.flatMap((u) => candidates.map((v) => u.replace(name, encodeURIComponent(v))));
      }
      paths.push(...urls.map((u) => `/${vendor}${u}`));
    }
  }
  return paths;
}

async function answers(app: MockApp, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const vendor = path.split("/")[1] as string;
    for (const headers of HEADERS[vendor] ?? []) {
      const res = await request(app, path, { headers });
      out.push(`${path} ${res.status} ${await res.text()}`);
    }
  }
  return out;
}

describe("snapshots", () => {
  test("restore(snapshot(s)) answers every GET of every vendor byte for byte, and keeps the clock, faults and maintenance", async () => {
    const taken = mockOf();
    await busy(taken);
    const snapshot = await json(request(taken, "/__admin/snapshot"));
    expect(snapshot).toMatchObject({ format: "taskmock-snapshot", version: 1, clock: { now: "2026-01-04T00:00:00.000Z", fixed: true } });
    expect(snapshot.faults).toMatchObject([{ operationId: "getSchemaRefreshSchedule", status: 404, remaining: 3 }]);

    const restored = mockOf(undefined, { seed: 99 });
    const put = await request(restored, "/__admin/snapshot", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(snapshot) });
    expect(put.status).toBe(204);
    expect(await json(request(restored, "/__admin/snapshot"))).toEqual(snapshot);

    const paths = await everyGet(taken);
    expect(paths.length).toBeGreaterThan(40);
    expect(await everyGet(restored)).toEqual(paths);
    expect(await answers(restored, paths)).toEqual(await answers(taken, paths));
  });

  test("a snapshot with a bad record is a 400 naming the record and the field, and nothing changes", async () => {
    const app = mockOf();
    await busy(app);
    const before = await json(request(app, "/__admin/snapshot"));
    const bad = structuredClone(before);
    bad.vendors.omni.collections.schedules[0].timezone = 42;
    bad.faults = [{ id: 1, hits: 0, status: "soon" }];
    const res = await request(app, "/__admin/snapshot", { method: "PUT", body: JSON.stringify(bad) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: string[] };
    expect(body.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^vendors\.omni\.collections\.schedules\[0\] \(scheduleId "[^"]+"\): field \/timezone must be string$/),
        "faults[0]: status must be a whole number from 100 to 599",
      ]),
    );
    expect(await json(request(app, "/__admin/snapshot"))).toEqual(before);
    for (const value of [null, [], { format: "taskmock-snapshot", version: 2 }]) {
      expect((await request(app, "/__admin/snapshot", { method: "PUT", body: JSON.stringify(value) })).status).toBe(400);
    }
    expect(await json(request(app, "/__admin/snapshot"))).toEqual(before);
  });

  test("a vendor the snapshot does not hold goes back to its fixtures; a session restores another's snapshot", async () => {
    const app = mockOf();
    await busy(app);
    const snapshot = await json(request(app, "/__admin/snapshot"));
    const fresh = await json(request(mockOf(), "/__admin/snapshot"));
    delete snapshot.vendors.crego;
    const put = await request(app, "/__sessions/s1/__admin/snapshot", { method: "PUT", body: JSON.stringify(snapshot) });
    expect(put.status).toBe(204);
    const copy = await json(request(app, "/__sessions/s1/__admin/snapshot"));
    expect(copy.vendors.crego.collections).toEqual(fresh.vendors.crego.collections);
    expect(copy.vendors.omni).toEqual(snapshot.vendors.omni);
  });
});
