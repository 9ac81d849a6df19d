// POST /__admin/reset: every vendor back to its fixtures, the journal and rate-limit counters empty.
import { type AdminApp, fail, jsonBody, unknownFields } from "./common.js";

export function reset(app: AdminApp): void {
  app.post("/__admin/reset", async (c) => {
    const mock = c.var.mock;
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) return fail(c, "admin-bad-request", 400, 'send {} or {"vendor": "<name>"}');
    const unknown = unknownFields(c, body.value, ["vendor"]);
    if (unknown) return unknown;
    const inBody = (body.value as { vendor?: unknown }).vendor;
    const inQuery = c.req.query("vendor");
    if (inBody !== undefined && inQuery !== undefined && inBody !== inQuery) return fail(c, "admin-bad-request", 400, "the body and the query name different vendors");
    const vendor = inBody ?? inQuery;
    if (vendor === undefined) {
      mock.reset();
      return c.json({ reset: mock.vendors });
    }
    if (typeof vendor !== "string" || !mock.vendors.includes(vendor)) {
      return fail(c, "admin-bad-request", 400, `vendor must name a vendor served: ${mock.vendors.join(", ")}`);
    }
    mock.reset(vendor);
    return c.json({ reset: [vendor] });
  });
}
