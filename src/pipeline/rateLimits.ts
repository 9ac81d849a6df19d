// Stage 5, rate limits (opt-in, --rate-limits): the vendor's documented windows per credential on
// the mock clock; every later answer carries the readings, and an exhausted window answers 429.
import type { VendorError } from "../engine/vendor.js";
import { vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";

export function rateLimits(ex: Exchange): void {
  const policy = ex.rt.adapter.rateLimits;
  const limiter = ex.services.rateLimiter;
  if (!limiter || !policy || !ex.principal) return;
  const { over, readings } = limiter.hit(ex.rt.spec.vendor, ex.principal.credential, policy.limits, ex.at);
  ex.headers = policy.headers(readings);
  if (!over) return;
  const error: VendorError = { status: 429, kind: "rate-limited", message: "API rate limit exceeded" };
  const retry = Math.max(...readings.filter((r) => r.remaining === 0).map((r) => r.resetSeconds), 1);
  ex.answer = vendorError(ex, error, ex.operation?.responses.get(429), "rejected", { "retry-after": String(retry) });
}
