// Stage 10, journal: every request is recorded with its answer, its violations and its negotiation.
import { cut, JOURNAL_BODY_LIMIT, type JournalRecord, journalBody } from "../engine/journal.js";
import type { Violation } from "../engine/schemaCompiler.js";
import type { Answer, Exchange } from "./exchange.js";

export function journal(ex: Exchange): void {
  const answer = ex.answer as Answer;
  const { request } = ex;
  // The answer's text is made once, here: the journal keeps it (cut past the limit) and the writer sends it.
  // (An answer passed on as it came, the validating proxy's, has its text already.)
  const { body: answered, drop } = answer.response;
  const given = answer.response.bodyText;
  const sent = drop ? undefined : (given ?? (answered === undefined ? undefined : JSON.stringify(answered)));
  if (sent !== undefined) answer.response.bodyText = sent;
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
  // A HEAD's answer went without its body. The mock's own answer is kept as its value (the entry
  // makes its JSON again when read, engine/journal.ts); a text given (proxied), or cut, as text.
  if (!drop) {
    const headers = answer.response.headers;
    if (sent === undefined || request.method === "HEAD") record.response = { headers, text: undefined };
    else if (given === undefined && sent.length <= JOURNAL_BODY_LIMIT) record.response = { headers, text: undefined, value: answered, sent: sent.length };
    else record.response = { headers, text: journalBody(sent) };
  }
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
