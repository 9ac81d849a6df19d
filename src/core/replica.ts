// One replica over a shared store (`--store redis://…`). Each session's state lives in the store;
// a replica keeps a local mock per session and the store version it holds, and may use it only
// while it can prove it current:
//
//   load:    one round trip asks the session's version (and its document if the replica holds
//            another one, which then replaces the local state whole);
//   compute: the requests run over the local mock as they do in memory (the same pipeline);
//   commit:  if they changed anything, one script writes the new document only if the version is
//            still the one read; otherwise another replica committed first, and the requests run
//            again over its state (bounded), their answers and journal records dropped.
//
// The requests a batch answered go to the store with its commit (or, when it wrote nothing, in
// one script of their own), so the journal, verify and coverage of a session read the same through
// any replica (`readRecords`); the requests of a lost attempt are dropped with its answers.
//
// Requests to one session queue inside a replica and run in batches (all those that arrived while
// the previous batch was in the store go together: one version read, one commit), so only replicas
// contend with each other. No answer leaves before its writes are committed.
import type { JournalRecord } from "../engine/journal.js";
import type { EngineResponse } from "../engine/vendor.js";
import { VerifyLedger } from "../engine/verify.js";
import { problem } from "../engine/problem.js";
import { problemResponse } from "../pipeline/answers.js";
import { decodeRecords, encodeRecords } from "../store/records.js";
import { type Appended, type SharedStore, StoreUnavailable, type StoredRequests } from "../store/redis.js";
import type { Mock, MockDocument, StoredRecords } from "./mock.js";
import { DEFAULT_SESSION, type Gone, type GoneReason, goneDetail, type Sessions } from "./sessions.js";

/** How many times a batch runs again after losing to another replica's commit. */
const ATTEMPTS = 32;

/** What a queued job answers when the store fails, or when its session went. */
export interface Job<T> {
  run(mock: Mock): Promise<T>;
  unavailable(response: EngineResponse): T;
  gone(response: EngineResponse): T;
}

interface Queued {
  job: Job<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One session's copy in this replica: the version it holds (0: none) and its queue. */
interface Copy {
  version: number;
  queue: Queued[];
  running: boolean;
}

/** taskmock's own 503 when the store cannot be reached, with Retry-After. */
export function storeUnavailable(store: SharedStore, reason: string): EngineResponse {
  const body = problem("store-unavailable", 503, `taskmock's shared store (${store.shown}) did not answer: ${reason}`, { store: store.shown });
  const response = problemResponse(body);
  response.headers["retry-after"] = String(Math.max(1, Math.ceil(store.timeoutMs / 1000)));
  return response;
}

export function goneResponse(gone: Gone): EngineResponse {
  return problemResponse(problem("session-gone", 410, goneDetail(gone), { session: gone.id, reason: gone.reason }));
}

/** A batch's requests as the store appends them (store/redis.ts keeps the counters' fields). */
function appendedOf(mock: Mock, records: readonly JournalRecord[]): Appended {
  const counters = new Map<string, number>();
  const count = (field: string) => counters.set(field, (counters.get(field) ?? 0) + 1);
  const found: [number, number, Buffer][] = [];
  records.forEach((record, i) => {
    count(`r|${record.vendor}`);
    const weight = VerifyLedger.weigh(record);
    if (weight === "excused") count(`x|${record.vendor}`);
    else if (weight !== "usual") found.push([i, weight, encodeRecords([record])]);
    const key = mock.replica.coverageKey(record);
    if (key === undefined) count(`n|${record.vendor}`);
    else {
      count(`s|${key}`);
      if (record.forced) count(`f|${key}`);
    }
  });
  const cleared = mock.replica.cleared();
  const journal = encodeRecords(cleared.journalFrom === undefined ? records : records.slice(cleared.journalFrom));
  return { capacity: mock.journal.capacity, ...cleared, count: records.length, journal, found, counters };
}

/** What the store holds of a session's requests, as a mock holds it. */
function recordsOf(stored: StoredRequests): StoredRecords {
  // A journal's element: "first-id count records"; a finding's: "id record".
  const batchOf = (line: Buffer) => {
    const space = line.indexOf(32);
    const second = line.indexOf(32, space + 1);
    const first = Number(line.subarray(0, space).toString());
    return decodeRecords(line.subarray(second + 1)).map((raw, i) => ({ id: first + i, raw }));
  };
  const single = (line: Buffer) => {
    const space = line.indexOf(32);
    return { id: Number(line.subarray(0, space).toString()), raw: decodeRecords(line.subarray(space + 1))[0] as JournalRecord };
  };
  const byVendor = (tag: string) => {
    const out = new Map<string, number>();
    for (const field in stored.counters) if (field.startsWith(tag)) out.set(field.slice(tag.length), Number(stored.counters[field]));
    return out;
  };
  const requests = byVendor("r|");
  const answered = byVendor("s|");
  const forced = byVendor("f|");
  const cleared = stored.counters["c"];
  return {
    journal: stored.journal.flatMap(batchOf),
    ledger: {
      requests,
      excused: byVendor("x|"),
      found: stored.found.map(single).map(({ id, raw }) => ({ id, at: raw.at, request: raw })),
      unkept: Number(stored.counters["u"] ?? 0),
      ...(cleared === undefined ? {} : { clearedAt: cleared }),
    },
    tally: {
      requests,
      uncounted: byVendor("n|"),
      counts: new Map([...answered].map(([key, n]) => [key, { requests: n, forced: forced.get(key) ?? 0 }])),
    },
  };
}

export class Replica {
  private readonly copies = new WeakMap<Mock, Copy>();

