// The admin API under /__admin, WireMock's convention: one file per resource, each depending on
// the Mock alone (the session's: `/__sessions/{id}/__admin/…`, or the X-Taskmock-Session header;
// the default session otherwise). Its own errors are problem+json.
import { Hono } from "hono";
import type { Sessions } from "../../core/sessions.js";
import { clock } from "./clock.js";
import { type AdminEnv, fail, unknownQuery } from "./common.js";
import { faults } from "./faults.js";
import { health } from "./health.js";
import { maintenance } from "./maintenance.js";
import { operations } from "./operations.js";
import { reports } from "./reports.js";
import { requests } from "./requests.js";
import { reset } from "./reset.js";
import { sessionOf, sessions as sessionsResource } from "./sessions.js";
import { snapshot } from "./snapshot.js";
import { state } from "./state.js";
import { timeline } from "./timeline.js";
import { ui } from "./ui.js";

const ADMIN_RESOURCES = [health, requests, reset, state, faults, clock, maintenance, reports, snapshot, operations, timeline, ui];

/** The query parameters each endpoint takes; every other endpoint takes none. */
const QUERIES: Record<string, readonly string[]> = {
  "GET /__admin/requests": ["vendor", "operationId", "status", "invalid", "format"],
  "GET /__admin/verify": ["vendor", "format", "strict", "all-sessions"],
  "GET /__admin/coverage": ["vendor", "format", "min-operations", "min-statuses", "all-sessions"],
  "POST /__admin/reset": ["vendor"],
  "GET /__admin/sessions": [],
  "GET /__admin/timeline": ["vendor", "limit"],
};

/** The admin paths served (an unknown one is a 404, whatever its query). */
const ENDPOINT =
  /^\/__admin\/(?:health|requests(?:\/stream)?|verify|coverage|reset|state\/[^/]+|faults(?:\/[^/]+)?|clock|maintenance(?:\/[^/]+)?|snapshot|sessions(?:\/[^/]+)?|operations|timeline|ui(?:\/[^/]+)?)$/;

/** A session's admin API is the same API under its prefix. */
const SESSION_PREFIX = /^\/__sessions\/[^/]+/;

export function mountAdmin(app: Hono, sessions: Sessions): void {
  const admin = new Hono<AdminEnv>();
  // Before every endpoint: the session it speaks for (410 when it went), then a query parameter it does not take is a 400 naming it.
  admin.use("/__admin/*", async (c, next) => {
    const found = sessionOf(c, sessions);
    if ("refused" in found) return found.refused;
    c.set("mock", found.session.mock);
    c.set("sessions", sessions);
    const path = c.req.path.replace(SESSION_PREFIX, "");
    const refused = ENDPOINT.test(path) ? unknownQuery(c, QUERIES[`${c.req.method} ${path}`] ?? []) : undefined;
    if (refused) return refused;
    await next();
  });
  sessionsResource(admin, sessions);
  for (const mount of ADMIN_RESOURCES) mount(admin);
  admin.all("/__admin/*", (c) => fail(c, "admin-not-found", 404, `no admin endpoint ${c.req.method} ${c.req.path}`));
  app.route("/__sessions/:session", admin);
  app.route("/", admin);
}
