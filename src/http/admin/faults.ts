// /__admin/faults: fault rules (a documented status, latency, a dropped connection, a failed run).
import { parseFaultInput } from "../../engine/faults.js";
import { type AdminApp, fail, jsonBody } from "./common.js";

export function faults(app: AdminApp): void {
  app.get("/__admin/faults", (c) => c.json({ faults: c.var.mock.faults.list() }));
  app.delete("/__admin/faults", (c) => {
    const mock = c.var.mock;
    // DELETE /__admin/faults?id=5 must not delete every rule: one rule is /__admin/faults/5.
    mock.faults.clear();
    return c.body(null, 204);
  });
  app.delete("/__admin/faults/:id", (c) => {
    const mock = c.var.mock;
    const id = c.req.param("id");
    if (!/^[1-9]\d{0,15}$/.test(id)) return fail(c, "admin-bad-request", 400, `fault rule id "${id}" is not a rule's id (a whole number)`);
    if (!mock.faults.remove(Number(id))) return fail(c, "admin-not-found", 404, `no fault rule has the id ${id}`);
    return c.body(null, 204);
  });
  app.post("/__admin/faults", async (c) => {
    const mock = c.var.mock;
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const parsed = parseFaultInput(body.value);
    if (!parsed.ok) return fail(c, "admin-bad-request", 400, parsed.problems.join("; "), { problems: parsed.problems });
    const rule = parsed.rule;
    if (rule.vendor !== undefined && !mock.vendors.includes(rule.vendor)) return fail(c, "admin-bad-request", 400, `vendor "${rule.vendor}" is not served`);
    if (rule.operationId !== undefined) {
      const candidates = [...mock.specs].filter(([name]) => rule.vendor === undefined || name === rule.vendor).map(([, spec]) => spec);
      const operation = candidates.map((spec) => spec.byId.get(rule.operationId as string)).find((op) => op !== undefined);
      if (!operation) return fail(c, "admin-bad-request", 400, `no served operation has the operationId "${rule.operationId}"`);
      if (rule.status !== undefined && !operation.statuses.includes(rule.status)) {
        return fail(c, "undocumented-status", 400, `${operation.operationId} documents ${operation.statuses.join(", ")}, not ${rule.status}`, {
          documented: operation.statuses,
        });
      }
    }
    return c.json(mock.faults.add(rule), 201);
  });
}
