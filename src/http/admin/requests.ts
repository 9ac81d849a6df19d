// /__admin/requests: the journal (WireMock's request log), filtered; DELETE empties it.
import type { JournalFilter } from "../../engine/journal.js";
import { type AdminApp, fail } from "./common.js";

export function requests(app: AdminApp): void {
  app.get("/__admin/requests", (c) => {
    const mock = c.var.mock;
    const filter: JournalFilter = {};
    const vendor = c.req.query("vendor");
    const operationId = c.req.query("operationId");
    const status = c.req.query("status");
    const invalid = c.req.query("invalid");
    if (vendor !== undefined) filter.vendor = vendor;
    if (operationId !== undefined) filter.operationId = operationId;
    if (status !== undefined) {
      if (!/^\d{3}$/.test(status)) return fail(c, "admin-bad-request", 400, `status=${status} is not an HTTP status`);
      filter.status = Number(status);
    }
    if (invalid !== undefined) {
      if (invalid !== "true" && invalid !== "false") return fail(c, "admin-bad-request", 400, "invalid must be true or false");
      filter.invalid = invalid === "true";
    }
    const entries = mock.journal.entries(filter);
    return c.json({ total: entries.length, capacity: mock.journal.capacity, requests: entries });
  });
  app.delete("/__admin/requests", (c) => {
    const mock = c.var.mock;
    mock.clearRequests();
    return c.body(null, 204);
  });
}
