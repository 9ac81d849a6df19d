// What the engine asks of a vendor, and what it hands a vendor's handlers. The engine knows no
// vendor: each one plugs in through this interface (its error shape, its extra authorization
// rules, a handler per operationId, and what happens when the clock moves).
import type { Faker } from "@faker-js/faker";
import type { Row, State } from "../store/store.js";
import type { CompiledOperation } from "./operation.js";
import type { RateLimitPolicy } from "./rateLimit.js";
import type { Violation } from "./schemaCompiler.js";

/** A request as the engine sees it: no framework objects, header names in lower case. */
export interface EngineRequest {
  method: string;
  /** The path below the vendor's prefix, exactly as the vendor documents it (`/tasks/12345`). */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The raw body; undefined when the request has none. */
  bodyText: string | undefined;
  /** Set when the body was longer than the limit and was not read. */
  bodyTooLarge?: boolean;
  /**
   * The prefix the vendor is served under, which `path` lacks (`/huawei`; "" when it is served at
   * the root): `prefix + path` is the path the client sent (after URL normalisation). For a
   * vendor's own authentication (`authenticate`), e.g. a signature over the path as sent.
   */
  prefix?: string;
  /** The query string as sent, without the "?" ("" when there is none). */
  search?: string;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or undefined for no body. */
  body: unknown;
  /** Drop the connection without an answer (a fault rule asked for it). */
  drop?: boolean;
  /** `body` as JSON text, once it has been serialized (the journal does it to keep the answer; the writer then sends the same text). */
  bodyText?: string;
  /**
   * Instead of `bodyText`: the body's JSON text as UTF-8, joined by the response check from the
   * texts of records it had checked before (engine/checkedItems.ts). `body` is then deep-frozen
   * JSON data that these bytes are the text of, and stay so.
   */
  bodyBytes?: Buffer;
  /**
   * Where `bodyBytes` were cut from memory taskmock reuses (engine/checkedItems.ts): to be called
   * once, when they are no longer read (written, or copied). Only the writer calls it.
   */
  recycle?: () => void;
  /**
   * An answer passed on as it came (the validating proxy's upstream answer): the writer sends
   * this status line, these header lines and these bytes instead of `headers` and `body`, which
   * hold the same answer as read (for the checks and the journal).
   */
  passthrough?: Passthrough;
}

/** An answer's bytes as another server sent them, to be passed on unchanged. */
export interface Passthrough {
  statusText: string;
  /** Header lines, a flat list of name, value, name, value… (Node's rawHeaders), repeats kept. */
  headers: string[];
  /** The body's bytes, still in their content encoding. */
  bytes: Buffer;
}

/** The kinds of failure every vendor can express in its own shape. */
export type VendorErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "route-not-found"
  | "method-not-allowed"
  | "conflict"
  | "rate-limited"
  | "unavailable"
  | "server-error";

/** Why a request was not authenticated. */
export type CredentialProblem =
  /** No credential in any header the operation accepts. */
  | "missing"
  /** A credential in a form the scheme does not take (`Authorization: Basic …` where Bearer is asked). */
  | "malformed"
  /** A credential in the right form that names no token. */
  | "unknown";

/** An expected failure: a value, rendered by the vendor into its documented body. */
export interface VendorError {
  status: number;
  kind: VendorErrorKind;
  /** English, for people; never parsed: what a renderer needs is in the fields below. */
  message: string;
  violations?: Violation[];
  /** The vendor's own error code, where a rule calls for a particular one (awork's date-dependency). */
  code?: string;
  /** kind "unauthorized": why. */
  credential?: CredentialProblem;
  /**
   * kind "unauthorized": the security scheme whose credential was refused (its name in the spec;
   * several schemes needed together are named joined by "+"), when one was sent.
   */
  scheme?: string;
  /** kind "method-not-allowed": the method refused, and the methods the path allows. */
  method?: string;
  allow?: string[];
}

export interface TokenRecord {
  credential: string;
  role: "admin" | "readonly";
  [vendorKey: string]: unknown;
}

