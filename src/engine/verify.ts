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
//   taskmock bug; it is listed too, since that run's answers cannot be vouched for.
import type { JournalEntry } from "./journal.js";
import type { CompiledOperation, CompiledSpec } from "./operation.js";

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
  /** Whose mistake: the client's request, the test's `Prefer`, or taskmock's own answer. */
  kind: "request" | "prefer" | "mock";
  location: string;
  pointer: string;
  rule: string;
  message: string;
}

export interface VerifyReport {
  /** No request broke the contract. */
  ok: boolean;
  /** Requests examined. */
  requests: number;
  /** Requests with at least one violation. */
  breaking: number;
  /** Requests whose only violations the rules above excuse (a 403, a 401 the test asked for). */
  excused: number;
  violations: VerifyViolation[];
  /** Things that limit what the report can tell (a full journal). */
  warnings: string[];
}

export interface VerifyOptions {
  /** Only these vendors' requests. */
  vendors?: string[];
  /** The journal's capacity: a journal this full may have dropped older requests. */
  capacity?: number;
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

/** The operation a journal entry was answered by, from the compiled specs. */
export function operationOf(specs: ReadonlyMap<string, CompiledSpec>, entry: JournalEntry): CompiledOperation | undefined {
  return entry.operationId === undefined ? undefined : specs.get(entry.vendor)?.byId.get(entry.operationId);
}

export function verifyJournal(entries: JournalEntry[], options: VerifyOptions = {}): VerifyReport {
  const selected = options.vendors?.length ? entries.filter((e) => options.vendors?.includes(e.vendor)) : entries;
  const violations: VerifyViolation[] = [];
  let breaking = 0;
  let excused = 0;
  for (const entry of selected) {
    const base = {
      id: entry.id,
      time: entry.time,
      vendor: entry.vendor,
      operationId: entry.operationId,
      method: entry.method,
      request: requestLine(entry),
      status: entry.status,
      forced: entry.forced,
    };
    const found: VerifyViolation[] = [];
    let pardoned = false;
    for (const v of entry.violations) {
      if (v.rule === "security" && (entry.status === 403 || v.params?.["credential"] === "refused" || entry.negotiation.asked401)) {
        pardoned = true;
        continue;
      }
      found.push({ ...base, kind: "request", location: v.location, pointer: v.pointer, rule: v.rule, message: v.message });
    }
    const prefer = preferenceProblem(entry);
    if (prefer !== undefined) {
      found.push({ ...base, kind: "prefer", location: "header", pointer: "/prefer", rule: "prefer", message: prefer });
    }
    if (entry.outcome === "response-violation") {
      found.push({
        ...base,
        kind: "mock",
        location: "response",
        pointer: "/",
        rule: "response-violation",
        message: "taskmock built an answer that breaks the spec and sent a 500 problem instead (a taskmock bug: see its stderr)",
      });
    }
    if (found.length > 0) breaking++;
    else if (pardoned) excused++;
    violations.push(...found);
  }
  const warnings: string[] = [];
  if (options.capacity !== undefined && entries.length >= options.capacity) {
    warnings.push(`the journal is full (${options.capacity} requests): older requests may have been dropped unseen; raise --journal-size`);
  }
  return { ok: violations.length === 0, requests: selected.length, breaking, excused, violations, warnings };
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
  let current: number | undefined;
  for (const v of report.violations) {
    if (v.id !== current) {
      current = v.id;
      lines.push("", `${v.vendor} ${v.operationId ?? "(no operation)"}  ${v.request} → ${v.status}${v.forced ? " (forced)" : ""}`);
    }
    const where = v.pointer === "/" || v.pointer === "" ? v.location : `${v.location} ${v.pointer}`;
    lines.push(`  ${where}  ${v.rule}  ${v.message}`);
  }
  for (const warning of report.warnings) lines.push("", `warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}
