// Huawei's error body, {"error_code", "error_msg"}: the service's WKS codes (the API Explorer
// definitions' error examples and the Application Error Codes page), the API gateway's APIGW codes
// with their request_id for what the gateway answers itself (a failed sign-in, an unknown path),
// and error_msg written from the error's fields: as many violations as fit in its 255 characters,
// the most useful first, each naming its field and quoting the value, never a regular expression.
import type { Faker } from "@faker-js/faker";
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerResult, VendorError, VendorErrorKind } from "../../engine/vendor.js";
import type { components } from "../../generated/huawei.js";
import { fail } from "../common.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];

/** The codes of components.responses. */
export const CODES = {
  invalid: "WKS.00211102",
  /** The Application Error Codes page: "The request message input by the interface is empty." */
  emptyBody: "WKS.0001",
  /** The service's own 401 (the definitions' example); a failed sign-in is the gateway's signIn. */
  unauthorized: "WKS.00211302",
  /** The API gateway: "Incorrect IAM authentication information" (API Request Signing Guide). */
  signIn: "APIGW.0301",
  forbidden: "WKS.00081102",
  /** Every 404 the service answers (the definitions' example; conflict huawei-not-found-code). */
  notFound: "WKS.00211902",
  /** The API gateway: "The API does not exist or has not been published in the environment." */
  routeNotFound: "APIGW.0101",
  methodNotAllowed: "WKS.00000405",
  conflict: "WKS.00211103",
  internal: "WKS.00211401",
  unavailable: "WKS.00050902",
  /** The API gateway's throttling answer; no scheduled-task operation documents 429, so only a bug would send it. */
  rateLimited: "APIGW.0308",
} as const;

const BY_KIND: Record<VendorErrorKind, string> = {
  validation: CODES.invalid,
  unauthorized: CODES.signIn,
  forbidden: CODES.forbidden,
  "not-found": CODES.notFound,
  "route-not-found": CODES.routeNotFound,
  "method-not-allowed": CODES.methodNotAllowed,
  conflict: CODES.conflict,
  "rate-limited": CODES.rateLimited,
  unavailable: CODES.unavailable,
  "server-error": CODES.internal,
};

/** The sentence each kind's documented example gives. */
const SENTENCES: Partial<Record<VendorErrorKind, string>> = {
  validation: "The parameter is invalid.",
  "route-not-found": "The API does not exist or has not been published in the environment.",
  "method-not-allowed": "The method specified in the request is not allowed for this resource.",
  "rate-limited": "The throttling threshold has been reached.",
  unavailable: "The service is now unavailable to process the request.",
  "server-error": "The requested operation failed. Please try again later.",
};

/** ErrorResponse.error_msg maxLength. */
export const MAX_MESSAGE = 255;

/** What the API gateway says when it refuses a sign-in ("Common Errors Related to IAM Authentication Information"). */
export const SIGN_IN = {
  noCredential: "Incorrect IAM authentication information: x-auth-token not found",
  unknownToken: "Incorrect IAM authentication information: decrypt token fail",
  badSignature: "Incorrect IAM authentication information: verify aksk signature fail",
  unknownKey: (ak: string) => `Incorrect IAM authentication information: Get secretKey failed,ak:${ak},err:ak not exist`,
} as const;

export const MESSAGES = {
  "missing-credential": SIGN_IN.noCredential,
  "unknown-credential": SIGN_IN.unknownToken,
  "read-only": "User does not have permission to access this resource.",
} as const;

/** The Application Error Codes page's words for WKS.0001. */
const EMPTY_BODY = "The request message input by the interface is empty.";

/** A value as error_msg quotes it: JSON, cut to 40 characters. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 40 ? text : `${text.slice(0, 38)}…${text.slice(-1)}`;
}

/** What a JSON value is, as a person names it. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return `a ${typeof value}`;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The patterns of the request schemas, said in words (error_msg never shows a regular expression). */
const PATTERN_WORDS: Record<string, string> = {
  "/task_name": "may only hold letters, digits, Chinese characters, _ and -",
};

