// Django REST Framework's error bodies, as Crego's (inferred) error responses have them:
// `{"detail": "..."}` for authentication, permission, not-found, method and server errors, and
// `{"<field>": ["..."]}` for a 400, nested one level for interval/crontab fields, with
// `non_field_errors` for what belongs to no single field.
import type { CompiledOperation } from "../../engine/operation.js";
import { unescapePointer, type Violation } from "../../engine/schemaCompiler.js";
import type { VendorError } from "../../engine/vendor.js";

export const MESSAGES = {
  "missing-credential": "Authentication credentials were not provided.",
  "unknown-credential": "Incorrect authentication credentials.",
  "read-only": "You do not have permission to perform this action.",
} as const;

export const NOT_FOUND = "Not found.";
export const SCHEDULE_NOT_FOUND = "No PeriodicTask matches the given query.";
export const INVALID_PAGE = "Invalid page.";
export const NAME_TAKEN = "periodic task with this name already exists.";
export const NO_SCHEDULE = "One of clocked, interval, crontab, or solar must be set.";
export const TIME_LIMITS = "soft_time_limit must be lower than time_limit.";
const SERVER_ERROR = "A server error occurred.";
const DATETIME_FORMAT = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

/** Fields the API shows but does not take: sending one says so rather than "not allowed". */
const READ_ONLY: Record<"schedule" | "task", Set<string>> = {
  schedule: new Set(["id", "total_run_count", "last_run_at", "date_changed"]),
  task: new Set([
    "name",
    "description",
    "rate_limit",
    "max_retries",
    "default_retry_delay",
    "acks_late",
    "ignore_result",
    "track_started",
    "serializer",
    "date_changed",
  ]),
};

const CRON_LABELS: Record<string, string> = {
  minute: "minute",
  hour: "hour",
  day_of_week: "day of week",
  day_of_month: "day of month",
  month_of_year: "month of year",
};

/**
 * The rules crego's handlers check beyond the schema, as their violations name them; the
 * renderer words each from the violation's value and params (ruleMessage).
 */
export const RULES = {
  /** name: another scheduled task has it. */
  nameTaken: "unique-name",
  /** neither interval nor crontab left set. */
  noSchedule: "schedule-required",
  /** a crontab field (params.field) that does not parse; value: the field as sent. */
  cronValue: "crontab-field",
  /** a crontab time zone that is not one of zoneinfo's names; value: the name sent. */
  zoneChoice: "timezone-choice",
  /** soft_time_limit not below time_limit once merged. */
  timeLimits: "time-limits",
} as const;

/** DRF's words for a violation of one of crego's own rules; undefined for any other rule. */
function ruleMessage(v: Violation): string | undefined {
  switch (v.rule) {
    case RULES.nameTaken:
      return NAME_TAKEN;
    case RULES.noSchedule:
      return NO_SCHEDULE;
    case RULES.cronValue: {
      // The message DRF gives for a crontab field that does not parse (`Invalid hour value "25".`).
      const field = String(v.params?.["field"]);
      return `Invalid ${Object.hasOwn(CRON_LABELS, field) ? CRON_LABELS[field] : field} value "${String(v.value)}".`;
    }
    case RULES.zoneChoice:
      return `"${String(v.value)}" is not a valid choice.`;
    case RULES.timeLimits:
      return TIME_LIMITS;
    default:
      return undefined;
  }
}

export function cregoErrorBody(error: VendorError, operation: CompiledOperation | undefined): unknown {
  switch (error.kind) {
    case "validation":
      return validationBody(error, operation);
    case "route-not-found":
      return { detail: NOT_FOUND };
    case "method-not-allowed":
      return { detail: error.method ? `Method "${error.method}" not allowed.` : "Method not allowed." };
    case "server-error":
    case "unavailable":
      return { detail: SERVER_ERROR };
    case "unauthorized":
      return { detail: error.credential === "missing" ? MESSAGES["missing-credential"] : MESSAGES["unknown-credential"] };
    default:
      return { detail: error.message || NOT_FOUND };
  }
}

export function cregoErrorHeaders(error: VendorError): Record<string, string> {
  return error.kind === "unauthorized" ? { "www-authenticate": 'Bearer realm="api"' } : {};
}

/** One field's messages and, for a nested object, its own fields' messages. */
interface Entry {
  messages: string[];
  nested: Map<string, string[]>;
}

