// A vendor's records: named collections, each a map of partitions ("" when there is none) of
// records by key, in insertion order (lists are stable).
//
// Three layers, so that a mock's state is one value that can be reset, and a request's writes can
// be kept or dropped whole:
// - the base: the fixture records, deep-frozen, shared by every store made from the same seeds
//   (`StoreBase`); a store is never asked to copy them.
// - the committed state of one store: a partition is the base's own map until the first write to
//   it, which copies that partition (copy on write). Reset points every partition back at the
//   base, so a reset restores everything by construction, the vendor's bookkeeping included.
// - a transaction (`Store.begin()`): the writes of one request or one scheduler step, seen by its
//   own reads, applied to the committed state by `commit()` and forgotten otherwise.
//
// Records are replaced, never changed in place: every stored record is deep-frozen, so a handler
// that tries to change one fails loudly instead of writing past the transaction.
import { memoOff } from "../engine/memo.js";
import { type CollectionSeed, seedRecords } from "./fixtures.js";

export type Row = Record<string, unknown>;

type Partitions<T> = Map<string, Map<string, T>>;

/** Freezes a JSON value and everything in it; a frozen object is taken as frozen throughout. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  else for (const key in value) deepFreeze((value as Row)[key]);
  return value;
}

/** The records a store starts from and resets to: read once, frozen, shared. */
export class StoreBase {
  readonly collections = new Map<string, { key: string; partitions: Partitions<Row> }>();

  /** `seeds`: the fixture's collections; `internal`: the vendor's own bookkeeping (name → key field), empty at start. */
  constructor(seeds: Record<string, CollectionSeed>, internal: Record<string, string> = {}) {
    for (const [name, seed] of Object.entries(seeds)) {
      const partitions: Partitions<Row> = new Map();
      for (const { partition, record } of seedRecords(seed)) {
        let records = partitions.get(partition);
        if (!records) partitions.set(partition, (records = new Map()));
        records.set(String(record[seed.key]), deepFreeze(structuredClone(record)));
      }
      this.collections.set(name, { key: seed.key, partitions });
    }
    for (const [name, key] of Object.entries(internal)) this.collections.set(name, { key, partitions: new Map() });
  }
}

/** What handlers and scheduled work read and write: a collection of the committed state or of a transaction. */
export interface Collection<T extends Row = Row> {
  readonly name: string;
  readonly key: string;
  get(id: string | number, partition?: string): T | undefined;
  has(id: string | number, partition?: string): boolean;
  /** Records of one partition, in insertion order (a new array: the caller may sort it). */
  list(partition?: string): T[];
  /** Records of every partition, partition by partition. */
  all(): T[];
  size(partition?: string): number;
  /** The partitions that hold records. */
  partitions(): string[];
  /** Inserts or replaces the record under its key (frozen from then on); answers it. */
  put(record: T, partition?: string): T;
  delete(id: string | number, partition?: string): boolean;
  /**
   * A value computed from the records (a sorted list, an index), kept until the next write to
   * the collection. The value must depend on the records alone; the caller must not change it.
   * Invariant: a memo is dropped by every write (put, delete, reset), and a transaction that has
   * written computes afresh rather than read the committed state's memo.
   */
  memo<V>(name: string, compute: () => V): V;
}

/** A vendor's records as handlers and scheduled work see them: a transaction, or a store read directly. */
export interface State {
  collection<T extends Row = Row>(name: string): Collection<T>;
}

/** Memoised values a collection keeps at once (awork keeps one per orderby a client sends). */
const MEMO_LIMIT = 32;
/** The benchmark's switch for these memos, as for engine/memo.ts's (TASKMOCK_MEMO_OFF). */
const memosOff = memoOff("collection memos");

class CommittedCollection<T extends Row = Row> implements Collection<T> {
  /** The base's own map of partitions until the first write copies it (a store that only reads shares every map). */
  private parts: Partitions<T>;
  /** Partitions copied from the base (written since the last reset). */
  private readonly copied = new Set<string>();
  /** partition → its records in insertion order, kept between writes (a list is then an array copy). */
  private readonly snapshots = new Map<string, T[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly name: string,
    readonly key: string,
    private readonly base: Partitions<T>,
    /** The store's count of writes, shared by its collections (what a replica asks "did this request write?"). */
    private readonly revision: { n: number } = { n: 0 },
  ) {
    this.parts = base;
  }

