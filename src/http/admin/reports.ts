// GET /__admin/verify and /__admin/coverage: the journal read against the specs.
import { type CoverageThresholds, checkCoverage, formatCoverage } from "../../engine/coverage.js";
import { formatVerify } from "../../engine/verify.js";
import { type AdminApp, fail, vendorsOf } from "./common.js";

export function reports(app: AdminApp): void {
  app.get("/__admin/verify", (c) => {
    const mock = c.var.mock;
    const selected = vendorsOf(c, mock);
    if (!selected.ok) return fail(c, "admin-bad-request", 400, selected.detail);
    const format = c.req.query("format") ?? "json";
    if (format !== "json" && format !== "text") return fail(c, "admin-bad-request", 400, "format must be json or text");
    const strict = c.req.query("strict");
    if (strict !== undefined && strict !== "true" && strict !== "false") return fail(c, "admin-bad-request", 400, "strict must be true or false");
    const report = mock.verify({ ...(selected.vendors ? { vendors: selected.vendors } : {}), strict: strict === "true" });
    return format === "text" ? c.text(formatVerify(report)) : c.json(report);
  });

  app.get("/__admin/coverage", (c) => {
    const mock = c.var.mock;
    const selected = vendorsOf(c, mock);
    if (!selected.ok) return fail(c, "admin-bad-request", 400, selected.detail);
    const format = c.req.query("format") ?? "json";
    if (!["json", "table", "markdown"].includes(format)) return fail(c, "admin-bad-request", 400, "format must be json, table or markdown");
    const thresholds: CoverageThresholds = {};
    for (const [param, key] of [
      ["min-operations", "minOperations"],
      ["min-statuses", "minStatuses"],
    ] as const) {
      const raw = c.req.query(param);
      if (raw === undefined) continue;
      const value = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) {
        return fail(c, "admin-bad-request", 400, `${param} must be a percentage from 0 to 100, not "${raw}"`);
      }
      thresholds[key] = value;
    }
    const report = mock.coverage(selected.vendors ? { vendors: selected.vendors } : {});
    if (format === "table") return c.text(formatCoverage(report, "table"));
    if (format === "markdown") return c.body(formatCoverage(report, "markdown"), 200, { "content-type": "text/markdown; charset=utf-8" });
    const failures = checkCoverage(report, thresholds);
    return c.json({ ...report, thresholds: { ...thresholds, ok: failures.length === 0, failures } });
  });
}
