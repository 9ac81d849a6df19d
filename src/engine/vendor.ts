// What the engine asks of a vendor, and what it hands a vendor's handlers. The engine knows no
// vendor: each one plugs in through this interface (its error shape, its extra authorization
// rules, a handler per operationId, and what happens when the clock moves).
import type { Faker } from "@faker-js/faker";
import type { Clock } from "./clock.js";
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
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or undefined for no body. */
  body: unknown;
  /** Drop the connection without an answer (a fault rule asked for it). */
  drop?: boolean;
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

/** An expected failure: a value, rendered by the vendor into its documented body. */
export interface VendorError {
  status: number;
  kind: VendorErrorKind;
  message: string;
  violations?: Violation[];
  /** The vendor's own error code, where a rule calls for a particular one (awork's date-dependency). */
  code?: string;
}

export interface TokenRecord {
  credential: string;
  role: "admin" | "readonly";
  [vendorKey: string]: unknown;
}

export interface HandlerContext<S> {
  operation: CompiledOperation;
  /** Path parameters, coerced to their schema types. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their schema types. */
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** The parsed, validated body (undefined when there is none). */
  body: unknown;
  principal: TokenRecord | undefined;
  state: S;
  clock: Clock;
  faker: Faker;
  /** Whether a run fault rule (run: true) makes this vendor's run of an operation on a path fail; uses it up. */
  runFault: RunFault;
}

/** Asks the fault rules whether a run of an operation on a path should fail (POST /__admin/faults with run: true). */
export type RunFault = (operationId: string, path: string) => boolean;

export type HandlerResult = { status: number; body?: unknown; headers?: Record<string, string> } | { error: VendorError };

export type Handler<S> = (context: HandlerContext<S>) => HandlerResult;

export interface VendorAdapter<S> {
  name: string;
  /** Renders an expected failure in the vendor's documented error shape. */
  errorBody(error: VendorError, operation: CompiledOperation | undefined): unknown;
  /** Headers the vendor sends with an error (Retry-After, rate-limit headers…). */
  errorHeaders?(error: VendorError): Record<string, string>;
  /** Authorization beyond the token's role: answers an error to refuse. */
  authorize?(principal: TokenRecord, operation: CompiledOperation): VendorError | undefined;
  /** Operations that only read although their method is not GET (a read-only token may call them). */
  reads?: string[];
  /** The vendor's message for each authentication failure. */
  messages: Record<"missing-credential" | "unknown-credential" | "read-only", string>;
  /** One handler per operationId of the spec; a spec operation without one stops the start. */
  handlers: Record<string, Handler<S>>;
  /** The vendor's documented rate limits, applied when the server runs with --rate-limits. */
  rateLimits?: RateLimitPolicy;
  /** Runs the vendor's scheduled work that falls between two clock readings. */
  onClock?(state: S, from: Date, to: Date, faker: Faker, runFault: RunFault): void;
}
