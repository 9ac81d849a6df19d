// The request pipeline: Prism's stages in order, one file each. A stage looks at the exchange and
// either decides the answer or leaves it to the next; the last two (response check, journal)
// run for every answer. Plain data in, plain data out: the HTTP layer turns it into HTTP.
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import type { Exchange, PipelineServices, VendorRuntime } from "./exchange.js";
import { faults } from "./faults.js";
import { handler } from "./handler.js";
import { journal } from "./journal.js";
import { maintenance } from "./maintenance.js";
import { negotiation } from "./negotiate.js";
import { NONE } from "./negotiation.js";
import { rateLimits } from "./rateLimits.js";
import { responseCheck } from "./responseCheck.js";
import { route } from "./route.js";
import { security } from "./security.js";
import { validation } from "./validation.js";

export interface Stage {
  name: string;
  run(ex: Exchange): void | Promise<void>;
  /** Runs for every answer, once one is decided (the others run only until one is). */
  always?: true;
}

/** The stages in the order a request meets them (the README lists them; a test holds the two together). */
export const PIPELINE: readonly Stage[] = [
  { name: "route", run: route },
  { name: "faults", run: faults },
  { name: "maintenance", run: maintenance },
  { name: "security", run: security },
  { name: "rate limits", run: rateLimits },
  { name: "negotiation", run: negotiation },
  { name: "validation", run: validation },
  { name: "handler", run: handler },
  { name: "response check", run: responseCheck, always: true },
  { name: "journal", run: journal, always: true },
];

/** A request as it enters the stages: nothing found, nothing decided. */
export function newExchange(rt: VendorRuntime, services: PipelineServices, request: EngineRequest): Exchange {
  return {
    rt,
    services,
    request,
    at: services.clock.now().getTime(),
    started: performance.now(),
    params: {},
    query: {},
    body: undefined,
    violations: [],
    headers: {},
    negotiation: NONE,
    forced: false,
  };
}

export async function runPipeline(rt: VendorRuntime, services: PipelineServices, request: EngineRequest): Promise<EngineResponse> {
  const ex = newExchange(rt, services, request);
  for (const stage of PIPELINE) {
    if (ex.answer !== undefined && !stage.always) continue;
    const pending = stage.run(ex);
    if (pending !== undefined) await pending;
  }
  if (!ex.answer) throw new Error(`${rt.spec.vendor}: no stage answered ${request.method} ${request.path}`);
  return ex.answer.response;
}

export type { Exchange, Maintenance, PipelineServices, VendorRuntime } from "./exchange.js";
export type { Negotiation } from "./negotiation.js";
