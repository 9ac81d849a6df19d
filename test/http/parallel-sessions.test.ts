// The scenario of issue 14, as a new user met it: test suites hammering one server at once, each
// resetting, moving the clock and adding fault rules while the others write. With one global
// state, two suites failed 11 to 14 of their 36 steps on every run; with a session each, every
// step of every suite holds, two and then eight suites at once, twenty times over. A control run
// puts two suites on one session, as before sessions: it must fail, or the scenario proves nothing.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../src/index.js";
import { type Fixtures, fixturesOf, hammer, START, suite } from "../helpers/parallelSuites.js";

const REPEATS = 20;

let server: RunningMockServer;
let fixtures: Fixtures;

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 11, clock: new Date(START).toISOString(), report: () => {} });
  const fresh = server.session("fixtures");
  fixtures = await fixturesOf(fresh);
  await fresh.delete();
});
afterAll(() => server.close());

test("a suite is 36 steps", async () => {
  const s = server.session("count");
  expect(suite(s, 0, fixtures)).toHaveLength(36);
  await s.delete();
});

test("control: two suites on one session, as with one global state, break each other", async () => {
  const shared = server.session("shared");
  const failures = await hammer([shared, shared], fixtures);
  // The clock one suite set stamps the other's records, one's reset clears the other's journal
  // and records, the verify record counts both.
  expect(failures.length).toBeGreaterThanOrEqual(4);
  expect(failures.join("\n")).toMatch(/verify/);
  await shared.delete();
});

test.each([2, 8])(`%i suites at once on one server, each its own session: every step holds, ${REPEATS} times`, async (count) => {
  for (let run = 0; run < REPEATS; run++) {
    const sessions = Array.from({ length: count }, (_, k) => server.session(`run${run}-suite${k}-of${count}`));
    const failures = await hammer(sessions, fixtures);
    expect(failures, `run ${run + 1}`).toEqual([]);
    await Promise.all(sessions.map((s) => s.delete()));
  }
  // Every suite's session was dropped: the server holds the default session alone again.
  expect(server.app.sessions.list().map((s) => s.id)).toEqual(["default"]);
}, 60_000);
