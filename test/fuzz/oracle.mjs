// The invariants one answer is held to, judged from the spec and the request alone (a router, a
// Prefer reading and a request check of the fuzzer's own; the mock's compiled response validators
// for bodies). Each failure names its invariant and a short key: the CLI groups failures by
// operation, invariant and key.
import { isDeepStrictEqual } from "node:util";
import { textOf } from "./ast.mjs";
import { route } from "./model.mjs";
import { normalizedPath } from "./requests.mjs";

/** The largest body the mock reads (its MAX_BODY_BYTES, documented in the README). */
export const MAX_BODY_BYTES = 1024 * 1024;
const NEGOTIATION_PROBLEMS = ["bad-preference", "undocumented-status", "unknown-example"];
const PROBLEM = "urn:taskmock:problem:";

/**
 * The failures of one step. `answer`: `{ status, contentType, text, getTwinStatus?, stateBefore,
 * stateAfter, stateError?, journalError?, pollution? }`; `fault`: the rule set before the case
 * (`{ operationId, status }`), for the first step only.
 */
export function judgeStep(vendor, step, fault, answer) {
  const failures = [];
  const path = normalizedPath(step.path);
  const routed = route(vendor, step.method, path);
  const head = step.method === "HEAD" && routed.kind === "method-not-allowed" && routed.get ? routed.get : undefined;
  const op = routed.kind === "found" ? routed.operation : head;
  const where = op ? `${step.method} ${op.operationId}` : `${step.method} (route ${routed.kind})`;
  const fail = (invariant, detail, key = detail) => failures.push({ invariant, detail, key: `${invariant} ${key}`, where });
  const { status } = answer;
  const faulted = fault !== undefined && op?.operationId === fault.operationId ? fault.status : undefined;
  const prefer = op ? preferExpectation(op, step) : { kind: "none" };
  let json;
  let parsed = answer.text === "";
  if (!parsed) {
    try {
      json = JSON.parse(answer.text);
      parsed = true;
    } catch {
      // judged below
    }
  }
  const problemType = json && /problem\+json/.test(answer.contentType ?? "") && typeof json.type === "string" && json.type.startsWith(PROBLEM) ? json.type.slice(PROBLEM.length) : undefined;

  // No 5xx unless the case forced it.
  const forced5xx = status === faulted || (prefer.kind === "status" && prefer.statuses.includes(status));
  if (status >= 500 && !forced5xx) fail("no-5xx", `answered ${status}: ${summary(json, answer.text)}`, `${status} ${reasonKey(json, answer.text)}`);
  else if (!parsed && step.method !== "HEAD") fail("body-schema", `answered ${status} with a body that is not JSON: ${answer.text.slice(0, 120)}`, `${status} not-json`);
  else if (answer.text !== "" && step.method !== "HEAD" && !/json/i.test(answer.contentType ?? "")) fail("body-schema", `answered ${status} JSON as ${answer.contentType}`, `${status} content-type`);
  else if (routed.kind === "not-found") documented(vendor.spec.routeNotFound, 404, "route 404");
  else if (routed.kind === "method-not-allowed" && !head) documented(vendor.spec.methodNotAllowed, 405, "route 405");
  else if (head) {
    // A fault rule (one application) answers the HEAD, not the GET after it.
    const like = faulted ?? answer.getTwinStatus;
    if (like !== undefined ? status !== like : status === 405) {
      fail("head-like-get", `HEAD answered ${status} where GET answers ${answer.getTwinStatus} (RFC 9110 §9.3.2)`, `${status}`);
    }
  } else if (problemType !== undefined && NEGOTIATION_PROBLEMS.includes(problemType)) {
    const asked = (prefer.kind === "problem" && prefer.types.includes(problemType)) || prefer.kind === "any";
    if (!asked) fail("status-documented", `answered taskmock's ${problemType} problem, which this request's Prefer (${preferText(step)}) does not call for`, `${status} ${problemType}`);
    else if (status !== 400 || json.status !== 400 || typeof json.detail !== "string") fail("body-schema", `the ${problemType} problem is not a 400 problem+json: ${answer.text.slice(0, 200)}`);
  } else {
    const response = op.compiled.responses.get(status);
    if (!response) fail("status-documented", `answered ${status}; ${op.operationId} documents ${op.compiled.statuses.join(", ")}`, `${status}`);
    else {
      const breaches = response.validate(answer.text === "" ? undefined : json);
      if (breaches.length > 0) fail("body-schema", `${status} body breaks its schema: ${breaches.slice(0, 3).map((b) => `${b.pointer} ${b.message}`).join("; ")}`, `${status} ${breaches.map((b) => `${b.pointer.replace(/\/\d+/g, "/#")} ${b.rule}`).slice(0, 2).join(",")}`);
    }
  }

  function documented(response, expected, what) {
    if (status !== expected) fail("status-documented", `a ${what} answered ${status}`, `${status} ${what}`);
    else if (step.method !== "HEAD") {
      const breaches = response.validate(json);
      if (breaches.length > 0) fail("body-schema", `${what} body breaks its schema: ${breaches.map((b) => `${b.pointer} ${b.message}`).join("; ")}`, `${what}`);
    }
  }

  if (op && !head && faulted === undefined && step.auth === "admin" && (prefer.kind === "problem" || prefer.kind === "status")) {
    // Negotiation comes before validation: an accepted credential gets what Prefer asked for.
    if (prefer.kind === "problem" && !(status === 400 && prefer.types.includes(problemType))) {
      fail("prefer-honoured", `Prefer ${preferText(step)} wants taskmock's 400 ${prefer.types.join(" or ")} problem; answered ${status} ${problemType ?? ""}`, `${problemType ?? status} for ${prefer.types[0]}`);
    } else if (prefer.kind === "status" && !prefer.statuses.includes(status)) {
      fail("prefer-honoured", `Prefer ${preferText(step)} wants ${prefer.statuses.join(" or ")}; answered ${status}`, `${status} for ${prefer.statuses.join("|")}`);
    } else if (prefer.kind === "status" && prefer.examples) {
      const wanted = prefer.examples.find((e) => e.status === status);
      if (wanted && !isDeepStrictEqual(json, wanted.value)) fail("prefer-honoured", `Prefer ${preferText(step)}: the body is not the example`, "example body");
    }
  }

  if (op && !head && op.secured && step.auth === "refused" && faulted === undefined && status !== 401) {
    fail("auth-refused", `a request without an accepted credential (${credentialText(op, step)}) answered ${status}`, `${status}`);
  }

  if (op && !head && status < 500 && faulted === undefined && (prefer.kind === "none" || prefer.kind === "ignored")) {
    const verdict = judgeRequest(vendor, op, step, routed.params ?? {});
    const allowed = step.auth === "admin" ? [400] : [400, 401, 403];
    // Only where nothing else in the request (a body, another query parameter) could be what a 400 is about.
    const onlyParams = !op.body && verdict.invalid.length === verdict.params.length && step.query.every(([name]) => verdict.params.includes(name));
    if (verdict.invalid.length > 0 && !allowed.includes(status)) {
      fail("invalid-refused", `a request the spec refuses (${verdict.invalid.slice(0, 3).join("; ")}) answered ${status}`, `${status} ${verdict.invalid[0].split(/[= ]/)[0]}`);
    } else if (onlyParams && verdict.params.length > 0 && status === 400 && !verdict.params.some((name) => answer.text.includes(name))) {
      fail("invalid-refused", `the 400 for ${verdict.params.join(", ")} names none of them: ${answer.text.slice(0, 200)}`, `400 unnamed ${verdict.params[0]}`);
    }
  }

  if (answer.stateError) fail("state-readable", `the vendor's state cannot be read: ${answer.stateError}`, answer.stateError.slice(0, 60));
  else if (status >= 400 && answer.stateBefore !== answer.stateAfter) {
    fail("refused-no-state-change", `answered ${status} and changed the state: ${changedCollections(answer.stateBefore, answer.stateAfter)}`, `${status}`);
  }
  if (answer.journalError) fail("journal-readable", answer.journalError, answer.journalError.replace(/\d+/g, "#").slice(0, 60));
  if (answer.pollution) fail("no-prototype-pollution", answer.pollution);
  return failures;
}

