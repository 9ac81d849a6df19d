// A shared store over Redis or Valkey (`--store redis://…`): what replicas keep of every session,
// under one key prefix. Every operation is one Lua script (one round trip, atomic), so a replica
// never sees half a commit and never writes over one it did not read:
//
//   {prefix}s:{id}  hash: v (the version a commit made), d (the session's document, JSON),
//                   c (created, epoch ms); expires after the session's idle time-to-live
//   {prefix}k:{id}  "known": outlives the session by a day, so an expired id answers 410
//   {prefix}g:{id}  why a session went (deleted), for a day
//   {prefix}z       sorted set of the live sessions by last use (the session list)
//   {prefix}seq     the version counter: a version is never used twice, even by a session
//                   deleted and created again (a replica's copy at version n is n's state)
//   {prefix}j:{id}  list: the session's journal, a batch's requests an element ("first-id count
//                   records", store/records.ts), oldest first, the oldest dropped past the
//                   journal's capacity; the ids come from the field n of s:{id}
//   {prefix}f:{id}  list: the requests verify has findings about ("id record"),
//                   kept while their findings number LEDGER_LIMIT at most (engine/verify.ts)
//   {prefix}m:{id}  hash: what verify and coverage count: r|vendor (requests), x|vendor
//                   (excused by verify), n|vendor (uncounted by coverage), s|key and f|key
//                   (coverage's answers and forced ones per "vendor operationId status"), h (the
//                   findings kept), u (the findings not kept), jn (the journal's requests),
//                   c (when it was cleared: the
//                   "cleared" mark of verify's report)
//
// A batch's requests are appended with its commit (in the same script), or, when the batch
// wrote nothing, by one script of their own: an answer that was not sent is never appended.
// A clear of the requests or a reset in a batch goes with it too. The three keys of the requests expire with the session's and go with it.
//
// Failures are values: every call answers within the timeout or rejects with StoreUnavailable.
import { Redis } from "iovalkey";
import { LEDGER_LIMIT } from "../engine/verify.js";

/** How long a gone id is remembered (ms), as in core/sessions.ts. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;

/** What a replica asked the store: the session's version, and its document when it is not the version the replica holds. */
export type Head =
  | { kind: "same"; version: number }
  | { kind: "load"; version: number; document: string }
  | { kind: "none" }
  | { kind: "gone"; reason: "expired" | "deleted" | "evicted" };

/** How often a store that failed is asked again (ms). */
const PROBE_MS = 250;

export class StoreUnavailable extends Error {}

// Every script takes the keys of keys(): s, k, g, z, seq, j, f, m.

// Appends a batch's requests. ARGV from o: capacity, ttl (ms; 0: never), the index of the first
// record the journal keeps after a clear of it in the batch (-1: none), when the requests were
// cleared in the batch (ISO; '': not), the number of records, the journal's records of the batch
// as one element (store/records.ts), the number of findings and for each the index of its record,
// its findings' number and the record, the number of counters and for each its field and
// increment. Answers the first id (0: no record). The journal's elements are "first-id count
// records"; the oldest go while the others hold the journal's capacity (m's field jn counts them).
const APPEND = `
local function append(o)
  local capacity, ttl, from, cleared, count = tonumber(ARGV[o]), ARGV[o + 1], tonumber(ARGV[o + 2]), ARGV[o + 3], tonumber(ARGV[o + 4])
  if cleared ~= '' then
    redis.call('DEL', KEYS[6], KEYS[7], KEYS[8])
    redis.call('HSET', KEYS[8], 'c', cleared)
  end
  if from >= 0 then
    redis.call('DEL', KEYS[6])
    redis.call('HDEL', KEYS[8], 'jn')
  else from = 0 end
  local first = 0
  if count > 0 then
    first = redis.call('HINCRBY', KEYS[1], 'n', count) - count + 1
    local kept = count - from
    if kept > 0 then
      redis.call('RPUSH', KEYS[6], (first + from) .. ' ' .. kept .. ' ' .. ARGV[o + 5])
      local held = redis.call('HINCRBY', KEYS[8], 'jn', kept)
      while true do
        local oldest = tonumber(string.match(redis.call('LINDEX', KEYS[6], 0), '^%d+ (%d+) '))
        if held - oldest < capacity then break end
        redis.call('LPOP', KEYS[6])
        held = redis.call('HINCRBY', KEYS[8], 'jn', -oldest)
      end
    end
    local p = o + 6
    local found = tonumber(ARGV[p])
    p = p + 1
    for i = 0, found - 1 do
      local index, weight = tonumber(ARGV[p]), tonumber(ARGV[p + 1])
      if tonumber(redis.call('HGET', KEYS[8], 'h') or '0') + weight > ${LEDGER_LIMIT} then
        redis.call('HINCRBY', KEYS[8], 'u', weight)
      else
        redis.call('HINCRBY', KEYS[8], 'h', weight)
        redis.call('RPUSH', KEYS[7], (first + index) .. ' ' .. ARGV[p + 2])
      end
      p = p + 3
    end
    local counters = tonumber(ARGV[p])
    p = p + 1
    for i = 0, counters - 1 do redis.call('HINCRBY', KEYS[8], ARGV[p + 2 * i], ARGV[p + 2 * i + 1]) end
  end
  if ttl ~= '0' then
    for i = 6, 8 do redis.call('PEXPIRE', KEYS[i], ttl) end
  end
  return first
end
`;

