// The mock clock and ISO 8601 durations.
import { expect, test } from "vitest";
import { createClock, parseDuration } from "../../src/engine/clock.js";

test("a fixed clock stays put until set or advanced", () => {
  const clock = createClock(new Date("2026-01-01T00:00:00Z"));
  expect(clock.fixed).toBe(true);
  expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
  clock.advance(90_000);
  expect(clock.now().toISOString()).toBe("2026-01-01T00:01:30.000Z");
  clock.set(new Date("2027-05-05T05:05:05Z"));
  expect(clock.now().toISOString()).toBe("2027-05-05T05:05:05.000Z");
});

test("a real clock runs with an offset after advance", () => {
  const clock = createClock();
  expect(clock.fixed).toBe(false);
  clock.advance(86_400_000);
  const ahead = clock.now().getTime() - Date.now();
  expect(ahead).toBeGreaterThan(86_399_000);
  expect(ahead).toBeLessThanOrEqual(86_400_000);
});

test.each([
  ["P1D", 86_400_000],
  ["PT1H", 3_600_000],
  ["PT90M", 5_400_000],
  ["P1W", 604_800_000],
  ["P1DT2H3M4.5S", 93_784_500],
  ["PT0S", 0],
])("%s is %d ms", (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
});

test.each([["P"], ["PT"], ["1D"], ["P1Y"], ["-PT1H"], [""]])("%j is not a duration it reads", (text) => {
  expect(parseDuration(text)).toBeUndefined();
});
