// Stage 8, handler: the vendor's handler for the operation, over a transaction of the vendor's
// store. Its writes stay pending: the response check decides whether they are kept.
import type { CompiledOperation } from "../engine/operation.js";
import { vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";
import { JSON_CONTENT_TYPE } from "./exchange.js";

export function handler(ex: Exchange): void {
  const operation = ex.operation as CompiledOperation;
  const { rt, services } = ex;
  const handle = rt.adapter.handlers[operation.operationId];
  if (!handle) throw new Error(`${rt.spec.vendor}: no handler for ${operation.operationId}`);
  const tx = rt.state.begin();
  const result = handle({
    operation,
    params: ex.params,
    query: ex.query,
    headers: ex.request.headers,
    body: ex.body,
    principal: ex.principal,
    state: tx,
    clock: services.clock,
    get faker() {
      return services.faker;
    },
    runFault: services.runFault,
  });
  if ("error" in result) {
    const refused = result.error.violations?.length ? result.error.violations : undefined;
    // The request itself passed the contract and the vendor's request rules: this refusal depends on the state.
    if (refused) ex.refusals = refused;
    ex.answer = vendorError(ex, result.error, operation.responses.get(result.error.status), refused ? "rejected" : "handled");
    return;
  }
  const headers: Record<string, string> = result.body === undefined ? {} : { "content-type": JSON_CONTENT_TYPE };
  for (const name in ex.headers) headers[name] = ex.headers[name] as string;
  for (const name in result.headers) headers[name] = result.headers[name] as string;
  ex.answer = {
    response: { status: result.status, headers, body: result.body },
    outcome: "handled",
    expected: operation.responses.get(result.status),
    tx,
  };
}
