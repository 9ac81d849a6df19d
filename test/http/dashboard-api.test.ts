// What the dashboard reads besides the admin API it shares with everyone: the answer each journal
// entry keeps, the live stream of the journal, the operations and statuses per vendor, the
// scheduler's timeline, ending one maintenance window, and the page and files it is served as.
import { describe, expect, test } from "vitest";
import { startMockServer } from "../../src/index.js";
import { json, request } from "../helpers/http.js";
import { CLOCK, mockOf } from "../helpers/mock.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };
const OMNI_LIST = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

describe("the journal keeps each answer as sent", () => {
  test("its headers and its body, the same bytes the client got; a forced one too; a dropped connection has none", async () => {
    const app = mockOf();
    const res = await request(app, OMNI_LIST, { headers: ADMIN });
    const sent = await res.text();
    await request(app, OMNI_LIST, { headers: { ...ADMIN, prefer: "code=503" } });
    await request(app, "/__admin/faults", { method: "POST", body: JSON.stringify({ vendor: "omni", drop: true, times: 1 }) });
    await request(app, OMNI_LIST, { headers: ADMIN }).catch(() => undefined);
    const [first, forced, dropped] = (await json(request(app, "/__admin/requests"))).requests;
    expect(first.response.headers["content-type"]).toBe(res.headers.get("content-type"));
    expect(JSON.stringify(first.response.body)).toBe(sent);
    expect(forced).toMatchObject({ status: 503, forced: true, response: { body: { error: expect.any(String) } } });
    expect(dropped.response).toBeUndefined();
    await request(app, OMNI_LIST, { method: "HEAD", headers: ADMIN });
    const head = (await json(request(app, "/__admin/requests?status=200"))).requests.at(-1);
    expect(head).toMatchObject({ method: "HEAD", response: { headers: { "content-type": expect.any(String) } } });
    expect(head.response.body).toBeUndefined();
  });
});