// ARGV: version held, ttl (ms; 0: never expires), id, now
const TOUCH = `
local v = redis.call('HGET', KEYS[1], 'v')
if v then
  if ARGV[2] == '0' then redis.call('PERSIST', KEYS[1]) else
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    for i = 6, 8 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
  end
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) + ${REMEMBER_MS})
  redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
  if v == ARGV[1] then return {'same', v} end
  return {'load', v, redis.call('HGET', KEYS[1], 'd')}
end
local g = redis.call('GET', KEYS[3])
if g then return {'gone', g} end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'gone', 'expired'} end
return {'none'}
`;

// ARGV: version read ('0': none), document, ttl (ms; 0: never), id, now, then APPEND's from 6.
// Answers {version, first id}.
const COMMIT = `${APPEND}
local v = redis.call('HGET', KEYS[1], 'v') or '0'
if v ~= ARGV[1] then return -1 end
if v == '0' and redis.call('EXISTS', KEYS[3]) == 1 then return -2 end
local n = redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[1], 'v', n, 'd', ARGV[2])
if v == '0' then redis.call('HSET', KEYS[1], 'c', ARGV[5]) end
if ARGV[3] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[3]) + ${REMEMBER_MS})
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[4])
return {n, append(6)}
`;

// ARGV: APPEND's from 1. Only a session the store holds.
const APPEND_ONLY = `${APPEND}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return append(1)
`;

const RECORDS = `
return {redis.call('LRANGE', KEYS[6], 0, -1), redis.call('LRANGE', KEYS[7], 0, -1), redis.call('HGETALL', KEYS[8])}
`;

// ARGV: id, reason
const DROP = `
redis.call('DEL', KEYS[6], KEYS[7], KEYS[8])
local existed = redis.call('DEL', KEYS[1])
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[4], ARGV[1])
if existed == 1 then redis.call('SET', KEYS[3], ARGV[2], 'PX', ${REMEMBER_MS}) end
return existed
`;