/** What Prefer (or __code, __example, __dynamic) asks of `op`: nothing, a documented status (and example), or taskmock's 400 problem. */
export function preferExpectation(op, step) {
  const p = step.prefer;
  if (!p || p.kind === "ignored") return { kind: "none" };
  if (p.kind === "bad") return { kind: "problem", types: ["bad-preference"] };
  if (p.kind === "any") return { kind: "any" };
  const get = (key) => p.parts.find(([k]) => k === key)?.[1];
  const code = get("code");
  const example = get("example");
  if (code !== undefined) {
    const status = Number(code);
    if (!op.compiled.statuses.includes(status)) return { kind: "problem", types: ["undocumented-status"] };
    if (example === undefined) return { kind: "status", statuses: [status] };
    const found = (op.examples.get(example) ?? []).filter((e) => e.status === status);
    return found.length > 0 ? { kind: "status", statuses: [status], examples: found } : { kind: "problem", types: ["unknown-example"] };
  }
  if (example !== undefined) {
    const found = op.examples.get(example);
    return found ? { kind: "status", statuses: found.map((e) => e.status), examples: found } : { kind: "problem", types: ["unknown-example", "undocumented-status"] };
  }
  if (get("dynamic") === "true") {
    const success = op.compiled.statuses.filter((s) => s >= 200 && s < 300);
    return { kind: "status", statuses: success.length > 0 ? success : op.compiled.statuses };
  }
  return { kind: "none" };
}

