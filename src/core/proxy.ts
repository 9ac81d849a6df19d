// The validating proxy (`taskmock proxy`): a mode of the mock in which a vendor request is not
// answered by the pipeline's handler but forwarded to the real vendor, whose answer goes back to
// the client unchanged. On the way, the request meets the same checks the mock's pipeline makes
// (the route stage: the spec's router, the operation's parameter and body validators, the
// vendor's request rules; and, without the fixture's tokens, whether a credential is there at
// all), and the upstream's answer the same response check as the mock's own answers
// (pipeline/responseCheck.ts). The journal entry is the pipeline's (pipeline/journal.ts): the
// request's violations as they are for the mock, and the answer's departures from the spec as a
// list of their own, `upstream`, which verify shows apart as upstream drift.
import { redactHeaders } from "../engine/journal.js";
import type { CompiledOperation } from "../engine/operation.js";
import { problem } from "../engine/problem.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import { problemResponse } from "../pipeline/answers.js";
import type { Exchange, PipelineServices, VendorRuntime } from "../pipeline/exchange.js";
import { journal } from "../pipeline/journal.js";
import { newExchange } from "../pipeline/index.js";
import { NONE } from "../pipeline/negotiation.js";
import { responseBreaches } from "../pipeline/responseCheck.js";
import { route } from "../pipeline/route.js";
import { credentialProblem } from "../pipeline/security.js";
import { JSON_MEDIA } from "../pipeline/validation.js";

/** The upstream's answer as read (http/upstream.ts). */
export interface UpstreamAnswer {
  status: number;
  statusText: string;
  /** Header lines to pass on (flat name, value list), hop-by-hop ones left out. */
  rawHeaders: string[];
  /** The same headers, names in lower case, repeats joined with ", ". */
  headers: Record<string, string>;
  /** The body's bytes as sent (still in their content encoding). */
  bytes: Buffer;
  /** The body decoded as UTF-8 text; undefined when there is none or it cannot be decoded. */
  text: string | undefined;
  /** Why the body could not be decoded (an unknown content-encoding, a broken gzip stream). */
  unreadable?: string;
}

/** A successful GET the upstream answered, its body read as JSON: what `--record` keeps. */
export interface ProxiedRead {
  vendor: string;
  operation: CompiledOperation;
  /** The path's parameters, as matched and coerced. */
  params: Record<string, unknown>;
  status: number;
  body: unknown;
}

/** What a mock in proxy mode is given (MockOptions.proxy). */
export interface ProxyHooks {
  /** Sends a request to the real vendor; rejects when it cannot be reached. */
  forward(request: EngineRequest): Promise<UpstreamAnswer>;
  /** Where the upstream is, for the messages (the base URL). */
  upstream: string;
  /** Told of each successful GET whose body is JSON (`--record`). */
  observe?: (read: ProxiedRead) => void;
}

