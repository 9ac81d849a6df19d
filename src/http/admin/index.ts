// The admin API under /__admin, WireMock's convention: one file per resource, each depending on
// the Mock alone. Its own errors are problem+json.
import type { Hono } from "hono";
import type { Mock } from "../../core/mock.js";
import { clock } from "./clock.js";
import { fail, unknownQuery } from "./common.js";
import { faults } from "./faults.js";
import { health } from "./health.js";
import { maintenance } from "./maintenance.js";
import { reports } from "./reports.js";
import { requests } from "./requests.js";
import { reset } from "./reset.js";
import { state } from "./state.js";

const ADMIN_RESOURCES = [health, requests, reset, state, faults, clock, maintenance, reports];

/** The query parameters each endpoint takes; every other endpoint takes none. */
const QUERIES: Record<string, readonly string[]> = {
  "GET /__admin/requests": ["vendor", "operationId", "status", "invalid"],
  "GET /__admin/verify": ["vendor", "format", "strict"],
  "GET /__admin/coverage": ["vendor", "format", "min-operations", "min-statuses"],
  "POST /__admin/reset": ["vendor"],
};

/** The admin paths served (an unknown one is a 404, whatever its query). */
const ENDPOINT = /^\/__admin\/(?:health|requests|verify|coverage|reset|state\/[^/]+|faults(?:\/[^/]+)?|clock|maintenance)$/;

export function mountAdmin(app: Hono, mock: Mock): void {
  // Before every endpoint: a query parameter it does not take is a 400 naming it.
  app.use("/__admin/*", async (c, next) => {
    const refused = ENDPOINT.test(c.req.path) ? unknownQuery(c, QUERIES[`${c.req.method} ${c.req.path}`] ?? []) : undefined;
    if (refused) return refused;
    await next();
  });
  for (const mount of ADMIN_RESOURCES) mount(app, mock);
  app.all("/__admin/*", (c) => fail(c, "admin-not-found", 404, `no admin endpoint ${c.req.method} ${c.req.path}`));
}
