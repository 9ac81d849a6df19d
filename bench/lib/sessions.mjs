// What sessions cost (issue 14's targets): creating one takes ≤ 1 ms, a session that has only
// read costs ≤ 50 KB, and 1,000 sessions with 20 writes each add ≤ 150 MB of resident memory.
// Measured in one fresh process with the GC exposed, through the mock's in-process entry (the
// transport is not what a session costs).
//
// Usage: node --expose-gc bench/lib/sessions.mjs → JSON on stdout:
//   { createMs: [per-session ms of each batch], readKB, writeMB, sessions }
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./servers.mjs";

const { createMockServer } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const app = createMockServer({ seed: 1, clock: "2026-01-01T00:00:00Z", maxSessions: 5000, report: (line) => process.stderr.write(`${line}\n`) });
const ADMIN = { authorization: "Bearer taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const gc = () => {
  global.gc();
  global.gc();
};
const send = async (path, init = {}) => {
  const res = await app.fetch(new Request(`http://bench${path}`, init));
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}`);
};

// Warm: the first request of each kind compiles validators and fills caches every session shares.
await send(`/__sessions/warm${OMNI}`, { headers: ADMIN });
await send(`/__sessions/warm${OMNI}`, { method: "POST", headers: { ...ADMIN, "content-type": "application/json" }, body: JSON.stringify({ schedule: "0 9 ? * * *", timezone: "UTC" }) });
app.sessions.delete("warm");

// 1. Creation: 10 batches of 100 sessions, each created by its first request's resolution.
const createMs = [];
for (let batch = 0; batch < 10; batch++) {
  const started = performance.now();
  for (let i = 0; i < 100; i++) app.sessions.resolve(`c${batch}-${i}`);
  createMs.push((performance.now() - started) / 100);
}
for (let batch = 0; batch < 10; batch++) for (let i = 0; i < 100; i++) app.sessions.delete(`c${batch}-${i}`);

// 2. A session that has only read: 1,000 sessions, one GET each, the heap they add per session.
gc();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 1000; i++) await send(`/__sessions/r${i}${OMNI}`, { headers: ADMIN });
gc();
const readKB = (process.memoryUsage().heapUsed - heapBefore) / 1000 / 1024;
for (let i = 0; i < 1000; i++) app.sessions.delete(`r${i}`);

// 3. 1,000 sessions with 20 writes each: the resident memory they add.
gc();
const rssBefore = process.memoryUsage().rss;
for (let i = 0; i < 1000; i++) {
  for (let w = 0; w < 20; w++) {
    await send(`/__sessions/w${i}${OMNI}`, {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ schedule: `${w} 9 ? * * *`, timezone: "UTC" }),
    });
  }
}
gc();
const writeMB = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ createMs, readKB, writeMB, sessions: app.sessions.size })}\n`);