  get(id: string | number, partition = ""): T | undefined {
    return this.parts.get(partition)?.get(String(id));
  }

  has(id: string | number, partition = ""): boolean {
    return this.parts.get(partition)?.has(String(id)) ?? false;
  }

  list(partition = ""): T[] {
    return this.snapshot(partition).slice();
  }

  all(): T[] {
    if (this.parts.size === 1) return this.list(this.parts.keys().next().value as string);
    const out: T[] = [];
    for (const partition of this.parts.keys()) for (const record of this.snapshot(partition)) out.push(record);
    return out;
  }

  /** The partition's records in order, shared with later readers until the next write. */
  snapshot(partition: string): T[] {
    let records = this.snapshots.get(partition);
    if (records === undefined) {
      const map = this.parts.get(partition);
      if (map === undefined) return [];
      records = [...map.values()];
      this.snapshots.set(partition, records);
    }
    return records;
  }

  size(partition?: string): number {
    if (partition !== undefined) return this.parts.get(partition)?.size ?? 0;
    let n = 0;
    for (const records of this.parts.values()) n += records.size;
    return n;
  }

  partitions(): string[] {
    return [...this.parts.keys()];
  }

  /** Entries in the partitions this store copied from the base (what its writes cost it). */
  owned(): number {
    let n = 0;
    for (const partition of this.copied) n += this.parts.get(partition)?.size ?? 0;
    return n;
  }

  memo<V>(name: string, compute: () => V): V {
    if (memosOff) return compute();
    if (this.memos.has(name)) return this.memos.get(name) as V;
    // Bounded: a new name past the limit empties the others.
    if (this.memos.size >= MEMO_LIMIT) this.memos.clear();
    const value = compute();
    this.memos.set(name, value);
    return value;
  }

  /** The partition's own map, copied from the base on its first write. */
  private writable(partition: string): Map<string, T> {
    if (this.parts === this.base) this.parts = new Map(this.base);
    let records = this.parts.get(partition);
    if (records === undefined) {
      records = new Map();
      this.parts.set(partition, records);
      this.copied.add(partition);
    } else if (!this.copied.has(partition)) {
      records = new Map(records);
      this.parts.set(partition, records);
      this.copied.add(partition);
    }
    return records;
  }

  put(record: T, partition = ""): T {
    deepFreeze(record);
    const records = this.writable(partition);
    const key = String(record[this.key]);
    const snapshot = this.snapshots.get(partition);
    if (snapshot !== undefined) {
      // A new key goes to the end of the map's order, as in the snapshot; a replaced one keeps its place.
      if (records.has(key)) this.snapshots.delete(partition);
      else snapshot.push(record);
    }
    records.set(key, record);
    this.memos.clear();
    this.revision.n++;
    return record;
  }

  delete(id: string | number, partition = ""): boolean {
    if (!this.has(id, partition)) return false;
    this.writable(partition).delete(String(id));
    this.snapshots.delete(partition);
    this.memos.clear();
    this.revision.n++;
    return true;
  }

  /**
   * What this collection holds beyond its base, compactly: per partition it copied, the keys in
   * order (only when they differ from the base's) and the records that are not the base's own
   * (frozen base records are shared, so identity tells them apart).
   */
  diff(): PartitionDiff[] | undefined {
    if (this.copied.size === 0) return undefined;
    const out: PartitionDiff[] = [];
    for (const partition of this.copied) {
      const records = this.parts.get(partition) as Map<string, T>;
      const base = this.base.get(partition);
      const changed: [string, Row][] = [];
      for (const [key, record] of records) if (base?.get(key) !== record) changed.push([key, record]);
      const diff: PartitionDiff = { p: partition, r: changed };
      if (!sameKeys(records, base)) diff.k = [...records.keys()];
      out.push(diff);
    }
    return out;
  }

