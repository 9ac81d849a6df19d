// The request journal: every request the mock answered, newest last, in a ring buffer so a long
// run holds a bounded number of entries (WireMock's /__admin/requests).
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
  /** How the answer was chosen. */
  outcome: "handled" | "forced" | "fault" | "rejected" | "route-error" | "response-violation";
  /** The request's breaches of the contract (empty for a valid request). */
  violations: Violation[];
  /** Set when the test asked for the status itself (Prefer, or a fault rule). */
  forced: boolean;
  durationMs: number;
}

const REDACTED_HEADERS = new Set(["authorization", "x-auth-token", "cookie", "proxy-authorization"]);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name] = REDACTED_HEADERS.has(name.toLowerCase()) ? "[redacted]" : (headers[name] as string);
  return out;
}

/**
 * What the pipeline records: the arrival time as a number and the headers as received. The
 * entry a reader sees (ISO time, credentials redacted) is built when the journal is read, once per
 * entry: most entries are never read, and building them was a tenth of a small request's work.
 */
export type JournalRecord = Omit<JournalEntry, "id" | "time"> & { at: number };

interface Slot {
  id: number;
  raw: JournalRecord;
  entry?: JournalEntry;
}

function entryOf(slot: Slot): JournalEntry {
  if (!slot.entry) {
    const { at, headers, ...rest } = slot.raw;
    slot.entry = { id: slot.id, time: new Date(at).toISOString(), ...rest, headers: redactHeaders(headers) };
  }
  return slot.entry;
}

export interface JournalFilter {
  vendor?: string;
  operationId?: string;
  status?: number;
  invalid?: boolean;
}

export class Journal {
  private readonly ring: (Slot | undefined)[];
  private next = 0;
  private count = 0;
  private sequence = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("the journal needs a capacity of at least 1");
    this.ring = new Array(capacity);
  }

  record(raw: JournalRecord): void {
    this.ring[this.next] = { id: ++this.sequence, raw };
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
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

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
