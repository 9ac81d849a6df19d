// Omni's rules over the request alone (VendorAdapter.requestRules), run beside the schema so that
// one 400 lists every violation: the schedule is an EventBridge cron expression cronstrue can
// word, the timezone a zone Intl knows. The same two rules for a create and for an update (both
// send the whole schedule). What needs the stored records (the connection, the schedule) stays in
// the handlers (schedules.ts).
import type { Violation } from "../../engine/schemaCompiler.js";
import type { RequestRule, RuleRequest } from "../../engine/vendor.js";
import { ruleViolation } from "../common.js";
import { isKnownZone } from "../zones.js";
import { checkCron } from "./cron.js";
import { undescribable } from "./description.js";
import { CRON_RULE, cronRefusal, TIMEZONE_RULE, zoneRefusal } from "./errors.js";

/** Why an expression is refused: the EventBridge grammar first, then what cronstrue cannot word. */
function cronReason(schedule: string): string | undefined {
  const verdict = checkCron(schedule);
  return verdict.ok ? undescribable(schedule) : verdict.reason;
}

/** A schedule body's cron and zone, each when it is a string (else the schema reports it), both reported at once. */
function scheduleRules(request: RuleRequest): Violation[] {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [];
  const { schedule, timezone } = body as Record<string, unknown>;
  const violations: Violation[] = [];
  if (typeof schedule === "string") {
    const reason = cronReason(schedule);
    if (reason !== undefined) {
      violations.push(ruleViolation("/schedule", cronRefusal(schedule, reason), CRON_RULE, "body", { params: { reason }, value: schedule }));
    }
  }
  // Whatever Intl knows, in any case and aliases included; stored as sent, never canonicalised.
  if (typeof timezone === "string" && !isKnownZone(timezone)) {
    violations.push(ruleViolation("/timezone", zoneRefusal(timezone), TIMEZONE_RULE, "body", { value: timezone }));
  }
  return violations;
}

export const omniRequestRules: Record<string, RequestRule> = {
  createSchemaRefreshSchedule: scheduleRules,
  updateSchemaRefreshSchedule: scheduleRules,
};
