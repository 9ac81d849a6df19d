// The admin API under /__admin, WireMock's convention: one file per resource, each depending on
// the Mock alone. Its own errors are problem+json.
import type { Hono } from "hono";
import type { Mock } from "../../core/mock.js";
import { clock } from "./clock.js";
import { fail } from "./common.js";
import { faults } from "./faults.js";
import { health } from "./health.js";
import { maintenance } from "./maintenance.js";
import { reports } from "./reports.js";
import { requests } from "./requests.js";
import { reset } from "./reset.js";
import { state } from "./state.js";

const ADMIN_RESOURCES = [health, requests, reset, state, faults, clock, maintenance, reports];

export function mountAdmin(app: Hono, mock: Mock): void {
  for (const mount of ADMIN_RESOURCES) mount(app, mock);
  app.all("/__admin/*", (c) => fail(c, "admin-not-found", 404, `no admin endpoint ${c.req.method} ${c.req.path}`));
}
