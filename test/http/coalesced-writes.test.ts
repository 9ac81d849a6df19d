// src/http/write.ts writes the answers ready in one turn of the event loop together, at the end
// of that turn. Each client must still get its own answer, pipelined requests theirs in order, and
// an answer Node refuses to write must not keep the others of its turn from going out.
import { connect } from "node:net";
import { afterEach, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../src/index.js";

const AUTH = { authorization: "Bearer taskmock-admin" };
const servers: RunningMockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function awork(reported: string[] = []): Promise<RunningMockServer> {
  const server = await startMockServer({ vendor: "awork", port: 0, seed: 3, clock: "2026-01-01T00:00:00Z", report: (line) => reported.push(line) });
  servers.push(server);
  return server;
}

const schedule = (i: number) => ({
  taskId: "123e4567-e89b-12d3-a456-426614174000",
  userId: "123e4567-e89b-12d3-a456-426614174000",
  startDate: new Date(Date.UTC(2026, 0, 5, i)).toISOString(),
  endDate: new Date(Date.UTC(2026, 0, 5, i, 30)).toISOString(),
});

test("many clients at once: each gets the answer to its own request", async () => {
  const server = await awork();
  const created = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.url}/api/v1/taskschedules`, {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify(schedule(i)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string; startDate: string } })),
    ),
  );
  expect(created.map((c) => c.status)).toEqual(Array(40).fill(200));
  expect(created.map((c) => c.body.startDate)).toEqual(Array.from({ length: 40 }, (_, i) => schedule(i).startDate));
  // And the reads of those records, all at once, each the record asked for.
  const read = await Promise.all(
    created.map(({ body }) => fetch(`${server.url}/api/v1/taskschedules/${body.id}`, { headers: AUTH }).then((r) => r.json() as Promise<{ id: string }>)),
  );
  expect(read.map((r) => r.id)).toEqual(created.map((c) => c.body.id));
});

test("pipelined requests on one connection get their answers in order", async () => {
  const server = await awork();
  const url = new URL(server.url);
  const body = JSON.stringify(schedule(7));
  const requests = [
    `GET /api/v1/taskschedules/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${AUTH.authorization}\r\n\r\n`,
    `POST /api/v1/taskschedules HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${AUTH.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    `GET /api/v1/taskschedules?pageSize=1 HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`,
  ];
  const text = await new Promise<string>((resolve, reject) => {
    let received = "";
    const socket = connect(Number(url.port), url.hostname, () => socket.write(requests.join("")));
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      received += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
  });
  const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  // Not found, created, and the read without credentials refused: in the order asked.
  expect(statuses).toEqual([404, 200, 401]);
  expect(text).toContain(`"startDate":"${schedule(7).startDate}"`);
});

test("an answer Node refuses to write becomes a 500, and the other answers of its turn still go out", async () => {
  const reported: string[] = [];
  const server = await awork(reported);
  const { mock } = server.app;
  const engine = mock.answer;
  mock.answer = async (vendor, request) => {
    const answer = await engine(vendor, request);
    // A header value with a line break: Node's writeHead throws for it.
    return request.query["pageSize"] === "2" ? { ...answer, headers: { ...answer.headers, "x-broken": "a\nb" } } : answer;
  };
  const answers = await Promise.all(
    ["1", "2", "3", "4"].map((size) =>
      fetch(`${server.url}/api/v1/taskschedules?pageSize=${size}`, { headers: AUTH }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual([200, 500, 200, 200]);
  expect(answers[1]?.body).toMatchObject({ status: 500 });
  expect(answers.filter((a) => a.status === 200).map((a) => (a.body as unknown[]).length)).toEqual([1, 3, 4]);
  expect(reported.some((line) => line.startsWith("taskmock bug:") && line.includes("x-broken"))).toBe(true);
});

test("a throw before the engine's promise (the scheduled work run first) answers 500 and the server goes on", async () => {
  const reported: string[] = [];
  const server = await awork(reported);
  const { mock } = server.app;
  const answer = mock.answer;
  mock.answer = () => {
    throw new Error("scheduled work broke");
  };
  const broken = await fetch(`${server.url}/api/v1/taskschedules`, { headers: AUTH });
  expect(broken.status).toBe(500);
  expect(await broken.json()).toMatchObject({ status: 500, detail: "scheduled work broke" });
  expect(reported.some((line) => line.includes("scheduled work broke"))).toBe(true);
  mock.answer = answer;
  expect((await fetch(`${server.url}/api/v1/taskschedules`, { headers: AUTH })).status).toBe(200);
});
