// Sessions: independent mocks on one server, one per test-runner worker or suite. Each is a whole
// mock (stores from the fixtures, clock, journal and verify record, fault rules, maintenance,
// rate-limit counters, seeded randomness); the loaded vendors (compiled specs, frozen fixture
// records) are shared, so a session costs only what it writes. Bounded: at most `max` sessions
// (the least recently used idle one is dropped past it) and an idle time-to-live; a dropped or
// expired id is remembered, so its next request is told (410) rather than handed fresh state.
import type { JournalRecord } from "../engine/journal.js";
import type { VendorDefinition } from "./definitions.js";
import { createMock, loadDefinitions, type Mock, type MockOptions } from "./mock.js";

/** A session id: 1 to 64 of A–Z, a–z, 0–9, `_` and `-`. */
export const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why an id is not a session id (one that fails SESSION_ID). */
export function invalidSessionId(id: string): string {
  return `session id ${JSON.stringify(id.slice(0, 80))} must be 1 to 64 of A-Z, a-z, 0-9, _ and -`;
}

/** The header that picks a session for a request whose path does not. */
export const SESSION_HEADER = "x-taskmock-session";

/** The session of requests that name none. It is never dropped. */
export const DEFAULT_SESSION = "default";

export interface Session {
  readonly id: string;
  readonly mock: Mock;
  /** Real time (epoch ms), not the mock's clock. */
  readonly created: number;
  lastUsed: number;
  requests: number;
  /** Requests being answered now: a busy session is not dropped. */
  inflight: number;
}

export type GoneReason = "expired" | "evicted" | "deleted";

export interface Gone {
  id: string;
  reason: GoneReason;
  /** Real time (epoch ms) it went. */
  at: number;
}

/** What a request to a session that went is told. */
export function goneDetail(gone: Gone): string {
  return `session "${gone.id}" is gone (${gone.reason} at ${new Date(gone.at).toISOString()}); create it again with POST /__admin/sessions`;
}

export type Resolved = { session: Session } | { gone: Gone } | { invalid: string };

export interface SessionsOptions {
  /** Builds one session's mock (the shared definitions in its options). */
  create: (id: string) => Mock;
  /**
   * The loaded vendors `create` builds from (sessionFactory's `definitions`): reloadVendor replaces
   * one here too, so that a session made later starts from the new data as well.
   */
  definitions?: Map<string, VendorDefinition>;
  /** Most sessions held at once, the default one included (default 1,000). */
  max?: number;
  /** Idle time (ms) after which a session expires (default 30 minutes). */
  ttlMs?: number;
  /** Real time, epoch ms (tests pass their own). */
  now?: () => number;
  /** The one vendor served at the root (`--vendor`), if any: a session's base URL is then its prefix alone. */
  rootVendor?: string;
}

/** How many gone ids are remembered, and for how long (ms). */
const REMEMBERED = 10_000;
const REMEMBER_MS = 24 * 60 * 60 * 1000;

export class Sessions {
  readonly max: number;
  readonly ttlMs: number;
  /** In order of last use, the least recent first (a use moves a session to the end). */
  private readonly live = new Map<string, Session>();
  /** Ids dropped, in the order they went. */
  private readonly gone = new Map<string, Gone>();
  private readonly create: (id: string) => Mock;
  private readonly definitions: Map<string, VendorDefinition> | undefined;
  private readonly now: () => number;
  readonly default: Session;
  readonly rootVendor: string | undefined;
  /** The session used last (the live map's last): touching it again moves nothing. */
  private newest: Session | undefined;
  /**
   * No session can expire before this time (epoch ms), so a request before it skips the scan.
   * Invariant: a lower bound of lastUsed + ttlMs over the idle sessions: lastUsed only grows, a
   * new session starts at now, and the scan sets it only when it passed no busy session.
   */
  private noExpiryBefore = Number.NEGATIVE_INFINITY;

