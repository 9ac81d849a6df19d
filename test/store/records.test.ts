// How a shared store keeps a request of a session's journal: what it reads back is the record,
// compactly held; an answer's body past the store's limit is cut with a marker.
import { describe, expect, test } from "vitest";
import type { JournalRecord } from "../../src/engine/journal.js";
import { decodeRecords, encodeRecords, STORE_BODY_LIMIT } from "../../src/store/records.js";

const RECORD: JournalRecord = {
  at: Date.UTC(2026, 0, 1),
  vendor: "spaaza",
  operationId: "getTask",
  method: "GET",
  path: "/tasks/12345",
  query: { chain: "1764" },
  headers: { accept: "*/*", authorization: "Bearer x", host: "127.0.0.1:8080", "user-agent": "node" },
  body: undefined,
  status: 200,
  outcome: "handled",
  violations: [],
  forced: false,
  negotiation: { kind: "none", asked401: false },
  durationMs: 0.42,
  response: { headers: { "content-type": "application/json" }, text: JSON.stringify({ id: 12345, chain: 1764, desc: "Wallet ledger export" }) },
};

describe("a request as the shared store keeps it", () => {
  test("a batch reads back as its records, in less than half their JSON", () => {
    const batch = [RECORD, { ...RECORD, status: 404, durationMs: 1.5 }];
    const bytes = encodeRecords(batch);
    expect(JSON.parse(JSON.stringify(decodeRecords(bytes)))).toEqual(JSON.parse(JSON.stringify(batch)));
    expect(bytes.length).toBeLessThan(JSON.stringify(batch).length / 2);
  });

  test("an answer's body past the limit is cut with a marker; a page held as data is named by its size", () => {
    const long = { ...RECORD, response: { headers: {}, text: JSON.stringify({ desc: "x".repeat(3 * STORE_BODY_LIMIT) }) } };
    const text = decodeRecords(encodeRecords([long]))[0]?.response?.text ?? "";
    expect(text.startsWith(long.response.text.slice(0, STORE_BODY_LIMIT))).toBe(true);
    expect(text).toContain(`cut at ${STORE_BODY_LIMIT} of ${long.response.text.length} characters`);
    const page = { ...RECORD, response: { headers: {}, text: undefined, json: { items: [] }, bytes: 100_000 } };
    expect(decodeRecords(encodeRecords([page]))[0]?.response).toEqual({ headers: {}, text: `[taskmock: a body of 100000 bytes, past the ${STORE_BODY_LIMIT} the shared store keeps]` });
    const small = { ...RECORD, response: { headers: {}, text: undefined, json: { items: [1] }, bytes: 11 } };
    expect(decodeRecords(encodeRecords([small]))[0]?.response?.json).toEqual({ items: [1] });
  });
});
