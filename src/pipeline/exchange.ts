// One request on its way through the pipeline: what the stages found so far, and the answer once
// a stage has decided it. Plain data: no framework objects, no vendor.
import type { Faker } from "@faker-js/faker";
import type { Clock } from "../engine/clock.js";
import type { FaultRules } from "../engine/faults.js";
import type { JournalEntry, JournalRecord } from "../engine/journal.js";
import type { CompiledOperation, CompiledResponse, CompiledSpec } from "../engine/operation.js";
import type { RateLimiter } from "../engine/rateLimit.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { EngineRequest, EngineResponse, RunFault, TokenRecord, VendorAdapter } from "../engine/vendor.js";
import type { Store, Transaction } from "../store/store.js";
import type { Negotiation } from "./negotiation.js";

/** One vendor as a mock serves it: the shared compiled spec and adapter, this mock's tokens and store. */
export interface VendorRuntime {
  spec: CompiledSpec;
  adapter: VendorAdapter;
  /** credential → token */
  tokens: ReadonlyMap<string, TokenRecord>;
  state: Store;
}

export interface Maintenance {
  /** Seconds a client is told to wait (Retry-After). */
  retryAfter: number;
  /** When the window ends by itself (mock clock); undefined: until the admin API ends it. */
  until?: Date;
}

/** The parts of a mock's state the pipeline reads and writes besides the vendor's store. */
export interface PipelineServices {
  clock: Clock;
  faults: FaultRules;
  faker: Faker;
  /** A number in [0, 1): seeded with --seed. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Where taskmock reports its own bugs (a response that broke the spec). */
  report: (line: string) => void;
  /** Refuse what a vendor's server would ignore (body properties the contract does not take): --strict. */
  strict: boolean;
  /** Set when the mock enforces the vendors' documented rate limits (--rate-limits). */
  rateLimiter: RateLimiter | undefined;
  /** Vendors in a maintenance window: every request answers 503 with Retry-After. */
  maintenance: Map<string, Maintenance>;
  /** Keeps a journal entry. */
  record: (entry: JournalRecord) => void;
  /** Whether a run fault rule makes this vendor's run of an operation on a path fail (uses it up). */
  runFault: RunFault;
  /** Told of every committed request's writes (the scheduler's horizon). */
  committed: (tx: Transaction) => void;
}

export type Outcome = JournalEntry["outcome"];

/** A decided answer, before the response check. */
export interface Answer {
  response: EngineResponse;
  outcome: Outcome;
  /**
   * What the response must match: the documented response of its status; undefined when the
   * status is undocumented (the check refuses it); "problem" for taskmock's own problem+json.
   */
  expected: CompiledResponse | undefined | "problem";
  /** The handler's writes, kept only if the answer is a success that passes the check. */
  tx?: Transaction;
}

export interface Exchange {
  readonly rt: VendorRuntime;
  readonly services: PipelineServices;
  readonly request: EngineRequest;
  /** The mock clock when the request arrived (epoch ms). */
  readonly at: number;
  /** performance.now() when the request arrived. */
  readonly started: number;
  operation?: CompiledOperation;
  /** Path parameters as matched (strings), then coerced by validation. */
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The parsed body (undefined when there is none or it is not JSON). */
  body: unknown;
  /** The request's breaches of the contract, found by every stage that looks. */
  violations: Violation[];
  /** Body properties the contract does not take, which the vendor's server ignores (validation dropped them). */
  warnings?: Violation[];
  /** The handler's refusals: rules that depend on the state (a duplicate name, a task in the wrong state). */
  refusals?: Violation[];
  /** The validating proxy's: how the upstream's answer departs from the spec (core/proxy.ts). */
  upstream?: Violation[];
  principal?: TokenRecord;
  /** Headers every answer of this request carries from here on (the rate-limit readings). */
  headers: Record<string, string>;
  /** What the request asked for with Prefer or the __code/__example/__dynamic query (read at routing). */
  negotiation: Negotiation;
  /** The answer was chosen by the test (Prefer, or a fault rule). */
  forced: boolean;
  answer?: Answer;
}

export const JSON_CONTENT_TYPE = "application/json";

/** No headers: what an exchange starts with and an answer without any has (shared, only read). */
export const NO_HEADERS: Record<string, string> = Object.freeze({});
