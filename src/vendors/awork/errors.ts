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

/** `/taskId` → `TaskId`; `/target/index` → `Target.Index`; a query parameter keeps its name. */
export function propertyName(violation: Violation): string {
  const parts = violation.pointer.split("/").filter(Boolean);
  if (violation.location !== "body") return parts[0] ?? violation.location;
  if (parts.length === 0) return "Body";
  return parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p.charAt(0).toUpperCase() + p.slice(1))).join(".");
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
