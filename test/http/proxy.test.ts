// The validating proxy (`taskmock proxy`): every request goes to the real vendor with the
// client's own headers, its answer comes back unchanged; taskmock checks both against the spec,
// journals both, and verify lists the vendor's departures apart from the client's breaches
// (upstream drift). The real vendor is played by a second taskmock, or by a small server that
// answers off-contract on purpose. Hermetic: every server on port 0 of 127.0.0.1.
import { createServer, type IncomingHttpHeaders, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, deflateSync, gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { createMockServer, type RunningMockServer, startMockServer } from "../../src/index.js";
import { runCli, startCli } from "../helpers/cli.js";
import { CLOCK } from "../helpers/mock.js";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

const README = readFileSync(`${ROOT}README.md`, "utf8");
const ADMIN = "Bearer taskmock-admin";
const SCHEDULES = "/api/v1/taskschedules";
const SCHEDULE = "/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000";
const NEW_SCHEDULE = {
  taskId: "123e4567-e89b-12d3-a456-426614174000",
  userId: "123e4567-e89b-12d3-a456-426614174000",
  startDate: "2022-03-01T09:00:00Z",
  endDate: "2022-03-01T10:00:00Z",
};

interface Raw {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over a socket of its own, read as bytes (fetch would decompress and hide header lines). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(url, { method: init.method ?? "GET", headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    out.on("error", reject);
    out.end(init.body);
  });
}

/** Header lines but the ones each connection has of its own (when it was sent, how the connection goes on). */
const lines = (raw: Raw) => {
  const out: string[] = [];
  for (let i = 0; i < raw.rawHeaders.length; i += 2) {
    const name = (raw.rawHeaders[i] as string).toLowerCase();
    if (!["date", "connection", "keep-alive"].includes(name)) out.push(`${name}: ${raw.rawHeaders[i + 1]}`);
  }
  return out;
};

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

async function upstreamMock(vendor: "awork" | "huawei" = "awork"): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, vendor, clock: CLOCK, seed: 1, report: () => {} });
  started.push(server);
  return server;
}

async function proxyTo(vendor: "awork" | "huawei", upstream: string, extra: { record?: string; reports?: string[] } = {}): Promise<RunningMockServer> {
  const server = await startMockServer({
    port: 0,
    proxy: { vendor, upstream, ...(extra.record ? { record: extra.record } : {}) },
    report: (line) => extra.reports?.push(line),
  });
  started.push(server);
  return server;
}

const verifyOf = async (server: RunningMockServer) => (await fetch(`${server.url}/__admin/verify`)).json();
const journalOf = async (server: RunningMockServer) => ((await (await fetch(`${server.url}/__admin/requests`)).json()) as { requests: Record<string, unknown>[] }).requests;

