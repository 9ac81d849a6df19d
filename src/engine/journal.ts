// The request journal: every request the mock answered, newest last, in a ring buffer so a long
// run holds a bounded number of entries (WireMock's /__admin/requests).
import type { Negotiation } from "../pipeline/negotiation.js";
import type { Violation } from "./schemaCompiler.js";

export interface JournalEntry {
  id: number;
  /** The mock clock's time when the request arrived (ISO 8601). */
  time: string;
  vendor: string;
  /** Undefined when no operation matched (unknown path or method). */
  operationId: string | undefined;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers, credentials redacted. */
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /**
   * How the answer was chosen; the validating proxy's: `proxied` (the upstream's answer, passed
   * on), `proxy-error` (the upstream could not be reached, or the request could not be forwarded).
   */
  outcome: "handled" | "forced" | "fault" | "rejected" | "route-error" | "response-violation" | "proxied" | "proxy-error";
  /** The request's breaches of the contract (empty for a valid request). */
  violations: Violation[];
  /** Body properties outside the contract that the vendor's server ignores, and the mock ignored too. */
  warnings?: Violation[];
  /** What the vendor refused because of the state (a duplicate name, a task in the wrong state): not the client's contract break. */
  refusals?: Violation[];
  /**
   * The validating proxy's: how the upstream's answer departs from the spec (an undocumented
   * status, a body its schema refuses), or why there was none. Not the client's breach.
   */
  upstream?: Violation[];
  /** Set when the test asked for the status itself (Prefer, or a fault rule). */
  forced: boolean;
  /** What the request asked for with Prefer (or __code, __example, __dynamic), as the pipeline decided it. */
  negotiation: Negotiation;
  durationMs: number;
  /** The answer sent: its headers and body (JSON, or the text cut with a marker past JOURNAL_BODY_LIMIT); absent for a dropped connection. */
  response?: { headers: Record<string, string>; body: unknown };
}

/** What the journal tells its subscribers: an entry kept, or every entry gone. */
export type JournalChange = { kind: "recorded"; entry: JournalEntry } | { kind: "cleared" };

const REDACTED_HEADERS = new Set(["authorization", "x-auth-token", "cookie", "proxy-authorization"]);
/** Any header named as a secret is one too (X-Spaaza-Session-Key, X-Api-Key, X-Access-Token, …). */
const SECRET_NAME = /-(key|token|secret)$/i;

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name] = REDACTED_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name) ? "[redacted]" : (headers[name] as string);
  return out;
}

/**
 * What the pipeline records: the arrival time as a number and the headers as received. The
 * entry a reader sees (ISO time, credentials redacted) is built when the journal is read, once per
 * entry: most entries are never read, and building them was a tenth of a small request's work.
 */
export type JournalRecord = Omit<JournalEntry, "id" | "time" | "response"> & {
  at: number;
  /** The length of the body's text, when `body` holds it parsed. */
  bodyBytes?: number;
  /**
   * The answer as sent: its headers and its body's JSON text (parsed when the entry is read), or,
   * for a page of checked records (engine/checkedItems.ts), the body itself (`json`: deep-frozen
   * JSON data, what parsing its text gives) and its text's length in bytes.
   */
  response?: { headers: Record<string, string>; text: string | undefined; json?: unknown; bytes?: number };
};

interface Slot {
  id: number;
  raw: JournalRecord;
  /** What the entry holds, roughly, in bytes (its body's text, headers and violations). */
  bytes: number;
  entry?: JournalEntry;
}

/** A body longer than this (in characters) is kept cut to it, with a marker saying so. */
export const JOURNAL_BODY_LIMIT = 64 * 1024;
/** The journal's default bound in bytes (`--journal-bytes`): the oldest entries go first past it. */
const JOURNAL_BYTES = 64 * 1024 * 1024;

/** The body as the journal keeps it: a text over JOURNAL_BODY_LIMIT cut, with a marker. */
export function journalBody(text: string): string {
  if (text.length <= JOURNAL_BODY_LIMIT) return text;
  return cut(text, JOURNAL_BODY_LIMIT, "body");
}

/**
 * The first `limit` characters of a text and a marker, as a string of its own: V8's slice would
 * keep the whole text alive behind the cut (a sliced string points into its parent).
 */
export function cut(text: string, limit: number, what: string): string {
  const kept = Buffer.from(text.slice(0, limit), "utf16le").toString("utf16le");
  return `${kept}…[taskmock: ${what} cut at ${limit} of ${text.length} characters]`;
}

/** An entry's size, roughly: what it holds beyond its fixed fields. */
function sizeOf(raw: JournalRecord): number {
  let bytes = 256 + raw.path.length;
  for (const name in raw.headers) bytes += name.length + (raw.headers[name] as string).length;
  if (typeof raw.body === "string") bytes += raw.body.length;
  else if (raw.body !== undefined) bytes += raw.bodyBytes ?? 0;
  if (raw.response) {
    for (const name in raw.response.headers) bytes += name.length + (raw.response.headers[name] as string).length;
    bytes += raw.response.text?.length ?? raw.response.bytes ?? 0;
  }
  for (const list of [raw.violations, raw.warnings, raw.refusals, raw.upstream]) {
    if (list) for (const v of list) bytes += v.pointer.length + v.message.length + (typeof v.value === "string" ? v.value.length : 16) + 64;
  }
  return bytes;
}