// KEYS: z; ARGV: oldest last use kept
const LIST = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
`;

type Keys = [string, string, string, string, string, string, string, string];
type Scripted = Redis & {
  tmTouch(...args: [...Keys, held: string, ttl: string, id: string, now: string]): Promise<string[]>;
  tmCommit(...args: [...Keys, ...(string | Buffer)[]]): Promise<number | [number, number]>;
  tmAppend(...args: [...Keys, ...(string | Buffer)[]]): Promise<number>;
  tmRecordsBuffer(...args: Keys): Promise<[Buffer[], Buffer[], Buffer[]]>;
  tmDrop(...args: [...Keys, id: string, reason: string]): Promise<number>;
  tmList(z: string, oldest: string): Promise<string[]>;
};

/**
 * A batch's requests as the store appends them: each record's text, the records verify has
 * findings about (their index and findings' number), and the counters' increments.
 */
export interface Appended {
  capacity: number;
  /** The index of the first record the journal keeps after it was emptied in the batch (a reset). */
  journalFrom?: number;
  /** When the batch cleared the requests (DELETE /__admin/requests, ISO): the journal and counters go, before its records. */
  clearedAt?: string;
  /** How many requests the batch answered. */
  count: number;
  /** The requests the journal keeps (from journalFrom), as one element (store/records.ts). */
  journal: Buffer;
  /** The requests verify has findings about: index, findings' number, the request alone. */
  found: [index: number, weight: number, record: Buffer][];
  counters: Map<string, number>;
}

/** What the store holds of a session's requests: journal and findings as "id record", the counters as a hash. */
export interface StoredRequests {
  journal: Buffer[];
  found: Buffer[];
  counters: Record<string, string>;
}

function appendArgs(appended: Appended | undefined, ttlMs: number): (string | Buffer)[] {
  if (appended === undefined) return ["0", "0", "-1", "", "0"];
  const args: (string | Buffer)[] = [String(appended.capacity), String(ttlMs), String(appended.journalFrom ?? -1), appended.clearedAt ?? "", String(appended.count)];
  if (appended.count === 0) return args;
  args.push(appended.journal, String(appended.found.length));
  for (const [index, weight, record] of appended.found) args.push(String(index), String(weight), record);
  args.push(String(appended.counters.size));
  for (const [field, by] of appended.counters) args.push(field, String(by));
  return args;
}

export interface SharedStoreOptions {
  url: string;
  /** Key prefix (default `taskmock:`). */
  prefix?: string;
  /** How long a call may take before it is an outage (ms, default 2,000). */
  timeoutMs?: number;
}

/** A `redis://` or `rediss://` URL without its password, to name the store in answers and logs. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "the store";
  }
}

/** Whether a `--store` value names a shared store (else it must be `memory`). */
export function isSharedStoreUrl(url: string): boolean {
  return /^rediss?:\/\//.test(url);
}

export class SharedStore {
  readonly prefix: string;
  readonly timeoutMs: number;
  /** The URL as shown (no password). */
  readonly shown: string;
  private readonly client: Scripted;
  /** The last failure, until a call succeeds again (what health reports). */
  lastError: string | undefined;
  /**
   * Set when a call failed: calls fail at once (a queue of requests would otherwise wait one
   * timeout each) while a probe pings the store every PROBE_MS; the first answer clears it.
   */
  private probe: NodeJS.Timeout | undefined;

