// One year of mock time: a mock with the default fixtures and a fixed clock, then the clock moved
// forward 365 days in one call, which runs every vendor's scheduled work for the year (issue 11's
// target: ≤ 300 ms with all five vendors). One fresh process per sample, so nothing an earlier
// sample computed (compiled code, memos, zone formatters) is warm: the year is timed as a user's
// first move of the clock. TASKMOCK_MEMO_OFF in the environment applies, as for the server.
//
// With "profile", the advance runs under the inspector's CPU profiler instead (not timed: the
// profiler slows it down), summarised like the server profiles.
//
// Usage: node bench/lib/year.mjs [VENDOR] [profile]  → JSON on stdout: { vendor, createMs, advanceMs, profile? }
//   VENDOR: one of the five (served alone, at the root), or "all" (default).
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { summarise } from "./profile.mjs";
import { ROOT } from "./servers.mjs";

const YEAR_MS = 365 * 24 * 3600 * 1000;
const START = "2026-01-01T00:00:00Z";
const [vendor = "all", mode] = process.argv.slice(2);

const { createMockServer } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const created = performance.now();
const app = createMockServer({
  seed: 1,
  clock: START,
  ...(vendor === "all" ? {} : { vendor }),
  report: (line) => process.stderr.write(`${line}\n`),
});
let session;
if (mode === "profile") {
  session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
}
const before = performance.now();
const to = app.mock.clock.advance(YEAR_MS);
const advanceMs = performance.now() - before;
const profile = session ? summarise((await session.post("Profiler.stop")).profile) : undefined;
if (to.getTime() !== Date.parse(START) + YEAR_MS) throw new Error(`the clock reads ${to.toISOString()} after a year's advance`);
process.stdout.write(`${JSON.stringify({ vendor, createMs: before - created, advanceMs, ...(profile ? { profile: { ...profile, requests: 1 } } : {}) })}\n`);