/** The reason part of a violation: `"day" is not one of FIXED_TIME, DAY, WEEK, MONTH`. */
function reason(v: Violation): string {
  const p = v.params ?? {};
  const has = "value" in v;
  const value = v.value;
  switch (v.rule) {
    case "enum":
      return `${has ? `${quote(value)} ` : ""}is not one of ${(p["allowedValues"] as unknown[]).map(String).join(", ")}`;
    case "type":
      return `must be ${article(String(p["type"]))}, not ${kindOf(value)}`;
    case "pattern": {
      // The list's task_type pattern is an enumeration with an optional empty value.
      const alternatives = /^\^\(([A-Z_|]+)\)\?\$$/.exec(String(p["pattern"]))?.[1];
      if (alternatives) return `${quote(value)} is not one of ${alternatives.split("|").join(", ")}`;
      return `${quote(value)} ${PATTERN_WORDS[v.pointer] ?? "does not have the documented format"}`;
    }
    case "format":
      if (p["format"] === "date-time") return `${quote(value)} is not a date-time such as 2027-03-07T10:40:43.858Z`;
      if (p["format"] === undefined) return v.message; // a rule of the vendor's: its message quotes the value
      return `${quote(value)} is not a valid ${String(p["format"])}`;
    case "minLength":
      return p["limit"] === 1 ? "must not be empty" : `must be at least ${String(p["limit"])} characters`;
    case "maxLength":
      return `must be at most ${String(p["limit"])} characters${typeof value === "string" ? ` (it has ${[...value].length})` : ""}`;
    case "minimum":
      return `${quote(value)} is less than ${String(p["limit"])}`;
    case "maximum":
      return `${quote(value)} is more than ${String(p["limit"])}`;
    case "minItems":
      return `must list at least ${String(p["limit"])} item${p["limit"] === 1 ? "" : "s"}`;
    case "maxItems":
      return `must list at most ${String(p["limit"])} items${Array.isArray(value) ? ` (it lists ${value.length})` : ""}`;
    case "uniqueItems":
      // ajv's: items i and j are equal; the handler's target rule words its own.
      if (Array.isArray(value) && typeof p["j"] === "number") return `lists ${quote(value[p["j"]])} more than once`;
      return v.message;
    default:
      return v.message;
  }
}