  constructor(
    readonly store: SharedStore,
    private readonly sessions: Sessions,
  ) {}

  private ttlOf(id: string): number {
    return id === DEFAULT_SESSION ? 0 : this.sessions.ttlMs;
  }

  /** The local session of an id (made if this replica has none): its state comes from the store at the first request. */
  private local(id: string): Mock {
    const started = this.sessions.start(id);
    if (!("session" in started)) throw new Error(`session id ${id} was checked before`);
    started.session.requests++;
    return started.session.mock;
  }

  /**
   * Creates a session explicitly (POST /__admin/sessions): an id that went is created afresh.
   * Answers whether it was created (false: it was live), or the store's 503.
   */
  async start(id: string): Promise<boolean | EngineResponse> {
    try {
      await this.store.forget(id);
      const head = await this.store.touch(id, -1, this.ttlOf(id));
      const answer = await this.run<EngineResponse | undefined>(id, { run: () => Promise.resolve(undefined), unavailable: (r) => r, gone: (r) => r });
      return answer ?? head.kind === "none";
    } catch (error) {
      if (error instanceof StoreUnavailable) return storeUnavailable(this.store, error.message);
      throw error;
    }
  }

  /** Puts the store's journal, verify and coverage records of the session in the mock (run inside one of its jobs). */
  async readRecords(id: string, mock: Mock): Promise<void> {
    mock.replica.loadRecords(recordsOf(await this.store.requests(id)));
  }

  /** Runs a job over the session's current state, committing what it changed; answers its answer. */
  run<T>(id: string, job: Job<T>): Promise<T> {
    const mock = this.local(id);
    let copy = this.copies.get(mock);
    if (!copy) this.copies.set(mock, (copy = { version: 0, queue: [], running: false }));
    const held = copy;
    return new Promise<T>((resolve, reject) => {
      held.queue.push({ job: job as Job<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!held.running) void this.drain(id, mock, held);
    });
  }

  private async drain(id: string, mock: Mock, copy: Copy): Promise<void> {
    copy.running = true;
    try {
      while (copy.queue.length > 0) {
        const batch = copy.queue.splice(0);
        try {
          const answers = await this.runBatch(id, mock, copy, batch);
          batch.forEach((queued, i) => queued.resolve(answers[i]));
        } catch (error) {
          // A bug: each request of the batch answers it as any other (the HTTP layer's 500).
          for (const queued of batch) queued.reject(error);
        }
      }
    } finally {
      copy.running = false;
    }
  }

  private async runBatch(id: string, mock: Mock, copy: Copy, batch: Queued[]): Promise<unknown[]> {
    const ttl = this.ttlOf(id);
    let lost = false;
    try {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        // After a lost commit, a pause of random length (growing) lets the replicas that collided come apart.
        if (lost) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 32)));
        const head = await this.store.touch(id, copy.version, ttl);
        if (head.kind === "gone") {
          copy.version = 0;
          this.sessions.delete(id);
          const response = goneResponse({ id, reason: head.reason as GoneReason, at: Date.now() });
          return batch.map(({ job }) => job.gone(response));
        }
        if (head.kind === "load") {
          mock.replica.load(JSON.parse(head.document) as MockDocument);
          mock.replica.reseed(head.version);
          copy.version = head.version;
        } else if (head.kind === "none") {
          // A session the store does not hold starts fresh, whatever this replica held of an earlier one.
          if (copy.version !== 0) mock.replica.load(undefined);
          copy.version = 0;
        }
        const before = mock.replica.changes();
        const records = mock.replica.hold();
        const answers: unknown[] = [];
        let kept = false;
        let first: number | undefined;
        try {
          for (const { job } of batch) answers.push(await job.run(mock));
          if (copy.version !== 0 && mock.replica.changes() === before) {
            // Nothing written: the requests alone go to the store (a session deleted meanwhile keeps none).
            const cleared = mock.replica.cleared();
            if (records.length > 0 || cleared.journalFrom !== undefined) first = await this.store.append(id, appendedOf(mock, records), ttl);
            kept = true;
            return answers;
          }
          const committed = await this.store.commit(id, copy.version, JSON.stringify(mock.replica.document()), ttl, appendedOf(mock, records));
          if (typeof committed === "object") {
            // The generated values go on from where they were (as in memory); a replica that loads this version reseeds.
            copy.version = committed.version;
            first = committed.first;
            kept = true;
            return answers;
          }
          // Another replica committed first (or deleted the session): this state is not the store's.
          copy.version = -1;
          lost = true;
        } finally {
          mock.replica.release(kept, first);
        }
      }
      throw new StoreUnavailable(`${ATTEMPTS} commits in a row lost to other replicas`);
    } catch (error) {
      // The local state may hold writes the store never took: the next request reads it again.
      copy.version = -1;
      if (!(error instanceof StoreUnavailable)) throw error;
      const response = storeUnavailable(this.store, error.message);
      return batch.map(({ job }) => job.unavailable(response));
    }
  }
}
