// The request pipeline: Prism's stages in order, one file each. A stage looks at the exchange and
// either decides the answer or leaves it to the next; the last two (response check, journal)
// run for every answer. Plain data in, plain data out: the HTTP layer turns it into HTTP.
import type { Violation } from "../engine/schemaCompiler.js";
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import { type Exchange, NO_HEADERS, type PipelineServices, type VendorRuntime } from "./exchange.js";
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

/** What a fresh exchange starts with; each is replaced, never changed, by the stage that finds more. */
const NO_VIOLATIONS: Violation[] = Object.freeze([]) as unknown as Violation[];
const NOTHING: Record<string, never> = Object.freeze({});

/** A request as it enters the stages: nothing found, nothing decided. */
export function newExchange(rt: VendorRuntime, services: PipelineServices, request: EngineRequest): Exchange {
  return {
    rt,
    services,
    request,
    at: services.clock.ms(),
    started: performance.now(),
    params: NOTHING,
    query: NOTHING,
    body: undefined,
    violations: NO_VIOLATIONS,
    headers: NO_HEADERS,
    negotiation: NONE,
    forced: false,
  };
}

/**
 * Runs the stages. Most requests wait for nothing (only a fault rule's latency does): their
 * answer comes back as it is, without a promise; the first stage that waits makes it one. A stage
 * that throws (a bug) gives a rejected promise, as a stage that waited would.
 */
export function runPipeline(rt: VendorRuntime, services: PipelineServices, request: EngineRequest): EngineResponse | Promise<EngineResponse> {
  const ex = newExchange(rt, services, request);
  try {
    for (let i = 0; i < PIPELINE.length; i++) {
      const stage = PIPELINE[i] as Stage;
      if (ex.answer !== undefined && !stage.always) continue;
      const pending = stage.run(ex);
      if (pending !== undefined) return pending.then(() => finish(ex, i + 1));
    }
    return answered(ex);
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** The stages after `from`, awaited one by one. */
async function finish(ex: Exchange, from: number): Promise<EngineResponse> {
  for (let i = from; i < PIPELINE.length; i++) {
    const stage = PIPELINE[i] as Stage;
    if (ex.answer !== undefined && !stage.always) continue;
    const pending = stage.run(ex);
    if (pending !== undefined) await pending;
  }
  return answered(ex);
}

function answered(ex: Exchange): EngineResponse {
  if (!ex.answer) throw new Error(`${ex.rt.spec.vendor}: no stage answered ${ex.request.method} ${ex.request.path}`);
  return ex.answer.response;
}

export type { Exchange, Maintenance, PipelineServices, VendorRuntime } from "./exchange.js";
export type { Negotiation } from "./negotiation.js";