/**
 * Whether the spec refuses the request, by the fuzzer's own reading: path and query values parsed
 * strictly (an integer is a decimal integer; `0x10`, `1e3`, `Infinity` are strings, and strings
 * are not integers), the body by a JSON Schema check of its own. `invalid` lists why; `params`
 * the parameters among them. Cases the spec leaves open (leading zeros, duplicate keys, numbers no
 * double holds, another charset) are neither.
 */
export function judgeRequest(vendor, op, step, pathParams) {
  const invalid = [];
  const params = [];
  const checkParam = (p, raw, where) => {
    const value = strictValue(vendor.doc, p.schema, raw);
    if (value === OPEN) return;
    if (vendor.check(p.schema, value).length > 0) {
      invalid.push(`${where}:${p.name}=${JSON.stringify(raw).slice(0, 40)}`);
      params.push(p.name);
    }
  };
  for (const p of op.pathParams) if (pathParams[p.name] !== undefined) checkParam(p, pathParams[p.name], "path");
  const query = new URLSearchParams(step.query.map(([k, v]) => `${k}=${v}`).join("&"));
  for (const p of op.queryParams) {
    const values = query.getAll(p.name);
    const schema = resolved(vendor.doc, p.schema);
    if (values.length === 0) {
      if (p.required) invalid.push(`query:${p.name} missing`);
    } else if (values.length === 1 || schema?.type === "array") checkParam(p, schema?.type === "array" ? values : values[0], "query");
  }
  if (op.body && !["GET", "HEAD"].includes(step.method)) {
    const reason = bodyReason(vendor, op, step);
    if (reason) invalid.push(reason);
  }
  return { invalid, params };
}

const OPEN = Symbol("open");

function resolved(doc, schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 10; i++) s = s.$ref.slice(2).split("/").reduce((n, k) => n?.[k], doc);
  return s;
}

