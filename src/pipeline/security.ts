// Stage 4, security: the operation's schemes (Bearer, an API-key header, or several API-key
// headers needed together) against the fixture's tokens, or the vendor's own authentication
// (VendorAdapter.authenticate: a request signature); the vendor's own authorization rules; a
// read-only token refused a write.
import type { CompiledOperation } from "../engine/operation.js";
import type { TokenRecord, VendorError } from "../engine/vendor.js";
import { vendorError } from "./answers.js";
import type { Exchange, VendorRuntime } from "./exchange.js";

export function security(ex: Exchange): void {
  const operation = ex.operation as CompiledOperation;
  const own = operation.security.length === 0 ? undefined : ex.rt.adapter.authenticate?.(ex.request, ex.rt.tokens, operation);
  const auth: AuthResult =
    own === undefined ? authenticate(ex.rt, operation, ex.request.headers) : "principal" in own ? permit(ex.rt, operation, own.principal, own.header) : own;
  if ("principal" in auth) {
    if (auth.principal) ex.principal = auth.principal;
    return;
  }
  ex.violations = [
    ...ex.violations,
    { location: "header", pointer: `/${auth.header}`, rule: "security", message: auth.error.message, params: { credential: auth.error.credential ?? "refused" } },
  ];
  ex.answer = vendorError(ex, auth.error, operation.responses.get(auth.error.status), "rejected");
}

type AuthResult = { principal: TokenRecord | undefined } | { error: VendorError; header: string };

function authenticate(rt: VendorRuntime, operation: CompiledOperation, headers: Record<string, string>): AuthResult {
  if (operation.security.length === 0) return { principal: undefined };
  const messages = rt.adapter.messages;
  let header = operation.security[0]?.header ?? "authorization";
  let failure: VendorError = { status: 401, kind: "unauthorized", message: messages["missing-credential"], credential: "missing" };
  for (const scheme of operation.security) {
    const value = scheme.kind === "headers" ? headersCredential(scheme.headers ?? [], headers) : headers[scheme.header];
    if (value === undefined || (scheme.kind !== "headers" && value.trim() === "")) continue;
    header = scheme.header;
    // A headers requirement sent in part ("") is a credential in the wrong form.
    const credential = scheme.kind === "bearer" ? bearerCredential(value) : scheme.kind === "headers" ? value || undefined : value.trim();
    const token = credential === undefined ? undefined : rt.tokens.get(credential);
    if (!token) {
      failure = {
        status: 401,
        kind: "unauthorized",
        message: messages["unknown-credential"],
        credential: credential === undefined ? "malformed" : "unknown",
        scheme: scheme.name,
      };
      continue;
    }
    return permit(rt, operation, token, header);
  }
  return { error: failure, header };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** `Bearer <token>` with one space and nothing after: its token is the text after the space. */
const PLAIN_BEARER = /^Bearer \S+$/i;

/** The credential of an Authorization header's Bearer form (undefined in another form). */
function bearerCredential(value: string): string | undefined {
  return PLAIN_BEARER.test(value) ? value.slice(7) : BEARER.exec(value)?.[1];
}

/** An authenticated token against the vendor's authorization rules and the read-only rule. */
function permit(rt: VendorRuntime, operation: CompiledOperation, token: TokenRecord, header: string): AuthResult {
  const refused = rt.adapter.authorize?.(token, operation);
  if (refused) return { error: refused, header };
  const reads = operation.method === "GET" || rt.adapter.reads?.includes(operation.operationId) === true;
  if (token.role === "readonly" && !reads) {
    return { error: { status: 403, kind: "forbidden", message: rt.adapter.messages["read-only"] }, header };
  }
  return { principal: token };
}

/**
 * A requirement of several headers (kind `headers`): one `Name: value` line per header, or ""
 * when only some are sent (a credential in the wrong form), undefined when none is.
 */
function headersCredential(names: string[], headers: Record<string, string>): string | undefined {
  const values = names.map((name) => headers[name.toLowerCase()]?.trim() ?? "");
  if (values.every((v) => v === "")) return undefined;
  if (values.some((v) => v === "")) return "";
  return names.map((name, i) => `${name}: ${values[i]}`).join("\n");
}

/**
 * Whether a request carries a credential in a form one of the operation's schemes takes, judged
 * without the fixture's tokens (the validating proxy's check: the real vendor knows the tokens):
 * "missing" when no scheme's header is sent, "malformed" when one is but in no scheme's form
 * (`Basic …` where Bearer is asked, some of several headers needed together); undefined when the
 * operation is open or a credential is there.
 */
export function credentialProblem(operation: CompiledOperation, headers: Record<string, string>): "missing" | "malformed" | undefined {
  if (operation.security.length === 0) return undefined;
  let problem: "missing" | "malformed" = "missing";
  for (const scheme of operation.security) {
    const value = scheme.kind === "headers" ? headersCredential(scheme.headers ?? [], headers) : headers[scheme.header];
    if (value === undefined || (scheme.kind !== "headers" && value.trim() === "")) continue;
    if (scheme.kind === "bearer" ? /^Bearer\s+\S+\s*$/i.test(value) : value !== "") return undefined;
    problem = "malformed";
  }
  return problem;
}
