// A store of 100,000 records: how long a list page takes to answer through the whole pipeline
// (route, auth, validation, the vendor's list, response check, journal), and what a record costs
// in memory. Run in its own process with --expose-gc, one vendor per server, the collection
// filled through the store (100,000 creates over HTTP would measure the creates instead).
//
// The clock is fixed: scheduled work (crego's and huawei's onClock) runs before each request only
// when the clock moved, so a fixed clock leaves the list itself; `movingClockMs` adds one request
// with the clock moved by a second, to show what the scheduled work costs at this size. A few more
// requests after the timed ones run under the inspector's CPU profiler, summarised like the
// server profiles.
//
// Usage: node --expose-gc bench/lib/store100k.mjs RECORDS REQUESTS  → JSON on stdout
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { summarise } from "./profile.mjs";
import { ROOT } from "./servers.mjs";

const { createMockServer } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const RECORDS = Number(process.argv[2] ?? 100_000);
const REQUESTS = Number(process.argv[3] ?? 300);
const PAGE = 100;
const HUAWEI_PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";

const pad = (n, width) => String(n).padStart(width, "0");
/** A UUID-shaped id, unique per index. */
const uuid = (i) => `00000000-0000-4000-8000-${pad(i, 12)}`;
const iso = (ms) => new Date(ms).toISOString();
const BASE_TIME = Date.parse("2025-01-01T00:00:00Z");

const CASES = [
  {
    vendor: "awork",
    title: "awork list (page of 100, orderby startDate)",
    collection: "taskSchedules",
    headers: { authorization: "Bearer taskmock-admin" },
    path: (page) => `/api/v1/taskschedules?page=${page}&pageSize=${PAGE}`,
    pages: RECORDS / PAGE,
    make: (template, i) => ({
      ...template,
      id: uuid(i),
      startDate: iso(BASE_TIME + i * 60_000),
      endDate: iso(BASE_TIME + i * 60_000 + 30_000),
      plannedDuration: 30,
    }),
  },
  {
    vendor: "crego",
    title: "crego list (page_size 100)",
    collection: "schedules",
    headers: { authorization: "Bearer taskmock-admin" },
    path: (page) => `/tasks/schedules/?page=${page}&page_size=${PAGE}`,
    pages: RECORDS / PAGE,
    make: (template, i) => ({ ...structuredClone(template), id: 1_000_000 + i, name: `bench schedule ${i}` }),
  },
  {
    vendor: "huawei",
    title: "huawei list (limit 100, offset)",
    collection: "schedule_tasks",
    partition: HUAWEI_PROJECT,
    headers: { "x-auth-token": "taskmock-admin" },
    path: (page) => `/v1/${HUAWEI_PROJECT}/schedule-task?offset=${(page - 1) * PAGE}&limit=${PAGE}`,
    pages: RECORDS / PAGE,
    make: (template, i) => ({ ...structuredClone(template), id: uuid(i), task_name: `bench_task_${i}`, create_time: iso(BASE_TIME + i * 1000) }),
    movingClock: false,
  },
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const heap = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });

const results = [];
for (const c of CASES) {
  const app = createMockServer({ vendor: c.vendor, seed: 1, clock: "2026-06-01T00:00:00Z" });
  const partition = c.partition ?? "";
  const template = app.mock.state(c.vendor)[c.collection];
  const first = (Array.isArray(template) ? template : template?.[partition])?.[0];
  if (!first) throw new Error(`${c.vendor}: no ${c.collection} record to copy`);
  const before = heap();
  const made = [];
  for (let i = 0; i < RECORDS; i++) made.push(c.make(first, i));
  app.mock.update(c.vendor, (state) => {
    const collection = state.collection(c.collection);
    for (const record of made) collection.put(record, partition);
  });
  made.length = 0;
  const after = heap();

  const request = (page) =>
    app.request(c.path(page), { headers: c.headers }).then(async (response) => {
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${c.vendor} list answered ${response.status}: ${text.slice(0, 300)}`);
      return text;
    });
  for (let i = 0; i < 20; i++) await request(1 + ((i * 37) % c.pages));
  const times = [];
  const deadline = performance.now() + 15_000;
  for (let i = 0; i < REQUESTS && performance.now() < deadline; i++) {
    const page = 1 + ((i * 7919) % c.pages);
    const t = performance.now();
    await request(page);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Then a few more under the profiler (not timed: the profiler slows them down).
  const profiled = Math.min(40, times.length);
  await session.post("Profiler.start");
  for (let i = 0; i < profiled; i++) await request(1 + ((i * 7919) % c.pages));
  const { profile } = await session.post("Profiler.stop");
  const summary = summarise(profile);
  // One request after the clock moved a second: the scheduled work at this size (not for huawei,
  // whose first move after 100,000 new tasks computes each one's fire times: minutes).
  let moving;
  if (c.movingClock !== false) {
    const t = performance.now();
    app.mock.clock.advance(1000);
    await request(1);
    moving = performance.now() - t;
  }
  results.push({
    vendor: c.vendor,
    title: c.title,
    records: (() => {
      const records = app.mock.state(c.vendor)[c.collection];
      return (Array.isArray(records) ? records : (records?.[partition] ?? [])).length;
    })(),
    requests: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    movingClockMs: moving,
    bytesPerRecord: (after - before) / RECORDS,
    profile: { busy: summary.busy, requests: profiled, owners: summary.owners.slice(0, 8) },
  });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