  /** Back to the base, then the partitions of a `diff()` over it. */
  applyDiff(diff: PartitionDiff[] | undefined): void {
    this.reset();
    if (diff === undefined) return;
    this.parts = new Map(this.base);
    for (const { p: partition, k, r } of diff) {
      const base = this.base.get(partition);
      const changed = new Map(r as [string, T][]);
      const map = new Map<string, T>();
      for (const key of k ?? base?.keys() ?? []) {
        const record = changed.get(key);
        map.set(key, record === undefined ? (base?.get(key) as T) : deepFreeze(record));
      }
      this.parts.set(partition, map);
      this.copied.add(partition);
    }
    this.revision.n++;
  }

  /** Replaces every record with these (a snapshot's, already checked), each partition this store's own. */
  load(partitions: Map<string, T[]>): void {
    this.parts = new Map();
    this.copied.clear();
    for (const [partition, records] of partitions) {
      const map = new Map<string, T>();
      for (const record of records) map.set(String(record[this.key]), deepFreeze(record));
      this.parts.set(partition, map);
      this.copied.add(partition);
    }
    this.snapshots.clear();
    this.memos.clear();
    this.revision.n++;
  }

  reset(): void {
    this.parts = this.base;
    this.copied.clear();
    this.snapshots.clear();
    this.memos.clear();
    this.revision.n++;
  }

  dump(): Row[] | Record<string, Row[]> {
    if (this.parts.size === 0 || (this.parts.size === 1 && this.parts.has(""))) return this.list("");
    return Object.fromEntries([...this.parts.keys()].map((p) => [p, this.list(p)]));
  }
}

/**
 * One copied partition as `CommittedCollection.diff()` tells it: `p` its name, `k` its keys in
 * order when they are not the base's, `r` the records not the base's (key and record). Arrays, not
 * objects: an object would put keys that look like numbers first.
 */
export interface PartitionDiff {
  p: string;
  k?: string[];
  r: [string, Row][];
}

/** Whether a partition holds the base's keys in the base's order. */
function sameKeys(records: Map<string, unknown>, base: Map<string, unknown> | undefined): boolean {
  if (base === undefined || records.size !== base.size) return false;
  const keys = base.keys();
  for (const key of records.keys()) if (keys.next().value !== key) return false;
  return true;
}

const GONE = Symbol("deleted");
type Pending<T> = Map<string, Map<string, T | typeof GONE>>;

/** A collection seen through a transaction: its writes are pending until the transaction commits. */
class PendingCollection<T extends Row = Row> implements Collection<T> {
  /** partition → key → the record written, or GONE; in the order first written. */
  readonly pending: Pending<T> = new Map();

  constructor(private readonly committed: CommittedCollection<T>) {}

  get name(): string {
    return this.committed.name;
  }

  get key(): string {
    return this.committed.key;
  }

  get(id: string | number, partition = ""): T | undefined {
    const written = this.pending.get(partition)?.get(String(id));
    if (written === undefined) return this.committed.get(id, partition);
    return written === GONE ? undefined : written;
  }

  has(id: string | number, partition = ""): boolean {
    return this.get(id, partition) !== undefined;
  }

  list(partition = ""): T[] {
    const written = this.pending.get(partition);
    if (written === undefined) return this.committed.list(partition);
    const out: T[] = [];
    for (const record of this.committed.snapshot(partition)) {
      const now = written.get(String(record[this.key]));
      if (now === undefined) out.push(record);
      else if (now !== GONE) out.push(now);
    }
    for (const [key, record] of written) if (record !== GONE && !this.committed.has(key, partition)) out.push(record);
    return out;
  }

  all(): T[] {
    if (this.pending.size === 0) return this.committed.all();
    const out: T[] = [];
    for (const partition of this.partitions()) for (const record of this.list(partition)) out.push(record);
    return out;
  }

  size(partition?: string): number {
    if (this.pending.size === 0) return this.committed.size(partition);
    if (partition !== undefined) return this.list(partition).length;
    return this.all().length;
  }

  partitions(): string[] {
    const names = this.committed.partitions();
    for (const partition of this.pending.keys()) if (!names.includes(partition)) names.push(partition);
    return names;
  }

  memo<V>(name: string, compute: () => V): V {
    return this.pending.size === 0 ? this.committed.memo(name, compute) : compute();
  }

  put(record: T, partition = ""): T {
    deepFreeze(record);
    let written = this.pending.get(partition);
    if (!written) this.pending.set(partition, (written = new Map()));
    written.set(String(record[this.key]), record);
    return record;
  }