function validationBody(error: VendorError, operation: CompiledOperation | undefined): Record<string, unknown> {
  const readOnly = operation?.template.includes("schedules") ? READ_ONLY.schedule : READ_ONLY.task;
  const violations = withoutNullBranches(error.violations ?? []);
  const entries = new Map<string, Entry>();
  const add = (key: string, nestedKey: string | undefined, message: string) => {
    let entry = entries.get(key);
    if (!entry) {
      entry = { messages: [], nested: new Map() };
      entries.set(key, entry);
    }
    const list = nestedKey === undefined ? entry.messages : (entry.nested.get(nestedKey) ?? entry.nested.set(nestedKey, []).get(nestedKey));
    if (list && !list.includes(message)) list.push(message);
  };
  for (const v of violations) {
    const parts = v.pointer.split("/").filter(Boolean).map(unescapePointer);
    const message = drfMessage(v, parts, readOnly);
    if (v.location === "header" || parts.length === 0) add("non_field_errors", undefined, message);
    else if (v.location !== "body" || parts.length === 1) add(parts[0] as string, undefined, message);
    // DRF nests one level (interval.every); deeper paths are named within that level.
    else add(parts[0] as string, parts.slice(1).join("."), message);
  }
  if (entries.size === 0) add("non_field_errors", undefined, error.message || "Invalid input.");
  // The keys are the client's (a field named `__proto__` included): the body is built with
  // Object.fromEntries, which defines each as an own property, never through the prototype chain.
  return Object.fromEntries(
    [...entries].map(([key, entry]) => {
      if (entry.nested.size === 0) return [key, entry.messages];
      // A nested serializer reports its own object-level messages under non_field_errors.
      const own = entry.nested.get("non_field_errors") ?? [];
      const nested = new Map(entry.nested);
      if (entry.messages.length > 0) nested.set("non_field_errors", [...own, ...entry.messages]);
      return [key, Object.fromEntries(nested)];
    }),
  );
}

/**
 * A nullable object (`oneOf: [Interval, null]`) that fails also fails its null branch: that
 * "must be null" says nothing when another message names the same field or one inside it.
 */
function withoutNullBranches(violations: Violation[]): Violation[] {
  return violations.filter(
    (v) =>
      !(v.rule === "type" && v.params?.["type"] === "null") ||
      !violations.some(
        (other) =>
          other !== v && other.location === v.location && (other.pointer === v.pointer || other.pointer.startsWith(`${v.pointer}/`)),
      ),
  );
}

/** A violation in DRF's words, from its rule, parameters and value (ajv's, or the engine's own). */
function drfMessage(v: Violation, parts: string[], readOnly: Set<string>): string {
  const field = parts[parts.length - 1] ?? "";
  const params = v.params ?? {};
  const limit = params["limit"];
  switch (v.rule) {
    case "required":
      return parts.length === 0 ? "No data provided." : "This field is required.";
    case "additionalProperties":
      return readOnly.has(field) ? "This field is read-only." : "This field is not allowed.";
    case "type":
      return typeMessage(params["type"]);
    case "maximum":
      return `Ensure this value is less than or equal to ${limit}.`;
    case "minimum":
      return `Ensure this value is greater than or equal to ${limit}.`;
    case "maxLength":
      return `Ensure this field has no more than ${limit} characters.`;
    case "minLength":
      return limit === 1 ? "This field may not be blank." : `Ensure this field has at least ${limit} characters.`;
    case "format":
      return params["format"] === "date-time" ? DATETIME_FORMAT : "Enter a valid value.";
    case "enum": {
      const allowed = Array.isArray(params["allowedValues"]) ? params["allowedValues"] : [];
      return `Not a valid choice; expected one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}.`;
    }
    case "pattern":
      return patternMessage(field, v.location);
    case "json":
      return `JSON parse error - ${typeof params["reason"] === "string" ? params["reason"] : "the body is not valid JSON."}`;
    case "content-type":
      return typeof v.value === "string"
        ? `Unsupported media type "${v.value}" in request.`
        : "Unsupported media type in request: send application/json.";
    case "maxSize":
      return "The request body is larger than 1 MiB.";
    default: {
      const own = ruleMessage(v);
      if (own !== undefined) return own;
      const text = v.location === "header" ? `Header ${field} ${v.message}` : v.message;
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith(".") ? "" : "."}`;
    }
  }
}

/** DRF's message for a value of the wrong type; `type` is ajv's (one type, or the list a nullable field allows). */
function typeMessage(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== "null");
  switch (types[0]) {
    case "integer":
      return "A valid integer is required.";
    case "number":
      return "A valid number is required.";
    case "boolean":
      return "Must be a valid boolean.";
    case "string":
      return "Not a valid string.";
    case "array":
      return "Expected a list of items.";
    case "object":
      return "Invalid data. Expected a dictionary.";
    case undefined:
      return "This field must be null.";
    default:
      return `Expected ${types.join(" or ")}.`;
  }
}

function patternMessage(field: string, location: string): string {
  if (field === "task_name" || field === "link" || field === "link_error") return "Enter a valid Celery task name.";
  if (Object.hasOwn(CRON_LABELS, field)) return `Invalid ${CRON_LABELS[field]} value.`;
  if (field === "timezone") return "Not a valid choice; expected an IANA time zone name such as Asia/Kolkata.";
  return location === "body" ? "This value does not match the required pattern." : "Enter a valid value.";
}
