// Huawei's error body, {"error_code": "WKS.xxxxxxxx", "error_msg": "..."}: the codes the spec
// gives per failure, and the violations (field and reason) written into error_msg.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerResult, VendorError, VendorErrorKind } from "../../engine/vendor.js";
import type { components } from "../../generated/huawei.js";
import { fail } from "../common.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];

/** The codes of components.responses; those marked "chosen by taskmock" in the spec included. */
export const CODES = {
  invalid: "WKS.00211102",
  unauthorized: "WKS.00000401",
  forbidden: "WKS.00081102",
  resourceNotFound: "WKS.00000404",
  taskNotFound: "WKS.00211104",
  methodNotAllowed: "WKS.00000405",
  conflict: "WKS.00211103",
  internal: "WKS.00211401",
  unavailable: "WKS.00000503",
  // No operation documents 429; a fault rule asking for it still gets a body of Huawei's shape.
  rateLimited: "WKS.00000429",
} as const;

const BY_KIND: Record<VendorErrorKind, string> = {
  validation: CODES.invalid,
  unauthorized: CODES.unauthorized,
  forbidden: CODES.forbidden,
  "not-found": CODES.resourceNotFound,
  "route-not-found": CODES.resourceNotFound,
  "method-not-allowed": CODES.methodNotAllowed,
  conflict: CODES.conflict,
  "rate-limited": CODES.rateLimited,
  unavailable: CODES.unavailable,
  "server-error": CODES.internal,
};

/** Huawei's sentence for each kind, as the spec's examples word it. */
const SENTENCES: Partial<Record<VendorErrorKind, string>> = {
  validation: "The parameter is invalid.",
  "route-not-found": "The requested resource does not exist.",
  "method-not-allowed": "The method specified in the request is not allowed for this resource.",
};

/** ErrorResponse.error_msg maxLength. */
const MAX_MESSAGE = 255;

export const MESSAGES = {
  "missing-credential": "Authentication failed. The request has no X-Auth-Token.",
  "unknown-credential": "Authentication failed. The token is invalid or expired.",
  "read-only": "User does not have permission to access this resource.",
} as const;

/** `target_infos/0/target_id: must be string`: the field as a path (a parameter by its name), then the reason as written for people. */
function describe(violation: Violation): string {
  const field = violation.pointer.replace(/^\//, "");
  return `${field === "" ? violation.location : field}: ${violation.message}`;
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

/** error_msg from the error's fields: the kind's sentence, then what the fields say of this failure. */
function messageOf(error: VendorError): string {
  const sentence = SENTENCES[error.kind];
  if (error.violations?.length) return `${sentence ?? error.message} ${error.violations.map(describe).join("; ")}`;
  switch (error.kind) {
    case "unauthorized":
      // An X-Auth-Token is taken as it is, so a malformed one is an unknown one.
      if (error.credential === undefined) return error.message;
      return MESSAGES[error.credential === "missing" ? "missing-credential" : "unknown-credential"];
    case "method-not-allowed": {
      const { method, allow } = error;
      const detail = method !== undefined && allow !== undefined ? ` ${method} is not allowed; this resource allows ${allow.join(", ")}.` : "";
      return `${sentence ?? error.message}${detail}`;
    }
    case "route-not-found":
      return `${sentence ?? ""} ${error.message}`;
    default:
      return error.message;
  }
}

export function huaweiErrorBody(error: VendorError): ErrorResponse {
  return { error_code: error.code ?? BY_KIND[error.kind], error_msg: truncate(messageOf(error)) };
}

/** 400 WKS.00211102 naming every field that breaks a rule the schema cannot state. */
export function invalid(violations: Violation[]): HandlerResult {
  return fail(400, "validation", "The parameter is invalid.", { violations });
}

/** 404 for a project_id the mock does not know: checked first by every operation. */
export function projectNotFound(project: string): HandlerResult {
  return fail(404, "not-found", `The requested resource does not exist. No project ${project}.`, { code: CODES.resourceNotFound });
}

export function taskNotFound(id: string): HandlerResult {
  return fail(404, "not-found", `The scheduled task does not exist. No task ${id} in this project.`, { code: CODES.taskNotFound });
}

export function executeHistoryNotFound(id: string): HandlerResult {
  return fail(404, "not-found", `The scheduled task execution record does not exist. No execution ${id} in this project.`, {
    code: CODES.taskNotFound,
  });
}