  constructor(options: SessionsOptions) {
    this.rootVendor = options.rootVendor;
    this.create = options.create;
    this.definitions = options.definitions;
    this.max = options.max ?? 1000;
    this.ttlMs = options.ttlMs ?? 30 * 60 * 1000;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.max) || this.max < 1) throw new Error("max sessions must be a whole number of at least 1");
    this.default = this.open(DEFAULT_SESSION);
  }

  /**
   * The session for a request: `id` undefined is the default session; a live id is touched; an
   * unknown one is created (on first use) unless it went (dropped, expired, deleted).
   */
  resolve(id: string | undefined): Resolved {
    // One reading of the clock per request, for the expiry and the use.
    const now = this.now();
    this.expire(now);
    if (id === undefined || id === DEFAULT_SESSION) return { session: this.touch(this.default, now) };
    if (!SESSION_ID.test(id)) return { invalid: invalidSessionId(id) };
    const live = this.live.get(id);
    if (live) return { session: this.touch(live, now) };
    const gone = this.gone.get(id);
    if (gone) return { gone };
    return { session: this.open(id) };
  }

  /** Creates a session explicitly (POST /__admin/sessions): an id that went is created afresh. */
  start(id: string): Resolved & { created?: boolean } {
    this.expire();
    if (!SESSION_ID.test(id)) return { invalid: invalidSessionId(id) };
    const live = this.live.get(id);
    if (live) return { session: this.touch(live), created: false };
    this.gone.delete(id);
    return { session: this.open(id), created: true };
  }

  /** Drops a session (DELETE /__admin/sessions/{id}); the default one is reset instead. */
  delete(id: string): boolean {
    if (id === DEFAULT_SESSION) {
      this.default.mock.reset();
      this.default.mock.clearRequests();
      return true;
    }
    const live = this.live.get(id);
    if (!live) return false;
    this.drop(live, "deleted");
    return true;
  }

  /** A served vendor's definition now (undefined without `definitions`). */
  definition(vendor: string): VendorDefinition | undefined {
    return this.definitions?.get(vendor);
  }

  /**
   * Serves a vendor from a new definition (its fixture file read again, `--watch`) in every live
   * session: each one's records of that vendor reset to the new data (Mock.reloadVendor), and
   * sessions created later start from it.
   */
  reloadVendor(vendor: string, definition: VendorDefinition): void {
    this.definitions?.set(vendor, definition);
    for (const session of this.live.values()) session.mock.reloadVendor(vendor, definition);
  }

  /** The live sessions, the least recently used first. */
  list(): Session[] {
    this.expire();
    return [...this.live.values()];
  }

  get size(): number {
    return this.live.size;
  }

  private open(id: string): Session {
    const at = this.now();
    const session: Session = { id, mock: this.create(id), created: at, lastUsed: at, requests: 0, inflight: 0 };
    this.live.set(id, session);
    this.newest = session;
    this.evict();
    return session;
  }

  private touch(session: Session, now = this.now()): Session {
    session.lastUsed = now;
    if (session === this.newest) return session;
    this.live.delete(session.id);
    this.live.set(session.id, session);
    this.newest = session;
    return session;
  }

  /** Past the bound, the least recently used idle sessions go (a busy one stays, for now). */
  private evict(): void {
    if (this.live.size <= this.max) return;
    for (const session of this.live.values()) {
      if (this.live.size <= this.max) return;
      if (session === this.default || session.inflight > 0) continue;
      this.drop(session, "evicted");
    }
  }

  /** Sessions idle past the time-to-live go; the live map is in order of last use, so the scan stops at the first fresh one. */
  private expire(now = this.now()): void {
    if (now < this.noExpiryBefore) return;
    const before = now - this.ttlMs;
    let busy = false;
    for (const session of this.live.values()) {
      if (session.lastUsed > before) {
        this.noExpiryBefore = busy ? Number.NEGATIVE_INFINITY : session.lastUsed + this.ttlMs;
        return;
      }
      if (session === this.default) continue;
      if (session.inflight > 0) {
        busy = true;
        continue;
      }
      this.drop(session, "expired");
    }
    this.noExpiryBefore = busy ? Number.NEGATIVE_INFINITY : now + this.ttlMs;
  }

  private drop(session: Session, reason: GoneReason): void {
    this.live.delete(session.id);
    const at = this.now();
    this.gone.delete(session.id);
    this.gone.set(session.id, { id: session.id, reason, at });
    for (const old of this.gone.values()) {
      if (this.gone.size <= REMEMBERED && old.at > at - REMEMBER_MS) break;
      this.gone.delete(old.id);
    }
  }
}

/**
 * The options every session's mock is built with: the server's, with the vendors loaded once
 * (`definitions`, shared: what Sessions.reloadVendor replaces a vendor in); `onSessionRecord`
 * is told of every request of every session (the terminal's request log).
 */
export function sessionFactory(
  options: MockOptions & { onSessionRecord?: (session: string, record: JournalRecord) => void },
): ((id: string) => Mock) & { definitions: Map<string, VendorDefinition> } {
  const { onSessionRecord, ...rest } = options;
  // A copy of definitions given: a reload in this server changes no other's.
  const definitions = options.definitions ? new Map(options.definitions) : loadDefinitions(options);
  const shared: MockOptions = { ...rest, definitions };
  const create =
    onSessionRecord === undefined ? () => createMock(shared) : (id: string) => createMock({ ...shared, onRecord: (record) => onSessionRecord(id, record) });
  return Object.assign(create, { definitions });
}
