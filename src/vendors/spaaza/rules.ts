// The trigger rules a schema cannot state (the spec's Segment and SegmentRule x-taskmock-rules).
// A range runs from its low end to its high end: a rule over the request alone, run beside the
// schema (the adapter's requestRules) so one 400 lists every violation at once. A segment belongs
// to the task's chain: that needs the token's chain, so the handlers check it (chainViolations).
// Violations sit under /trigger, so the error body names them invalid_trigger.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { RequestRule, RuleRequest } from "../../engine/vendor.js";
import { ruleViolation } from "../common.js";
import { stamp, type Trigger } from "./records.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The segment's chain_id is the task's chain (the token's). */
export function chainViolations(trigger: Trigger, chain: number): Violation[] {
  const segment = trigger.segment;
  if (!segment || segment.chain_id === chain) return [];
  return [
    ruleViolation("/trigger/segment/chain_id", `must be the task's chain ${chain}, not ${segment.chain_id}`, "chain", "body", {
      params: { chain },
      value: segment.chain_id,
    }),
  ];
}

/** One segment rule's range, where the rule holds both ends (each of the type it must be). */
function rangeViolations(rule: unknown, at: string): Violation[] {
  if (!isObject(rule)) return [];
  const { operator, min, max, start_date: start, end_date: end } = rule;
  if (operator === "is_between_number" && typeof min === "number" && typeof max === "number" && min > max) {
    return [ruleViolation(`${at}/min`, `must be <= max (${min} > ${max})`, "range", "body", { params: { max }, value: min })];
  }
  if (operator === "is_between_date" && typeof start === "string" && typeof end === "string" && Date.parse(start) > Date.parse(end)) {
    return [
      ruleViolation(`${at}/start_date`, `must not be after end_date (${start} > ${end})`, "range", "body", {
        params: { end_date: end },
        value: start,
      }),
    ];
  }
  return [];
}

/** Create and PUT: every segment rule of the body's trigger runs from low to high. */
function triggerRule(request: RuleRequest): Violation[] {
  const body = request.body;
  const trigger = isObject(body) ? body["trigger"] : undefined;
  const segment = isObject(trigger) ? trigger["segment"] : undefined;
  const rules = isObject(segment) ? segment["rules"] : undefined;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) => rangeViolations(rule, `/trigger/segment/rules/${index}`));
}

export const requestRules: Record<string, RequestRule> = {
  createTask: triggerRule,
  updateTask: triggerRule,
};

/** The trigger as stored: once in UTC with second precision, the rest as sent. */
export function storedTrigger(trigger: Trigger): Trigger {
  return { ...structuredClone(trigger), once: stamp(new Date(trigger.once)) };
}
