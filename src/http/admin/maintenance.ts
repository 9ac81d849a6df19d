// /__admin/maintenance: maintenance windows (every request of a vendor answers 503 with Retry-After).
import { type AdminApp, fail, jsonBody } from "./common.js";

export function maintenance(app: AdminApp): void {
  app.get("/__admin/maintenance", (c) =>
    c.json({
      maintenance: Object.fromEntries(
        [...c.var.mock.maintenance].map(([vendor, w]) => [vendor, { retryAfter: w.retryAfter, until: w.until?.toISOString() ?? null }]),
      ),
    }),
  );
  app.delete("/__admin/maintenance", (c) => {
    const mock = c.var.mock;
    mock.maintenance.clear();
    return c.body(null, 204);
  });
  app.delete("/__admin/maintenance/:vendor", (c) => {
    const vendor = c.req.param("vendor");
    if (!c.var.mock.maintenance.delete(vendor)) return fail(c, "admin-not-found", 404, `no maintenance window is open for "${vendor}"`);
    return c.body(null, 204);
  });
  app.post("/__admin/maintenance", async (c) => {
    const mock = c.var.mock;
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const input = (body.value ?? {}) as { vendor?: unknown; retryAfter?: unknown; until?: unknown };
    const unknown = Object.keys(input).filter((k) => !["vendor", "retryAfter", "until"].includes(k));
    if (unknown.length > 0) return fail(c, "admin-bad-request", 400, `unknown field ${unknown.map((k) => `"${k}"`).join(", ")}`);
    const name = typeof input.vendor === "string" ? input.vendor : "";
    const spec = mock.specs.get(name);
    if (!spec) return fail(c, "admin-bad-request", 400, `vendor must name a vendor served: ${mock.vendors.join(", ")}`);
    const undocumented = spec.operations.filter((op) => !op.statuses.includes(503)).map((op) => op.operationId);
    if (undocumented.length > 0) {
      return fail(c, "undocumented-status", 400, `${name} does not document 503 on ${undocumented.join(", ")}: a maintenance window would break its contract`);
    }
    const retryAfter = input.retryAfter ?? 120;
    if (!Number.isInteger(retryAfter) || (retryAfter as number) < 1) return fail(c, "admin-bad-request", 400, "retryAfter must be a whole number of seconds, at least 1");
    let until: Date | undefined;
    if (input.until !== undefined) {
      until = typeof input.until === "string" ? new Date(input.until) : new Date(Number.NaN);
      if (Number.isNaN(until.getTime())) return fail(c, "admin-bad-request", 400, "until must be an ISO 8601 time");
    }
    mock.maintenance.set(name, { retryAfter: retryAfter as number, ...(until ? { until } : {}) });
    return c.json({ vendor: name, retryAfter, until: until?.toISOString() ?? null }, 201);
  });
}