/** `target_infos/0/target_id: must be a string, not an array`: the field as a path (a parameter by its name), then the reason. */
function describe(v: Violation): string {
  const field = v.pointer === "/" ? v.location : v.pointer.replace(/^\//, "");
  const text = `${field}: ${reason(v)}`;
  // One violation never fills the message alone (a long unknown property name).
  return text.length <= 160 ? text : `${text.slice(0, 159)}…`;
}

/**
 * How useful a violation is to read first: the body as a whole, then what is missing, then wrong
 * types and values, then formats and the vendor's rules, then sizes, then unknown properties.
 */
function rank(v: Violation): number {
  if (v.pointer === "/" || v.rule === "content-type") return 0;
  switch (v.rule) {
    case "required":
      return 1;
    case "type":
    case "enum":
      return 2;
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "minItems":
    case "maxItems":
    case "uniqueItems":
      return 4;
    case "additionalProperties":
      return 5;
    default:
      return 3;
  }
}

/**
 * `The parameter is invalid. a: …; b: …; and 3 more`: the sentence, then as many violations as
 * fit in 255 characters, the most useful first (a stable sort keeps the validator's order within
 * a rank), then how many did not fit.
 */
export function violationsMessage(sentence: string, violations: Violation[]): string {
  const parts = violations
    .map((v, index) => ({ v, index }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.index - b.index)
    .map(({ v }) => describe(v));
  for (let shown = parts.length; shown >= 0; shown--) {
    const rest = parts.length - shown;
    const listed = parts.slice(0, shown).join("; ");
    const more = rest === 0 ? "" : `${shown === 0 ? "" : "; "}and ${rest} more`;
    const text = `${sentence} ${listed}${more}`;
    if (text.length <= MAX_MESSAGE) return text;
  }
  return sentence;
}

/** The validation stage's violation for a request that has no body at all. */
const isEmptyBody = (error: VendorError) =>
  error.violations?.length === 1 && error.violations[0]?.pointer === "/" && error.violations[0]?.rule === "required";

/** error_msg from the error's fields: the kind's sentence, then what the fields say of this failure. */
function messageOf(error: VendorError): string {
  const sentence = SENTENCES[error.kind];
  if (error.kind === "validation" && isEmptyBody(error)) return EMPTY_BODY;
  if (error.violations?.length) return violationsMessage(sentence ?? error.message, error.violations);
  switch (error.kind) {
    case "unauthorized":
      // The vendor's own sign-in check (auth.ts) words the gateway's message itself.
      if (error.code !== undefined || error.credential === undefined) return error.message;
      return MESSAGES[error.credential === "missing" ? "missing-credential" : "unknown-credential"];
    case "method-not-allowed": {
      const { method, allow } = error;
      const detail = method !== undefined && allow !== undefined ? ` ${method} is not allowed; this resource allows ${allow.join(", ")}.` : "";
      return `${sentence ?? error.message}${detail}`;
    }
    case "route-not-found":
    case "rate-limited":
    case "unavailable":
    case "server-error":
      return sentence ?? error.message;
    case "forbidden":
      return MESSAGES["read-only"];
    default:
      return error.message;
  }
}

function cut(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

/** The code of an error: the one the error names, else its kind's (WKS.0001 for a request without a body). */
function codeOf(error: VendorError): string {
  if (error.code !== undefined) return error.code;
  if (error.kind === "validation" && isEmptyBody(error)) return CODES.emptyBody;
  return BY_KIND[error.kind];
}

/**
 * VendorAdapter.errorBody: `{error_code, error_msg}`; an error of the API gateway (APIGW.*) also
 * carries the answer's request id as `request_id`, as the gateway's documented errors do.
 */
export function huaweiErrorBody(error: VendorError, _operation?: unknown, headers: Record<string, string> = {}): ErrorResponse {
  const body: ErrorResponse = { error_code: codeOf(error), error_msg: cut(messageOf(error)) };
  const requestId = headers["x-request-id"];
  if (body.error_code.startsWith("APIGW.") && requestId !== undefined) body.request_id = requestId;
  return body;
}

/** A request id as Huawei's answers carry it: 32 lower-case hexadecimal digits, from the mock's seeded generator. */
export function requestId(faker: Faker): string {
  return faker.string.hexadecimal({ length: 32, casing: "lower", prefix: "" });
}

/** VendorAdapter.errorHeaders: every error answer carries an X-Request-Id, as every success does. */
export function huaweiErrorHeaders(_error: VendorError, faker: Faker): Record<string, string> {
  return { "x-request-id": requestId(faker) };
}

/** 400 WKS.00211102 naming every field that breaks a rule the schema cannot state. */
export function invalid(violations: Violation[]): HandlerResult {
  return fail(400, "validation", "The parameter is invalid.", { violations });
}

/** 404 for a project_id the mock does not know: checked first by every operation. */
export function projectMissing(project: string): VendorError {
  return { status: 404, kind: "not-found", message: `The project does not exist: no project ${quote(project)}.`, code: CODES.notFound };
}

export function taskMissing(id: string): VendorError {
  return { status: 404, kind: "not-found", message: `The scheduled task does not exist: no task ${quote(id)} in this project.`, code: CODES.notFound };
}

export function executeHistoryMissing(id: string): VendorError {
  return {
    status: 404,
    kind: "not-found",
    message: `The scheduled task execution record does not exist: no execution ${quote(id)} in this project.`,
    code: CODES.notFound,
  };
}

/** 409 for a DELETE of a task that is running. */
export function taskRunning(id: string): VendorError {
  return {
    status: 409,
    kind: "conflict",
    message: `The request could not be completed due to a conflict of the resource. Task ${id} is running; delete it after the execution ends.`,
    code: CODES.conflict,
  };
}

export const projectNotFound = (project: string): HandlerResult => ({ error: projectMissing(project) });
export const taskNotFound = (id: string): HandlerResult => ({ error: taskMissing(id) });
export const executeHistoryNotFound = (id: string): HandlerResult => ({ error: executeHistoryMissing(id) });
