// GET /__admin/state/{vendor}: a vendor's records now, its bookkeeping included.
import type { Hono } from "hono";
import type { Mock } from "../../core/mock.js";
import { fail } from "./common.js";

export function state(app: Hono, mock: Mock): void {
  app.get("/__admin/state/:vendor", (c) => {
    const name = c.req.param("vendor");
    if (!mock.vendors.includes(name)) return fail(c, "admin-not-found", 404, `no vendor "${name}" is served; served: ${mock.vendors.join(", ")}`);
    return c.json(mock.state(name));
  });
}
