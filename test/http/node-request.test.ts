// Over a socket, src/http/node.ts reads a vendor request from Node's message; in process, the Hono
// app's fetch entry reads it from a web Request, with the same reader (src/http/read.ts): the engine must see the same request either way (headers as the web Headers hold
// them, the body, an empty body of a DELETE), and an over-long body must still be refused.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createMockServer, type RunningMockServer, startMockServer } from "../../src/index.js";

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ vendor: "awork", port: 0, seed: 3, clock: "2026-01-01T00:00:00Z", report: () => {} });
});
afterAll(() => server.close());

/** Sends the request as raw bytes (repeats and odd spacing kept) and answers status and body. */
function raw(method: string, path: string, headers: [string, string][], body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${url.host}`, "Connection: close", ...headers.map(([n, v]) => `${n}: ${v}`)];
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(`${lines.join("\r\n")}\r\n\r\n${body ?? ""}`));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), body: rest.join("\r\n\r\n") });
    });
  });
}

const lastEntry = () => server.app.mock.journal.entries().at(-1);

test("headers reach the engine as the web Headers hold them: lower case, sorted, repeats joined", async () => {
  const answer = await raw("GET", "/api/v1/taskschedules?pageSize=1", [
    ["X-Zeta", "  last  "],
    ["Authorization", "Bearer taskmock-admin"],
    ["X-Multi", "one"],
    ["x-multi", "two"],
    ["Cookie", "a=1"],
    ["cookie", "b=2"],
  ]);
  expect(answer.status).toBe(200);
  const headers = lastEntry()?.headers ?? {};
  expect(headers["x-zeta"]).toBe("last");
  expect(headers["x-multi"]).toBe("one, two");
  expect(headers["cookie"]).toBe("[redacted]");
  expect(headers["authorization"]).toBe("[redacted]");
  expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());

  // The same request in process (web Request, no socket) is journalled with the same headers.
  const app = createMockServer({ vendor: "awork", seed: 3, clock: "2026-01-01T00:00:00Z" });
  await app.request("/api/v1/taskschedules?pageSize=1", {
    headers: [
      ["X-Zeta", "  last  "],
      ["Authorization", "Bearer taskmock-admin"],
      ["X-Multi", "one"],
      ["x-multi", "two"],
      ["Cookie", "a=1"],
      ["cookie", "b=2"],
      ["host", headers["host"] ?? ""],
      ["connection", headers["connection"] ?? ""],
    ],
  });
  expect(app.mock.journal.entries().at(-1)?.headers).toEqual(headers);
});

test("a path that starts with a dot segment reaches the engine as the web URL reads it", async () => {
  const auth: [string, string][] = [["authorization", "Bearer taskmock-admin"]];
  const plain = await raw("GET", "/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", auth);
  expect(plain.status).toBe(200);
  for (const path of ["/./api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", "/../api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000"]) {
    expect(await raw("GET", path, auth), path).toEqual(plain);
    expect(lastEntry()?.path).toBe("/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000");
  }
});

test("a body is read whole; a DELETE without one has an empty body; a body over 1 MiB is refused", async () => {
  const created = await raw(
    "POST",
    "/api/v1/taskschedules",
    [
      ["authorization", "Bearer taskmock-admin"],
      ["content-type", "application/json"],
    ],
    JSON.stringify({
      taskId: "123e4567-e89b-12d3-a456-426614174000",
      userId: "123e4567-e89b-12d3-a456-426614174000",
      startDate: "2026-03-01T09:00:00Z",
      endDate: "2026-03-01T10:00:00Z",
    }),
  );
  expect(created.status).toBe(200);
  const id = JSON.parse(created.body).id as string;
  const deleted = await raw("DELETE", `/api/v1/taskschedules/${id}`, [["authorization", "Bearer taskmock-admin"]]);
  expect(deleted.status).toBe(204);
  // No body over a socket, as in a web Request: journalled as none (it once was "" over a socket only).
  expect(lastEntry()?.body).toBeUndefined();

  const big = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
  const refused = await raw(
    "POST",
    "/api/v1/taskschedules",
    [
      ["authorization", "Bearer taskmock-admin"],
      ["content-type", "application/json"],
    ],
    big,
  );
  expect(refused.status).toBe(400);
  expect(lastEntry()?.violations.map((v) => v.rule)).toContain("maxSize");
});

test("over a socket, every answer is the one the Hono app gives in process: status, headers and body", async () => {
  // Two servers in the same state (same seed, same fixed clock) get the same requests in the same
  // order: one over node:http (the direct path for vendor requests, Hono for the rest), one in
  // process through the Hono app alone.
  const options = { seed: 11, clock: "2026-02-02T10:00:00Z", report: () => {} };
  const socket = await startMockServer({ ...options, port: 0 });
  const inProcess = createMockServer(options);
  const omni = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
  const admin = { authorization: "Bearer taskmock-admin" };
  const json = { ...admin, "content-type": "application/json" };
  const huawei = "/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task";
  const requests: [string, string, Record<string, string>?, string?][] = [
    ["GET", omni, admin],
    ["GET", omni],
    ["POST", omni, json, JSON.stringify({ schedule: "0 9 ? * MON-FRI *", timezone: "America/New_York" })],
    ["PUT", `${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, json, JSON.stringify({ schedule: "00 18 ? * * *", timezone: "Europe/London" })],
    ["PUT", `${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, json, JSON.stringify({ schedule: 5 })],
    ["PUT", `${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, json, "{not json"],
    ["PUT", `${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { ...admin, "content-type": "text/plain" }, "{}"],
    ["GET", omni, { ...admin, prefer: "code=503" }],
    ["GET", `${omni}?__code=500`, admin],
    ["GET", omni, { ...admin, prefer: "code=99x" }],
    ["HEAD", omni, admin],
    ["DELETE", `${omni}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, admin],
    ["GET", "/awork/api/v1/taskschedules?page=1&pageSize=2&orderby=startDate%20desc", admin],
    ["GET", "/awork/api/v1/taskschedules?pageSize=2&pageSize=3", admin],
    ["GET", "/awork/api/v1/taskschedules?filterby=taskId%20eq%20'x'&page=1", admin],
    ["GET", "/awork/api/v1/%74askschedules?pageSize=1", admin],
    ["GET", "/awork/api/v1/./taskschedules?pageSize=1", admin],
    ["GET", "/awork/api/v1/x/../taskschedules?pageSize=1", admin],
    ["POST", huawei, { "x-auth-token": "taskmock-admin", "content-type": "application/json" }, JSON.stringify({ task_name: "x" })],
    ["GET", `${huawei}s?limit=2&offset=1`, { "x-auth-token": "taskmock-admin" }],
    ["GET", "/crego/schedules?page_size=2", admin],
    ["GET", "/spaaza/schedules", admin],
    ["GET", "/omni", admin],
    ["GET", "/omni/", admin],
    ["GET", "/omni/openapi.json"],
    ["GET", "/omnix"],
    ["GET", "/__admin/health"],
    ["PATCH", "/nowhere"],
  ];
  try {
    for (const [method, path, headers = {}, body] of requests) {
      const over = await fetch(`${socket.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const within = await inProcess.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const overBody = await over.text();
      const label = `${method} ${path}`;
      expect(over.status, label).toBe(within.status);
      expect(overBody, label).toBe(await within.text());
      const own = (h: Headers) =>
        Object.fromEntries([...h].filter(([name]) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(name)));
      expect(own(over.headers), label).toEqual(own(within.headers));
      if (method !== "HEAD" && overBody !== "") expect(over.headers.get("content-length"), label).toBe(String(Buffer.byteLength(overBody)));
    }
    // Both journals saw the same requests, in the same order, with the same outcomes and bodies.
    const summary = (entries: ReturnType<typeof inProcess.mock.journal.entries>) =>
      entries.map((e) => [e.vendor, e.operationId, e.method, e.path, e.query, e.status, e.outcome, e.body]);
    expect(summary(socket.app.mock.journal.entries())).toEqual(summary(inProcess.mock.journal.entries()));
  } finally {
    await socket.close();
  }
});
