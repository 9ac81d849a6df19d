// awork's error object (developers.awork.com/error-handling and the ErrorResponse of awork's own
// OpenAPI): code, description, link, traceId, details, validationErrors with PascalCase property
// names. The code follows the Error Handling page's list: an empty or unreadable body is
// invalid-model, a body over the size limit request-body-too-large, a bad filterby or orderby
// invalid-filter-or-order, an end not after its start (or a span plannedDuration cannot hold)
// date-dependency, any other broken parameter or field validation-failed.
import { createHash } from "node:crypto";
import type { Violation } from "../../engine/schemaCompiler.js";
import type { VendorError, VendorErrorKind } from "../../engine/vendor.js";
import { DATE_RULES } from "./rules.js";

const CODES: Record<VendorErrorKind, string> = {
  validation: "validation-failed",
  unauthorized: "workspaceid-missing",
  // awork answers a user lacking a permission with 401 unauthorized (index.ts authorize); a 403
  // never leaves awork's mock, the kind is mapped for completeness.
  forbidden: "unauthorized",
  "not-found": "not-found",
  "route-not-found": "not-found",
  "method-not-allowed": "method-not-allowed",
  conflict: "concurrency-violation",
  "rate-limited": "rate-limit-exceeded",
  unavailable: "database-commit",
  "server-error": "server-error",
};

/** The handlers' words for what is not there, shared with the forced answers (forced.ts). */
export const NOT_FOUND = {
  schedule: (id: string) => `Task schedule ${id} was not found.`,
  task: (id: string) => `Task ${id} was not found.`,
  user: (id: string) => `User ${id} was not found.`,
};

/** The Error Handling page's code for an operation the task's state does not allow. */
export const INVALID_OPERATION = "invalid-operation";

/** The bytaskid operation's refusal of a task without both dates. */
export const taskWithoutDates = (taskId: string) => `The task ${taskId} needs a start date and a due date to create task schedules.`;

const HANDLING = "https://developers.awork.com/error-handling";
const RESPONSE_TYPES = "https://developers.awork.com/#response-types";

/** The query parameters whose errors the spec names as written (`filterby`, `orderby`). */
const VERBATIM = new Set(["filterby", "orderby"]);

/** Rules that mean the body as a whole could not be read as a model: empty, `{}`, not JSON, not an object. */
const UNREADABLE_BODY = new Set(["json", "required", "minProperties", "type", "maxDepth"]);

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const atBodyRoot = (v: Violation) => v.location === "body" && (v.pointer === "/" || v.pointer === "");

/** Invalid-model: "The body of the request is invalid or empty." (a body of another content type is unreadable too). */
const unreadable = (v: Violation) => (atBodyRoot(v) && UNREADABLE_BODY.has(v.rule)) || (v.location === "header" && v.rule === "content-type");

const filterOrOrder = (v: Violation) => v.location === "query" && VERBATIM.has(v.pointer.replace(/^\//, "").toLowerCase());

/** The Error Handling page's code for a request the schema refused, from what was wrong with it. */
export function validationCode(violations: readonly Violation[]): string {
  if (violations.some((v) => v.rule === "maxSize")) return "request-body-too-large";
  if (violations.some(unreadable)) return "invalid-model";
  if (violations.length > 0 && violations.every(filterOrOrder)) return "invalid-filter-or-order";
  // Dates in violation with each other, and nothing else wrong (else validation-failed lists them all).
  if (violations.length > 0 && violations.every((v) => DATE_RULES.has(v.rule))) return "date-dependency";
  return "validation-failed";
}

/**
 * The property a validationErrors entry names, in PascalCase as in the docs' example ("Name"):
 * `/taskId` → `TaskId`, `/target/0` → `Target.[0]`, the query parameter `pageSize` → `PageSize`,
 * the path parameter `taskScheduleId` → `TaskScheduleId`; `filterby`, `orderby` (the spec's rules)
 * and headers keep their names.
 */
function propertyName(violation: Violation): string {
  const parts = violation.pointer.split("/").filter(Boolean);
  if (violation.location !== "body") {
    const name = parts[0];
    if (name === undefined) return violation.location;
    const parameter = violation.location === "query" || violation.location === "path";
    return parameter && !VERBATIM.has(name.toLowerCase()) ? pascal(name) : name;
  }
  return parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : pascal(p))).join(".");
}

function validationMessage(violation: Violation, property: string): string {
  if (violation.rule === "required") return `'${property}' should not be empty.`;
  if (violation.rule === "additionalProperties") return `'${property}' is not a known property.`;
  return `'${property}' ${violation.message}.`;
}

/**
 * A trace id in the shape of the definition's example (32 hex digits), derived from the error's
 * content: the mock keeps no per-request counter here, and a seeded run then answers the same
 * bytes every time (the same error, the same trace id).
 */
export function traceId(body: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 32);
}

/** The documentation an error's link points to: the response types for validation-failed, else the Error Handling page. */
export const linkFor = (code: string): string => (code === "validation-failed" ? RESPONSE_TYPES : HANDLING);

export function aworkErrorBody(error: VendorError): unknown {
  const violations = error.violations ?? [];
  const code = error.code ?? (error.kind === "validation" ? validationCode(violations) : CODES[error.kind]);
  // Every violation that names a property is listed; one of the body as a whole (empty, not JSON)
  // has no property to name, the description says it.
  const named = violations.filter((v) => !atBodyRoot(v) && v.location !== "header");
  const validationErrors = named.map((v) => {
    const property = propertyName(v);
    return { property, message: validationMessage(v, property) };
  });
  const content = { status: error.status, code, description: error.message, validationErrors };
  const body: Record<string, unknown> = {
    code,
    description: error.message,
    link: linkFor(code),
    traceId: traceId(content),
    details: [],
  };
  if (validationErrors.length > 0) body["validationErrors"] = validationErrors;
  return body;
}
