// /__admin/sessions: the sessions one server holds (GET lists them, POST creates one, DELETE drops
// one), and how an admin request finds the session it speaks for.
import type { Context } from "hono";
import { randomUUID } from "node:crypto";
import { type Gone, goneDetail, type Session, SESSION_HEADER, type Sessions } from "../../core/sessions.js";
import { sessionUrls } from "../client.js";
import { type AdminApp, fail, jsonBody, unknownFields } from "./common.js";

/** The session an admin request speaks for: its path's (`/__sessions/{id}/__admin/…`), its header's, or the default one. */
export function sessionOf(c: Context, sessions: Sessions): { session: Session } | { refused: Response } {
  const id = c.req.param("session") ?? c.req.header(SESSION_HEADER);
  const found = sessions.resolve(id);
  if ("invalid" in found) return { refused: fail(c, "admin-bad-request", 400, found.invalid) };
  if ("gone" in found) return { refused: gone(c, found.gone) };
  return { session: found.session };
}

function gone(c: Context, went: Gone) {
  return fail(c, "session-gone", 410, goneDetail(went), { session: went.id, reason: went.reason });
}

/** What a session looks like in the list. */
function described(session: Session, now: number) {
  return {
    id: session.id,
    created: new Date(session.created).toISOString(),
    lastUsed: new Date(session.lastUsed).toISOString(),
    ageSeconds: Math.round((now - session.created) / 1000),
    idleSeconds: Math.round((now - session.lastUsed) / 1000),
    requests: session.requests,
    size: session.mock.footprint(),
  };
}

/** Where a session's vendors and admin API are, on the server this request reached. */
function baseUrls(c: Context, sessions: Sessions, id: string) {
  return sessionUrls(new URL(c.req.url).origin, id, sessions.default.mock.vendors, sessions.rootVendor);
}

export function sessions(app: AdminApp, all: Sessions): void {
  app.get("/__admin/sessions", (c) => {
    const now = Date.now();
    return c.json({ max: all.max, ttlSeconds: all.ttlMs / 1000, sessions: all.list().map((s) => described(s, now)) });
  });
  app.post("/__admin/sessions", async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) return fail(c, "admin-bad-request", 400, 'send {} or {"id": "<session id>"}');
    const unknown = unknownFields(c, body.value, ["id"]);
    if (unknown) return unknown;
    const asked = (body.value as { id?: unknown }).id;
    if (asked !== undefined && typeof asked !== "string") return fail(c, "admin-bad-request", 400, "id must be a string");
    const started = all.start(asked ?? randomUUID());
    if ("invalid" in started) return fail(c, "admin-bad-request", 400, started.invalid);
    if ("gone" in started) return gone(c, started.gone);
    const { id } = started.session;
    return c.json({ id, created: started.created === true, ...baseUrls(c, all, id) }, started.created ? 201 : 200);
  });
  app.delete("/__admin/sessions/:id", (c) => {
    const id = c.req.param("id");
    if (!all.delete(id)) return fail(c, "admin-not-found", 404, `no live session "${id}"`);
    return c.body(null, 204);
  });
}
