// Verify: reads the journal and lists every request that broke the contract, the way a client's
// CI asks "did my client send anything the vendor would reject?". The rule, Prism-like:
//
// - a request the client sent wrong is a break, whether or not the test forced the answer:
//   unknown path or method, a bad parameter, header, content type or body, a body the vendor's
//   documented rules refuse (a duplicate name, an end before its start, …);
// - a forced answer alone is not a break: `Prefer`, `__code` or a fault rule chose the status;
// - credentials: a 401 (missing, malformed or unknown credential) is a break unless the request
//   itself asked for 401 (`Prefer: code=401` or `__code=401`), which is how a test says it is
//   exercising the unauthenticated path; a 403 (a valid credential without the permission, or
//   the vendor's own status for it: awork's 401) is not a break: the request fits the contract and
//   the answer is a documented one, like a 404;
// - asking for a response the operation does not document (`Prefer: code=418`, an unknown
//   example, a malformed `Prefer`) is a break of the test's own: it prepares the client for an
//   answer the vendor never gives;
// - an answer the mock itself could not send within the spec (its 500 response-violation) is a
//   taskmock bug; it is listed too, since that run's answers cannot be vouched for;
// - a refusal that depends on the state (a duplicate name, a task in the wrong state: the
//   handler's, after the request passed the schema and the vendor's request rules) is not a
//   break: the same request is right against other records. It is listed apart (`refusals`);
// - a body property outside the contract that the vendor's own server ignores (Crego's DRF,
//   awork's ASP.NET, Omni's definition) is a warning (`warnings`): the request works against
//   the vendor, but the client sends something the contract does not have. `strict` counts them;
// - behind the validating proxy (`taskmock proxy`), where the real vendor answers: its answer
//   departing from the spec (an undocumented status, a body its schema refuses) is upstream drift,
//   listed apart (`upstream`) and never counted as the client's breach.
import type { JournalEntry } from "./journal.js";
import type { Violation } from "./schemaCompiler.js";

export interface VerifyViolation {
  /** The journal entry's id. */
  id: number;
  time: string;
  vendor: string;
  /** Undefined for an unknown path or method. */
  operationId: string | undefined;
  method: string;
  /** The vendor's own path (after its prefix) with the query. */
  request: string;
  status: number;
  /** The answer was chosen by the test (Prefer, __code, a fault rule). */
  forced: boolean;
  /**
   * Whose mistake: the client's request, the test's `Prefer`, or taskmock's own answer; or, not
   * counted as a break, a property the vendor ignores (`ignored`), a refusal of the state (`state`)
   * or the real vendor's answer departing from the spec behind the proxy (`upstream`).
   */
  kind: "request" | "prefer" | "mock" | "ignored" | "state" | "upstream";
  location: string;
  pointer: string;
  rule: string;
  message: string;
}

export interface VerifyReport {
  /** No request broke the contract (and, with `strict`, none sent a property the vendor ignores). */
  ok: boolean;
  /** Contract warnings count as breaks. */
  strict: boolean;
  /** Requests examined. */
  requests: number;
  /** Requests with at least one violation. */
  breaking: number;
  /** Requests whose only violations the rules above excuse (a 403, a 401 the test asked for). */
  excused: number;
  violations: VerifyViolation[];
  /** Contract warnings: body properties outside the contract that the vendor's server ignored. */
  ignored: VerifyViolation[];
  /** Refusals that depend on the state, not the request: shown, not counted. */
  refusals: VerifyViolation[];
  /** Upstream drift, behind the validating proxy: where the real vendor's answers depart from the spec. Shown, not counted. */
  upstream: VerifyViolation[];
  /** Things that limit what the report can tell (a full journal). */
  warnings: string[];
  /** When the record was last cleared on purpose (DELETE /__admin/requests); absent if never. */
  cleared?: string;
}

