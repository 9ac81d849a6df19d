// Coverage: which operations, and which documented statuses of each, the client's traffic
// reached, per vendor, from the journal against the compiled specs. A status counts when an
// answer with it was sent for that operation, forced ones included (the client then handled
// it) but marked; an answer that is no documented response does not count: a route error, a
// `Prefer` asking for something undocumented, taskmock's own 500 response-violation, a dropped
// connection.
import type { JournalEntry } from "./journal.js";
import type { CompiledSpec } from "./operation.js";
import { preferenceProblem } from "./verify.js";

export interface Ratio {
  reached: number;
  total: number;
  /** reached / total × 100, one decimal; 0 when total is 0. */
  percent: number;
}

export interface StatusCoverage {
  status: number;
  /** Requests answered with this status. */
  requests: number;
  /** Of those, answers the test forced (Prefer, __code, a fault rule). */
  forced: number;
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  /** The path template, after the vendor's prefix. */
  path: string;
  reached: boolean;
  /** Every documented status, ascending. */
  statuses: StatusCoverage[];
}

export interface VendorCoverage {
  vendor: string;
  /** The vendor's requests in the journal, counted or not. */
  requests: number;
  operations: Ratio;
  statuses: Ratio;
  items: OperationCoverage[];
}

export interface CoverageReport {
  vendors: VendorCoverage[];
  /** Over every vendor shown. */
  operations: Ratio;
  statuses: Ratio;
  /** Requests of the vendors shown that reached no documented response of an operation. */
  uncounted: number;
}

export interface CoverageOptions {
  /** The vendors to report; default: those the journal has requests for (all served when none). */
  vendors?: string[];
}

export function ratio(reached: number, total: number): Ratio {
  return { reached, total, percent: total === 0 ? 0 : Math.round((reached / total) * 1000) / 10 };
}

/** What coverage reads of a request: a journal entry, or what the pipeline records before it is one. */
export type CoveredRequest = Pick<JournalEntry, "vendor" | "operationId" | "status" | "outcome" | "forced" | "negotiation">;

/**
 * The counts coverage reports, kept request by request as they are answered: neither a reset
 * nor the journal's bound drops them, only `clear` (DELETE /__admin/requests).
 */
export class CoverageTally {
  /** vendor → its requests, counted or not. */
  private readonly requests = new Map<string, number>();
  /** vendor → requests that reached no documented response. */
  private readonly uncounted = new Map<string, number>();
  /** vendor → operationId → status → answers (nested maps: no key is built per request). */
  private readonly counts = new Map<string, Map<string, Map<number, StatusCoverage>>>();

  constructor(private readonly specs: ReadonlyMap<string, CompiledSpec>) {}

  /** The key a shared store counts a request under (`vendor operationId status`), or undefined: it reached no documented response. */
  keyOf(entry: CoveredRequest): string | undefined {
    return this.documented(entry) ? `${entry.vendor} ${entry.operationId} ${entry.status}` : undefined;
  }

  private documented(entry: CoveredRequest): boolean {
    const operation = entry.operationId === undefined ? undefined : this.specs.get(entry.vendor)?.byId.get(entry.operationId);
    return operation?.statuses.includes(entry.status) === true && entry.outcome !== "response-violation" && preferenceProblem(entry) === undefined;
  }

  /** The count of one operation's status, made on its first request. */
  private countOf(vendor: string, operationId: string, status: number): StatusCoverage {
    let byOperation = this.counts.get(vendor);
    if (byOperation === undefined) this.counts.set(vendor, (byOperation = new Map()));
    let byStatus = byOperation.get(operationId);
    if (byStatus === undefined) byOperation.set(operationId, (byStatus = new Map()));
    let count = byStatus.get(status);
    if (count === undefined) byStatus.set(status, (count = { status, requests: 0, forced: 0 }));
    return count;
  }

