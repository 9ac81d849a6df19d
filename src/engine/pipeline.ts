// The request pipeline, Prism's stages in order: route → fault rules → security → forced
// response (Prefer) → request validation → handler → response check → journal. Plain data in,
// plain data out; the server layer turns it into HTTP.
import type { Faker } from "@faker-js/faker";
import type { Clock } from "./clock.js";
import type { FaultRules } from "./faults.js";
import { generateFromSchema } from "./generate.js";
import type { Journal, JournalEntry } from "./journal.js";
import type { CompiledOperation, CompiledResponse, CompiledSpec } from "./operation.js";
import { isForced, type Preference, readPreference } from "./prefer.js";
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from "./problem.js";
import type { RateLimiter } from "./rateLimit.js";
import type { Violation } from "./schemaCompiler.js";
import type { EngineRequest, EngineResponse, TokenRecord, VendorAdapter, VendorError } from "./vendor.js";

export interface VendorRuntime<S> {
  spec: CompiledSpec;
  adapter: VendorAdapter<S>;
  /** credential → token */
  tokens: Map<string, TokenRecord>;
  state: S;
}

export interface EngineServices {
  clock: Clock;
  journal: Journal;
  faults: FaultRules;
  faker: Faker;
  /** A number in [0, 1): seeded with --seed. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Where taskmock reports its own bugs (a response that broke the spec). */
  report: (line: string) => void;
  /** Set when the server enforces the vendors' documented rate limits (--rate-limits). */
  rateLimiter?: RateLimiter;
  /** Vendors in a maintenance window: every request answers 503 with Retry-After. */
  maintenance: Map<string, Maintenance>;
}

