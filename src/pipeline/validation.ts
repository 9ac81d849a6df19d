// Stage 7, validation: a request that breaks the contract (parameters, headers, content type,
// body) answers the vendor's 400 listing every violation at once. `inspect` does the looking for
// the route stage, so every later stage and the journal see the violations.
import type { CompiledOperation } from "../engine/operation.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { EngineRequest, VendorError } from "../engine/vendor.js";
import { summarize, vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** How deep a request body may nest (objects and arrays): deeper is a 400, for every vendor. */
const MAX_BODY_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `limit` (walked without recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== "object" || node === null) continue;
    if (depth > limit) return true;
    for (const key in node) stack.push([(node as Record<string, unknown>)[key], depth + 1]);
  }
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
  ex.params = parameters.path;
  ex.query = parameters.query;
  ex.body = parsed.value;
  const found = parameters.violations;
  ex.violations = parsed.violations.length === 0 ? found : found.length === 0 ? parsed.violations : [...found, ...parsed.violations];
}

export function validation(ex: Exchange): void {
  if (ex.violations.length === 0) return;
  const error: VendorError = { status: 400, kind: "validation", message: summarize(ex.violations), violations: ex.violations };
  ex.answer = vendorError(ex, error, ex.operation?.responses.get(400), "rejected");
}

function readBody(operation: CompiledOperation, req: EngineRequest): { value: unknown; violations: Violation[] } {
  if (!operation.requestBody) return { value: undefined, violations: [] };
  if (req.bodyTooLarge) {
    return { value: undefined, violations: [{ location: "body", pointer: "/", rule: "maxSize", message: "is larger than 1 MiB", params: { limit: 1024 * 1024 } }] };
  }
  const text = req.bodyText;
  if (text === undefined || text.trim() === "") {
    return operation.requestBody.required
      ? { value: undefined, violations: [{ location: "body", pointer: "/", rule: "required", message: "a JSON body is required" }] }
      : { value: undefined, violations: [] };
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
    return { value: undefined, violations: [violation] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      value: undefined,
      violations: [{ location: "body", pointer: "/", rule: "json", message: `is not valid JSON: ${(error as Error).message}`, params: { reason: (error as Error).message } }],
    };
  }
  if (deeperThan(value, MAX_BODY_DEPTH)) {
    return {
      value: undefined,
      violations: [{ location: "body", pointer: "/", rule: "maxDepth", message: `nests deeper than ${MAX_BODY_DEPTH} levels`, params: { limit: MAX_BODY_DEPTH } }],
    };
  }
  return { value, violations: operation.validateBody(value) };
}
