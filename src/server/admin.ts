// The admin API under /__admin, WireMock's convention: health, the request journal, reset,
// state dumps, fault rules and the clock; verify and coverage read the journal against the
// specs. Its own errors are problem+json.
import type { Context, Hono } from "hono";
import { parseDuration } from "../engine/clock.js";
import { type CoverageThresholds, checkCoverage, coverageOf, formatCoverage } from "../engine/coverage.js";
import { parseFaultInput } from "../engine/faults.js";
import type { JournalFilter } from "../engine/journal.js";
import { PROBLEM_CONTENT_TYPE, type ProblemKind, problem } from "../engine/problem.js";
import { formatVerify, verifyJournal } from "../engine/verify.js";
import { isVendorName } from "../vendors/types.js";
import type { MockContext } from "./app.js";

function fail(c: Context, kind: ProblemKind, status: 400 | 404, detail: string, extra: Record<string, unknown> = {}) {
  return c.body(JSON.stringify(problem(kind, status, detail, extra)), status, { "content-type": PROBLEM_CONTENT_TYPE });
}

async function jsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; detail: string }> {
  const text = await c.req.text();
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: `the body is not valid JSON: ${(error as Error).message}` };
  }
}

export function mountAdmin(app: Hono, mock: MockContext): void {
  const { services, runtimes } = mock;

  app.get("/__admin/health", (c) =>
    c.json({ status: "ok", vendors: [...runtimes.keys()], now: services.clock.now().toISOString(), journal: services.journal.size }),
  );

  app.get("/__admin/requests", (c) => {
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
    const requests = services.journal.entries(filter);
    return c.json({ total: requests.length, capacity: services.journal.capacity, requests });
  });

  app.delete("/__admin/requests", (c) => {
    services.journal.clear();
    return c.body(null, 204);
  });

  app.post("/__admin/reset", (c) => {
    mock.reset();
    return c.json({ reset: [...runtimes.keys()] });
  });

  app.get("/__admin/state/:vendor", (c) => {
    const name = c.req.param("vendor");
    const rt = isVendorName(name) ? runtimes.get(name) : undefined;
    if (!rt || !isVendorName(name)) return fail(c, "admin-not-found", 404, `no vendor "${name}" is served; served: ${[...runtimes.keys()].join(", ")}`);
    mock.tick(name);
    return c.json(rt.state.dump());
  });

  app.get("/__admin/faults", (c) => c.json({ faults: services.faults.list() }));
  app.delete("/__admin/faults", (c) => {
    services.faults.clear();
    return c.body(null, 204);
  });
  app.post("/__admin/faults", async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const parsed = parseFaultInput(body.value);
    if (!parsed.ok) return fail(c, "admin-bad-request", 400, parsed.problems.join("; "), { problems: parsed.problems });
    const rule = parsed.rule;
    if (rule.vendor !== undefined && !(isVendorName(rule.vendor) && runtimes.has(rule.vendor))) {
      return fail(c, "admin-bad-request", 400, `vendor "${rule.vendor}" is not served`);
    }
    if (rule.operationId !== undefined) {
      const candidates = [...runtimes.values()].filter((rt) => rule.vendor === undefined || rt.spec.vendor === rule.vendor);
      const operation = candidates.map((rt) => rt.spec.byId.get(rule.operationId as string)).find((op) => op !== undefined);
      if (!operation) return fail(c, "admin-bad-request", 400, `no served operation has the operationId "${rule.operationId}"`);
      if (rule.status !== undefined && !operation.statuses.includes(rule.status)) {
        return fail(
          c,
          "undocumented-status",
          400,
          `${operation.operationId} documents ${operation.statuses.join(", ")}, not ${rule.status}`,
          {
            documented: operation.statuses,
          },
        );
      }
    }
    return c.json(services.faults.add(rule), 201);
  });

  app.get("/__admin/clock", (c) => c.json({ now: services.clock.now().toISOString(), fixed: services.clock.fixed }));
  app.post("/__admin/clock", async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const input = body.value as { set?: unknown; advance?: unknown };
    const keys = Object.keys(input ?? {});
    if (typeof input !== "object" || input === null || keys.length !== 1 || !["set", "advance"].includes(keys[0] as string)) {
      return fail(
        c,
        "admin-bad-request",
        400,
        'send {"set": "<ISO 8601 time>"} or {"advance": "<ISO 8601 duration such as PT1H>" or milliseconds}',
      );
    }
    if (input.set !== undefined) {
      const time = typeof input.set === "string" ? new Date(input.set) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime()))
        return fail(c, "admin-bad-request", 400, `set: ${JSON.stringify(input.set)} is not an ISO 8601 time`);
      return c.json({ now: mock.moveClock({ set: time }).toISOString(), fixed: services.clock.fixed });
    }
    const ms =
      typeof input.advance === "number" ? input.advance : typeof input.advance === "string" ? parseDuration(input.advance) : undefined;
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      return fail(
        c,
        "admin-bad-request",
        400,
        `advance: ${JSON.stringify(input.advance)} is not a non-negative duration (PT1H, P1D) or millisecond count`,
      );
    }
    return c.json({ now: mock.moveClock({ advanceMs: ms }).toISOString(), fixed: services.clock.fixed });
  });

  app.get("/__admin/maintenance", (c) =>
    c.json({
      maintenance: Object.fromEntries(
        [...services.maintenance].map(([vendor, w]) => [vendor, { retryAfter: w.retryAfter, until: w.until?.toISOString() ?? null }]),
      ),
    }),
  );
  app.delete("/__admin/maintenance", (c) => {
    services.maintenance.clear();
    return c.body(null, 204);
  });
  app.post("/__admin/maintenance", async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const input = (body.value ?? {}) as { vendor?: unknown; retryAfter?: unknown; until?: unknown };
    const unknown = Object.keys(input).filter((k) => !["vendor", "retryAfter", "until"].includes(k));
    if (unknown.length > 0) return fail(c, "admin-bad-request", 400, `unknown field ${unknown.map((k) => `"${k}"`).join(", ")}`);
    const name = typeof input.vendor === "string" ? input.vendor : "";
    const rt = isVendorName(name) ? runtimes.get(name) : undefined;
    if (!rt) return fail(c, "admin-bad-request", 400, `vendor must name a vendor served: ${[...runtimes.keys()].join(", ")}`);
    const undocumented = rt.spec.operations.filter((op) => !op.statuses.includes(503)).map((op) => op.operationId);
    if (undocumented.length > 0) {
      return fail(
        c,
        "undocumented-status",
        400,
        `${name} does not document 503 on ${undocumented.join(", ")}: a maintenance window would break its contract`,
      );
    }
    const retryAfter = input.retryAfter ?? 120;
    if (!Number.isInteger(retryAfter) || (retryAfter as number) < 1)
      return fail(c, "admin-bad-request", 400, "retryAfter must be a whole number of seconds, at least 1");
    let until: Date | undefined;
    if (input.until !== undefined) {
      until = typeof input.until === "string" ? new Date(input.until) : new Date(Number.NaN);
      if (Number.isNaN(until.getTime())) return fail(c, "admin-bad-request", 400, "until must be an ISO 8601 time");
    }
    services.maintenance.set(name, { retryAfter: retryAfter as number, ...(until ? { until } : {}) });
    return c.json({ vendor: name, retryAfter, until: until?.toISOString() ?? null }, 201);
  });

  // Verify and coverage: `vendor` (comma-separated) narrows them; `format` picks the text forms.
  const specs = () => new Map([...runtimes].map(([name, rt]) => [name as string, rt.spec]));
  const vendorsOf = (c: Context): { ok: true; vendors: string[] | undefined } | { ok: false; detail: string } => {
    const raw = c.req.query("vendor");
    if (raw === undefined || raw.trim() === "") return { ok: true, vendors: undefined };
    const vendors = [...new Set(raw.split(",").map((v) => v.trim()))];
    const unknown = vendors.filter((v) => !(isVendorName(v) && runtimes.has(v)));
    if (unknown.length > 0) {
      return { ok: false, detail: `vendor ${unknown.join(", ")} is not served; served: ${[...runtimes.keys()].join(", ")}` };
    }
    return { ok: true, vendors };
  };

  app.get("/__admin/verify", (c) => {
    const selected = vendorsOf(c);
    if (!selected.ok) return fail(c, "admin-bad-request", 400, selected.detail);
    const format = c.req.query("format") ?? "json";
    if (format !== "json" && format !== "text") return fail(c, "admin-bad-request", 400, "format must be json or text");
    const report = verifyJournal(specs(), services.journal.entries(), {
      ...(selected.vendors ? { vendors: selected.vendors } : {}),
      capacity: services.journal.capacity,
    });
    return format === "text" ? c.text(formatVerify(report)) : c.json(report);
  });

  app.get("/__admin/coverage", (c) => {
    const selected = vendorsOf(c);
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
    const report = coverageOf(specs(), services.journal.entries(), selected.vendors ? { vendors: selected.vendors } : {});
    if (format === "table") return c.text(formatCoverage(report, "table"));
    if (format === "markdown") return c.body(formatCoverage(report, "markdown"), 200, { "content-type": "text/markdown; charset=utf-8" });
    const failures = checkCoverage(report, thresholds);
    return c.json({ ...report, thresholds: { ...thresholds, ok: failures.length === 0, failures } });
  });

  app.all("/__admin/*", (c) => fail(c, "admin-not-found", 404, `no admin endpoint ${c.req.method} ${c.req.path}`));
}
