// What every admin resource shares: taskmock's own problem+json errors, a JSON body read, the
// `vendor` filter of the reports.
import type { Context, Hono } from "hono";
import type { Mock } from "../../core/mock.js";
import type { Sessions } from "../../core/sessions.js";
import { PROBLEM_CONTENT_TYPE, type ProblemKind, problem } from "../../engine/problem.js";

/** The admin app: every handler finds the session it speaks for in `c.var.mock`, and the server's sessions in `c.var.sessions` (set before it runs). */
export type AdminEnv = { Variables: { mock: Mock; sessions: Sessions } };
export type AdminApp = Hono<AdminEnv>;

export function fail(c: Context, kind: ProblemKind, status: 400 | 404 | 410, detail: string, extra: Record<string, unknown> = {}) {
  return c.body(JSON.stringify(problem(kind, status, detail, extra)), status, { "content-type": PROBLEM_CONTENT_TYPE });
}

export async function jsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; detail: string }> {
  const text = await c.req.text();
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: `the body is not valid JSON: ${(error as Error).message}` };
  }
}

/** The vendors a report is narrowed to (`vendor=omni,awork`), each one served. */
export function vendorsOf(c: Context, mock: Mock): { ok: true; vendors: string[] | undefined } | { ok: false; detail: string } {
  const raw = c.req.query("vendor");
  if (raw === undefined || raw.trim() === "") return { ok: true, vendors: undefined };
  const vendors = [...new Set(raw.split(",").map((v) => v.trim()))];
  const unknown = vendors.filter((v) => !mock.vendors.includes(v));
  if (unknown.length > 0) return { ok: false, detail: `vendor ${unknown.join(", ")} is not served; served: ${mock.vendors.join(", ")}` };
  return { ok: true, vendors };
}

/** An admin request with a query parameter the endpoint does not take: the problem naming it, else undefined. */
export function unknownQuery(c: Context, allowed: readonly string[]) {
  const unknown = [...new Set(Object.keys(c.req.queries()))].filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return undefined;
  const takes = allowed.length === 0 ? "takes no query parameters" : `takes ${allowed.join(", ")}`;
  return fail(c, "admin-bad-request", 400, `unknown query parameter ${unknown.map((n) => `"${n}"`).join(", ")}: ${c.req.method} ${c.req.path} ${takes}`, {
    unknown,
  });
}

/** A JSON body's fields the endpoint does not take, as a problem; undefined when there are none. */
export function unknownFields(c: Context, value: unknown, allowed: readonly string[]) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const unknown = Object.keys(value).filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return undefined;
  return fail(c, "admin-bad-request", 400, `unknown field ${unknown.map((n) => `"${n}"`).join(", ")}; ${c.req.method} ${c.req.path} takes ${allowed.join(", ") || "no body"}`, {
    unknown,
  });
}