  delete(id: string | number, partition = ""): boolean {
    if (!this.has(id, partition)) return false;
    let written = this.pending.get(partition);
    if (!written) this.pending.set(partition, (written = new Map()));
    written.set(String(id), GONE);
    return true;
  }

  /** Applies the pending writes to the committed collection, in the order they were first made. */
  commit(): void {
    for (const [partition, written] of this.pending) {
      for (const [key, record] of written) {
        if (record === GONE) this.committed.delete(key, partition);
        else this.committed.put(record, partition);
      }
    }
  }
}

/** The records a transaction wrote: collection name, partition and the record (undefined: deleted). */
export interface Written {
  collection: string;
  partition: string;
  key: string;
  record: Row | undefined;
}

/** One request's (or one scheduler step's) view of a store: reads see its own writes. */
export class Transaction implements State {
  private readonly views = new Map<string, PendingCollection>();

  constructor(private readonly store: Store) {}

  collection<T extends Row = Row>(name: string): Collection<T> {
    let view = this.views.get(name);
    if (!view) {
      view = new PendingCollection(this.store.committed(name));
      this.views.set(name, view);
    }
    return view as unknown as Collection<T>;
  }

  /** Whether anything was written. */
  get dirty(): boolean {
    for (const view of this.views.values()) if (view.pending.size > 0) return true;
    return false;
  }

  /** Every write, collection by collection, in the order first made. */
  written(): Written[] {
    const out: Written[] = [];
    for (const [collection, view] of this.views) {
      for (const [partition, records] of view.pending) {
        for (const [key, record] of records) out.push({ collection, partition, key, record: record === GONE ? undefined : record });
      }
    }
    return out;
  }

  /** Makes every write part of the store's committed state (once: a transaction is not used after it). */
  commit(): void {
    for (const view of this.views.values()) view.commit();
  }
}

/** A vendor's state: its collections over a shared base. */
export class Store implements State {
  private readonly collections = new Map<string, CommittedCollection>();
  private readonly writes = { n: 0 };

  constructor(base: StoreBase) {
    for (const [name, { key, partitions }] of base.collections) this.collections.set(name, new CommittedCollection(name, key, partitions, this.writes));
  }

  /** Counts every change to the committed state (writes, loads, resets): equal counts, same state. */
  get revision(): number {
    return this.writes.n;
  }

  /** What the store holds beyond its base (collection → its `diff()`), for a shared store. */
  diff(): Record<string, PartitionDiff[]> {
    const out: Record<string, PartitionDiff[]> = {};
    for (const [name, collection] of this.collections) {
      const diff = collection.diff();
      if (diff !== undefined) out[name] = diff;
    }
    return out;
  }

  /** The state a `diff()` tells: every collection back to its base, then the diff over it. */
  applyDiff(diff: Record<string, PartitionDiff[]>): void {
    for (const [name, collection] of this.collections) collection.applyDiff(diff[name]);
  }

  committed(name: string): CommittedCollection {
    const collection = this.collections.get(name);
    if (!collection) throw new Error(`no collection "${name}" in this store`);
    return collection;
  }

  /** A collection of the committed state (for readers outside a transaction). */
  collection<T extends Row = Row>(name: string): Collection<T> {
    return this.committed(name) as unknown as Collection<T>;
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  /** Record entries this store holds of its own (copied partitions), not shared with the base. */
  owned(): number {
    let n = 0;
    for (const collection of this.collections.values()) n += collection.owned();
    return n;
  }

  begin(): Transaction {
    return new Transaction(this);
  }

  /** Replaces the records of every collection named (a snapshot's, already checked); the others are left as they are. */
  load(collections: Map<string, Map<string, Row[]>>): void {
    for (const [name, partitions] of collections) this.committed(name).load(partitions);
  }

  /** Back to the base: every collection, the vendor's bookkeeping included. */
  reset(): void {
    for (const collection of this.collections.values()) collection.reset();
  }

  dump(): Record<string, Row[] | Record<string, Row[]>> {
    return Object.fromEntries([...this.collections].map(([name, c]) => [name, c.dump()]));
  }
}
