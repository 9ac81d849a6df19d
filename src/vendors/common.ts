// Small helpers every vendor's handlers use: results, timestamps, pages, sorting.
// Nothing vendor-specific lives here.

import type { Violation } from "../engine/schemaCompiler.js";
import type { Handler, HandlerContext, HandlerResult, VendorError, VendorErrorKind } from "../engine/vendor.js";

/** What a handler reads of one entry of openapi-typescript's `operations` (src/generated/<vendor>.ts). */
interface OperationTypes {
  parameters: { path?: unknown; query?: unknown };
  requestBody?: unknown;
}

/** A parameter group the operation lacks (`never`) is an empty record. */
type Group<P> = [NonNullable<P>] extends [never] ? Record<string, never> : NonNullable<P>;

/** The JSON body an operation takes, or undefined where it takes none. */
type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : undefined;

/** A handler's context for one operation: its path and query parameters and its body, typed from the spec. */
export type OperationContext<Op extends OperationTypes> = Omit<HandlerContext, "params" | "query" | "body"> & {
  params: Group<Op["parameters"]["path"]>;
  query: Group<Op["parameters"]["query"]>;
  body: JsonBody<Op["requestBody"]>;
};

/**
 * A vendor's handlers, each typed for its operation (`typedHandlers<operations>({ listTasks, … })`),
 * as the engine's adapter takes them; the compiler also checks that every operation has one. The
 * one cast is sound because the engine hands a handler only a request it validated (and coerced)
 * against the same spec these types are generated from.
 */
export function typedHandlers<Ops>(handlers: {
  [Id in keyof Ops]: (context: Ops[Id] extends OperationTypes ? OperationContext<Ops[Id]> : never) => HandlerResult;
}): Record<string, Handler> {
  return handlers as unknown as Record<string, Handler>;
}

export function ok(status: number, body?: unknown, headers?: Record<string, string>): HandlerResult {
  const result: { status: number; body?: unknown; headers?: Record<string, string> } = { status };
  if (body !== undefined) result.body = body;
  if (headers) result.headers = headers;
  return result;
}

export function fail(
  status: number,
  kind: VendorErrorKind,
  message: string,
  extra: { violations?: Violation[]; code?: string } = {},
): HandlerResult {
  const error: VendorError = { status, kind, message, ...extra };
  return { error };
}

export function notFound(message: string): HandlerResult {
  return fail(404, "not-found", message);
}

/** The mock clock's time as ISO 8601 UTC with milliseconds. */
export function now<S>(context: HandlerContext<S>): string {
  return context.clock.now().toISOString();
}

/** One page of a list by offset and limit. */
export function page<T>(items: T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}

/**
 * A violation for a rule the handler checks (not the schema), in the engine's shape: `params` are
 * the rule's own parameters and `value` the offending value, for the vendor's renderer to read
 * (as it reads ajv's); the message is English for people and logs.
 */
export function ruleViolation(
  pointer: string,
  message: string,
  rule = "rule",
  location = "body",
  detail: { params?: Record<string, unknown>; value?: unknown } = {},
): Violation {
  const violation: Violation = { location, pointer, rule, message };
  if (detail.params !== undefined) violation.params = detail.params;
  if ("value" in detail) violation.value = detail.value;
  return violation;
}

/**
 * A deep copy of JSON data (plain objects, arrays, strings, numbers, booleans, null): what
 * structuredClone gives for such data, at a fraction of its cost.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}

/** One sort key: a comparable value read off a record, ascending unless descending. */
export interface SortKey<T> {
  read: (record: T) => unknown;
  descending?: boolean;
}

/** Sorts by several keys in turn; each key reads a comparable value off a record. */
export function compareBy<T>(keys: SortKey<T>[]): (a: T, b: T) => number {
  return (a, b) => compareValues(keys, (key, record) => key.read(record), a, b);
}

/** compareBy's rule over values already read: `value(k, r)` is key k's value of record r. */
function compareValues<K, R>(keys: readonly (K & { descending?: boolean })[], value: (key: K, record: R) => unknown, a: R, b: R): number {
  for (const key of keys) {
    const x = value(key, a);
    const y = value(key, b);
    if (x === y) continue;
    const descending = key.descending;
    if (x === undefined || x === null) return descending ? 1 : -1;
    if (y === undefined || y === null) return descending ? -1 : 1;
    const order = (x as number | string) < (y as number | string) ? -1 : 1;
    return descending ? -order : order;
  }
  return 0;
}

/** A list in compareBy's order, and whether that order is a consistent one (see sortBy). */
export interface Sorted<T> {
  records: T[];
  /**
   * Every key holds only numbers (no NaN) or only strings, with at most one of null and
   * undefined besides: compareBy is then a consistent order, so keeping the matches of this
   * list gives the same list as sorting the matches (the sort is stable).
   */
  consistent: boolean;
}

/**
 * `records` sorted as `.slice().sort(compareBy(keys))` sorts them, each key read once per record
 * instead of at every comparison (a Date.parse in a key made a sort of 100,000 records cost
 * ~40 ms). The same comparisons in the same order give the same result, ties included.
 */
export function sortBy<T>(records: readonly T[], keys: SortKey<T>[]): Sorted<T> {
  const columns = keys.map((key) => ({ values: records.map(key.read), descending: key.descending }));
  // An index array, not a typed one: Array.prototype.sort is the algorithm compareBy's callers used.
  const order = records.map((_, i) => i);
  order.sort((i, j) => compareValues(columns, (column, index) => column.values[index], i, j));
  return { records: order.map((i) => records[i] as T), consistent: columns.every(({ values }) => consistentColumn(values)) };
}

function consistentColumn(values: unknown[]): boolean {
  let kind: "number" | "string" | undefined;
  let nullish: null | undefined | "none" = "none";
  for (const value of values) {
    if (value === null || value === undefined) {
      if (nullish !== "none" && nullish !== value) return false;
      nullish = value;
      continue;
    }
    const type = typeof value;
    if ((type !== "number" && type !== "string") || (type === "number" && Number.isNaN(value))) return false;
    if (kind !== undefined && kind !== type) return false;
    kind = type as "number" | "string";
  }
  return true;
}

/**
 * The records `predicate` keeps, in `keys`' order: the sorted list filtered when its order is
 * consistent, else `unsorted()` filtered and then sorted, as a sort of the matches would order them.
 */
export function sortedMatches<T>(sorted: Sorted<T>, unsorted: () => T[], keys: SortKey<T>[], predicate?: (record: T) => boolean): T[] {
  if (predicate === undefined) return sorted.records;
  if (sorted.consistent) return sorted.records.filter(predicate);
  return sortBy(unsorted().filter(predicate), keys).records;
}
