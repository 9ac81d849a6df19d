// /__admin/snapshot: the session's whole state as one JSON document (GET), and back (PUT, checked
// whole first: a bad record is a 400 naming it, and nothing changes).
import { type AdminApp, fail, jsonBody } from "./common.js";

export function snapshot(app: AdminApp): void {
  app.get("/__admin/snapshot", (c) => c.json(c.var.mock.snapshot()));
  app.put("/__admin/snapshot", async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const restored = c.var.mock.restore(body.value);
    if (!restored.ok) {
      const shown = restored.problems.slice(0, 50);
      const more = restored.problems.length - shown.length;
      return fail(c, "admin-bad-request", 400, `the snapshot was not restored: ${shown.join("; ")}${more > 0 ? `; … and ${more} more` : ""}`, {
        problems: restored.problems,
      });
    }
    return c.body(null, 204);
  });
}
