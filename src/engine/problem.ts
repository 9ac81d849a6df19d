// taskmock's own errors about the mock itself (a bad admin call, an undocumented forced status,
// a response that broke the spec): application/problem+json, RFC 9457. Never a vendor's shape.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

export type ProblemKind =
  | "admin-bad-request"
  | "admin-not-found"
  | "bad-preference"
  | "undocumented-status"
  | "response-violation"
  | "unknown-example"
  | "internal-error"
  | "session-gone"
  | "upstream-unreachable"
  | "proxy-body-too-large"
  | "store-unavailable";

const TITLES: Record<ProblemKind, string> = {
  "admin-bad-request": "The admin request is not valid",
  "admin-not-found": "No such admin resource",
  "bad-preference": "The Prefer header cannot be read",
  "undocumented-status": "The operation does not document that status",
  "response-violation": "taskmock built a response that breaks the spec",
  "unknown-example": "The operation has no example of that name",
  "internal-error": "taskmock failed",
  "session-gone": "The session is gone",
  "upstream-unreachable": "The validating proxy could not reach the upstream",
  "proxy-body-too-large": "The validating proxy forwards bodies up to 1 MiB",
  "store-unavailable": "taskmock's shared store does not answer",
};

export function problem(kind: ProblemKind, status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:taskmock:problem:${kind}`, title: TITLES[kind], status, detail, ...extra };
}
