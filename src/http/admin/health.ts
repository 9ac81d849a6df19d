// GET /__admin/health: the mock is up, which vendors it serves, its time and journal size, and the
// id of the process that answered (one of several under serve --workers N, or behind a balancer).

import type { AdminApp } from "./common.js";

export function health(app: AdminApp): void {
  app.get("/__admin/health", (c) => c.json({ status: "ok", vendors: c.var.mock.vendors, now: c.var.mock.clock.now().toISOString(), journal: c.var.mock.journal.size, pid: process.pid }));
}