export interface VerifyOptions {
  /** Only these vendors' requests. */
  vendors?: string[];
  /** Contract warnings (ignored properties) fail the report too. */
  strict?: boolean;
}

/** The request line a violation is shown with: `GET /tasks?limit=5`. */
function requestLine(entry: Pick<JournalEntry, "method" | "path" | "query">): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(entry.query)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  const query = search.toString();
  return `${entry.method} ${entry.path}${query ? `?${query}` : ""}`;
}

/**
 * What is wrong with the response the request asked for, when it asked for one the operation
 * does not document (or its `Prefer` could not be read); undefined otherwise. Read from the
 * negotiation the pipeline recorded, never from the headers again.
 */
export function preferenceProblem(entry: Pick<JournalEntry, "negotiation" | "operationId">): string | undefined {
  const n = entry.negotiation;
  if (n.kind !== "problem") return undefined;
  if (n.problem === "bad-preference") return n.detail;
  const code = n.code;
  if (n.problem === "undocumented-status" && code !== undefined) {
    return `asked for status ${code}, which ${entry.operationId} does not document (it documents ${(n.documented ?? []).join(", ")})`;
  }
  return `asked for an example named ${n.example}, which ${entry.operationId}${code !== undefined ? ` ${code}` : ""} does not have`;
}

/** What one request says to verify: its breaks, its ignored properties, its refusals of the state. */
interface Findings {
  vendor: string;
  breaks: VerifyViolation[];
  ignored: VerifyViolation[];
  refusals: VerifyViolation[];
  upstream: VerifyViolation[];
}

/** What verify reads of a request: a journal entry, or what the pipeline records before it is one. */
export type VerifiedRequest = Pick<
  JournalEntry,
  "vendor" | "operationId" | "method" | "path" | "query" | "status" | "outcome" | "violations" | "warnings" | "refusals" | "upstream" | "forced" | "negotiation"
> & { id: number; time: string | number };

/** The most findings a ledger keeps (one per violation); past it they are counted, not kept. */
export const LEDGER_LIMIT = 1_000;

/**
 * What verify reports, kept request by request as they are answered: neither a reset nor the
 * journal's bound drops it, only `clear` (DELETE /__admin/requests), which it remembers. A
 * request with nothing to say costs a counter.
 */
export class VerifyLedger {
  private readonly requests = new Map<string, number>();
  private readonly excused = new Map<string, number>();
  private kept: Findings[] = [];
  private held = 0;
  private unkept = 0;
  private clearedAt: string | undefined;

  /** Counts a request; `id` and `time` (ISO, or epoch ms) stand in for the entry's own when it has none yet (a record before it is an entry). */
  add(entry: Omit<VerifiedRequest, "id" | "time"> & Partial<Pick<VerifiedRequest, "id" | "time">>, id = entry.id ?? 0, time = entry.time ?? 0): void {
    const { vendor } = entry;
    this.requests.set(vendor, (this.requests.get(vendor) ?? 0) + 1);
    // The usual request: valid, nothing ignored or refused.
    if (isUsual(entry)) return;
    // Counted before anything is built: past the limit a request only adds to the count.
    const count = findingsCount(entry);
    if (count === 0) {
      this.excused.set(vendor, (this.excused.get(vendor) ?? 0) + 1);
      return;
    }
    if (this.held + count > LEDGER_LIMIT) {
      this.unkept += count;
      return;
    }
    this.held += count;
    this.kept.push(findingsOf({ ...entry, id, time }));
  }

  /**
   * What one request weighs in a ledger (a shared store keeps the ledger as counters and the
   * requests with findings): "usual" (a count), "excused" (a count of its own), or its findings' number.
   */
  static weigh(entry: Omit<VerifiedRequest, "id" | "time">): "usual" | "excused" | number {
    if (isUsual(entry)) return "usual";
    const count = findingsCount(entry);
    return count === 0 ? "excused" : count;
  }