  constructor(options: SharedStoreOptions) {
    this.prefix = options.prefix ?? "taskmock:";
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.shown = shownUrl(options.url);
    const client = new Redis(options.url, {
      enableAutoPipelining: true,
      commandTimeout: this.timeoutMs,
      connectTimeout: this.timeoutMs,
      // A command waits for the connection (or its timeout), however many reconnections that takes.
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * times, 500),
      lazyConnect: true,
    });
    // Failures reach the callers of each command; the client's own event needs a listener not to throw.
    client.on("error", (error: Error) => {
      this.lastError = error.message;
    });
    client.defineCommand("tmTouch", { numberOfKeys: 8, lua: TOUCH });
    client.defineCommand("tmCommit", { numberOfKeys: 8, lua: COMMIT });
    client.defineCommand("tmAppend", { numberOfKeys: 8, lua: APPEND_ONLY });
    client.defineCommand("tmRecords", { numberOfKeys: 8, lua: RECORDS });
    client.defineCommand("tmDrop", { numberOfKeys: 8, lua: DROP });
    client.defineCommand("tmList", { numberOfKeys: 1, lua: LIST });
    this.client = client as Scripted;
  }

  /** Connects (at start: a store that cannot be reached within the timeout stops the start). */
  async connect(): Promise<void> {
    await this.call(() => this.client.connect());
    await this.ping();
  }

  private keys(id: string): Keys {
    const p = this.prefix;
    return [`${p}s:${id}`, `${p}k:${id}`, `${p}g:${id}`, `${p}z`, `${p}seq`, `${p}j:${id}`, `${p}f:${id}`, `${p}m:${id}`];
  }

  /** Whether the store failed and has not answered since. */
  get down(): boolean {
    return this.probe !== undefined;
  }

  private markDown(): void {
    if (this.probe !== undefined) return;
    this.probe = setInterval(() => {
      this.client.ping().then(
        () => {
          clearInterval(this.probe);
          this.probe = undefined;
          this.lastError = undefined;
        },
        () => {},
      );
    }, PROBE_MS);
    this.probe.unref();
  }

  /** Runs one command; a failure or a call slower than the timeout is StoreUnavailable. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    if (this.probe !== undefined) throw new StoreUnavailable(this.lastError ?? "unreachable");
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StoreUnavailable(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      const value = await Promise.race([run(), timeout]);
      this.lastError = undefined;
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.markDown();
      throw error instanceof StoreUnavailable ? error : new StoreUnavailable(message);
    } finally {
      clearTimeout(timer);
    }
  }

  async ping(): Promise<void> {
    await this.call(() => this.client.ping());
  }

  /** The session's version (refreshing its time-to-live), with its document when `held` is not that version. */
  async touch(id: string, held: number, ttlMs: number): Promise<Head> {
    const reply = await this.call(() => this.client.tmTouch(...this.keys(id), String(held), String(ttlMs), id, String(Date.now())));
    const [kind, a, b] = reply;
    if (kind === "same") return { kind, version: Number(a) };
    if (kind === "load") return { kind, version: Number(a), document: b as string };
    if (kind === "gone") return { kind, reason: a as "expired" | "deleted" };
    return { kind: "none" };
  }

  /**
   * Writes the session's document if its version is still `read` (0: it does not exist yet):
   * the new version, or "conflict" (another replica committed first), or "gone" (it was deleted).
   */
  async commit(id: string, read: number, document: string, ttlMs: number, appended?: Appended): Promise<{ version: number; first: number } | "conflict" | "gone"> {
    const reply = await this.call(() =>
      this.client.tmCommit(...this.keys(id), String(read), document, String(ttlMs), id, String(Date.now()), ...appendArgs(appended, ttlMs)),
    );
    if (typeof reply === "number") return reply === -1 ? "conflict" : "gone";
    return { version: reply[0], first: reply[1] };
  }

  /** Appends the requests of a batch that wrote nothing: the first one's journal id, or undefined when the store does not hold the session. */
  async append(id: string, appended: Appended, ttlMs: number): Promise<number | undefined> {
    const first = await this.call(() => this.client.tmAppend(...this.keys(id), ...appendArgs(appended, ttlMs)));
    return first === -1 ? undefined : first;
  }

  /** The session's journal, the requests verify has findings about, and the counters, read at one moment. */
  async requests(id: string): Promise<StoredRequests> {
    const [journal, found, pairs] = await this.call(() => this.client.tmRecordsBuffer(...this.keys(id)));
    const counters: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) counters[(pairs[i] as Buffer).toString()] = (pairs[i + 1] as Buffer).toString();
    return { journal, found, counters };
  }

  /** Drops a session (remembered as gone for a day); answers whether it existed. */
  async drop(id: string, reason: "deleted" | "evicted" = "deleted"): Promise<boolean> {
    return (await this.call(() => this.client.tmDrop(...this.keys(id), id, reason))) === 1;
  }

  /** Forgets why an id went (a session created again explicitly). */
  async forget(id: string): Promise<void> {
    await this.call(() => this.client.del(this.keys(id)[2]));
  }

  /** The live sessions and when each was last used (epoch ms), the least recent first. */
  async list(ttlMs: number): Promise<{ id: string; lastUsed: number }[]> {
    const reply = await this.call(() => this.client.tmList(`${this.prefix}z`, String(Date.now() - ttlMs)));
    const out: { id: string; lastUsed: number }[] = [];
    for (let i = 0; i < reply.length; i += 2) out.push({ id: reply[i] as string, lastUsed: Number(reply[i + 1]) });
    return out;
  }

  /** What the store holds for one session, in bytes (MEMORY USAGE of its keys). */
  async bytes(id: string): Promise<number> {
    const [s, k, , , , j, f, m] = this.keys(id);
    const usage = (key: string) => this.call(async () => Number((await this.client.memory("USAGE", key)) ?? 0));
    let total = 0;
    for (const key of [s, k, j, f, m]) total += await usage(key);
    return total;
  }

  close(): void {
    clearInterval(this.probe);
    this.probe = undefined;
    this.client.disconnect();
  }
}