export interface Maintenance {
  /** Seconds a client is told to wait (Retry-After). */
  retryAfter: number;
  /** When the window ends by itself (mock clock); undefined: until the admin API ends it. */
  until?: Date;
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const JSON_CONTENT_TYPE = "application/json";

type Outcome = JournalEntry["outcome"];

export async function handleRequest<S>(rt: VendorRuntime<S>, services: EngineServices, req: EngineRequest): Promise<EngineResponse> {
  const started = performance.now();
  const at = services.clock.now().getTime();
  const vendor = rt.spec.vendor;
  let operationId: string | undefined;
  let violations: Violation[] = [];
  let body: unknown;
  let forced = false;

  const finish = (response: EngineResponse, outcome: Outcome): EngineResponse => {
    services.journal.record({
      at,
      vendor,
      operationId,
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: body === undefined ? req.bodyText : body,
      status: response.status,
      outcome,
      violations,
      forced,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
    return response;
  };

  /** Sends a body only after it passed the spec's schema for that status. */
  const checked = (
    operation: CompiledOperation | undefined,
    expected: CompiledResponse | undefined,
    response: EngineResponse,
    outcome: Outcome,
  ) => {
    const breaches = expected
      ? expected.validate(response.body)
      : [
          {
            location: "response",
            pointer: "/",
            rule: "status",
            message: `status ${response.status} is not documented for ${operation?.operationId}`,
          },
        ];
    if (breaches.length === 0) return finish(response, outcome);
    const detail = `${vendor} ${operation?.operationId ?? "router"} answered ${response.status}, which breaks the spec`;
    services.report(`taskmock bug: ${detail}: ${breaches.map((b) => `${b.pointer} ${b.message}`).join("; ")}`);
    return finish(
      problemResponse(
        problem("response-violation", 500, detail, { violations: breaches, attempted: { status: response.status, body: response.body } }),
      ),
      "response-violation",
    );
  };

  const vendorError = (
    operation: CompiledOperation | undefined,
    error: VendorError,
    expected: CompiledResponse | undefined,
    outcome: Outcome,
    extraHeaders: Record<string, string> = {},
  ) =>
    checked(
      operation,
      expected,
      {
        status: error.status,
        headers: { "content-type": JSON_CONTENT_TYPE, ...rt.adapter.errorHeaders?.(error), ...extraHeaders },
        body: rt.adapter.errorBody(error, operation),
      },
      outcome,
    );

  // 1. Route
  const match = rt.spec.router.match(req.method, req.path);
  if (match.kind === "not-found") {
    const message = `No ${vendor} endpoint at ${req.path}`;
    violations = [{ location: "route", pointer: req.path, rule: "route", message }];
    return vendorError(undefined, { status: 404, kind: "route-not-found", message }, rt.spec.routeNotFound, "route-error");
  }
  if (match.kind === "method-not-allowed") {
    const message = `${req.method} is not allowed on ${req.path}; allowed: ${match.allow.join(", ")}`;
    violations = [{ location: "route", pointer: req.path, rule: "method", message }];
    return vendorError(undefined, { status: 405, kind: "method-not-allowed", message }, rt.spec.methodNotAllowed, "route-error", {
      allow: match.allow.join(", "),
    });
  }
  const operation = match.route;
  operationId = operation.operationId;

  // Validation runs for every request, so the journal knows a bad request even when a test
  // forced the answer; it decides the answer only at its own stage below.
  const parameters = operation.validateParameters({ path: match.params, query: req.query, headers: req.headers });
  const parsed = readBody(operation, req);
  body = parsed.value;
  const { violations: inParameters } = parameters;
  violations = parsed.violations.length === 0 ? inParameters : inParameters.length === 0 ? parsed.violations : [...inParameters, ...parsed.violations];

  // 2. Fault rules
  const fault = services.faults.empty
    ? undefined
    : services.faults.take(
        { vendor, operationId: operation.operationId, method: operation.method, path: req.path, statuses: operation.statuses },
        services.random,
      );
  if (fault) {
    if (fault.latencyMs) await services.sleep(fault.latencyMs);
    if (fault.drop) {
      forced = true;
      return finish({ status: 0, headers: {}, body: undefined, drop: true }, "fault");
    }
    if (fault.status !== undefined) {
      forced = true;
      const answer = forcedResponse(rt, services, operation, { code: fault.status, ...(fault.example ? { example: fault.example } : {}) });
      return "problem" in answer
        ? finish(problemResponse(answer.problem), "fault")
        : checked(operation, answer.expected, answer.response, "fault");
    }
  }

  // A maintenance window answers 503 before anything else looks at the request, as the
  // vendor's own front door would, credentials or not.
  const window = services.maintenance.get(vendor);
  if (window && (window.until === undefined || services.clock.now() < window.until)) {
    const error: VendorError = {
      status: 503,
      kind: "unavailable",
      message: `${vendor} is in scheduled maintenance; retry after ${window.retryAfter} seconds`,
    };
    return vendorError(operation, error, operation.responses.get(503), "rejected", { "retry-after": String(window.retryAfter) });
  }
  // 3. Security
  const auth = authenticate(rt, operation, req.headers);
  if ("error" in auth) {
    violations = [...violations, { location: "header", pointer: `/${auth.header}`, rule: "security", message: auth.error.message }];
    return vendorError(operation, auth.error, operation.responses.get(auth.error.status), "rejected");
  }

  // Opt-in realism: the documented rate limits.
  const policy = rt.adapter.rateLimits;
  let limitHeaders: Record<string, string> = {};
  if (services.rateLimiter && policy && auth.principal) {
    const { over, readings } = services.rateLimiter.hit(vendor, auth.principal.credential, policy.limits, services.clock.now().getTime());
    limitHeaders = policy.headers(readings);
    if (over) {
      const error: VendorError = { status: 429, kind: "rate-limited", message: "API rate limit exceeded" };
      const retry = Math.max(...readings.filter((r) => r.remaining === 0).map((r) => r.resetSeconds), 1);
      return vendorError(operation, error, operation.responses.get(429), "rejected", { ...limitHeaders, "retry-after": String(retry) });
    }
  }

  // 4. Forced response
  const preference = readPreference(req.headers["prefer"], req.query);
  if (!preference.ok) return finish(problemResponse(problem("bad-preference", 400, preference.detail)), "forced");
  if (isForced(preference.preference)) {
    forced = true;
    const answer = forcedResponse(rt, services, operation, preference.preference);
    return "problem" in answer
      ? finish(problemResponse(answer.problem), "forced")
      : checked(operation, answer.expected, answer.response, "forced");
  }

  // 5. Request validation
  if (violations.length > 0) {
    const error: VendorError = { status: 400, kind: "validation", message: summarize(violations), violations };
    return vendorError(operation, error, operation.responses.get(400), "rejected", limitHeaders);
  }

  // 6. Handler
  const handler = rt.adapter.handlers[operation.operationId];
  if (!handler) throw new Error(`${vendor}: no handler for ${operation.operationId}`);
  const result = handler({
    operation,
    params: parameters.path,
    query: parameters.query,
    headers: req.headers,
    body,
    principal: auth.principal,
    state: rt.state,
    clock: services.clock,
    faker: services.faker,
    runFault: (id, path) => services.faults.takeRun({ vendor, operationId: id, path }, services.random) !== undefined,
  });
  if ("error" in result) {
    const outcome: Outcome = result.error.violations?.length ? "rejected" : "handled";
    if (result.error.violations?.length) violations = [...violations, ...result.error.violations];
    return vendorError(operation, result.error, operation.responses.get(result.error.status), outcome, limitHeaders);
  }
  // 7. Response check
  const headers: Record<string, string> = result.body === undefined ? {} : { "content-type": JSON_CONTENT_TYPE };
  for (const name in limitHeaders) headers[name] = limitHeaders[name] as string;
  for (const name in result.headers) headers[name] = result.headers[name] as string;
  return checked(operation, operation.responses.get(result.status), { status: result.status, headers, body: result.body }, "handled");
}

function readBody(operation: CompiledOperation, req: EngineRequest): { value: unknown; violations: Violation[] } {
  if (!operation.requestBody) return { value: undefined, violations: [] };
  if (req.bodyTooLarge)
    return { value: undefined, violations: [{ location: "body", pointer: "/", rule: "maxSize", message: "is larger than 1 MiB" }] };
  const text = req.bodyText;
  if (text === undefined || text.trim() === "") {
    return operation.requestBody.required
      ? { value: undefined, violations: [{ location: "body", pointer: "/", rule: "required", message: "a JSON body is required" }] }
      : { value: undefined, violations: [] };
  }
  const type = req.headers["content-type"] ?? "";
  if (!JSON_MEDIA.test(type)) {
    return {
      value: undefined,
      violations: [
        {
          location: "header",
          pointer: "/content-type",
          rule: "content-type",
          message: `must be application/json, not ${type ? JSON.stringify(type) : "missing"}`,
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      value: undefined,
      violations: [{ location: "body", pointer: "/", rule: "json", message: `is not valid JSON: ${(error as Error).message}` }],
    };
  }
  return { value, violations: operation.validateBody(value) };
}

type AuthResult = { principal: TokenRecord | undefined } | { error: VendorError; header: string };

function authenticate<S>(rt: VendorRuntime<S>, operation: CompiledOperation, headers: Record<string, string>): AuthResult {
  if (operation.security.length === 0) return { principal: undefined };
  const messages = rt.adapter.messages;
  let header = operation.security[0]?.header ?? "authorization";
  let failure: VendorError = { status: 401, kind: "unauthorized", message: messages["missing-credential"] };
  for (const scheme of operation.security) {
    const value = headers[scheme.header];
    if (value === undefined || value.trim() === "") continue;
    header = scheme.header;
    const credential = scheme.kind === "bearer" ? /^Bearer\s+(\S+)\s*$/i.exec(value)?.[1] : value.trim();
    const token = credential === undefined ? undefined : rt.tokens.get(credential);
    if (!token) {
      failure = { status: 401, kind: "unauthorized", message: messages["unknown-credential"] };
      continue;
    }
    const refused = rt.adapter.authorize?.(token, operation);
    if (refused) return { error: refused, header };
    const reads = operation.method === "GET" || rt.adapter.reads?.includes(operation.operationId) === true;
    if (token.role === "readonly" && !reads) {
      return { error: { status: 403, kind: "forbidden", message: messages["read-only"] }, header };
    }
    return { principal: token };
  }
  return { error: failure, header };
}

type Forced = { response: EngineResponse; expected: CompiledResponse } | { problem: Problem };

function forcedResponse<S>(rt: VendorRuntime<S>, services: EngineServices, operation: CompiledOperation, preference: Preference): Forced {
  let status = preference.code;
  if (status === undefined && preference.example !== undefined) {
    status = [...operation.responses.values()].find((r) => r.examples.has(preference.example as string))?.status;
  }
  status ??= operation.statuses.find((s) => s >= 200 && s < 300) ?? operation.statuses[0];
  const expected = status === undefined ? undefined : operation.responses.get(status);
  if (!expected) {
    const asked = preference.code !== undefined ? `status ${preference.code}` : `an example named ${preference.example}`;
    return {
      problem: problem(
        "undocumented-status",
        400,
        `${rt.spec.vendor} ${operation.operationId} does not document ${asked}; it documents ${operation.statuses.join(", ")}`,
        {
          documented: operation.statuses,
        },
      ),
    };
  }
  let body: unknown;
  if (expected.hasBody) {
    if (preference.example !== undefined) {
      if (!expected.examples.has(preference.example)) {
        return {
          problem: problem(
            "unknown-example",
            400,
            `${operation.operationId} ${expected.status} has no example named ${preference.example}`,
            {
              examples: [...expected.examples.keys()],
            },
          ),
        };
      }
      body = expected.examples.get(preference.example);
    } else if (preference.dynamic && expected.schema !== undefined) {
      body = generateFromSchema(rt.spec.doc, expected.schema, services.faker);
      if (expected.validate(body).length > 0 && expected.examples.size > 0) body = expected.examples.values().next().value;
    } else if (expected.examples.size > 0) {
      body = expected.examples.values().next().value;
    } else if (expected.schema !== undefined) {
      body = generateFromSchema(rt.spec.doc, expected.schema, services.faker);
    }
  }
  const headers: Record<string, string> = expected.hasBody ? { "content-type": JSON_CONTENT_TYPE } : {};
  for (const [name, schema] of expected.headers) headers[name] = String(generateFromSchema(rt.spec.doc, schema, services.faker));
  return { response: { status: expected.status, headers, body: structuredClone(body) }, expected };
}

function problemResponse(p: Problem): EngineResponse {
  return { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: p };
}

/** One line naming every violation: `body/name is required; query/limit must be <= 100`. */
export function summarize(violations: Violation[]): string {
  return violations.map((v) => `${v.location}${v.pointer === "/" ? "" : v.pointer} ${v.message}`).join("; ");
}
