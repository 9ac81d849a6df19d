// GET /__admin/health: the mock is up, which vendors it serves, its time and journal size.
import type { Hono } from "hono";
import type { Mock } from "../../core/mock.js";

export function health(app: Hono, mock: Mock): void {
  app.get("/__admin/health", (c) => c.json({ status: "ok", vendors: mock.vendors, now: mock.clock.now().toISOString(), journal: mock.journal.size }));
}
