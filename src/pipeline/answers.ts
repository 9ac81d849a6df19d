// The answers stages decide: a vendor's error in its own shape, a forced (negotiated) response,
// taskmock's own problem+json.
import { generateFromSchema } from "../engine/generate.js";
import type { CompiledOperation, CompiledResponse } from "../engine/operation.js";
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from "../engine/problem.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { EngineResponse, VendorError } from "../engine/vendor.js";
import type { Answer, Exchange, Outcome } from "./exchange.js";
import { JSON_CONTENT_TYPE } from "./exchange.js";
import type { Negotiation } from "./negotiation.js";

/** An expected failure in the vendor's documented shape, to be checked against `expected`. */
export function vendorError(
  ex: Exchange,
  error: VendorError,
  expected: CompiledResponse | undefined,
  outcome: Outcome,
  extraHeaders: Record<string, string> = {},
): Answer {
  const adapter = ex.rt.adapter;
  const headers: Record<string, string> = {
    "content-type": JSON_CONTENT_TYPE,
    ...adapter.errorHeaders?.(error, ex.services.faker),
    ...ex.headers,
    ...extraHeaders,
  };
  return { response: { status: error.status, headers, body: adapter.errorBody(error, ex.operation, headers) }, outcome, expected };
}

/** The documented response a negotiation (or a fault rule) chose: its example, or a generated body. */
export function forcedAnswer(ex: Exchange, choice: Extract<Negotiation, { kind: "choice" }>, outcome: Outcome): Answer {
  const operation = ex.operation as CompiledOperation;
  const expected = operation.responses.get(choice.status) as CompiledResponse;
  const { doc } = ex.rt.spec;
  const { adapter } = ex.rt;
  // An error forced without naming an example is the vendor's own, worded for this request (its ids).
  if (choice.status >= 400 && choice.example === undefined && !choice.dynamic && adapter.forcedError) {
    const error = adapter.forcedError(choice.status, { operation, params: ex.params, query: ex.query, body: ex.body, principal: ex.principal });
    if (error !== undefined && error.status === choice.status) return vendorError(ex, error, expected, outcome);
  }
  let body: unknown;
  if (expected.hasBody) {
    if (choice.example !== undefined) body = expected.examples.get(choice.example);
    else if (choice.dynamic && expected.schema !== undefined) {
      body = generateFromSchema(doc, expected.schema, ex.services.faker);
      if (adapter.conform) body = adapter.conform(operation.operationId, choice.status, body);
      if (expected.validate(body).length > 0 && expected.examples.size > 0) body = expected.examples.values().next().value;
    } else if (expected.examples.size > 0) body = expected.examples.values().next().value;
    else if (expected.schema !== undefined) body = generateFromSchema(doc, expected.schema, ex.services.faker);
  }
  const headers: Record<string, string> = expected.hasBody ? { "content-type": JSON_CONTENT_TYPE } : {};
  for (const [name, schema] of expected.headers) headers[name] = String(generateFromSchema(doc, schema, ex.services.faker));
  return { response: { status: expected.status, headers, body: structuredClone(body) }, outcome, expected };
}

/** taskmock's own problem for a negotiation it cannot honour. */
export function problemAnswer(choice: Extract<Negotiation, { kind: "problem" }> | undefined, outcome: Outcome): Answer {
  if (!choice) return { response: problemResponse(problem("internal-error", 500, "no answer was chosen")), outcome, expected: "problem" };
  const extra: Record<string, unknown> = {};
  if (choice.documented) extra["documented"] = choice.documented;
  if (choice.examples) extra["examples"] = choice.examples;
  return { response: problemResponse(problem(choice.problem, choice.status, choice.detail, extra)), outcome, expected: "problem" };
}

export function problemResponse(p: Problem): EngineResponse {
  return { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: p };
}

/** One line naming every violation: `body/name is required; query/limit must be <= 100`. */
export function summarize(violations: Violation[]): string {
  return violations.map((v) => `${v.location}${v.pointer === "/" ? "" : v.pointer} ${v.message}`).join("; ");
}
