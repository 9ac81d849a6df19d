// Requests as a shared store keeps them in a session's journal (store/redis.ts): a batch's records
// as one JSON array, deflated (node:zlib: one call per batch, not per request) against a
// dictionary of what every record repeats (field names, the usual headers and values), which
// brings a small request from about 1.2 KB to a third of it, less in a batch of several. An
// answer's body over STORE_BODY_LIMIT is kept cut to it (with a marker), or, for a page of checked
// records (held as data, not text), replaced by a marker: the store's journal stays small and
// cheap to append to, and every replica reads the same. The dictionary is part of the format:
// replicas that share a store must use the same one.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { cut, type JournalRecord } from "../engine/journal.js";

/** The longest answer body (in characters) the store's journal keeps whole. */
export const STORE_BODY_LIMIT = 8 * 1024;

const DICTIONARY = Buffer.from(
  [
    '"violations":[{"location":"body","pointer":"/","rule":"required","message":"must have required property ","params":{}}],"warnings":[],"refusals":[],',
    '"negotiation":{"kind":"problem","problem":"undocumented-status","documented":[]},"negotiation":{"kind":"choice","status":200,"dynamic":false,"asked401":false},',
    '{"vendor":"spaaza","operationId":"","method":"GET","path":"/tasks","query":{},"headers":{"accept":"*/*","accept-encoding":"gzip, deflate",',
    '"accept-language":"*","authorization":"Bearer ","connection":"keep-alive","content-length":"","content-type":"application/json","host":"127.0.0.1:",',
    '"sec-fetch-mode":"cors","user-agent":"node"},"body":{"description":"","schedule":"","timezone":"Europe/Berlin","desc":""},"bodyBytes":',
    '"status":200,"outcome":"handled","violations":[],"forced":false,"negotiation":{"kind":"none","asked401":false},"durationMs":0.',
    '"at":17,"response":{"headers":{"content-type":"application/json"},"text":"{\\"id\\":\\"","json":{"id":',
  ].join(""),
);

/** The record with its answer's body as the store keeps it. */
function bounded(record: JournalRecord): JournalRecord {
  const response = record.response;
  if (response === undefined) return record;
  if (response.text !== undefined) return response.text.length <= STORE_BODY_LIMIT ? record : { ...record, response: { headers: response.headers, text: cut(response.text, STORE_BODY_LIMIT, "body") } };
  if (response.json === undefined) return record;
  const bytes = response.bytes ?? 0;
  if (bytes <= STORE_BODY_LIMIT) return record;
  return { ...record, response: { headers: response.headers, text: `[taskmock: a body of ${bytes} bytes, past the ${STORE_BODY_LIMIT} the shared store keeps]` } };
}

export function encodeRecords(records: readonly JournalRecord[]): Buffer {
  return deflateRawSync(JSON.stringify(records.map(bounded)), { dictionary: DICTIONARY });
}

export function decodeRecords(bytes: Buffer): JournalRecord[] {
  return JSON.parse(inflateRawSync(bytes, { dictionary: DICTIONARY }).toString("utf8")) as JournalRecord[];
}
