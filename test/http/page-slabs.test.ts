// A page of records is written from memory taskmock reuses once Node reported the page written
// (src/engine/checkedItems.ts, src/http/write.ts). A client that reads slowly while others are
// answered page after page must still get every byte of its own pages as they were.
import { connect } from "node:net";
import { afterEach, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../src/index.js";

const AUTH = "Bearer taskmock-admin";
const servers: RunningMockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const schedule = (i: number) => ({
  taskId: "123e4567-e89b-12d3-a456-426614174000",
  userId: "123e4567-e89b-12d3-a456-426614174000",
  startDate: new Date(Date.UTC(2026, 0, 5, i)).toISOString(),
  endDate: new Date(Date.UTC(2026, 0, 5, i, 30)).toISOString(),
});

/** The answers to `count` pipelined requests of `target` on one connection, read only after `meanwhile` ended. */
function slowReader(url: URL, target: string, count: number, meanwhile: () => Promise<void>): Promise<{ status: number; body: string }[]> {
  const request = (last: boolean) => `GET ${target} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${AUTH}\r\n${last ? "Connection: close\r\n" : ""}\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname);
    socket.pause(); // nothing read until the others were answered: the server's writes back up
    socket.on("error", reject);
    socket.on("connect", () => {
      socket.write(Array.from({ length: count }, (_, i) => request(i === count - 1)).join(""));
      meanwhile().then(() => {
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.resume();
      }, reject);
    });
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const answers: { status: number; body: string }[] = [];
      let at = 0;
      while (at < all.length) {
        const end = all.indexOf("\r\n\r\n", at);
        const head = all.subarray(at, end).toString("latin1");
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
        answers.push({ status: Number(head.slice(9, 12)), body: all.subarray(end + 4, end + 4 + length).toString() });
        at = end + 4 + length;
      }
      resolve(answers);
    });
  });
}

test("a slow reader gets its pages whole while other clients' pages reuse the memory", async () => {
  const server = await startMockServer({ vendor: "awork", port: 0, seed: 3, clock: "2026-01-01T00:00:00Z", report: () => {} });
  servers.push(server);
  for (let i = 0; i < 100; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        fetch(`${server.url}/api/v1/taskschedules`, {
          method: "POST",
          headers: { authorization: AUTH, "content-type": "application/json" },
          body: JSON.stringify(schedule(i + j)),
        }).then((r) => expect(r.status).toBe(200)),
      ),
    );
  }
  const ascending = "/api/v1/taskschedules?page=1&pageSize=100&orderby=startDate";
  const descending = "/api/v1/taskschedules?page=1&pageSize=100&orderby=startDate desc";
  const expected = await (await fetch(`${server.url}${ascending}`, { headers: { authorization: AUTH } })).text();
  const other = await (await fetch(`${server.url}${descending}`, { headers: { authorization: AUTH } })).text();
  expect(Buffer.byteLength(expected)).toBeGreaterThan(30_000); // some thirty pages to a slab
  expect(other).not.toBe(expected);
  // Meanwhile 20 clients read 1,000 pages of the other order: the slabs are cut and reused many times over.
  const others: string[] = [];
  const meanwhile = async () => {
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 50; i++) others.push(await (await fetch(`${server.url}${descending}`, { headers: { authorization: AUTH } })).text());
      }),
    );
  };
  // 1,500 pages (some 60 MB) asked at once and not read: more than the loopback socket's buffers
  // hold, so pages wait in Node's socket for the reader while the others are answered.
  const slow = await slowReader(new URL(server.url), ascending, 1500, meanwhile);
  expect(slow).toHaveLength(1500);
  expect(slow.every((answer) => answer.status === 200 && answer.body === expected)).toBe(true);
  expect(others).toHaveLength(1000);
  expect(others.every((text) => text === other)).toBe(true);
});
