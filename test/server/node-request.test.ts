// Over a socket, src/server/app.ts reads the request straight from Node's message instead of the
// web Request: the engine must see the same request either way (headers as the web Headers hold
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

const lastEntry = () => server.app.mock.services.journal.entries().at(-1);

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
  expect(app.mock.services.journal.entries().at(-1)?.headers).toEqual(headers);
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
  expect(lastEntry()?.body).toBe("");

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
