// Negotiation: what response a request asks for (Prefer's `code`, `example` and `dynamic`, or the
// query fallbacks `__code`, `__example`, `__dynamic`), decided against what the operation
// documents. A pure function of the header, the query and the operation; its result is kept on
// the journal entry, which verify and coverage read.
import type { CompiledOperation } from "../engine/operation.js";
import { isForced, readPreference } from "../engine/prefer.js";
import type { ProblemKind } from "../engine/problem.js";

export type Negotiation =
  /** Nothing asked for. */
  | { kind: "none"; asked401: false }
  /** A documented response to send: its status, and the example or generated body asked for. */
  | { kind: "choice"; status: number; example?: string; dynamic: boolean; asked401: boolean }
  /** Something the operation does not document, or a header that cannot be read. */
  | {
      kind: "problem";
      problem: ProblemKind;
      status: 400;
      detail: string;
      /** What was asked: the status and example names as sent. */
      code?: number;
      example?: string;
      documented?: number[];
      examples?: string[];
      asked401: boolean;
    };

export const NONE: Negotiation = Object.freeze({ kind: "none", asked401: false });

export function negotiate(
  prefer: string | undefined,
  query: Record<string, string | string[]>,
  operation: Pick<CompiledOperation, "vendor" | "operationId" | "statuses" | "responses">,
): Negotiation {
  const read = readPreference(prefer, query);
  if (!read.ok) return { kind: "problem", problem: "bad-preference", status: 400, detail: read.detail, asked401: false };
  if (!isForced(read.preference)) return NONE;
  return choose(operation, read.preference);
}

/** The documented response for an explicit choice (a fault rule's status and example too). */
export function choose(
  operation: Pick<CompiledOperation, "vendor" | "operationId" | "statuses" | "responses">,
  preference: { code?: number; example?: string; dynamic?: boolean },
): Negotiation {
  const { code, example } = preference;
  const asked401 = code === 401;
  let status = code;
  if (status === undefined && example !== undefined) {
    status = [...operation.responses.values()].find((r) => r.examples.has(example))?.status;
  }
  status ??= operation.statuses.find((s) => s >= 200 && s < 300) ?? operation.statuses[0];
  const expected = status === undefined ? undefined : operation.responses.get(status);
  if (!expected || status === undefined) {
    const asked = code !== undefined ? `status ${code}` : `an example named ${example}`;
    return {
      kind: "problem",
      problem: "undocumented-status",
      status: 400,
      detail: `${operation.vendor} ${operation.operationId} does not document ${asked}; it documents ${operation.statuses.join(", ")}`,
      ...askedFor(preference),
      documented: operation.statuses,
      asked401,
    };
  }
  // An example that is not there is a problem even where the status has no body (a 204): the
  // test expects something the vendor never sends.
  if (example !== undefined && !expected.examples.has(example)) {
    return {
      kind: "problem",
      problem: "unknown-example",
      status: 400,
      detail: `${operation.operationId} ${expected.status} has no example named ${example}`,
      ...askedFor(preference),
      examples: [...expected.examples.keys()],
      asked401,
    };
  }
  return { kind: "choice", status, ...(example === undefined ? {} : { example }), dynamic: preference.dynamic === true, asked401 };
}

function askedFor(preference: { code?: number; example?: string }): { code?: number; example?: string } {
  return { ...(preference.code === undefined ? {} : { code: preference.code }), ...(preference.example === undefined ? {} : { example: preference.example }) };
}