  add(entry: CoveredRequest): void {
    const { vendor, operationId, status } = entry;
    this.requests.set(vendor, (this.requests.get(vendor) ?? 0) + 1);
    if (!this.documented(entry)) {
      this.uncounted.set(vendor, (this.uncounted.get(vendor) ?? 0) + 1);
      return;
    }
    const count = this.countOf(vendor, operationId as string, status);
    count.requests++;
    if (entry.forced) count.forced++;
  }

  clear(): void {
    this.requests.clear();
    this.uncounted.clear();
    this.counts.clear();
  }

  /** Holds a shared store's counts in place of its own: requests and uncounted per vendor, and `vendor operationId status` → answers and forced. */
  load(state: { requests: Map<string, number>; uncounted: Map<string, number>; counts: Map<string, { requests: number; forced: number }> }): void {
    this.clear();
    for (const [vendor, n] of state.requests) this.requests.set(vendor, n);
    for (const [vendor, n] of state.uncounted) this.uncounted.set(vendor, n);
    for (const [key, c] of state.counts) {
      const [vendor, operationId, status] = key.split(" ") as [string, string, string];
      const count = this.countOf(vendor, operationId, Number(status));
      count.requests = c.requests;
      count.forced = c.forced;
    }
  }

  report(options: CoverageOptions = {}): CoverageReport {
    const { specs } = this;
    let names = options.vendors?.length ? options.vendors : [...specs.keys()].filter((v) => (this.requests.get(v) ?? 0) > 0);
    if (names.length === 0) names = [...specs.keys()];
    const vendors: VendorCoverage[] = [];
    let uncounted = 0;
    for (const name of names) {
      const spec = specs.get(name);
      if (!spec) throw new Error(`no vendor "${name}" is served; served: ${[...specs.keys()].join(", ")}`);
      uncounted += this.uncounted.get(name) ?? 0;
      const items = spec.operations.map((op): OperationCoverage => {
        const counted = this.counts.get(name)?.get(op.operationId);
        const statuses = op.statuses.map((status) => ({ ...(counted?.get(status) ?? { status, requests: 0, forced: 0 }) }));
        return { operationId: op.operationId, method: op.method, path: op.template, reached: statuses.some((s) => s.requests > 0), statuses };
      });
      const pairs = items.flatMap((i) => i.statuses);
      vendors.push({
        vendor: name,
        requests: this.requests.get(name) ?? 0,
        operations: ratio(items.filter((i) => i.reached).length, items.length),
        statuses: ratio(pairs.filter((s) => s.requests > 0).length, pairs.length),
        items,
      });
    }
    return { vendors, ...totals(vendors), uncounted };
  }
}

/**
 * Several reports as one (the sessions of one server, each a worker of one suite): each
 * operation's statuses counted over all of them. Every report must show the same vendors.
 */
export function mergeCoverage(reports: CoverageReport[]): CoverageReport {
  const [first, ...rest] = reports;
  if (!first) return { vendors: [], operations: ratio(0, 0), statuses: ratio(0, 0), uncounted: 0 };
  const vendors = first.vendors.map((v): VendorCoverage => {
    const others = rest.map((r) => r.vendors.find((o) => o.vendor === v.vendor));
    const items = v.items.map((item, i): OperationCoverage => {
      const statuses = item.statuses.map((s, j) => {
        const sum = { ...s };
        for (const other of others) {
          const o = other?.items[i]?.statuses[j];
          if (o) {
            sum.requests += o.requests;
            sum.forced += o.forced;
          }
        }
        return sum;
      });
      return { ...item, reached: statuses.some((s) => s.requests > 0), statuses };
    });
    const pairs = items.flatMap((i) => i.statuses);
    return {
      vendor: v.vendor,
      requests: v.requests + others.reduce((n, o) => n + (o?.requests ?? 0), 0),
      operations: ratio(items.filter((i) => i.reached).length, items.length),
      statuses: ratio(pairs.filter((s) => s.requests > 0).length, pairs.length),
      items,
    };
  });
  return { vendors, ...totals(vendors), uncounted: reports.reduce((n, r) => n + r.uncounted, 0) };
}

