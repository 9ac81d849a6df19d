// awork's error object (developers.awork.com/error-handling): code, description, link, details,
// validationErrors with PascalCase property names.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { VendorError, VendorErrorKind } from "../../engine/vendor.js";

const CODES: Record<VendorErrorKind, string> = {
  validation: "validation-failed",
  unauthorized: "workspaceid-missing",
  forbidden: "forbidden",
  "not-found": "not-found",
  "route-not-found": "not-found",
  "method-not-allowed": "method-not-allowed",
  conflict: "concurrency-violation",
  "rate-limited": "rate-limit-exceeded",
  unavailable: "database-commit",
  "server-error": "database-commit",
};

const HANDLING = "https://developers.awork.com/error-handling";
const RESPONSE_TYPES = "https://developers.awork.com/#response-types";

/** The query parameters whose errors the spec names as written (`filterby`, `orderby`). */
const VERBATIM = new Set(["filterby", "orderby"]);

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The property a validationErrors entry names, in PascalCase as in the docs' example ("Name"):
 * `/taskId` → `TaskId`, `/target/0` → `Target.[0]`, the query parameter `pageSize` → `PageSize`,
 * the path parameter `id` → `Id`; `filterby`, `orderby` (the spec's rules) and headers keep their names.
 */
function propertyName(violation: Violation): string {
  const parts = violation.pointer.split("/").filter(Boolean);
  if (violation.location !== "body") {
    const name = parts[0];
    if (name === undefined) return violation.location;
    const parameter = violation.location === "query" || violation.location === "path";
    return parameter && !VERBATIM.has(name.toLowerCase()) ? pascal(name) : name;
  }
  if (parts.length === 0) return "Body";
  return parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : pascal(p))).join(".");
}

function validationMessage(violation: Violation, property: string): string {
  if (violation.rule === "required") return `'${property}' should not be empty.`;
  if (violation.rule === "additionalProperties") return `'${property}' is not a known property.`;
  return `'${property}' ${violation.message}.`;
}

export function aworkErrorBody(error: VendorError): unknown {
  const code = error.code ?? CODES[error.kind];
  const body: Record<string, unknown> = {
    code,
    description: error.message,
    link: code === "validation-failed" ? RESPONSE_TYPES : HANDLING,
    details: [],
  };
  if (error.violations?.length && (code === "validation-failed" || code === "date-dependency")) {
    body["validationErrors"] = error.violations.map((v) => {
      const property = propertyName(v);
      return { property, message: validationMessage(v, property) };
    });
  }
  return body;
}
