// The trigger rules a schema cannot state (the spec's Segment and SegmentRule x-taskmock-rules):
// a segment belongs to the task's chain, and a range runs from its low end to its high end.
// Violations sit under /trigger, so the error body names them invalid_trigger.
import type { Violation } from "../../engine/schemaCompiler.js";
import { ruleViolation } from "../common.js";
import { stamp, type Trigger } from "./records.js";

export function triggerViolations(trigger: Trigger, chain: number): Violation[] {
  const out: Violation[] = [];
  const segment = trigger.segment;
  if (!segment) return out;
  if (segment.chain_id !== chain) {
    out.push(
      ruleViolation("/trigger/segment/chain_id", `must be the task's chain ${chain}, not ${segment.chain_id}`, "chain", "body", {
        params: { chain },
        value: segment.chain_id,
      }),
    );
  }
  segment.rules.forEach((rule, index) => {
    const at = `/trigger/segment/rules/${index}`;
    if (rule.operator === "is_between_number" && rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
      out.push(
        ruleViolation(`${at}/min`, `must be <= max (${rule.min} > ${rule.max})`, "range", "body", { params: { max: rule.max }, value: rule.min }),
      );
    }
    if (
      rule.operator === "is_between_date" &&
      rule.start_date !== undefined &&
      rule.end_date !== undefined &&
      Date.parse(rule.start_date) > Date.parse(rule.end_date)
    ) {
      out.push(
        ruleViolation(`${at}/start_date`, `must not be after end_date (${rule.start_date} > ${rule.end_date})`, "range", "body", {
          params: { end_date: rule.end_date },
          value: rule.start_date,
        }),
      );
    }
  });
  return out;
}

/** The trigger as stored: once in UTC with second precision, the rest as sent. */
export function storedTrigger(trigger: Trigger): Trigger {
  return { ...structuredClone(trigger), once: stamp(new Date(trigger.once)) };
}
