// The admin API of a replica over a shared store (`--store redis://…`): the same endpoints, each
// request run as a job of its session's queue (core/replica.ts), so that it reads the session's
// current state and what it changes is committed before it answers. The session list, creation
// and deletion are the store's; health answers 503 naming the store when it does not answer.
import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import type { Mock } from "../../core/mock.js";
import { type Replica, storeUnavailable } from "../../core/replica.js";
import { DEFAULT_SESSION, SESSION_HEADER, SESSION_ID, type Sessions } from "../../core/sessions.js";
import { problem } from "../../engine/problem.js";
import type { EngineResponse } from "../../engine/vendor.js";
import { problemResponse } from "../../pipeline/answers.js";
import { StoreUnavailable } from "../../store/redis.js";
import { sessionUrls } from "../client.js";
import { toWebResponse } from "../write.js";
import { mountAdmin } from "./index.js";

/** Admin paths that hold a connection open or serve files: not a session's job. */
const UNQUEUED = /^\/__admin\/(?:ui(?:\/.*)?|requests\/stream)$/;
/** What reads a session's journal, verify or coverage record. */
const READS = /^\/__admin\/(?:requests|verify|coverage)$/;
const SESSION_PATH = /^\/__sessions\/([^/]*)(\/__admin(?:\/.*)?)$/;

export function mountSharedAdmin(app: Hono, sessions: Sessions, replica: Replica): void {
  const inner = new Hono();
  mountAdmin(inner, sessions);
  const { store } = replica;
  const web = (response: EngineResponse) => toWebResponse(response);

  const handle = async (c: Context): Promise<Response> => {
    const url = new URL(c.req.url);
    const inSession = SESSION_PATH.exec(url.pathname);
    const id = inSession ? (inSession[1] as string) : (c.req.header(SESSION_HEADER) ?? DEFAULT_SESSION);
    const path = inSession ? (inSession[2] as string) : url.pathname;
    const method = c.req.method;
    const text = method === "GET" || method === "HEAD" ? undefined : await c.req.text();
    const forward = () => inner.fetch(new Request(c.req.url, { method, headers: c.req.raw.headers, ...(text === undefined ? {} : { body: text }) }));
    if (UNQUEUED.test(path) || !SESSION_ID.test(id)) return forward();
    try {
      if (path === "/__admin/health") await store.ping();
      if (path === "/__admin/sessions" && method === "GET") return await list(c);
      if (path === "/__admin/sessions" && method === "POST") return await start(c, text ?? "", forward);
      const deleted = /^\/__admin\/sessions\/([^/]+)$/.exec(path);
      if (deleted && method === "DELETE" && deleted[1] !== DEFAULT_SESSION) {
        const target = decodeURIComponent(deleted[1] as string);
        const existed = await store.drop(target);
        sessions.delete(target);
        if (!existed) return web(problemResponse(problem("admin-not-found", 404, `no live session "${target}"`)));
        return new Response(null, { status: 204 });
      }
    } catch (error) {
      if (error instanceof StoreUnavailable) return web(storeUnavailable(store, error.message));
      throw error;
    }
    // The journal, verify and coverage are the store's: read from it (every session's, for all-sessions); a clear goes with the batch (core/replica.ts).
    const reads = READS.test(path) && method === "GET";
    if (reads && url.searchParams.get("all-sessions") === "true") {
      const failed = await readAll();
      if (failed) return failed;
    }
    return replica.run<Response>(id, {
      run: async (mock) => {
        if (reads) await replica.readRecords(id, mock);
        return forward();
      },
      unavailable: web,
      gone: web,
    });
  };

  /** Every session the store holds, read into this replica (those it holds no more are dropped here); a failure's answer. */
  async function readAll(): Promise<Response | undefined> {
    let live: { id: string }[];
    try {
      live = await store.list(sessions.ttlMs);
    } catch (error) {
      if (error instanceof StoreUnavailable) return web(storeUnavailable(store, error.message));
      throw error;
    }
    const ids = new Set(live.map((s) => s.id));
    for (const session of sessions.list()) if (session.id !== DEFAULT_SESSION && !ids.has(session.id)) sessions.delete(session.id);
    for (const { id } of live) {
      const read = async (mock: Mock) => void (await replica.readRecords(id, mock));
      const failed = await replica.run<Response | undefined>(id, { run: read, unavailable: web, gone: () => undefined });
      if (failed) return failed;
    }
    return undefined;
  }

  async function list(c: Context): Promise<Response> {
    const now = Date.now();
    const live = await store.list(sessions.ttlMs);
    return c.json({
      max: sessions.max,
      ttlSeconds: sessions.ttlMs / 1000,
      store: store.shown,
      sessions: live.map(({ id, lastUsed }) => ({ id, lastUsed: new Date(lastUsed).toISOString(), idleSeconds: Math.round((now - lastUsed) / 1000) })),
    });
  }

  async function start(c: Context, text: string, forward: () => Response | Promise<Response>): Promise<Response> {
    let asked: unknown;
    try {
      asked = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return forward();
    }
    // Whatever the inner API would refuse, it refuses (the same 400s).
    if (typeof asked !== "object" || asked === null || Array.isArray(asked) || Object.keys(asked).some((k) => k !== "id")) return forward();
    const wanted = (asked as { id?: unknown }).id ?? randomUUID();
    if (typeof wanted !== "string" || !SESSION_ID.test(wanted)) return forward();
    const started = await replica.start(wanted);
    if (started !== true && started !== false) return web(started);
    const urls = sessionUrls(new URL(c.req.url).origin, wanted, sessions.default.mock.vendors, sessions.rootVendor);
    return c.json({ id: wanted, created: started, ...urls }, started ? 201 : 200);
  }

  app.all("/__admin", handle);
  app.all("/__admin/*", handle);
  app.all("/__sessions/:session/__admin", handle);
  app.all("/__sessions/:session/__admin/*", handle);
}