describe("against a second taskmock as the upstream", () => {
  test("a valid request passes through byte for byte: the same status line, header lines and body as asked directly", async () => {
    const upstream = await upstreamMock();
    const proxy = await proxyTo("awork", upstream.url);
    for (const path of [SCHEDULES, `${SCHEDULES}?page=1&pageSize=5`, SCHEDULE]) {
      const direct = await send(`${upstream.url}${path}`, { headers: { authorization: ADMIN } });
      const proxied = await send(`${proxy.url}${path}`, { headers: { authorization: ADMIN } });
      expect(proxied.status, path).toBe(200);
      expect(proxied.statusMessage).toBe(direct.statusMessage);
      expect(lines(proxied)).toEqual(lines(direct));
      expect(proxied.body.equals(direct.body), path).toBe(true);
    }
    // HEAD: the upstream's headers, no body, and only its status checked.
    const head = await send(`${proxy.url}${SCHEDULE}`, { method: "HEAD", headers: { authorization: ADMIN } });
    expect([head.status, head.body.length, head.headers["content-type"]]).toEqual([200, 0, "application/json"]);
    const verify = await verifyOf(proxy);
    expect(verify).toMatchObject({ ok: true, requests: 4, violations: [], upstream: [] });
  });

  test("the request reaches the upstream as the client sent it: body, own headers, credentials; hop-by-hop headers stay behind", async () => {
    const upstream = await upstreamMock();
    const proxy = await proxyTo("awork", upstream.url);
    const body = JSON.stringify(NEW_SCHEDULE);
    const created = await send(`${proxy.url}${SCHEDULES}`, {
      method: "POST",
      headers: { authorization: ADMIN, "content-type": "application/json", "x-client": "mine", connection: "keep-alive, x-hop", "x-hop": "1", "x-taskmock-session": "default" },
      body,
    });
    // The upstream's own answer (a 200 needs the admin token: the credential went through).
    expect(created.status).toBe(200);
    const [seen] = upstream.app.mock.journal.entries().slice(-1);
    expect(seen).toMatchObject({ method: "POST", path: SCHEDULES, status: 200, body: NEW_SCHEDULE, headers: { authorization: "[redacted]", "x-client": "mine" } });
    expect(seen?.headers).not.toHaveProperty("x-hop");
    expect(seen?.headers).not.toHaveProperty("x-taskmock-session");
    expect(seen?.headers["host"]).toBe(new URL(upstream.url).host);
    expect(JSON.parse(created.body.toString())).toEqual(seen?.response?.body);
    // The proxy journals both: the request, and the answer as it came.
    const [entry] = await journalOf(proxy);
    expect(entry).toMatchObject({ vendor: "awork", operationId: "createTaskSchedule", status: 200, outcome: "proxied", violations: [], body: NEW_SCHEDULE });
    expect((entry?.["response"] as { body: unknown }).body).toEqual(seen?.response?.body);
    expect(entry?.["headers"]).toMatchObject({ authorization: "[redacted]" });
  });

  test("an invalid request is forwarded all the same, and journaled as the client's breach", async () => {
    const upstream = await upstreamMock();
    const proxy = await proxyTo("awork", upstream.url);
    const invalid = await send(`${proxy.url}${SCHEDULES}`, { method: "POST", headers: { authorization: ADMIN, "content-type": "application/json" }, body: "{}" });
    const unauthenticated = await send(`${proxy.url}${SCHEDULE}`);
    const nowhere = await send(`${proxy.url}/api/v1/nowhere`, { headers: { authorization: ADMIN } });
    // The upstream answered each (its own 400, 401 and 404), and saw each.
    expect([invalid.status, unauthenticated.status, nowhere.status]).toEqual([400, 401, 404]);
    expect(upstream.app.mock.journal.entries().map((e) => e.status)).toEqual([400, 401, 404]);
    // Its answers are the documented ones (its 404 the spec's own for a path it does not route): no drift.
    const verify = await verifyOf(proxy);
    expect(verify).toMatchObject({ ok: false, requests: 3, breaking: 3, upstream: [] });
    expect(verify.violations).toContainEqual(expect.objectContaining({ kind: "request", status: 404, location: "route" }));
    expect(verify.violations).toContainEqual(expect.objectContaining({ kind: "request", operationId: "createTaskSchedule", status: 400, location: "body", pointer: "/taskId", rule: "required" }));
    expect(verify.violations).toContainEqual(
      expect.objectContaining({ kind: "request", operationId: "getTaskSchedule", status: 401, location: "header", rule: "security", message: "no credential: the operation needs one" }),
    );
  });

  test("a body over 1 MiB is not forwarded (413); Prefer goes to the vendor as sent; fault rules do not apply", async () => {
    const upstream = await upstreamMock();
    const proxy = await proxyTo("awork", upstream.url);
    const large = await fetch(`${proxy.url}${SCHEDULES}`, {
      method: "POST",
      headers: { authorization: ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ ...NEW_SCHEDULE, name: "x".repeat(1024 * 1024) }),
    });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ type: "urn:taskmock:problem:proxy-body-too-large" });
    expect(upstream.app.mock.journal.size).toBe(0);
    // This upstream is a taskmock, so it honours Prefer; the proxy itself negotiates nothing and adds no breach for it.
    expect((await fetch(`${proxy.url}${SCHEDULES}`, { headers: { authorization: ADMIN, prefer: "code=429" } })).status).toBe(429);
    expect((await fetch(`${proxy.url}${SCHEDULES}?__code=429`, { headers: { authorization: ADMIN } })).status).toBe(429);
    expect((await fetch(`${proxy.url}/__admin/faults`, { method: "POST", body: JSON.stringify({ vendor: "awork", status: 500 }) })).status).toBe(201);
    expect((await fetch(`${proxy.url}${SCHEDULES}`, { headers: { authorization: ADMIN } })).status).toBe(200);
    expect(await verifyOf(proxy)).toMatchObject({ requests: 4, violations: [expect.objectContaining({ status: 413, location: "body", rule: "maxSize" })], upstream: [] });
  });

  test("an upstream URL with a path keeps it as a prefix (a taskmock serving every vendor under its own)", async () => {
    const upstream = await startMockServer({ port: 0, clock: CLOCK, seed: 1, report: () => {} });
    started.push(upstream);
    const proxy = await proxyTo("awork", `${upstream.url}/awork/`);
    const direct = await send(`${upstream.url}/awork${SCHEDULE}`, { headers: { authorization: ADMIN } });
    const proxied = await send(`${proxy.url}${SCHEDULE}`, { headers: { authorization: ADMIN } });
    expect(proxied.status).toBe(200);
    expect(proxied.body.equals(direct.body)).toBe(true);
  });

  test("in process (createMockServer's app.request), the proxy answers the same", async () => {
    const upstream = await upstreamMock();
    const app = createMockServer({ proxy: { vendor: "awork", upstream: upstream.url } });
    try {
      const direct = await fetch(`${upstream.url}${SCHEDULE}`, { headers: { authorization: ADMIN } });
      const proxied = await app.request(SCHEDULE, { headers: { authorization: ADMIN } });
      expect(proxied.status).toBe(200);
      expect(proxied.headers.get("content-type")).toBe(direct.headers.get("content-type"));
      expect(await proxied.text()).toBe(await direct.text());
      expect(app.mock.verify()).toMatchObject({ ok: true, requests: 1 });
    } finally {
      app.proxy?.close();
    }
  });

  test("an unreachable upstream is taskmock's 502, journaled as such", async () => {
    const gone = await upstreamMock();
    const url = gone.url;
    await gone.close();
    started.splice(started.indexOf(gone), 1);
    const proxy = await proxyTo("awork", url);
    const res = await fetch(`${proxy.url}${SCHEDULES}`, { headers: { authorization: ADMIN } });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ type: "urn:taskmock:problem:upstream-unreachable", detail: expect.stringContaining("ECONNREFUSED") });
    const verify = await verifyOf(proxy);
    expect(verify).toMatchObject({ ok: true, upstream: [expect.objectContaining({ kind: "upstream", rule: "unreachable" })] });
  });
});

