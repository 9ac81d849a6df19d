// Stage 8, handler: the vendor's handler for the operation, over a transaction of the vendor's
// store. Its writes stay pending: the response check decides whether they are kept.
import type { Faker } from "@faker-js/faker";
import type { CompiledOperation } from "../engine/operation.js";
import type { HandlerContext, Now, RunFault, TokenRecord } from "../engine/vendor.js";
import type { Transaction } from "../store/store.js";
import { vendorError } from "./answers.js";
import type { Exchange, PipelineServices } from "./exchange.js";
import { JSON_CONTENT_TYPE, NO_HEADERS } from "./exchange.js";

/**
 * What a handler sees of the request. A class, so that the seeded faker (made on first use) is one
 * getter on the prototype rather than an accessor built with every request.
 */
class Context implements HandlerContext {
  readonly operation: CompiledOperation;
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly principal: TokenRecord | undefined;
  readonly state: Transaction;
  readonly clock: Now;
  readonly runFault: RunFault;
  private readonly services: PipelineServices;

  constructor(ex: Exchange, operation: CompiledOperation, state: Transaction) {
    this.operation = operation;
    this.params = ex.params;
    this.query = ex.query;
    this.headers = ex.request.headers;
    this.body = ex.body;
    this.principal = ex.principal;
    this.state = state;
    this.clock = ex.services.clock;
    this.runFault = ex.services.runFault;
    this.services = ex.services;
  }

  get faker(): Faker {
    return this.services.faker;
  }
}

/** The headers of most answers, shared (an answer's headers are only read; whoever adds one makes a copy). */
const JSON_HEADERS: Record<string, string> = Object.freeze({ "content-type": JSON_CONTENT_TYPE });

export function handler(ex: Exchange): void {
  const operation = ex.operation as CompiledOperation;
  const { rt } = ex;
  const handle = rt.adapter.handlers[operation.operationId];
  if (!handle) throw new Error(`${rt.spec.vendor}: no handler for ${operation.operationId}`);
  const tx = rt.state.begin();
  const result = handle(new Context(ex, operation, tx));
  if ("error" in result) {
    const refused = result.error.violations?.length ? result.error.violations : undefined;
    // The request itself passed the contract and the vendor's request rules: this refusal depends on the state.
    if (refused) ex.refusals = refused;
    ex.answer = vendorError(ex, result.error, operation.responses.get(result.error.status), refused ? "rejected" : "handled");
    return;
  }
  let headers: Record<string, string>;
  if (result.headers === undefined && ex.headers === NO_HEADERS) headers = result.body === undefined ? NO_HEADERS : JSON_HEADERS;
  else {
    headers = result.body === undefined ? {} : { "content-type": JSON_CONTENT_TYPE };
    for (const name in ex.headers) headers[name] = ex.headers[name] as string;
    for (const name in result.headers) headers[name] = result.headers[name] as string;
  }
  ex.answer = {
    response: { status: result.status, headers, body: result.body },
    outcome: "handled",
    expected: operation.responses.get(result.status),
    tx,
  };
}