describe("GET /__admin/requests/stream", () => {
  test("sends each request kept as a server-sent event, per session, and each clear; a client that goes unsubscribes", async () => {
    const server = await startMockServer({ port: 0, seed: 7, clock: CLOCK, report: () => {} });
    const abort = new AbortController();
    try {
      const res = await fetch(`${server.url}/__admin/requests/stream`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = "";
      const until = async (text: string) => {
        while (!received.includes(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`the stream ended before "${text}":\n${received}`);
          received += decoder.decode(value, { stream: true });
        }
      };
      await until("retry: 1000");
      expect(server.app.mock.journal.subscribers).toBe(1);
      await fetch(`${server.url}/__sessions/other${OMNI_LIST}`, { headers: ADMIN }); // another session's: not this stream's
      await fetch(`${server.url}${OMNI_LIST}`, { headers: ADMIN });
      await until('"status":200');
      const event = received.slice(received.indexOf("event: request"));
      const [, data] = /^event: request\ndata: (.*)\n\n/.exec(event) ?? [];
      expect(JSON.parse(data as string)).toMatchObject({ id: 1, vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 200 });
      expect(received.match(/event: request/g)).toHaveLength(1);
      await fetch(`${server.url}/__admin/requests`, { method: "DELETE" });
      await until("event: cleared");
      abort.abort();
      await expect.poll(() => server.app.mock.journal.subscribers).toBe(0);
    } finally {
      abort.abort();
      await server.close();
    }
  });
});

describe("GET /__admin/operations", () => {
  test("lists each vendor's operations with the statuses their contract documents, and whether maintenance may be opened", async () => {
    const { vendors } = await json(request(mockOf(), "/__admin/operations"));
    expect(vendors.map((v: { vendor: string }) => v.vendor)).toEqual(["crego", "huawei", "spaaza", "omni", "awork"]);
    const omni = vendors.find((v: { vendor: string }) => v.vendor === "omni");
    expect(omni.maintenance).toBe(true);
    expect(omni.operations[0]).toMatchObject({
      operationId: "listSchemaRefreshSchedules",
      method: "GET",
      path: "/api/v1/connections/{connectionId}/schedules",
      statuses: [200, 400, 401, 403, 404, 429, 503],
    });
    expect(vendors.filter((v: { maintenance: boolean }) => v.maintenance).map((v: { vendor: string }) => v.vendor)).toEqual(["huawei", "omni"]);
  });
});

describe("GET /__admin/timeline", () => {
  test("shows a Spaaza task due, then fired once the clock passed it, with what it became", async () => {
    const app = mockOf();
    const created = await json(
      request(app, "/spaaza/tasks", {
        method: "POST",
        headers: SPAAZA,
        body: JSON.stringify({ chain: 1764, desc: "soon", target: { action: "export", export_index: "users", export_format: "csv" }, trigger: { once: "2026-01-01T00:30:00Z" } }),
      }),
    );
    const spaaza = async () => (await json(request(app, "/__admin/timeline?vendor=spaaza&limit=5"))).vendors[0];
    const before = await spaaza();
    expect(before.vendor).toBe("spaaza");
    expect(before.due[0]).toEqual({ at: "2026-01-01T00:30:00Z", collection: "tasks", id: String(created.id), label: "soon", status: "start" });
    // The fixtures' runs describe a later moment: none has fired yet on this clock.
    expect(before.fired).toEqual([]);
    await request(app, "/__admin/clock", { method: "POST", body: JSON.stringify({ advance: "PT1H" }) });
    const after = await spaaza();
    expect(after.fired[0]).toEqual({ at: "2026-01-01T00:31:00Z", collection: "tasks", id: String(created.id), label: "soon", status: "DONE" });
    expect(after.due.map((run: { id: string }) => run.id)).not.toContain(String(created.id));
  });

  test("Crego shows its schedules' latest runs with their counts and the next fire times; Huawei its executions; vendors without runs are left out", async () => {
    const app = mockOf(undefined, { clock: "2026-06-01T00:00:00Z" });
    await request(app, "/__admin/clock", { method: "POST", body: JSON.stringify({ advance: "P1D" }) });
    const { now, vendors } = await json(request(app, "/__admin/timeline"));
    expect(now).toBe("2026-06-02T00:00:00.000Z");
    expect(vendors.map((v: { vendor: string }) => v.vendor)).toEqual(["crego", "huawei", "spaaza"]);
    const [crego, huawei] = vendors;
    expect(crego.fired[0]).toMatchObject({ collection: "schedules", status: "ran", count: expect.any(Number) });
    expect(Date.parse(crego.fired[0].at)).toBeLessThanOrEqual(Date.parse(now));
    expect(Date.parse(crego.due[0].at)).toBeGreaterThan(Date.parse(now));
    // An execution that fired at this very instant still waits; the earlier ones succeeded.
    expect(huawei.fired[0]).toMatchObject({ collection: "execute_histories", at: "2026-06-02T00:00:00.000Z", status: "WAITING" });
    expect(huawei.fired.map((run: { status: string }) => run.status)).toContain("SUCCESS");
    for (const list of [crego.fired, huawei.fired]) {
      const times = list.map((run: { at: string }) => Date.parse(run.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    expect((await request(app, "/__admin/timeline?limit=0")).status).toBe(400);
    expect((await request(app, "/__admin/timeline?since=1")).status).toBe(400);
  });
});

describe("DELETE /__admin/maintenance/{vendor}", () => {
  test("ends one vendor's window and leaves the others; an unknown one is a 404", async () => {
    const app = mockOf();
    for (const vendor of ["omni", "huawei"]) await request(app, "/__admin/maintenance", { method: "POST", body: JSON.stringify({ vendor }) });
    expect((await request(app, "/__admin/maintenance/omni", { method: "DELETE" })).status).toBe(204);
    expect(Object.keys((await json(request(app, "/__admin/maintenance"))).maintenance)).toEqual(["huawei"]);
    expect((await request(app, OMNI_LIST, { headers: ADMIN })).status).toBe(200);
    expect((await request(app, "/__admin/maintenance/omni", { method: "DELETE" })).status).toBe(404);
  });
});

describe("GET /__admin/ui", () => {
  test("serves the page for its session, and its script, style and icon from the package; nothing else", async () => {
    const app = mockOf();
    const page = await request(app, "/__admin/ui");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const html = await page.text();
    expect(html).toContain('data-admin="/__admin"');
    expect(html).toContain('src="/__admin/ui/dashboard.js"');
    // No address outside the server in the page or its files.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    const session = await (await request(app, "/__sessions/team-a/__admin/ui")).text();
    expect(session).toContain('data-admin="/__sessions/team-a/__admin"');
    expect(session).toContain("<title>taskmock · team-a</title>");
    for (const [file, type] of [
      ["dashboard.js", "text/javascript"],
      ["dashboard.css", "text/css"],
      ["favicon.svg", "image/svg+xml"],
    ]) {
      const res = await request(app, `/__admin/ui/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect(await res.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
    expect((await request(app, "/__admin/ui/other.js")).status).toBe(404);
    expect((await request(app, "/__admin/ui/../package.json")).status).toBe(404);
  });
});
