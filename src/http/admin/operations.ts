// GET /__admin/operations: each served vendor's operations and the statuses each documents, read
// from the specs (what a fault rule may name), and whether a maintenance window may be opened for
// the vendor (every operation documents 503).
import { type AdminApp } from "./common.js";

export function operations(app: AdminApp): void {
  app.get("/__admin/operations", (c) => {
    const mock = c.var.mock;
    return c.json({
      vendors: [...mock.specs].map(([vendor, spec]) => ({
        vendor,
        maintenance: spec.operations.every((op) => op.statuses.includes(503)),
        operations: spec.operations.map((op) => ({
          operationId: op.operationId,
          method: op.method,
          path: op.template,
          statuses: op.statuses,
          examples: Object.fromEntries([...op.responses].map(([status, response]) => [status, [...response.examples.keys()]])),
        })),
      })),
    });
  });
}