/** The operations and statuses reached over every vendor shown. */
function totals(vendors: VendorCoverage[]): { operations: Ratio; statuses: Ratio } {
  const sum = (pick: (v: VendorCoverage) => Ratio) =>
    ratio(
      vendors.reduce((n, v) => n + pick(v).reached, 0),
      vendors.reduce((n, v) => n + pick(v).total, 0),
    );
  return { operations: sum((v) => v.operations), statuses: sum((v) => v.statuses) };
}

/** Coverage over a list of journal entries (what a tally fed with them reports). */
export function coverageOf(specs: ReadonlyMap<string, CompiledSpec>, entries: CoveredRequest[], options: CoverageOptions = {}): CoverageReport {
  const tally = new CoverageTally(specs);
  for (const entry of entries) tally.add(entry);
  return tally.report(options);
}

export interface CoverageThresholds {
  /** Least percentage of operations reached, over every vendor shown. */
  minOperations?: number;
  /** Least percentage of documented operation × status pairs reached. */
  minStatuses?: number;
}

/** Each threshold the report falls below, as a sentence; empty when it meets them all. */
export function checkCoverage(report: CoverageReport, thresholds: CoverageThresholds): string[] {
  const failures: string[] = [];
  const exact = (r: Ratio) => (r.total === 0 ? 0 : (r.reached / r.total) * 100);
  if (thresholds.minOperations !== undefined && exact(report.operations) < thresholds.minOperations) {
    failures.push(`operations reached: ${report.operations.percent}%, below the minimum of ${thresholds.minOperations}%`);
  }
  if (thresholds.minStatuses !== undefined && exact(report.statuses) < thresholds.minStatuses) {
    failures.push(`documented statuses reached: ${report.statuses.percent}%, below the minimum of ${thresholds.minStatuses}%`);
  }
  return failures;
}

export type CoverageFormat = "table" | "markdown";

const summary = (label: string, r: Ratio) => `${r.reached}/${r.total} ${label} (${r.percent}%)`;

/** A status reached only by forced answers is marked `*`. */
function statusList(statuses: StatusCoverage[], reached: boolean): string {
  const list = statuses.filter((s) => s.requests > 0 === reached).map((s) => `${s.status}${reached && s.forced === s.requests ? "*" : ""}`);
  return list.length ? list.join(" ") : "-";
}

export function formatCoverage(report: CoverageReport, format: CoverageFormat): string {
  const headline = `taskmock coverage: ${summary("operations", report.operations)}, ${summary("documented statuses", report.statuses)}`;
  const header = ["vendor", "operation", "method", "path", "reached", "not reached"];
  const rows = report.vendors.flatMap((v) =>
    v.items.map((i) => [v.vendor, i.operationId, i.method, i.path, statusList(i.statuses, true), statusList(i.statuses, false)]),
  );
  const totals = report.vendors.map((v) => `${v.vendor}: ${summary("operations", v.operations)}, ${summary("statuses", v.statuses)}`);
  const forcedNote = "* reached only through forced answers (Prefer, __code, a fault rule)";
  const uncounted =
    report.uncounted > 0 ? [`${report.uncounted} request(s) reached no documented response (route errors, undocumented Prefer)`] : [];

  if (format === "markdown") {
    const cell = (text: string, i: number) => (i === 3 ? `\`${text}\`` : text.replaceAll("|", "\\|"));
    return `${[
      `**${headline}**`,
      "",
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
      "",
      ...totals.map((t) => `- ${t}`),
      "",
      `\\${forcedNote}`,
      ...uncounted.map((u) => `\n${u}`),
    ].join("\n")}\n`;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return `${[headline, "", line(header), ...rows.map(line), "", ...totals, forcedNote, ...uncounted].join("\n")}\n`;
}
