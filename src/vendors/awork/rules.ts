// awork's rules over the request alone (VendorAdapter.requestRules), run beside the schema so that
// one 400 lists every violation: the dates of a create, and of a PUT that sends both dates (an
// end after its start, a span plannedDuration can hold), and the list's filterby and orderby.
// What needs the stored records stays in the handlers (taskSchedules.ts): a task or user that must
// exist, and the dates of a PUT that sends only one of them (merged with the stored other one).
import type { Violation } from "../../engine/schemaCompiler.js";
import type { RequestRule, RuleRequest } from "../../engine/vendor.js";
import { ruleViolation, type SortKey } from "../common.js";
import { compileFilter } from "./filter.js";
import { instant, plannedDuration, SCHEDULE_FIELDS, type TaskSchedule } from "./records.js";

/** The rule names of the two date rules: a 400 made only of them is awork's date-dependency. */
export const END_AFTER_START = "endAfterStart";
export const SPAN_FITS = "plannedDuration";
export const DATE_RULES: ReadonlySet<string> = new Set([END_AFTER_START, SPAN_FITS]);

/** plannedDuration is an int32 (the spec's format): the longest span it can hold, in seconds. */
export const MAX_PLANNED_SECONDS = 2_147_483_647;

/**
 * The date rules over a start and an end (field names as the body or the task spells them):
 * the end after the start (conflict awork-end-before-start), and a span plannedDuration can hold.
 * Both values must already be date-times; anything else is the schema's to report.
 */
export function dateViolations(startField: string, endField: string, start: string, end: string): Violation[] {
  const from = instant(start);
  const to = instant(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return [];
  if (to <= from) {
    const startName = startField.charAt(0).toUpperCase() + startField.slice(1);
    return [ruleViolation(`/${endField}`, `must be after '${startName}'`, END_AFTER_START, "body", { params: { [startField]: start }, value: end })];
  }
  const seconds = plannedDuration(start, end);
  if (seconds <= MAX_PLANNED_SECONDS) return [];
  const message = `must be at most ${MAX_PLANNED_SECONDS} seconds after '${startField}': plannedDuration (int32) cannot hold ${seconds}`;
  return [ruleViolation(`/${endField}`, message, SPAN_FITS, "body", { params: { limit: MAX_PLANNED_SECONDS, [startField]: start }, value: end })];
}

/** A create's or a PUT's body: when it holds both dates as strings, their rules (the body alone decides them). */
function bodyDates(request: RuleRequest): Violation[] {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [];
  const { startDate, endDate } = body as Record<string, unknown>;
  if (typeof startDate !== "string" || typeof endDate !== "string") return [];
  return dateViolations("startDate", "endDate", startDate, endDate);
}

/** `startDate desc,userId` → sort keys and a name for that order, or why it cannot be applied. */
export type Order = { ok: true; keys: SortKey<TaskSchedule>[]; name: string } | { ok: false; message: string };

const DATE_FIELDS = new Set(["startDate", "endDate", "createdOn", "updatedOn"]);

/**
 * `startDate desc,userId` → sort keys, and a name for that order (the fields as the schema
 * spells them, with their directions); unknown properties are refused. Default: startDate, then id.
 */
export function orderOf(text: string | undefined): Order {
  const statements = text === undefined || text.trim() === "" ? ["startDate", "id"] : text.split(",");
  const keys: SortKey<TaskSchedule>[] = [];
  const names: string[] = [];
  for (const statement of statements) {
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(statement);
    const field = m ? SCHEDULE_FIELDS.find((f) => f.toLowerCase() === m[1]?.toLowerCase()) : undefined;
    if (!m || !field)
      return { ok: false, message: `orderby: "${statement.trim()}" is not a property of a task schedule followed by asc or desc` };
    const descending = m[2]?.toLowerCase() === "desc";
    keys.push({ read: DATE_FIELDS.has(field) ? (s) => instant(s[field] as string) : (s) => s[field], descending });
    names.push(`${field} ${descending ? "desc" : "asc"}`);
  }
  return { ok: true, keys, name: names.join(",") };
}

/** Whether a filterby parses, whoever asks and whenever: its meaning (me.id, today) is the handler's. */
function filterViolations(text: string): Violation[] {
  const filter = compileFilter(text, { fields: SCHEDULE_FIELDS, me: "", now: new Date(0) });
  if (filter.ok) return [];
  return [ruleViolation("/filterby", filter.message, "filterby", "query", { value: text })];
}

/** The list's filterby and orderby, each when it was sent once as a string (else the schema reports it). */
function listRules(request: RuleRequest): Violation[] {
  const violations: Violation[] = [];
  const { filterby, orderby } = request.query;
  if (typeof filterby === "string") violations.push(...filterViolations(filterby));
  if (typeof orderby === "string") {
    const order = orderOf(orderby);
    if (!order.ok) violations.push(ruleViolation("/orderby", order.message, "orderby", "query", { value: orderby }));
  }
  return violations;
}

export const aworkRequestRules: Record<string, RequestRule> = {
  listTaskSchedules: listRules,
  createTaskSchedule: bodyDates,
  updateTaskSchedule: bodyDates,
};
