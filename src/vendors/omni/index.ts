// Omni schema refresh schedules (/api/v1/connections/{connectionId}/schedules): CRUD over the
// schedules of a connection (schedules.ts), with the EventBridge cron and IANA zone checked with
// the request (rules.ts) and the description derived from both at every write; Omni's error
// shape (errors.ts), its forced and generated answers (forced.ts) and its opt-in rate limit.
import type { RateLimitPolicy } from "../../engine/rateLimit.js";
import type { operations } from "../../generated/omni.js";
import { typedHandlers } from "../common.js";
import type { VendorModule } from "../types.js";
import { MESSAGES, omniErrorBody } from "./errors.js";
import { conform, forcedError } from "./forced.js";
import { omniRequestRules } from "./rules.js";
import { scheduleHandlers } from "./schedules.js";

/**
 * 60 requests per minute per API key (Omni's default; the raised 500 is not simulated), applied
 * only with --rate-limits. Omni documents no rate-limit headers, so answers under the limit carry
 * none; the engine adds Retry-After to the 429, which the spec allows.
 */
const rateLimits: RateLimitPolicy = {
  limits: [{ name: "minute", windowMs: 60_000, max: 60 }],
  headers: () => ({}),
};

// No schedule: a schema refresh schedule's runs are not visible through this API (no field records
// a run, nothing disables a schedule), so moving the clock changes nothing Omni would show.

export const omni: VendorModule = {
  name: "omni",
  specFile: "omni.yaml",
  fixtureFile: "omni.json",
  adapter: {
    name: "omni",
    errorBody: omniErrorBody,
    messages: { ...MESSAGES },
    rateLimits,
    requestRules: omniRequestRules,
    forcedError,
    conform,
    handlers: typedHandlers<operations>(scheduleHandlers),
  },
};