/** A parameter's text as the value a strict parser makes of it; OPEN where strictness is a matter of taste. */
function strictValue(doc, schema, raw) {
  if (Array.isArray(raw)) {
    const items = raw.map((r) => strictValue(doc, resolved(doc, schema).items ?? {}, r));
    return items.includes(OPEN) ? OPEN : items;
  }
  const s = resolved(doc, schema) ?? {};
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes("integer") || types.includes("number")) {
    if (/^-?(0|[1-9]\d*)$/.test(raw) && raw !== "-0") {
      const n = Number(raw);
      if (Number.isSafeInteger(n)) return n;
      const beyond = (s.maximum !== undefined && n > s.maximum) || (s.minimum !== undefined && n < s.minimum);
      return beyond ? n : OPEN;
    }
    if (/^[+-]?\d+$/.test(raw)) return OPEN;
    if (types.includes("number") && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw) && Number.isFinite(Number(raw))) return Number(raw);
  }
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function bodyReason(vendor, op, step) {
  const text = step.body ? textOf(step.body.parts) : undefined;
  if (text === undefined || text.trim() === "") return op.body.required ? "body required" : undefined;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return "body larger than 1 MiB";
  const type = step.headers["content-type"];
  const media = (type ?? "").split(";")[0].trim().toLowerCase();
  if (media !== "application/json") return /^application\/[^/]+\+json$/.test(media) ? undefined : `content-type ${JSON.stringify(type)}`;
  if (/charset=(?!"?utf-8"?\s*(;|$))/i.test(type)) return undefined;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return "body is not JSON";
  }
  if (step.body.duplicateKeys || !plainNumbers(value)) return undefined;
  const violations = vendor.checkBody(op.body.schema, value);
  return violations.length > 0 ? `body ${violations.slice(0, 2).join(", ")}` : undefined;
}

/** Whether every number in the value is one a double holds exactly enough to judge (walked without recursion: bodies nest thousands deep). */
function plainNumbers(value) {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "number" && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) return false;
    if (v && typeof v === "object") for (const k in v) stack.push(v[k]);
  }
  return true;
}

function summary(json, text) {
  if (json && typeof json === "object") {
    const violations = Array.isArray(json.violations) ? json.violations.map((v) => `${v.pointer} ${v.message}`).slice(0, 2).join("; ") : "";
    return `${json.type ?? ""} ${json.detail ?? json.message ?? json.error_msg ?? ""} ${violations}`.trim().slice(0, 300) || text.slice(0, 300);
  }
  return text.slice(0, 300);
}

/** A failure's reason without the ids and numbers that vary from case to case. */
function reasonKey(json, text) {
  if (json?.type === `${PROBLEM}response-violation`) return `response-violation (a ${json.attempted?.status} answer broke the spec)`;
  const raw = json?.detail ?? json?.message ?? text;
  return `${json?.type?.replace(PROBLEM, "") ?? ""} ${String(raw)
    .replace(/\/\d+/g, "/#")
    .replace(/[0-9a-f-]{8,}/gi, "#")
    .replace(/\d+/g, "#")
    .slice(0, 70)}`.trim();
}

function changedCollections(before, after) {
  try {
    const a = JSON.parse(before);
    const b = JSON.parse(after);
    return Object.keys({ ...a, ...b })
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .join(", ");
  } catch {
    return "(unreadable)";
  }
}

const preferText = (step) => {
  const p = step.prefer;
  if (!p) return "(none)";
  return p.kind === "structured" ? `${p.via === "query" ? "query " : ""}${p.parts.map(([k, v]) => `${k}=${v}`).join(", ")}` : JSON.stringify(p.raw);
};
const credentialText = (op, step) => {
  const header = op.compiled.security[0]?.header ?? "authorization";
  return step.headers[header] === undefined ? `no ${header}` : `${header}: ${step.headers[header].slice(0, 40)}`;
};
