// POST /__admin/reset: every vendor back to its fixtures, the journal and rate-limit counters empty.
import type { Hono } from "hono";
import type { Mock } from "../../core/mock.js";

export function reset(app: Hono, mock: Mock): void {
  app.post("/__admin/reset", (c) => {
    mock.reset();
    return c.json({ reset: mock.vendors });
  });
}
