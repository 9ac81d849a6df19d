// GET /__admin/verify and /__admin/coverage: the journal read against the specs.
import type { Context } from "hono";
import { type CoverageReport, type CoverageThresholds, checkCoverage, formatCoverage, mergeCoverage } from "../../engine/coverage.js";
import { DEFAULT_SESSION, type Session } from "../../core/sessions.js";
import { formatVerify, type VerifyReport } from "../../engine/verify.js";
import { junitVerify, markdownVerify } from "../../engine/verifyFormats.js";
import { type AdminApp, type AdminEnv, fail, vendorsOf } from "./common.js";

export function reports(app: AdminApp): void {
  app.get("/__admin/verify", (c) => {
    const mock = c.var.mock;
    const selected = vendorsOf(c, mock);
    if (!selected.ok) return fail(c, "admin-bad-request", 400, selected.detail);
    const format = c.req.query("format") ?? "json";
    if (!VERIFY_FORMATS.includes(format)) return fail(c, "admin-bad-request", 400, `format must be ${VERIFY_FORMATS.join(", ")}`);
    const strict = c.req.query("strict");
    if (strict !== undefined && strict !== "true" && strict !== "false") return fail(c, "admin-bad-request", 400, "strict must be true or false");
    const all = allSessions(c);
    if (all === "bad") return fail(c, "admin-bad-request", 400, "all-sessions must be true or false");
    const options = { ...(selected.vendors ? { vendors: selected.vendors } : {}), strict: strict === "true" };
    const vendors = selected.vendors ?? [...mock.vendors];
    if (!all) {
      const report = mock.verify(options);
      if (format === "junit") return xml(c, junitVerify(report, mock.coverage({ vendors })));
      if (format === "markdown") return markdown(c, markdownVerify(report));
      return format === "text" ? c.text(formatVerify(report)) : c.json(report);
    }
    // Every live session's report, grouped: a CI job whose workers each had a session checks them all.
    const sessions = byId(c.var.sessions.list()).map((s) => ({ session: s.id, ...s.mock.verify(options) }));
    const grouped = {
      ok: sessions.every((s) => s.ok),
      strict: options.strict,
      requests: sessions.reduce((n, s) => n + s.requests, 0),
      breaking: sessions.reduce((n, s) => n + s.breaking, 0),
      sessions,
    };
    if (format === "junit") {
      // One report: each breach named with its session, the coverage counted over them all.
      const violations = sessions.flatMap((s) => s.violations.map((v) => ({ ...v, request: `[session ${s.session}] ${v.request}` })));
      const merged = { ...(sessions[0] as VerifyReport), ok: grouped.ok, violations };
      return xml(c, junitVerify(merged, mergeCoverage(byId(c.var.sessions.list()).map((s) => s.mock.coverage({ vendors })))));
    }
    if (format === "markdown") return markdown(c, sessions.map((s) => `### Session ${s.session}\n\n${markdownVerify(s)}`).join("\n"));
    if (format !== "text") return c.json(grouped);
    return c.text(sessions.map((s) => `session ${s.session}: ${formatVerify(s)}`).join("\n"));
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
    const all = allSessions(c);
    if (all === "bad") return fail(c, "admin-bad-request", 400, "all-sessions must be true or false");
    const sessions = all ? byId(c.var.sessions.list()) : undefined;
    // Over every session, each reports every vendor asked for (or served), and the vendors nobody reached are left out as one mock leaves them.
    const vendors = selected.vendors ?? [...mock.vendors];
    const report = sessions
      ? shownVendors(mergeCoverage(sessions.map((s) => s.mock.coverage({ vendors }))), selected.vendors !== undefined)
      : mock.coverage(selected.vendors ? { vendors: selected.vendors } : {});
    if (format === "table") return c.text(formatCoverage(report, "table"));
    if (format === "markdown") return c.body(formatCoverage(report, "markdown"), 200, { "content-type": "text/markdown; charset=utf-8" });
    const failures = checkCoverage(report, thresholds);
    return c.json({
      ...report,
      ...(sessions ? { sessions: sessions.map((s) => s.id) } : {}),
      thresholds: { ...thresholds, ok: failures.length === 0, failures },
    });
  });
}

const VERIFY_FORMATS = ["json", "text", "junit", "markdown"];
const xml = (c: Context, text: string) => c.body(text, 200, { "content-type": "application/xml; charset=utf-8" });
const markdown = (c: Context, text: string) => c.body(text, 200, { "content-type": "text/markdown; charset=utf-8" });

/** Sessions in a stable order for a report: the default one first, then by id. */
function byId(sessions: Session[]): Session[] {
  return sessions.sort((a, b) => (a.id === DEFAULT_SESSION ? -1 : b.id === DEFAULT_SESSION ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `all-sessions=true`: the report covers every live session; "bad" for another value. */
function allSessions(c: Context<AdminEnv>): boolean | "bad" {
  const raw = c.req.query("all-sessions");
  if (raw === undefined || raw === "false") return false;
  return raw === "true" ? true : "bad";
}

/** Without a vendor asked for, a report shows the vendors requests reached (all when none did), as one mock's does. */
function shownVendors(report: CoverageReport, asked: boolean): CoverageReport {
  if (asked) return report;
  const reached = report.vendors.filter((v) => v.requests > 0);
  if (reached.length === 0 || reached.length === report.vendors.length) return report;
  return mergeCoverage([{ ...report, vendors: reached }]);
}