/** The mock's time as handlers and scheduled work read it. */
export interface Now {
  now(): Date;
}

export interface HandlerContext<S = State> {
  operation: CompiledOperation;
  /** Path parameters, coerced to their schema types. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their schema types. */
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** The parsed, validated body (undefined when there is none). */
  body: unknown;
  principal: TokenRecord | undefined;
  /** The vendor's records as this request sees them: its writes are kept only if its answer is. */
  state: S;
  clock: Now;
  faker: Faker;
  /** Whether a run fault rule (run: true) makes this vendor's run of an operation on a path fail; uses it up. */
  runFault: RunFault;
}

/** Asks the fault rules whether a run of an operation on a path should fail (POST /__admin/faults with run: true). */
export type RunFault = (operationId: string, path: string) => boolean;

export type HandlerResult = { status: number; body?: unknown; headers?: Record<string, string> } | { error: VendorError };

export type Handler<S = State> = (context: HandlerContext<S>) => HandlerResult;

/** What a request rule sees: the request as received, its body parsed but not necessarily valid. */
export interface RuleRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** The parsed JSON body, whatever its shape (the schema check may have failed): check every type. */
  body: unknown;
}

/**
 * A vendor rule a schema cannot state that depends on the request alone (a cron expression that
 * parses, a zone that exists, a start before an end in the same body). It runs in the validation
 * stage beside the schema check, so one answer lists every violation at once; it must accept any
 * JSON value and skip what is not of the type it checks (the schema reports that).
 */
export type RequestRule = (request: RuleRequest) => Violation[];

/** What a forced answer is built for: the request that asked for it. */
export interface ForcedRequest {
  operation: CompiledOperation;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Undefined where the answer is forced before security (a fault rule). */
  principal: TokenRecord | undefined;
}

/** What scheduled work is handed: the state to write (a transaction the core commits), seeded values, run faults. */
export interface ScheduleContext {
  state: State;
  faker: Faker;
  runFault: RunFault;
}

/** One scheduled run on a timeline (VendorSchedule.timeline). */
export interface TimelineRun {
  /** When it fired (for a finished run, when it ended), or when it is due (ISO 8601). */
  at: string;
  /** The record it belongs to: its collection and id in the vendor's state (GET /__admin/state). */
  collection: string;
  id: string;
  /** What a person calls that record: the schedule's or task's name. */
  label: string;
  /** A run that fired: its state as the vendor's API shows it (SUCCESS, DONE, ERROR…); a run due: what will happen (run, start, finish). */
  status: string;
  /** Runs counted, not kept one by one (a schedule's run count): how many ran, `at` being the latest. */
  count?: number;
}

export interface ScheduleTimeline {
  fired: TimelineRun[];
  due: TimelineRun[];
}

/**
 * The runs of a timeline in order, at most `limit` of each: fired, the latest first, only those at
 * or before `now` (records that say a run happened later, such as fixtures describing another
 * moment, have not fired yet on this clock); due, the soonest first.
 */
export function timelineOf(fired: TimelineRun[], due: TimelineRun[], now: number, limit: number): ScheduleTimeline {
  const at = (run: TimelineRun) => Date.parse(run.at);
  return {
    fired: fired
      .filter((run) => at(run) <= now)
      .sort((a, b) => at(b) - at(a))
      .slice(0, limit),
    due: due.sort((a, b) => at(a) - at(b)).slice(0, limit),
  };
}

/**
 * A vendor's scheduled work. The core owns the only horizon: it asks `dueAfter` of every record
 * (after a run, of all of them; after a request, of those the request wrote) and keeps the
 * earliest answer; it calls `run` only once the clock reaches that instant, and never for a
 * stretch of time it has already run (a clock set back and moved forward again runs nothing twice).
 */
