// awork's documented rate limits (developers.awork.com/rate-limits), applied with --rate-limits:
// every plan may send 50 requests a second; Basic to Professional 1000 a minute (Enterprise and
// Enterprise Plus 3000). The answers carry the RateLimit-* trio and the
// X-RateLimit-*-Second/-Minute pairs of the docs' example.
import type { RateLimitPolicy, RateLimitReading } from "../../engine/rateLimit.js";

/** The limits of the Basic to Professional plans (Enterprise: 3000/minute, 50/second), which the mock simulates. */
const PER_SECOND = 50;
const PER_MINUTE = 1000;

/**
 * The window the RateLimit-* trio reports: the one with the fewest requests left, the longer one
 * on a tie (the docs' example: Limit 50 and Remaining 49 beside Remaining-Minute 2999).
 */
function tightest(readings: RateLimitReading[]): RateLimitReading | undefined {
  let best: RateLimitReading | undefined;
  for (const reading of readings) {
    if (!best || reading.remaining < best.remaining || (reading.remaining === best.remaining && reading.name === "minute")) best = reading;
  }
  return best;
}

export const aworkRateLimits: RateLimitPolicy = {
  limits: [
    { name: "second", windowMs: 1000, max: PER_SECOND },
    { name: "minute", windowMs: 60_000, max: PER_MINUTE },
  ],
  headers(readings) {
    const headers: Record<string, string> = {};
    const main = tightest(readings);
    if (main) {
      headers["RateLimit-Limit"] = String(main.limit);
      headers["RateLimit-Remaining"] = String(main.remaining);
      headers["RateLimit-Reset"] = String(main.resetSeconds);
    }
    for (const reading of readings) {
      const window = reading.name === "second" ? "Second" : "Minute";
      headers[`X-RateLimit-Limit-${window}`] = String(reading.limit);
      headers[`X-RateLimit-Remaining-${window}`] = String(reading.remaining);
    }
    return headers;
  },
};
