// Stage 7, validation: a request that breaks the contract (parameters, headers, content type,
// body, and the vendor's rules over the request alone) answers the vendor's 400 listing every
// violation at once. `inspect` does the looking for the route stage, so every later stage and
// the journal see the violations. Where the vendor's server ignores body properties its contract
// does not take (the spec's `info.x-taskmock-unknown-properties: {policy: ignore}`), they are
// dropped from the body and kept as warnings instead, unless the mock runs strict.
import type { CompiledOperation } from "../engine/operation.js";
import { escapePointer, unescapePointer, type Violation } from "../engine/schemaCompiler.js";
import type { EngineRequest, VendorError } from "../engine/vendor.js";
import { summarize, vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";

/** A JSON media type (application/json, application/problem+json, …), parameters allowed. */
export const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** How deep a request body may nest (objects and arrays): deeper is a 400, for every vendor. */
const MAX_BODY_DEPTH = 64;

/**
 * Whether a parsed JSON value nests deeper than `limit` (objects and arrays count). Recursive, but
 * never more than `limit` + 1 calls deep, however deep the value.
 */
function deeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeperThan(value[i], limit - 1)) return true;
    return false;
  }
  for (const key in value) if (deeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  return false;
}

/** Checks the matched request's parameters and body; keeps the coerced values and the violations. */
export function inspect(ex: Exchange): void {
  const operation = ex.operation as CompiledOperation;
  const parameters = operation.validateParameters({
    path: ex.params as Record<string, string>,
    query: ex.request.query,
    headers: ex.request.headers,
  });
  const parsed = readBody(operation, ex.request);
  let bodyViolations = parsed.violations;
  if (ex.rt.spec.ignoresUnknown && !ex.services.strict && bodyViolations.some(isUnknownProperty)) {
    const ignored = withoutUnknown(operation, parsed.value, bodyViolations);
    parsed.value = ignored.value;
    bodyViolations = ignored.violations;
    ex.warnings = ignored.warnings;
  }
  ex.params = parameters.path;
  ex.query = parameters.query;
  ex.body = parsed.value;
  const found = parameters.violations;
  let violations = bodyViolations.length === 0 ? found : found.length === 0 ? bodyViolations : [...found, ...bodyViolations];
  const rule = ex.rt.adapter.requestRules?.[operation.operationId];
  if (rule && parsed.readable) {
    const more = beyond(violations, rule({ params: ex.params, query: ex.query, headers: ex.request.headers, body: ex.body }));
    if (more.length > 0) violations = [...violations, ...more];
  }
  ex.violations = violations;
}

/** The vendor rules' violations that say something the schema's do not (not at or under a place the schema already refused). */
function beyond(schema: Violation[], rules: Violation[]): Violation[] {
  if (schema.length === 0) return rules;
  return rules.filter((r) => !schema.some((s) => s.location === r.location && (r.pointer === s.pointer || r.pointer.startsWith(`${s.pointer === "/" ? "" : s.pointer}/`))));
}

function isUnknownProperty(v: Violation): boolean {
  return v.location === "body" && v.rule === "additionalProperties";
}

/** How many times a body is stripped and checked again (a property unknown in a branch shows only once its parent's branch is decided). */
const IGNORE_PASSES = 4;

/**
 * The body without the properties the contract does not take, checked again: what the vendor's
 * server reads of it. Each dropped property is a warning naming it; what is left of the
 * violations is what the server would still refuse.
 */
function withoutUnknown(
  operation: CompiledOperation,
  value: unknown,
  violations: Violation[],
): { value: unknown; violations: Violation[]; warnings: Violation[] } {
  const warnings: Violation[] = [];
  const body = structuredClone(value);
  let left = violations;
  for (let pass = 0; pass < IGNORE_PASSES && left.some(isUnknownProperty); pass++) {
    const before = warnings.length;
    for (const v of left) {
      if (!isUnknownProperty(v)) continue;
      const name = String(v.params?.["additionalProperty"]);
      const parent = v.pointer.slice(0, v.pointer.length - escapePointer(name).length - 1);
      const holder = at(body, parent);
      if (holder === undefined || !Object.hasOwn(holder, name)) continue;
      delete holder[name];
      const warning: Violation = { location: "body", pointer: v.pointer, rule: "ignored", message: "is not a property of the contract: the vendor's server ignores it" };
      if ("value" in v) warning.value = v.value;
      warnings.push(warning);
    }
    // Nothing dropped in this pass: checking the same body again would find the same.
    if (warnings.length === before) break;
    left = operation.validateBody(body);
  }
  if (warnings.length === 0) return { value, violations, warnings };
  return { value: body, violations: left, warnings };
}

/** The object a JSON pointer names inside `root`, if it is one. */
function at(root: unknown, pointer: string): Record<string, unknown> | undefined {
  let node = root;
  if (pointer !== "" && pointer !== "/") {
    for (const raw of pointer.slice(1).split("/")) {
      if (typeof node !== "object" || node === null) return undefined;
      node = (node as Record<string, unknown>)[unescapePointer(raw)];
    }
  }
  return typeof node === "object" && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

export function validation(ex: Exchange): void {
  if (ex.violations.length === 0) return;
  const error: VendorError = { status: 400, kind: "validation", message: summarize(ex.violations), violations: ex.violations };
  ex.answer = vendorError(ex, error, ex.operation?.responses.get(400), "rejected");
}

/** The body as read: its value, its violations, and whether vendor rules can read it (JSON, or no body at all). */
interface ReadBody {
  value: unknown;
  violations: Violation[];
  readable: boolean;
}

function readBody(operation: CompiledOperation, req: EngineRequest): ReadBody {
  const unread = (violations: Violation[]): ReadBody => ({ value: undefined, violations, readable: false });
  if (!operation.requestBody) return { value: undefined, violations: [], readable: true };
  if (req.bodyTooLarge) {
    return unread([{ location: "body", pointer: "/", rule: "maxSize", message: "is larger than 1 MiB", params: { limit: 1024 * 1024 } }]);
  }
  const text = req.bodyText;
  if (text === undefined || text.trim() === "") {
    return operation.requestBody.required
      ? { value: undefined, violations: [{ location: "body", pointer: "/", rule: "required", message: "a JSON body is required" }], readable: true }
      : { value: undefined, violations: [], readable: true };
  }
  const type = req.headers["content-type"] ?? "";
  if (!JSON_MEDIA.test(type)) {
    const violation: Violation = {
      location: "header",
      pointer: "/content-type",
      rule: "content-type",
      message: `must be application/json, not ${type ? JSON.stringify(type) : "missing"}`,
      params: { allowed: operation.requestBody.mediaTypes },
    };
    if (type) violation.value = type;
    return unread([violation]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return unread([{ location: "body", pointer: "/", rule: "json", message: `is not valid JSON: ${(error as Error).message}`, params: { reason: (error as Error).message } }]);
  }
  if (deeperThan(value, MAX_BODY_DEPTH)) {
    return unread([{ location: "body", pointer: "/", rule: "maxDepth", message: `nests deeper than ${MAX_BODY_DEPTH} levels`, params: { limit: MAX_BODY_DEPTH } }]);
  }
  return { value, violations: operation.validateBody(value), readable: true };
}