  /**
   * Holds what a shared store keeps in place of its own: the requests and excused counts per
   * vendor, the requests with findings (which the store kept within LEDGER_LIMIT), the findings
   * it did not keep, and when it was cleared.
   */
  load(state: { requests: Map<string, number>; excused: Map<string, number>; found: { id: number; at: number; request: Omit<VerifiedRequest, "id" | "time"> }[]; unkept: number; clearedAt?: string }): void {
    this.clear(new Date(0));
    this.clearedAt = state.clearedAt;
    for (const { id, at, request } of state.found) this.add(request, id, at);
    this.requests.clear();
    for (const [vendor, n] of state.requests) this.requests.set(vendor, n);
    for (const [vendor, n] of state.excused) this.excused.set(vendor, n);
    this.unkept += state.unkept;
  }

  /** Forgets everything, and remembers when (the report says so). */
  clear(at: Date): void {
    this.requests.clear();
    this.excused.clear();
    this.kept = [];
    this.held = 0;
    this.unkept = 0;
    this.clearedAt = at.toISOString();
  }

  report(options: VerifyOptions = {}): VerifyReport {
    const wanted = (vendor: string) => !options.vendors?.length || options.vendors.includes(vendor);
    const strict = options.strict === true;
    const violations: VerifyViolation[] = [];
    const ignored: VerifyViolation[] = [];
    const refusals: VerifyViolation[] = [];
    const upstream: VerifyViolation[] = [];
    let breaking = 0;
    for (const f of this.kept) {
      if (!wanted(f.vendor)) continue;
      const breaks = strict ? [...f.breaks, ...f.ignored] : f.breaks;
      if (breaks.length > 0) breaking++;
      violations.push(...breaks);
      if (!strict) ignored.push(...f.ignored);
      refusals.push(...f.refusals);
      upstream.push(...f.upstream);
    }
    const sum = (counts: Map<string, number>) => [...counts].reduce((n, [vendor, c]) => (wanted(vendor) ? n + c : n), 0);
    const requests = sum(this.requests);
    const warnings: string[] = [];
    if (this.unkept > 0) warnings.push(`${this.unkept} findings past the first ${LEDGER_LIMIT} were not kept: the report lists the first ones only`);
    const report: VerifyReport = {
      ok: violations.length === 0 && this.unkept === 0,
      strict,
      requests,
      breaking,
      excused: sum(this.excused),
      violations,
      ignored,
      refusals,
      upstream,
      warnings,
    };
    if (this.clearedAt !== undefined) report.cleared = this.clearedAt;
    return report;
  }
}

/** Whether verify excuses a violation of a request (a valid credential refused, a 401 the request asked for). */
function excusedViolation(entry: Pick<VerifiedRequest, "status" | "negotiation">, v: Violation): boolean {
  return v.rule === "security" && (entry.status === 403 || v.params?.["credential"] === "refused" || entry.negotiation.asked401 === true);
}

/** How many findings findingsOf makes of a request, without making them. */
function findingsCount(entry: Omit<VerifiedRequest, "id" | "time">): number {
  let count = 0;
  for (const v of entry.violations) if (!excusedViolation(entry, v)) count++;
  if (preferenceProblem(entry) !== undefined) count++;
  if (entry.outcome === "response-violation") count++;
  return count + (entry.warnings?.length ?? 0) + (entry.refusals?.length ?? 0) + (entry.upstream?.length ?? 0);
}

function isUsual(entry: Omit<VerifiedRequest, "id" | "time">): boolean {
  return entry.violations.length === 0 && !entry.warnings && !entry.refusals && !entry.upstream && entry.negotiation.kind !== "problem" && entry.outcome !== "response-violation";
}

