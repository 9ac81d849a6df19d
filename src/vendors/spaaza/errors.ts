// Spaaza's error body (the main API's Responses page): {"result": {"code": 2, "status": "error"},
// "error": {"code", "name", "description"}}, with the spec's fixed code/name pairs (900-931).
// Every violation reaches the client in description as "<pointer>: <problem>", "; "-separated.
import type { CompiledOperation } from "../../engine/operation.js";
import type { Violation } from "../../engine/schemaCompiler.js";
import type { CredentialProblem, VendorError, VendorErrorKind } from "../../engine/vendor.js";

const ERROR_CODES = {
  invalid_request: 900,
  invalid_json: 901,
  invalid_target: 902,
  invalid_trigger: 903,
  task_not_done: 905,
  task_in_progress: 906,
  authentication_required: 910,
  invalid_access_token: 911,
  permission_denied: 912,
  chain_not_permitted: 913,
  invalid_session: 914,
  task_not_found: 920,
  route_not_found: 930,
  method_not_allowed: 931,
} as const;

type ErrorName = keyof typeof ERROR_CODES;

const BEARER = "Authorization: Bearer {access_token_id}:{token_secret}";
const SESSION = "X-Spaaza-Session-User-Id, X-Spaaza-Session-Key and X-Spaaza-Session-Chain-Id";

/** The spec's name for the admin session's three headers, needed together (security requirement). */
export const SESSION_SCHEME = "sessionUserId+sessionKey+sessionChainId";

/** The engine's authentication failures, worded as the spec's examples word them. */
export const MESSAGES = {
  "missing-credential": `Authentication required: send ${BEARER}, or an admin session's ${SESSION}`,
  "unknown-credential": `The access token is not valid: use ${BEARER}`,
  "read-only": "This token may not change the tasks of its chain",
} as const;

/**
 * The kinds the spec has no status for (conflict, 429, 5xx) never reach this renderer from a
 * request: Prefer and fault rules answer with the spec's examples. invalid_request is the
 * nearest honest name should one ever do.
 */
const BY_KIND: Record<VendorErrorKind, ErrorName> = {
  validation: "invalid_request",
  unauthorized: "invalid_access_token",
  forbidden: "permission_denied",
  "not-found": "task_not_found",
  "route-not-found": "route_not_found",
  "method-not-allowed": "method_not_allowed",
  conflict: "invalid_request",
  "rate-limited": "invalid_request",
  unavailable: "invalid_request",
  "server-error": "invalid_request",
};

/**
 * Why authentication failed, by the spec's bearerAuth rule: no Authorization, or one that is not
 * `Bearer <credential>` (`Basic …`), is authentication_required; a credential no token has is
 * invalid_access_token.
 */
const BY_CREDENTIAL: Record<CredentialProblem, ErrorName> = {
  missing: "authentication_required",
  malformed: "authentication_required",
  unknown: "invalid_access_token",
};

const isName = (code: string | undefined): code is ErrorName => code !== undefined && Object.hasOwn(ERROR_CODES, code);

/** Under /target (or /trigger) of the body: a missing target itself is a request problem, not a target one. */
function under(v: Violation, field: "/target" | "/trigger"): boolean {
  if (v.location !== "body") return false;
  return v.pointer.startsWith(`${field}/`) || (v.pointer === field && v.rule !== "required");
}

/** The spec's rule: invalid_target (or invalid_trigger) when every violation is under it, invalid_json for a body that is not JSON. */
function validationName(violations: Violation[]): ErrorName {
  if (violations.some((v) => v.rule === "json")) return "invalid_json";
  if (violations.length > 0 && violations.every((v) => under(v, "/target"))) return "invalid_target";
  if (violations.length > 0 && violations.every((v) => under(v, "/trigger"))) return "invalid_trigger";
  return "invalid_request";
}

function nameOf(error: VendorError): ErrorName {
  if (isName(error.code)) return error.code;
  // Admin session headers sent in part, or naming no session of that chain.
  if (error.kind === "unauthorized" && error.scheme === SESSION_SCHEME) return "invalid_session";
  if (error.kind === "validation") return validationName(error.violations ?? []);
  if (error.kind === "unauthorized" && error.credential !== undefined) return BY_CREDENTIAL[error.credential];
  return BY_KIND[error.kind];
}

/** `/trigger/segment` + `/chain_id` → `/trigger/segment/chain_id`; the body itself is `/body`. */
function where(location: string, pointer: string): string {
  if (location === "body") return pointer === "/" || pointer === "" ? "/body" : pointer;
  return `/${location}${pointer === "/" ? "" : pointer}`;
}

/** The property a required or additionalProperties violation names (ajv's params), if any. */
function propertyOf(v: Violation): string | undefined {
  const key = v.rule === "required" ? "missingProperty" : v.rule === "additionalProperties" ? "additionalProperty" : undefined;
  const name = key === undefined ? undefined : v.params?.[key];
  return typeof name === "string" ? name : undefined;
}

/** One violation as "<pointer>: <problem>", in ajv's own words where the engine rephrased them. */
function describeViolation(v: Violation): string {
  if (v.rule === "json") return `The request body ${v.message}`;
  const field = propertyOf(v);
  if (field !== undefined) {
    // The violation's pointer names the property itself; ajv's words name it from its parent.
    const parent = where(v.location, v.pointer.slice(0, v.pointer.lastIndexOf("/")) || "/");
    return v.rule === "required"
      ? `${parent}: must have required property '${field}'`
      : `${parent}: must NOT have additional property '${field}'`;
  }
  if (v.rule === "not" && v.pointer === "/trigger") return "/trigger: must NOT have both segment and segment_id (they are alternatives)";
  return `${where(v.location, v.pointer)}: ${v.message}`;
}

export function spaazaErrorBody(error: VendorError, _operation: CompiledOperation | undefined): unknown {
  const name = nameOf(error);
  const violations = error.violations ?? [];
  // A malformed credential comes worded as an unknown one; Spaaza's words follow the name.
  const message =
    name === "authentication_required"
      ? MESSAGES["missing-credential"]
      : name === "invalid_session"
        ? `The admin session is not valid: send all of ${SESSION}, of a session of a user with access to that chain`
        : error.message;
  // An error the handler names (task_in_progress, task_not_done…) says what its message says; a
  // request's violations are listed one by one.
  const description = violations.length > 0 && !isName(error.code) ? violations.map(describeViolation).join("; ") : message;
  return {
    result: { code: 2, status: "error" },
    error: { code: ERROR_CODES[name], name, description: description || name },
  };
}
