// Small helpers every vendor's handlers use: results, timestamps, pages, merge patches.
// Nothing vendor-specific lives here.

import type { Violation } from "../engine/schemaCompiler.js";
import type { HandlerContext, HandlerResult, VendorError, VendorErrorKind } from "../engine/vendor.js";

export function ok(status: number, body?: unknown, headers?: Record<string, string>): HandlerResult {
  return { status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) };
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

/** A violation for a rule the handler checks (not the schema), in the engine's shape. */
export function ruleViolation(pointer: string, message: string, rule = "rule", location = "body"): Violation {
  return { location, pointer, rule, message };
}

/** JSON Merge Patch (RFC 7396 §2): objects merge recursively, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const base: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** Sorts by several keys in turn; each key reads a comparable value off a record. */
export function compareBy<T>(keys: { read: (record: T) => unknown; descending?: boolean }[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const { read, descending } of keys) {
      const x = read(a);
      const y = read(b);
      if (x === y) continue;
      if (x === undefined || x === null) return descending ? 1 : -1;
      if (y === undefined || y === null) return descending ? -1 : 1;
      const order = (x as number | string) < (y as number | string) ? -1 : 1;
      return descending ? -order : order;
    }
    return 0;
  };
}
