// GET /__admin/state/{vendor}: a vendor's records now, its bookkeeping included.
import { type AdminApp, fail } from "./common.js";

export function state(app: AdminApp): void {
  app.get("/__admin/state/:vendor", (c) => {
    const mock = c.var.mock;
    const name = c.req.param("vendor");
    if (!mock.vendors.includes(name)) return fail(c, "admin-not-found", 404, `no vendor "${name}" is served; served: ${mock.vendors.join(", ")}`);
    return c.json(mock.state(name));
  });
}
