// A vendor's state: named collections of records, seeded from fixtures, reset to them on demand.
// Records are plain JSON objects; a collection keeps insertion order, so lists are stable.
import { type CollectionSeed, seedRecords } from "./fixtures.js";

export type Row = Record<string, unknown>;

/** One write: the record's partition and key. */
export interface Change {
  partition: string;
  key: string;
}

/** Writes the change log keeps: a reader further behind is told to look at everything again. */
const CHANGE_LOG = 1024;
/** Memoised values a collection keeps at once (awork keeps one per orderby a client sends). */
const MEMO_LIMIT = 32;

export class Collection<T extends Row = Row> {
  /** partition ("" when none) → key → record */
  private readonly partitions = new Map<string, Map<string, T>>();
  /**
   * partition → its records in insertion order, kept between writes: a list is then a copy of an
   * array (a memory copy) instead of a walk over the map, which at 100,000 records is the
   * difference between ~0.2 ms and ~1–2 ms per list. A new record is appended to it; a
   * replacement or a delete drops it, and the next list rebuilds it.
   */
  private readonly snapshots = new Map<string, T[]>();
  /**
   * Bumped by every write (put, delete, clear). Whatever is computed from the records can be
   * kept while the version stays the same; a change made to a record in place does not bump it.
   */
  private writes = 0;
  /** The writes after version `logStart`, oldest first: changes[i] made version logStart + i + 1. */
  private changes: Change[] = [];
  private logStart = 0;
  private readonly memos = new Map<string, unknown>();
  private memoVersion = 0;

  constructor(
    readonly name: string,
    readonly key: string,
  ) {}

  get(id: string | number, partition = ""): T | undefined {
    return this.partitions.get(partition)?.get(String(id));
  }

  has(id: string | number, partition = ""): boolean {
    return this.partitions.get(partition)?.has(String(id)) ?? false;
  }

  /** Records of one partition, in insertion order (a new array: the caller may sort it). */
  list(partition = ""): T[] {
    return this.snapshot(partition).slice();
  }

  /** Records of every partition. */
  all(): T[] {
    if (this.partitions.size === 1) return this.snapshot(this.partitions.keys().next().value as string).slice();
    const out: T[] = [];
    for (const partition of this.partitions.keys()) {
      const records = this.snapshot(partition);
      for (let i = 0; i < records.length; i++) out.push(records[i] as T);
    }
    return out;
  }

  private snapshot(partition: string): T[] {
    let records = this.snapshots.get(partition);
    if (records === undefined) {
      const map = this.partitions.get(partition);
      if (map === undefined) return [];
      records = [...map.values()];
      this.snapshots.set(partition, records);
    }
    return records;
  }

  size(partition?: string): number {
    if (partition !== undefined) return this.partitions.get(partition)?.size ?? 0;
    let n = 0;
    for (const records of this.partitions.values()) n += records.size;
    return n;
  }

  get version(): number {
    return this.writes;
  }

  /**
   * The writes made since `version`, oldest first (a key may appear more than once), or
   * undefined when that cannot be told: the collection was cleared since, or the log no longer
   * reaches back that far. A caller keeping something per record then starts over.
   */
  changesSince(version: number): Change[] | undefined {
    if (version < this.logStart || version > this.writes) return undefined;
    return this.changes.slice(version - this.logStart);
  }

  /**
   * The records now stored under the keys written since `version` (a deleted key has none; a key
   * written twice comes twice), or undefined when changesSince cannot tell.
   */
  writtenSince(version: number): T[] | undefined {
    const changes = this.changesSince(version);
    if (changes === undefined) return undefined;
    const records: T[] = [];
    for (const { partition, key } of changes) {
      const record = this.get(key, partition);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /**
   * A value computed from the records (a sorted list, an index), kept until the next write.
   * Only for values that depend on fields nobody changes in place; the caller must not change
   * the value it gets, since the next caller gets the same one.
   */
  memo<V>(name: string, compute: () => V): V {
    if (this.memoVersion !== this.writes) {
      this.memos.clear();
      this.memoVersion = this.writes;
    }
    if (this.memos.has(name)) return this.memos.get(name) as V;
    // Bounded: a new name past the limit empties the others, a held one is still a hit.
    if (this.memos.size >= MEMO_LIMIT) this.memos.clear();
    const value = compute();
    this.memos.set(name, value);
    return value;
  }

  private wrote(partition: string, key: string): void {
    this.writes++;
    this.changes.push({ partition, key });
    // Trimmed in halves, so a write costs O(1) on average.
    if (this.changes.length >= 2 * CHANGE_LOG) {
      this.changes = this.changes.slice(CHANGE_LOG);
      this.logStart += CHANGE_LOG;
    }
  }

  /** Inserts or replaces the record under its key. */
  put(record: T, partition = ""): T {
    let records = this.partitions.get(partition);
    if (!records) {
      records = new Map();
      this.partitions.set(partition, records);
    }
    const key = String(record[this.key]);
    const snapshot = this.snapshots.get(partition);
    if (snapshot !== undefined) {
      // A new key goes to the end of the map's order, as in the snapshot; a replaced one keeps its place.
      if (records.has(key)) this.snapshots.delete(partition);
      else snapshot.push(record);
    }
    records.set(key, record);
    this.wrote(partition, key);
    return record;
  }

  delete(id: string | number, partition = ""): boolean {
    const deleted = this.partitions.get(partition)?.delete(String(id)) ?? false;
    if (deleted) {
      this.snapshots.delete(partition);
      this.wrote(partition, String(id));
    }
    return deleted;
  }

  /** Which partition holds this id (the first found), for records addressed by id alone. */
  partitionOf(id: string | number): string | undefined {
    for (const [partition, records] of this.partitions) if (records.has(String(id))) return partition;
    return undefined;
  }

  clear(): void {
    this.partitions.clear();
    this.snapshots.clear();
    // No change log across a clear: a reader from before it must look at everything again.
    this.writes++;
    this.changes = [];
    this.logStart = this.writes;
  }

  /** A JSON-friendly dump: an array, or partition → array. */
  dump(): Row[] | Record<string, Row[]> {
    if (this.partitions.size === 1 && this.partitions.has("")) return this.list("");
    return Object.fromEntries([...this.partitions].map(([p, records]) => [p, [...records.values()]]));
  }
}

export class Store {
  private readonly collections = new Map<string, Collection>();

  constructor(private readonly seeds: Record<string, CollectionSeed>) {
    for (const [name, seed] of Object.entries(seeds)) this.collections.set(name, new Collection(name, seed.key));
    this.reset();
  }

  collection<T extends Row = Row>(name: string): Collection<T> {
    const collection = this.collections.get(name);
    if (!collection) throw new Error(`no collection "${name}" in this store`);
    return collection as unknown as Collection<T>;
  }

  /** Restores every collection to its fixture records (deep copies: fixtures never change). */
  reset(): void {
    for (const [name, seed] of Object.entries(this.seeds)) {
      const collection = this.collection(name);
      collection.clear();
      for (const { partition, record } of seedRecords(seed)) collection.put(structuredClone(record), partition);
    }
  }

  dump(): Record<string, Row[] | Record<string, Row[]>> {
    return Object.fromEntries([...this.collections].map(([name, c]) => [name, c.dump()]));
  }
}