/** The request's checks, the upstream's answer and its checks, the journal entry; answers the upstream's answer. */
export async function runProxy(rt: VendorRuntime, services: PipelineServices, request: EngineRequest, hooks: ProxyHooks): Promise<EngineResponse> {
  const ex: Exchange = newExchange(rt, services, request);
  // The pipeline's route stage: the operation, or the route violation; the request read whole.
  route(ex);
  // What route decided for the mock (its 404, a Prefer negotiated) is not the proxy's: the vendor answers, Prefer goes to it as sent.
  ex.answer = undefined;
  ex.negotiation = NONE;
  if (ex.operation) {
    const missing = credentialProblem(ex.operation, request.headers);
    if (missing) {
      const header = ex.operation.security[0]?.header ?? "authorization";
      const message = missing === "missing" ? "no credential: the operation needs one" : "a credential in a form none of the operation's schemes takes";
      ex.violations = [...ex.violations, { location: "header", pointer: `/${header}`, rule: "security", message, params: { credential: missing } }];
    }
  }
  if (request.bodyTooLarge) {
    const refused = problemResponse(problem("proxy-body-too-large", 413, "the body is larger than 1 MiB, so the proxy did not forward it"));
    ex.answer = { response: refused, outcome: "proxy-error", expected: "problem" };
    journal(ex);
    return ex.answer.response;
  }
  let answer: UpstreamAnswer;
  try {
    answer = await hooks.forward(request);
  } catch (error) {
    const reason = (error as Error & { code?: string }).code ?? (error as Error).message;
    const detail = `cannot reach the upstream ${hooks.upstream}: ${reason}`;
    ex.upstream = [{ location: "upstream", pointer: "/", rule: "unreachable", message: `${detail} (taskmock answered 502)` }];
    ex.answer = { response: problemResponse(problem("upstream-unreachable", 502, detail)), outcome: "proxy-error", expected: "problem" };
    journal(ex);
    return ex.answer.response;
  }
  const { body, json, departures } = check(ex, answer);
  if (departures.length > 0) ex.upstream = departures;
  const headers = redactHeaders(answer.headers);
  if (headers["set-cookie"] !== undefined) headers["set-cookie"] = "[redacted]";
  ex.answer = {
    response: {
      status: answer.status,
      headers,
      body,
      ...(answer.text === undefined ? {} : { bodyText: answer.text }),
      passthrough: { statusText: answer.statusText, headers: answer.rawHeaders, bytes: answer.bytes },
    },
    outcome: "proxied",
    expected: "problem",
  };
  journal(ex);
  if (hooks.observe && json && ex.operation && request.method === "GET" && answer.status >= 200 && answer.status < 300) {
    hooks.observe({ vendor: rt.spec.vendor, operation: ex.operation, params: ex.params, status: answer.status, body });
  }
  return ex.answer.response;
}

/**
 * The upstream's answer against the spec: its body read (JSON where the answer says so), then
 * checked against the documented response of its status; on a path or method the spec does not
 * route, against the spec's own 404 and 405 (any other status there is a departure).
 */
function check(ex: Exchange, answer: UpstreamAnswer): { body: unknown; json: boolean; departures: Violation[] } {
  const { spec } = ex.rt;
  const { operation, request } = ex;
  const status = answer.status;
  const expected = operation ? operation.responses.get(status) : status === 404 ? spec.routeNotFound : status === 405 ? spec.methodNotAllowed : undefined;
  // HEAD is GET without the body (the router routes it so): only its status can be checked.
  if (request.method === "HEAD" && operation) {
    const departures = expected ? [] : responseBreaches(undefined, status, undefined, operation.operationId);
    return { body: undefined, json: false, departures };
  }
  if (answer.unreadable) return { body: undefined, json: false, departures: [{ location: "response", pointer: "/", rule: "content-encoding", message: answer.unreadable }] };
  let body: unknown;
  let json = false;
  const text = answer.text;
  if (text !== undefined && text !== "") {
    const type = answer.headers["content-type"] ?? "";
    if (JSON_MEDIA.test(type)) {
      try {
        body = JSON.parse(text);
        json = true;
      } catch (error) {
        return { body: undefined, json: false, departures: [{ location: "response", pointer: "/", rule: "json", message: `is not valid JSON: ${(error as Error).message}` }] };
      }
    } else if (expected?.schema !== undefined) {
      const message = `must be application/json, not ${type ? JSON.stringify(type) : "missing"}`;
      return { body: undefined, json: false, departures: [{ location: "response", pointer: "/content-type", rule: "content-type", message, ...(type ? { value: type } : {}) }] };
    } else body = text;
  }
  if (!operation && !expected) {
    const message = `status ${status} for ${request.method} ${request.path}, which the spec does not have (the vendor serves it, or should answer 404 or 405)`;
    return { body, json, departures: [{ location: "response", pointer: "/", rule: "status", message, value: status }] };
  }
  return { body, json, departures: responseBreaches(expected, status, body, operation?.operationId ?? "the router") };
}
