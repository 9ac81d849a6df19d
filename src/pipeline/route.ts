// Stage 1, route: the operation the method and path name, or the vendor's own 404 / 405. A matched
// request is then read whole (parameters, body, Prefer), so that the journal knows a bad request
// even when a later stage decides the answer; each of those findings decides only at its own stage.
import { NONE, negotiate } from "./negotiation.js";
import { vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";
import { inspect } from "./validation.js";

export function route(ex: Exchange): void {
  const { rt, request } = ex;
  const match = rt.spec.router.match(request.method, request.path);
  if (match.kind === "not-found") {
    const message = `No ${rt.spec.vendor} endpoint at ${request.path}`;
    ex.violations = [{ location: "route", pointer: request.path, rule: "route", message, value: request.path }];
    ex.answer = vendorError(ex, { status: 404, kind: "route-not-found", message }, rt.spec.routeNotFound, "route-error");
    return;
  }
  if (match.kind === "method-not-allowed") {
    const message = `${request.method} is not allowed on ${request.path}; allowed: ${match.allow.join(", ")}`;
    ex.violations = [{ location: "route", pointer: request.path, rule: "method", message, params: { allow: match.allow }, value: request.method }];
    ex.answer = vendorError(
      ex,
      { status: 405, kind: "method-not-allowed", message, method: request.method, allow: match.allow },
      rt.spec.methodNotAllowed,
      "route-error",
      { allow: match.allow.join(", ") },
    );
    return;
  }
  ex.operation = match.route;
  ex.params = match.params;
  inspect(ex);
  const prefer = request.headers["prefer"];
  const asks = prefer !== undefined || "__code" in request.query || "__example" in request.query || "__dynamic" in request.query;
  ex.negotiation = asks ? negotiate(prefer, request.query, match.route) : NONE;
}
