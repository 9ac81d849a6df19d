// Stage 10, journal: every request is recorded with its answer, its violations and its negotiation.
import { cut, JOURNAL_BODY_LIMIT, type JournalRecord, journalBody } from "../engine/journal.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { Answer, Exchange } from "./exchange.js";

export function journal(ex: Exchange): void {
  const answer = ex.answer as Answer;
  const { request } = ex;
  // The answer's text is made once, by the response check (or here, for taskmock's own problems): the
  // journal keeps it (cut past the limit) and the writer sends it. (An answer passed on as it came, the
  // validating proxy's, has its text already.) A page of checked records, made as bytes, is kept as the
  // frozen value it is, not as a copy of its text, unless the text would be cut (engine/checkedItems.ts).
  const { body: answered, drop, bodyBytes: bytes } = answer.response;
  const whole = bytes !== undefined && bytes.length <= JOURNAL_BODY_LIMIT;
  const sent = drop || whole ? undefined : (answer.response.bodyText ?? bytes?.toString() ?? (answered === undefined ? undefined : JSON.stringify(answered)));
  if (sent !== undefined && bytes === undefined) answer.response.bodyText = sent;
  const text = request.bodyText;
  // A long body is kept as its text, cut (a parsed copy would hold all of it).
  const body = text !== undefined && text.length > JOURNAL_BODY_LIMIT ? journalBody(text) : ex.body === undefined ? text : ex.body;
  // Built field by field (this runs for every request): the optional ones only when there is something to keep.
  const record: JournalRecord = {
    at: ex.at,
    vendor: ex.rt.spec.vendor,
    operationId: ex.operation?.operationId,
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body,
    status: answer.response.status,
    outcome: answer.outcome,
    violations: ex.violations.length === 0 ? ex.violations : ex.violations.map(keptViolation),
    forced: ex.forced,
    negotiation: ex.negotiation,
    durationMs: Math.round((performance.now() - ex.started) * 1000) / 1000,
  };
  if (text !== undefined) record.bodyBytes = text.length;
  if (ex.warnings) record.warnings = ex.warnings.map(keptViolation);
  if (ex.refusals) record.refusals = ex.refusals.map(keptViolation);
  if (ex.upstream) record.upstream = ex.upstream.map(keptViolation);
  // A HEAD's answer went without its body.
  if (drop) {
    // nothing was sent
  } else if (whole && request.method !== "HEAD") record.response = { headers: answer.response.headers, text: undefined, json: answered, bytes: bytes.length };
  else record.response = { headers: answer.response.headers, text: sent === undefined || request.method === "HEAD" ? undefined : journalBody(sent) };
  ex.services.record(record);
}

/** The longest offending value (as JSON text) an entry keeps whole; a longer one is kept cut, as text. */
const VALUE_LIMIT = 1024;

/** A violation as the journal keeps it: its value cut to VALUE_LIMIT (the answer itself had it whole). */
function keptViolation(v: Violation): Violation {
  if (v.value === undefined || v.value === null || typeof v.value === "number" || typeof v.value === "boolean") return v;
  const text = typeof v.value === "string" ? v.value : JSON.stringify(v.value);
  if (text.length <= VALUE_LIMIT) return v;
  return { ...v, value: cut(text, VALUE_LIMIT, "value") };
}
