// The benchmark's load generator (bench/lib/load.mjs): autocannon in a process of its own, started
// for each measurement, against a server of the test's; what it reports is what the server saw.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { load } from "../bench/lib/load.mjs";

let answered = 0;
/** The client ports seen: one per connection. */
const ports = new Set<number>();
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    answered++;
    ports.add(req.socket.remotePort ?? 0);
    res.writeHead(req.method === "PUT" ? 200 : 404, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("a measurement reports the answers the server gave, by status, over the connections asked for", async () => {
  answered = 0;
  ports.clear();
  const request = { method: "PUT", path: "/x", headers: { "content-type": "application/json" }, body: "{}", status: 200 };
  const result = await load(base, request, { connections: 4, seconds: 1 });
  expect(result.total).toBeGreaterThan(100);
  // Every answer counted was one the server gave (a request in flight at the end may go uncounted).
  expect(result.total).toBeLessThanOrEqual(answered);
  expect(answered - result.total).toBeLessThanOrEqual(4);
  expect(result.statuses).toEqual({ "200": result.total });
  expect(result.unexpected).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.rps).toBeGreaterThan(0);
  expect(ports.size).toBe(4);
});

test("answers with another status than the request expects are counted as unexpected", async () => {
  const result = await load(base, { method: "GET", path: "/x", headers: {}, status: 200 }, { connections: 2, seconds: 1 });
  expect(result.total).toBeGreaterThan(0);
  expect(result.statuses).toEqual({ "404": result.total });
  expect(result.unexpected).toBe(result.total);
});