function entryOf(slot: Slot): JournalEntry {
  if (!slot.entry) {
    const { at, headers, bodyBytes: _bodyBytes, response, ...rest } = slot.raw;
    slot.entry = { id: slot.id, time: new Date(at).toISOString(), ...rest, headers: redactHeaders(headers) };
    // A kept body is frozen and shared with the store: the reader gets its own copy, as a parse would give.
    if (response) {
      const body = response.json !== undefined ? structuredClone(response.json) : responseBody(response.text);
      slot.entry.response = { headers: response.headers, body };
    }
  }
  return slot.entry;
}

/** An answer's body as a reader sees it: its JSON, or the text itself when cut (or not JSON). */
function responseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface JournalFilter {
  vendor?: string;
  operationId?: string;
  status?: number;
  invalid?: boolean;
}

/**
 * Bounded twice: at most `capacity` entries, and at most `maxBytes` of what they hold (bodies,
 * headers, violations), the oldest dropped first; a body is kept cut to JOURNAL_BODY_LIMIT.
 */
export class Journal {
  /** Grows to `capacity` as entries come (a session that sees few requests holds a short array), then turns. */
  private ring: (Slot | undefined)[] = [];
  private next = 0;
  private count = 0;
  private sequence = 0;
  private held = 0;
  private readonly listeners = new Set<(change: JournalChange) => void>();

  constructor(
    readonly capacity: number,
    readonly maxBytes: number = JOURNAL_BYTES,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("the journal needs a capacity of at least 1");
  }

  /** Keeps an entry; answers its id (`id`: the one a shared store gave it, which the ids go on from). */
  record(raw: JournalRecord, id?: number): number {
    if (id !== undefined) this.sequence = id - 1;
    const bytes = sizeOf(raw);
    const replaced = this.ring[this.next];
    if (replaced && this.count === this.capacity) {
      this.held -= replaced.bytes;
      this.count--;
    }
    this.ring[this.next] = { id: ++this.sequence, raw, bytes };
    this.next = (this.next + 1) % this.capacity;
    this.count++;
    this.held += bytes;
    // Past the byte bound, the oldest entries go (the newest always stays).
    while (this.held > this.maxBytes && this.count > 1) {
      const oldest = (this.next - this.count + this.capacity) % this.capacity;
      this.held -= (this.ring[oldest] as Slot).bytes;
      this.ring[oldest] = undefined;
      this.count--;
    }
    if (this.listeners.size > 0) {
      const slot = this.ring[(this.next - 1 + this.capacity) % this.capacity] as Slot;
      this.notify({ kind: "recorded", entry: entryOf(slot) });
    }
    return this.sequence;
  }

  /**
   * Calls `listener` with every entry kept from now on, and when the journal is cleared (the
   * dashboard's live traffic). It is called in a microtask after the change, once whoever kept the
   * entry has finished (the verify and coverage records are then up to date); a listener that
   * throws is dropped. Answers the function that unsubscribes.
   */
  subscribe(listener: (change: JournalChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** How many listeners are subscribed. */
  get subscribers(): number {
    return this.listeners.size;
  }

  private notify(change: JournalChange): void {
    queueMicrotask(() => {
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch {
          this.listeners.delete(listener);
        }
      }
    });
  }

  /** What the entries hold, roughly, in bytes. */
  get bytes(): number {
    return this.held;
  }

  /** Entries oldest first. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const slot = this.ring[(start + i) % this.capacity];
      if (!slot) continue;
      const entry = slot.raw;
      if (filter.vendor !== undefined && entry.vendor !== filter.vendor) continue;
      if (filter.operationId !== undefined && entry.operationId !== filter.operationId) continue;
      if (filter.status !== undefined && entry.status !== filter.status) continue;
      if (filter.invalid !== undefined && entry.violations.length > 0 !== filter.invalid) continue;
      out.push(entryOf(slot));
    }
    return out;
  }

  get size(): number {
    return this.count;
  }

  /** Holds these entries (oldest first, with their ids) in place of its own, telling no subscriber: what a shared store holds. */
  replace(entries: { id: number; raw: JournalRecord }[]): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    this.ring = [];
    this.next = 0;
    this.count = 0;
    this.held = 0;
    for (const { id, raw } of entries) this.record(raw, id);
    for (const listener of listeners) this.listeners.add(listener);
  }

  clear(): void {
    this.ring = [];
    this.next = 0;
    this.count = 0;
    this.held = 0;
    if (this.listeners.size > 0) this.notify({ kind: "cleared" });
  }
}
