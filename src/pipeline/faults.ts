// Stage 2, fault rules (POST /__admin/faults): a matching rule waits, drops the connection, or
// answers a documented status, before anything else looks at the request.
import type { FaultRule } from "../engine/faults.js";
import type { CompiledOperation } from "../engine/operation.js";
import { choose } from "./negotiation.js";
import { forcedAnswer, problemAnswer } from "./answers.js";
import type { Exchange } from "./exchange.js";

export function faults(ex: Exchange): void | Promise<void> {
  const { services, operation, request } = ex;
  if (services.faults.empty || !operation) return;
  const fault = services.faults.take(
    { vendor: ex.rt.spec.vendor, operationId: operation.operationId, method: operation.method, path: request.path, statuses: operation.statuses },
    services.random,
  );
  if (!fault) return;
  if (fault.latencyMs) return services.sleep(fault.latencyMs).then(() => apply(ex, fault));
  apply(ex, fault);
}

function apply(ex: Exchange, fault: FaultRule): void {
  const operation = ex.operation as CompiledOperation;
  if (fault.drop) {
    ex.forced = true;
    ex.answer = { response: { status: 0, headers: {}, body: undefined, drop: true }, outcome: "fault", expected: "problem" };
    return;
  }
  if (fault.status === undefined) return;
  ex.forced = true;
  const choice = choose(operation, { code: fault.status, ...(fault.example ? { example: fault.example } : {}) });
  ex.answer = choice.kind === "choice" ? forcedAnswer(ex, choice, "fault") : problemAnswer(choice.kind === "problem" ? choice : undefined, "fault");
}