export interface VendorSchedule {
  /**
   * What the scheduler did and will do, read from the state for people (the dashboard's timeline,
   * GET /__admin/timeline): the runs that fired up to `now` (epoch ms), the latest first, and the
   * runs due after it, the soonest first; at most `limit` of each. It only reads. Optional: a
   * vendor without it shows no timeline.
   */
  timeline?(state: State, now: number, limit: number): ScheduleTimeline;
  /** Does every piece of work due in (from, to], in time order, writing through `context.state`. */
  run(context: ScheduleContext, from: Date, to: Date): void;
  /**
   * The first instant (epoch ms) after `after` at which this record of `collection` may have
   * work due; Infinity when it never will. Earlier than needed is safe (a run that finds
   * nothing); later is a bug (work skipped).
   */
  dueAfter(collection: string, record: Row, after: number, state: State): number;
}

/** What a vendor's own authentication decided: who is calling, or why the request is refused. */
export type Authentication =
  /** `header`: the request header that carried the credential, or that a refusal is about (the journal's violation points at it). */
  { principal: TokenRecord; header: string } | { error: VendorError; header: string };

export interface VendorAdapter<S = State> {
  name: string;
  /**
   * Renders an expected failure in the vendor's documented error shape. `headers` are the headers
   * the answer will carry (errorHeaders' among them), so a body can repeat one (a request id).
   */
  errorBody(error: VendorError, operation: CompiledOperation | undefined, headers: Record<string, string>): unknown;
  /** Headers the vendor sends with an error (Retry-After, rate-limit headers, a request id drawn from the mock's seeded `faker`…). */
  errorHeaders?(error: VendorError, faker: Faker): Record<string, string>;
  /**
   * The vendor's own authentication, instead of the spec's security schemes, for a secured
   * operation: e.g. a request signature, computed over the method, the path as sent
   * (`request.prefix + request.path`), the query, headers and body. Given the fixture's tokens
   * (credential → token; a vendor may keep its own keys in them, such as a secret). Answers the
   * principal (the core then applies `authorize` and the read-only rule, as for a token) or a
   * refusal; undefined leaves the request to the spec's schemes.
   */
  authenticate?(request: EngineRequest, tokens: ReadonlyMap<string, TokenRecord>, operation: CompiledOperation): Authentication | undefined;
  /** Authorization beyond the token's role: answers an error to refuse. */
  authorize?(principal: TokenRecord, operation: CompiledOperation): VendorError | undefined;
  /** Operations that only read although their method is not GET (a read-only token may call them). */
  reads?: string[];
  /**
   * Rules over the request alone, per operationId, run beside the schema (see RequestRule). A
   * refusal a handler answers is then one that depends on the state (a duplicate name, a task in
   * the wrong state): verify shows those apart from the client's contract breaks.
   */
  requestRules?: Record<string, RequestRule>;
  /**
   * The vendor's own error for a status a test forces (Prefer, __code, a fault rule) without
   * naming an example, worded for this request (the ids it names); undefined keeps the
   * operation's first documented example.
   */
  forcedError?(status: number, request: ForcedRequest): VendorError | undefined;
  /**
   * Makes a body generated from the schema (Prefer: dynamic=true) obey the rules a schema cannot
   * state (dates in order, derived fields), for the operation's answer of `status`; returns the
   * body to send (it may change `body` in place: it is a fresh value).
   */
  conform?(operationId: string, status: number, body: unknown): unknown;
  /** The vendor's message for each authentication failure. */
  messages: Record<"missing-credential" | "unknown-credential" | "read-only", string>;
  /** One handler per operationId of the spec; a spec operation without one stops the start. */
  handlers: Record<string, Handler<S>>;
  /** The vendor's documented rate limits, applied when the server runs with --rate-limits. */
  rateLimits?: RateLimitPolicy;
  /** What the vendor does while the clock moves (scheduled runs), if anything. */
  schedule?: VendorSchedule;
  /**
   * The vendor's own bookkeeping collections (name → key field), empty at start and reset with
   * everything else: id sequences, when a run ends. They are part of the state, never module-level.
   */
  internal?: Record<string, string>;
}
