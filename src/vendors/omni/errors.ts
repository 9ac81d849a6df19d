// Omni's error body, in both shapes Omni documents at once (conflict omni-error-body-shape): its
// errors page's {error: <the status's reason phrase>, message} and its OpenAPI definition's
// {detail, status} (detail the same text as message). A 400 lists every violation in message,
// "; "-separated, in the zod-like wording Omni's API uses.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { VendorError } from "../../engine/vendor.js";
import { checkCron, FIELD_ORDER } from "./cron.js";

const REASON_PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The rules checked beside the schema (rules.ts): a cron violation carries params.reason; both carry the value sent. */
export const CRON_RULE = "cron";
export const TIMEZONE_RULE = "timezone";

/** Omni's sentence for a refused cron expression, quoting it as the docs' example does. */
export function cronRefusal(expression: unknown, reason: string): string {
  return `Invalid cron expression: ${JSON.stringify(expression)}. ${reason}`;
}

/** Omni's sentence for a zone Intl does not know, quoting it. */
export function zoneRefusal(zone: unknown): string {
  return `Invalid timezone: ${JSON.stringify(zone)} is not a valid IANA timezone identifier`;
}

/** The handlers' words for a connection or a schedule that is not there (Omni's name no id), shared with forced.ts. */
export const CONNECTION_NOT_FOUND = "Connection not found";
export const SCHEDULE_NOT_FOUND = "Schedule not found";

/** The reason phrase of an HTTP status: an error body's `error`. */
export const reasonPhrase = (status: number): string => REASON_PHRASES[status] ?? "Bad Request";

export const MESSAGES = {
  "missing-credential": "Missing Authorization header. Include it as: Bearer YOUR_TOKEN",
  "unknown-credential": "Invalid API key",
  "read-only": "Permission denied - connection admin role required",
} as const;

/** The two realism answers (--rate-limits, a maintenance window) in the texts of the spec's examples. */
export const RATE_LIMITED = "Rate limit exceeded. The Omni API allows 60 requests per minute per API key; retry with exponential backoff.";
export const MAINTENANCE = "Omni is undergoing scheduled maintenance. Retry after the number of seconds in the Retry-After header.";

/** The body of every Omni error: the errors page's two fields and the definition's two. */
export interface OmniError {
  error: string;
  message: string;
  detail: string;
  status: number;
}

export function omniErrorBody(error: VendorError): OmniError {
  const phrase = reasonPhrase(error.status);
  const body = (message: string): OmniError => ({ error: phrase, message, detail: message, status: error.status });
  if (error.kind === "validation" && error.violations?.length) return body(validationMessage(error.violations));
  // The engine's own words for these two name no vendor; Omni's examples do.
  if (error.kind === "rate-limited") return body(RATE_LIMITED);
  if (error.kind === "unavailable") return body(MAINTENANCE);
  // Omni's wording starts with "Method" before the engine's sentence for people (which names the
  // path, which the error's fields do not carry); nothing here reads that sentence.
  if (error.kind === "method-not-allowed") return body(`Method ${error.message}`);
  return body(error.message);
}

/** Every violation, each in Omni's words; unknown keys of one object share one sentence, as zod's do. */
export function validationMessage(violations: Violation[]): string {
  // The usual 400 names no unknown key: one sentence per violation, in order.
  if (!violations.some((v) => v.rule === "additionalProperties")) {
    let message = "";
    for (let i = 0; i < violations.length; i++) message += `${i === 0 ? "" : "; "}${render(violations[i] as Violation)}`;
    return message;
  }
  const sentences: ({ text: string } | { object: string; keys: string[] })[] = [];
  const unknownKeys = new Map<string, string[]>();
  for (const v of violations) {
    if (v.rule !== "additionalProperties") {
      sentences.push({ text: render(v) });
      continue;
    }
    const at = v.pointer.lastIndexOf("/");
    const path = v.pointer.slice(0, at).split("/").filter(Boolean);
    // The body's own keys are named bare, as zod does; a nested object's by its path.
    const object = path.length > 0 ? `${path.join(".")}: ` : v.location === "body" ? "" : `${v.location}: `;
    let keys = unknownKeys.get(object);
    if (!keys) {
      keys = [];
      unknownKeys.set(object, keys);
      sentences.push({ object, keys });
    }
    keys.push(`'${v.pointer.slice(at + 1)}'`);
  }
  return sentences
    .map((s) => ("text" in s ? s.text : `Bad Request: ${s.object}Unrecognized key(s) in object: ${s.keys.join(", ")}`))
    .join("; ");
}

function render(v: Violation): string {
  const field = fieldName(v);
  if (v.rule === CRON_RULE) return cronRefusal(v.value, String(v.params?.["reason"]));
  if (v.rule === TIMEZONE_RULE) return zoneRefusal(v.value);
  // The schema's patterns are the first, coarse check of the two values; the sentence is the one
  // the handler's full check gives (the coarse gist only where the full check would pass).
  if (v.location === "body" && v.rule === "pattern" && field === "schedule") {
    const verdict = typeof v.value === "string" ? checkCron(v.value) : undefined;
    return cronRefusal(v.value, verdict && !verdict.ok ? verdict.reason : COARSE_CRON);
  }
  if (v.location === "body" && v.rule === "pattern" && field === "timezone") return zoneRefusal(v.value);
  return `Bad Request: ${field}: ${problem(v)}`;
}

/** What the schedule's pattern asks, for a value only it refuses (a leading space, say). */
const COARSE_CRON = `Expected 6 fields in AWS EventBridge format: ${FIELD_ORDER}, each using only the digits, upper-case names and wildcards its field allows`;

/** `/connectionId` → connectionId; `/a/0/b` → a.0.b; the whole body → body. */
function fieldName(v: Violation): string {
  const { pointer } = v;
  // One segment (`/schedule`): the name itself.
  if (pointer.length > 1 && pointer.charCodeAt(0) === 47 /* "/" */ && pointer.indexOf("/", 1) === -1) return pointer.slice(1);
  const path = pointer.split("/").filter(Boolean);
  return path.length > 0 ? path.join(".") : v.location;
}

/** zod's words for a schema rule, from the rule's parameters. */
function problem(v: Violation): string {
  const params = v.params ?? {};
  switch (v.rule) {
    case "required":
      return "Required";
    case "format":
      return typeof params["format"] === "string" ? `Invalid ${params["format"]}` : v.message;
    case "type":
      return params["type"] !== undefined ? `Expected ${String(params["type"])}` : v.message;
    case "json":
      return typeof params["reason"] === "string" ? `Invalid JSON (${params["reason"]})` : "Invalid JSON";
    default:
      return v.message;
  }
}
