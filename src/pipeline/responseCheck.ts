// Stage 9, response check: an answer leaves only after it passed the spec's schema for its status.
// Here, and only here, a successful answer's writes are committed; an answer that breaks the spec
// becomes taskmock's 500 response-violation problem, and its writes are dropped.
import type { CompiledResponse } from "../engine/operation.js";
import { problem } from "../engine/problem.js";
import type { Violation } from "../engine/schemaCompiler.js";
import { problemResponse } from "./answers.js";
import type { Answer, Exchange } from "./exchange.js";

/**
 * How an answer departs from the spec: its body against the documented response of its status
 * (`expected`), or its status itself when the operation does not document it. The mock's own
 * answers and the validating proxy's upstream answers are checked by this one function.
 */
export function responseBreaches(expected: CompiledResponse | undefined, status: number, body: unknown, operationId: string | undefined): Violation[] {
  if (expected) return expected.validate(body);
  return [{ location: "response", pointer: "/", rule: "status", message: `status ${status} is not documented for ${operationId}`, value: status }];
}

export function responseCheck(ex: Exchange): void {
  const answer = ex.answer as Answer;
  const { expected, response } = answer;
  if (expected === "problem") return;
  // The answer is checked and serialised in one pass, by its documented response: a page of
  // checked records as bytes joined from each record's, made when it was first checked
  // (engine/checkedItems.ts). The journal keeps the result and the writer sends it.
  const checked = expected
    ? expected.check(response.body)
    : { violations: responseBreaches(undefined, response.status, response.body, ex.operation?.operationId) };
  const breaches = checked.violations;
  if (breaches.length === 0) {
    if (checked.bytes !== undefined) {
      response.bodyBytes = checked.bytes;
      if (checked.recycle) response.recycle = checked.recycle;
    }
    else if (checked.text !== undefined && !response.drop) response.bodyText = checked.text;
    if (answer.tx?.dirty && response.status < 400) {
      answer.tx.commit();
      ex.services.committed(answer.tx);
    }
    return;
  }
  const detail = `${ex.rt.spec.vendor} ${ex.operation?.operationId ?? "router"} answered ${response.status}, which breaks the spec`;
  ex.services.report(`taskmock bug: ${detail}: ${breaches.map((b) => `${b.pointer} ${b.message}`).join("; ")}`);
  ex.answer = {
    response: problemResponse(problem("response-violation", 500, detail, { violations: breaches, attempted: { status: response.status, body: response.body } })),
    outcome: "response-violation",
    expected: "problem",
  };
}
