// GET /__admin/timeline: what each vendor's scheduler did and will do (the runs that fired, the runs
// due), read from the vendors' state through VendorSchedule.timeline.
import { type AdminApp, fail, vendorsOf } from "./common.js";

export function timeline(app: AdminApp): void {
  app.get("/__admin/timeline", (c) => {
    const mock = c.var.mock;
    const selected = vendorsOf(c, mock);
    if (!selected.ok) return fail(c, "admin-bad-request", 400, selected.detail);
    const raw = c.req.query("limit");
    const limit = raw === undefined ? 50 : Number(raw);
    if (!/^\d{1,4}$/.test(raw ?? "50") || limit < 1 || limit > 1000) return fail(c, "admin-bad-request", 400, `limit must be a whole number from 1 to 1000, not "${raw}"`);
    return c.json(mock.timeline({ limit, ...(selected.vendors ? { vendors: selected.vendors } : {}) }));
  });
}