describe("against an upstream that answers off-contract on purpose", () => {
  /** A small awork that breaks its own spec: a schedule without its required endDate, an undocumented 418, a gzipped answer, and a path the spec lacks. */
  async function offContract(): Promise<string> {
    const record = { ...JSON.parse(JSON.stringify(await firstSchedule())) } as Record<string, unknown>;
    delete record["endDate"];
    const server = createServer((req, res) => {
      if (req.url === SCHEDULE) {
        res.writeHead(200, "Fine", [["Content-Type", "application/json; charset=utf-8"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["X-Vendor", "yes"]]);
        res.end(JSON.stringify(record));
      } else if (req.url === SCHEDULES) {
        res.writeHead(418, "I'm a teapot", { "content-type": "application/json" });
        res.end('{"teapot":true}');
      } else if (req.url === `${SCHEDULES}?page=1`) {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(JSON.stringify([record])));
      } else {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("hello");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    started.push({ close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }) });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function firstSchedule(): Promise<unknown> {
    const mock = await upstreamMock();
    return (await fetch(`${mock.url}${SCHEDULE}`, { headers: { authorization: ADMIN } })).json();
  }

  test("the client gets the upstream's answer unchanged; verify lists the drift apart from the client's breaches", async () => {
    const upstream = await offContract();
    const reports: string[] = [];
    const dir = tempDir("taskmock-proxy-");
    const proxy = await proxyTo("awork", upstream, { reports, record: join(dir, "recorded.json") });
    const missing = await send(`${proxy.url}${SCHEDULE}`, { headers: { authorization: ADMIN } });
    expect(missing.status).toBe(200);
    expect(missing.statusMessage).toBe("Fine");
    expect(lines(missing)).toEqual(["content-type: application/json; charset=utf-8", "set-cookie: a=1", "set-cookie: b=2", "x-vendor: yes", `content-length: ${missing.body.length}`]);
    expect(JSON.parse(missing.body.toString())).not.toHaveProperty("endDate");
    const teapot = await send(`${proxy.url}${SCHEDULES}`, { headers: { authorization: ADMIN } });
    expect([teapot.status, teapot.statusMessage, teapot.body.toString()]).toEqual([418, "I'm a teapot", '{"teapot":true}']);
    const zipped = await send(`${proxy.url}${SCHEDULES}?page=1`, { headers: { authorization: ADMIN, "accept-encoding": "gzip" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toHaveLength(1);
    // The client's requests were valid: the drift is the vendor's, and the report stays green (as the README shows it).
    expect(await verifyOf(proxy)).toMatchObject({ ok: true, requests: 3, violations: [], upstream: [{}, {}, {}] });
    const green = await (await fetch(`${proxy.url}/__admin/verify?format=text`)).text();
    const shown = /```\n\$ npx taskmock verify\n(taskmock verify: no contract violations in 3 requests\n[\s\S]*?)…\n```/.exec(README)?.[1];
    expect(shown).toBeDefined();
    expect(green.startsWith(shown as string)).toBe(true);
    // taskmock adds no CORS headers of its own: the answer is the upstream's.
    const unknown = await send(`${proxy.url}/api/v1/elsewhere`, { headers: { authorization: ADMIN, origin: "http://app.example" } });
    expect([unknown.status, unknown.body.toString()]).toEqual([200, "hello"]);
    expect(unknown.headers).not.toHaveProperty("access-control-allow-origin");

    const verify = await verifyOf(proxy);
    // A path the spec does not have is the client's breach (and the vendor answering it, drift).
    expect(verify).toMatchObject({ ok: false, requests: 4, breaking: 1 });
    expect(verify.violations).toEqual([expect.objectContaining({ kind: "request", location: "route", request: "GET /api/v1/elsewhere" })]);
    expect(verify.upstream.map((v: Record<string, unknown>) => [v["kind"], v["request"], v["status"], v["pointer"], v["rule"]])).toEqual([
      ["upstream", `GET ${SCHEDULE}`, 200, "/endDate", "required"],
      ["upstream", `GET ${SCHEDULES}`, 418, "/", "status"],
      ["upstream", `GET ${SCHEDULES}?page=1`, 200, "/0/endDate", "required"],
      ["upstream", "GET /api/v1/elsewhere", 200, "/", "status"],
    ]);
    const text = await (await fetch(`${proxy.url}/__admin/verify?format=text`)).text();
    expect(text).toContain("upstream drift, not counted (the real vendor's answers departing from the spec, behind the proxy): 4 departures");
    expect(text).toContain("response /endDate  required  is required");
    // The journal keeps the drift on the entry, the answer decoded, and the vendor's cookies redacted.
    const [first, , third] = await journalOf(proxy);
    expect(first).toMatchObject({ outcome: "proxied", violations: [], upstream: [expect.objectContaining({ pointer: "/endDate", rule: "required" })] });
    expect((first?.["response"] as { headers: Record<string, string> }).headers).toMatchObject({ "set-cookie": "[redacted]", "x-vendor": "yes" });
    expect((third?.["response"] as { body: unknown[] }).body).toHaveLength(1);
    // --record skipped the records that break their schema, and said so.
    expect(reports).toContainEqual(expect.stringMatching(/^taskmock proxy --record: skipped GET \/api\/v1\/taskschedules\/\{taskScheduleId\} \(getTaskSchedule\) 200: a taskSchedules record that breaks its schema \(\/endDate is required\)/));
    expect(JSON.parse(readFileSync(join(dir, "recorded.json"), "utf8")).vendors.awork.collections.taskSchedules).toEqual([]);
  });
});

test("an encoded answer is decoded for the checks (gzip, deflate, br); one taskmock cannot decode is said so", async () => {
  const body = JSON.stringify([{ id: "x" }]);
  const encoded: Record<string, Buffer> = { gzip: gzipSync(body), deflate: deflateSync(body), br: brotliCompressSync(body), zstd: Buffer.from("??") };
  const server = createServer((req, res) => {
    const encoding = new URL(req.url ?? "/", "http://x").searchParams.get("page") as string;
    res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
    res.end(encoded[encoding]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  started.push({ close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }) });
  const proxy = await proxyTo("awork", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  for (const encoding of Object.keys(encoded)) {
    const res = await send(`${proxy.url}${SCHEDULES}?page=${encoding}`, { headers: { authorization: ADMIN } });
    expect(res.body.equals(encoded[encoding] as Buffer)).toBe(true);
  }
  const drift = (await verifyOf(proxy)).upstream as { request: string; pointer: string; rule: string; message: string }[];
  // Read, each of the three bodies is a schedule that lacks its required fields.
  for (const encoding of ["gzip", "deflate", "br"]) {
    expect(drift).toContainEqual(expect.objectContaining({ request: `GET ${SCHEDULES}?page=${encoding}`, pointer: "/0/createdOn", rule: "required" }));
  }
  expect(drift).toContainEqual(expect.objectContaining({ request: `GET ${SCHEDULES}?page=zstd`, rule: "content-encoding", message: expect.stringContaining("zstd is not one taskmock decodes") }));
});

describe("--record FILE", () => {
  test("writes the real answers as a snapshot that serve --state starts from, answering the recorded records (CLI)", async () => {
    const upstream = await upstreamMock();
    // The real vendor holds a record the fixtures lack, and lacks one they have.
    const created = (await (
      await fetch(`${upstream.url}${SCHEDULES}`, { method: "POST", headers: { authorization: ADMIN, "content-type": "application/json" }, body: JSON.stringify(NEW_SCHEDULE) })
    ).json()) as { id: string };
    expect((await fetch(`${upstream.url}${SCHEDULE}`, { method: "DELETE", headers: { authorization: ADMIN } })).status).toBe(204);
    const directList = await send(`${upstream.url}${SCHEDULES}`, { headers: { authorization: ADMIN } });
    const directOne = await send(`${upstream.url}${SCHEDULES}/${created.id}`, { headers: { authorization: ADMIN } });

    const dir = tempDir("taskmock-record-");
    const file = join(dir, "awork.json");
    const proxy = await startCli(["proxy", "--port", "0", "--vendor", "awork", "--upstream", upstream.url, "--record", file, "--strict"]);
    try {
      expect(proxy.output()).toContain(`proxy   awork → ${upstream.url}`);
      expect((await send(`${proxy.url}${SCHEDULES}`, { headers: { authorization: ADMIN } })).body.equals(directList.body)).toBe(true);
      expect((await send(`${proxy.url}${SCHEDULES}/${created.id}`, { headers: { authorization: ADMIN } })).body.equals(directOne.body)).toBe(true);
      // --strict: a body property the contract does not have (awork's server ignores it) is a breach here too.
      const extra = await fetch(`${proxy.url}${SCHEDULES}`, { method: "POST", headers: { authorization: ADMIN, "content-type": "application/json" }, body: JSON.stringify({ ...NEW_SCHEDULE, colour: "red" }) });
      expect(extra.status).toBe(200);
      const verify = (await (await fetch(`${proxy.url}/__admin/verify`)).json()) as { ok: boolean; violations: { rule: string; pointer: string }[] };
      expect(verify).toMatchObject({ ok: false, violations: [{ rule: "additionalProperties", pointer: "/colour" }] });
    } finally {
      expect(await proxy.stop()).toBe(0);
    }
    const snapshot = JSON.parse(readFileSync(file, "utf8"));
    expect(snapshot).toMatchObject({ format: "taskmock-snapshot", version: 1 });
    expect(Object.keys(snapshot.vendors)).toEqual(["awork"]);

    const served = await startCli(["serve", "--port", "0", "--vendor", "awork", "--state", file]);
    try {
      const one = await send(`${served.url}${SCHEDULES}/${created.id}`, { headers: { authorization: ADMIN } });
      expect(one.status).toBe(200);
      expect(JSON.parse(one.body.toString())).toEqual(JSON.parse(directOne.body.toString()));
      const list = JSON.parse((await send(`${served.url}${SCHEDULES}`, { headers: { authorization: ADMIN } })).body.toString()) as { id: string }[];
      expect(list.map((s) => s.id).sort()).toEqual((JSON.parse(directList.body.toString()) as { id: string }[]).map((s) => s.id).sort());
      // Only what the vendor answered: the fixture record it no longer has is not there.
      expect((await send(`${served.url}${SCHEDULE}`, { headers: { authorization: ADMIN } })).status).toBe(404);
    } finally {
      await served.stop();
    }
  });

  test("the CLI: --host, --journal-size and --journal-mb as for serve; --no-admin; a missing --upstream exits 2", async () => {
    const upstream = await upstreamMock();
    const proxy = await startCli(["proxy", "--vendor", "awork", "--upstream", upstream.url, "--port", "0", "--host", "127.0.0.1", "--journal-size", "1", "--journal-mb", "1"]);
    try {
      expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (let i = 0; i < 2; i++) expect((await fetch(`${proxy.url}${SCHEDULE}`, { headers: { authorization: ADMIN } })).status).toBe(200);
      expect(await (await fetch(`${proxy.url}/__admin/requests`)).json()).toMatchObject({ total: 1, capacity: 1 });
    } finally {
      await proxy.stop();
    }
    const quiet = await startCli(["proxy", "--vendor", "awork", "--upstream", upstream.url, "--port", "0", "--no-admin"]);
    try {
      // Without its admin API, /__admin is a path like any other: the upstream (here a taskmock, whose journal has the two requests above) answers it.
      expect(quiet.output()).not.toContain("/__admin/health");
      expect(await (await fetch(`${quiet.url}/__admin/requests`)).json()).toMatchObject({ total: 2 });
    } finally {
      await quiet.stop();
    }
    const run = await runCli(["proxy", "--vendor", "awork"]);
    expect(run.code).toBe(2);
    expect(run.output).toContain("--upstream URL is required");
  });

  test("an answer whose schema names no collection is skipped and reported; a partitioned one lands under its path's partition", async () => {
    const upstream = await upstreamMock("huawei");
    const reports: string[] = [];
    const dir = tempDir("taskmock-record-");
    const file = join(dir, "huawei.json");
    writeFileSync(file, "an earlier recording");
    const proxy = await proxyTo("huawei", upstream.url, { reports, record: file });
    const project = "0605767d1b0010c12fc8c00df5ae9e6b";
    const tasks = (await (await fetch(`${proxy.url}/v1/${project}/schedule-task`, { headers: { "x-auth-token": "taskmock-admin" } })).json()) as { items: { id: string }[] };
    expect(reports).toEqual([
      expect.stringMatching(/^taskmock proxy --record: skipped GET \/v1\/\{project_id\}\/schedule-task \(\w+\) 200: its answer holds no record of a collection/),
    ]);
    const task = tasks.items[0]?.id as string;
    const history = (await (await fetch(`${proxy.url}/v1/${project}/schedule-task/${task}/execute-history`, { headers: { "x-auth-token": "taskmock-admin" } })).json()) as {
      items: unknown[];
    };
    const recorded = JSON.parse(readFileSync(file, "utf8")).vendors.huawei.collections;
    expect(recorded.execute_histories).toEqual({ [project]: history.items });
    expect(recorded.schedule_tasks).toEqual({});
    // A snapshot PUT /__admin/snapshot restores as it is.
    expect((await fetch(`${upstream.url}/__admin/snapshot`, { method: "PUT", body: readFileSync(file, "utf8") })).status).toBe(204);
  });
});