function findingsOf(entry: VerifiedRequest): Findings {
  const base = {
    id: entry.id,
    time: typeof entry.time === "number" ? new Date(entry.time).toISOString() : entry.time,
    vendor: entry.vendor,
    operationId: entry.operationId,
    method: entry.method,
    request: requestLine(entry),
    status: entry.status,
    forced: entry.forced,
  };
  const line = (v: Violation, kind: VerifyViolation["kind"]): VerifyViolation => ({ ...base, kind, location: v.location, pointer: v.pointer, rule: v.rule, message: v.message });
  const breaks: VerifyViolation[] = [];
  for (const v of entry.violations) {
    // A valid credential refused (403, or awork's 401 for a read-only write) fits the contract; so does a 401 the request asked for.
    if (excusedViolation(entry, v)) continue;
    breaks.push(line(v, "request"));
  }
  const prefer = preferenceProblem(entry);
  if (prefer !== undefined) {
    breaks.push({ ...base, kind: "prefer", location: "header", pointer: "/prefer", rule: "prefer", message: prefer });
  }
  if (entry.outcome === "response-violation") {
    breaks.push({
      ...base,
      kind: "mock",
      location: "response",
      pointer: "/",
      rule: "response-violation",
      message: "taskmock built an answer that breaks the spec and sent a 500 problem instead (a taskmock bug: see its stderr)",
    });
  }
  return {
    vendor: entry.vendor,
    breaks,
    ignored: (entry.warnings ?? []).map((v) => line(v, "ignored")),
    refusals: (entry.refusals ?? []).map((v) => line(v, "state")),
    upstream: (entry.upstream ?? []).map((v) => line(v, "upstream")),
  };
}

/** verify over a list of journal entries (what a ledger fed with them reports). */
export function verifyJournal(entries: JournalEntry[], options: VerifyOptions = {}): VerifyReport {
  const ledger = new VerifyLedger();
  for (const entry of entries) ledger.add(entry);
  return ledger.report(options);
}

/** The report for a terminal: one block per breaking request, one line per violation. */
export function formatVerify(report: VerifyReport): string {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (report.ok) {
    lines.push(`taskmock verify: no contract violations in ${plural(report.requests, "request")}`);
  } else {
    lines.push(
      `taskmock verify: ${report.breaking} of ${plural(report.requests, "request")} broke the contract (${plural(report.violations.length, "violation")})`,
    );
  }
  if (report.excused > 0) {
    lines.push(
      `  not counted: ${plural(report.excused, "request")} answered 403 for a valid credential, or 401 as the request asked (Prefer)`,
    );
  }
  listed(lines, report.violations);
  if (report.ignored.length > 0) {
    lines.push("", `contract warnings: ${report.ignored.length} ${report.ignored.length === 1 ? "property" : "properties"} outside the contract, ignored as the vendor's server ignores them (verify --strict fails on them):`);
    listed(lines, report.ignored);
  }
  if (report.refusals.length > 0) {
    lines.push("", `refused because of the state, not counted (the same request is right against other records): ${plural(report.refusals.length, "refusal")}`);
    listed(lines, report.refusals);
  }
  if (report.upstream.length > 0) {
    lines.push("", `upstream drift, not counted (the real vendor's answers departing from the spec, behind the proxy): ${plural(report.upstream.length, "departure")}`);
    listed(lines, report.upstream);
  }
  if (report.cleared !== undefined) lines.push("", `note: the record of requests was cleared at ${report.cleared} (DELETE /__admin/requests); earlier requests are not in this report`);
  for (const warning of report.warnings) lines.push("", `warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}

/** One block per request, one line per violation. */
function listed(lines: string[], violations: VerifyViolation[]): void {
  let current: number | undefined;
  for (const v of violations) {
    if (v.id !== current) {
      current = v.id;
      lines.push("", `${v.vendor} ${v.operationId ?? "(no operation)"}  ${v.request} → ${v.status}${v.forced ? " (forced)" : ""}`);
    }
    const where = v.pointer === "/" || v.pointer === "" ? v.location : `${v.location} ${v.pointer}`;
    lines.push(`  ${where}  ${v.rule}  ${v.message}`);
  }
}
