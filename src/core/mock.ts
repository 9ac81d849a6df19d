// One mock: everything mutable about it (each vendor's store, the clock, the journal, fault
// rules, maintenance windows, rate-limit counters, the seeded randomness, the scheduler's
// timelines) lives in the value `createMock` builds and nowhere else; what it shares with other
// mocks (compiled specs, validators, frozen fixture records) never changes. Framework-free: the
// HTTP layer mounts a Mock, the admin API reads and moves it through this interface alone.
import type { Faker } from "@faker-js/faker";
// Only the English locale: the package's index loads every locale (~0.25 s at start).
import { faker as englishFaker } from "@faker-js/faker/locale/en";
import { type Clock, type ClockState, createClock } from "../engine/clock.js";
import { type CoverageOptions, type CoverageReport, CoverageTally } from "../engine/coverage.js";
import { type FaultRule, FaultRules } from "../engine/faults.js";
import { Journal, type JournalRecord } from "../engine/journal.js";
import type { CompiledSpec } from "../engine/operation.js";
import { RateLimiter } from "../engine/rateLimit.js";
import type { EngineRequest, EngineResponse, RunFault, ScheduleTimeline } from "../engine/vendor.js";
import { VerifyLedger, type VerifyOptions, type VerifyReport } from "../engine/verify.js";
import { FIXTURE_DIR, SPEC_DIR } from "../paths.js";
import { type Maintenance, type PipelineServices, runPipeline, type VendorRuntime } from "../pipeline/index.js";
import { type PartitionDiff, type Row, type State, Store } from "../store/store.js";
import { checkOwnFixtureDir, loadVendor, StartupError, type VendorDefinition, type VendorModule } from "./definitions.js";
import { type ProxyHooks, runProxy } from "./proxy.js";
import { catchUp, clockSet, newTimeline, noteCommit, type Timeline } from "./scheduler.js";
import { readSnapshot, type Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./snapshot.js";

export interface MockOptions {
  /** The vendors to serve, in order. */
  vendors: VendorModule[];
  /** Makes generated values and ids deterministic. */
  seed?: number;
  /** Fixes the clock at this time (ISO 8601); default: real time. */
  clock?: string | Date;
  /** Enforce the vendors' documented rate limits (`--rate-limits`; default off). */
  rateLimits?: boolean;
  /** Refuse (400) body properties a vendor's server would ignore, instead of ignoring them with a warning (`--strict`). */
  strict?: boolean;
  /** How many requests the journal keeps (default 1000). */
  journalSize?: number;
  /** How many bytes the journal's entries may hold, roughly (default 64 MiB); the oldest go first past it. */
  journalBytes?: number;
  specDir?: string;
  fixtureDir?: string;
  /**
   * A team's own fixture files (`--fixtures DIR`), in the format of `fixtureDir`'s: a vendor whose
   * file is here starts from it (checked as the package's are, and with the same collections as
   * its file in fixtureDir); the others from fixtureDir.
   */
  ownFixtureDir?: string;
  /** Where taskmock reports its own bugs; default stderr. */
  report?: (line: string) => void;
  /** Told of every request as it is recorded (the terminal's request log): the record and its journal id. */
  onRecord?: (record: JournalRecord, id: number) => void;
  /** Vendors already loaded (shared between mocks); loaded from specDir, ownFixtureDir and fixtureDir otherwise. */
  definitions?: Map<string, VendorDefinition>;
  /**
   * The validating proxy (core/proxy.ts): vendor requests are checked, forwarded to the real
   * vendor and journaled with its answer, instead of being answered by the pipeline.
   */
  proxy?: ProxyHooks;
}

/** The mock's clock as the admin API moves it: every move runs the scheduled work it passes. */
export interface MockClock {
  now(): Date;
  readonly fixed: boolean;
  set(time: Date): Date;
  advance(ms: number): Date;
}

export interface Mock {
  /** The vendors served, in order. */
  readonly vendors: readonly string[];
  /** Each served vendor's compiled spec (shared, immutable). */
  readonly specs: ReadonlyMap<string, CompiledSpec>;
  /** Each served vendor's tokens (from its fixtures); a key pair with its secret_key. */
  tokens(vendor: string): { credential: string; role: string; secret_key?: string }[];
  /** One request to a vendor: its scheduled work catches up, then the pipeline answers (in proxy mode, the real vendor does). */
  answer(vendor: string, request: EngineRequest): Promise<EngineResponse>;
  /**
   * Every store back to its fixtures, the journal and rate-limit counters empty, the scheduler from
   * now; with a vendor, only that vendor's records and scheduler.
   */
  reset(vendor?: string): void;
  readonly clock: MockClock;
  /** A vendor's records now (its scheduled work caught up first). */
  state(vendor: string): Record<string, Row[] | Record<string, Row[]>>;
  /**
   * What each vendor's scheduler did and will do (its work caught up first): the runs that fired,
   * the latest first, and those due, the soonest first, at most `limit` (default 50) of each; only
   * vendors whose schedule has a timeline (VendorSchedule.timeline), in the vendors' order.
   */
  timeline(options?: { vendors?: string[]; limit?: number }): MockTimeline;
  /** Runs `change` over a vendor's records in one transaction, committed when it returns (fixtures of one's own, benchmarks). */
  update(vendor: string, change: (state: State) => void): void;
  readonly journal: Journal;
  /**
   * Empties the journal and the record verify and coverage read (which a reset keeps); the
   * verify report says when.
   */
  clearRequests(): void;
  readonly faults: FaultRules;
  readonly maintenance: Map<string, Maintenance>;
  /** The whole state as one JSON document (GET /__admin/snapshot). */
  snapshot(): Snapshot;
  /**
   * Restores a snapshot (PUT /__admin/snapshot), checked whole first: on a problem nothing
   * changes. A vendor the snapshot does not hold goes back to its fixtures.
   */
  restore(snapshot: unknown): { ok: true } | { ok: false; problems: string[] };
  /** What the mock holds of its own: record entries in the partitions it copied, and its journal's bytes. */
  footprint(): { records: number; journalEntries: number; journalBytes: number };
  verify(options?: VerifyOptions): VerifyReport;
  coverage(options?: CoverageOptions): CoverageReport;
  /** Where taskmock reports its own bugs. */
  report(line: string): void;
  /**
   * Serves a vendor from a new definition of the same spec and adapter (its fixture file read
   * again: core/definitions.ts withFixture): its tokens, and its records reset to the new ones,
   * its scheduler from now. The journal, the verify and coverage record, fault rules, maintenance
   * windows and the clock stay as they are.
   */
  reloadVendor(vendor: string, definition: VendorDefinition): void;
  /** Used by a replica over a shared store. */
  readonly replica: MockReplica;
}

/**
 * Everything a shared store keeps of one mock (core/replica.ts), compactly: each vendor's records
 * beyond its fixtures and its scheduler's timeline, the clock, the fault rules with their counts
 * and the maintenance windows. The journal and the verify and coverage records are not in it.
 */
export interface MockDocument {
  clock: ClockState;
  vendors: Record<string, { records: Record<string, PartitionDiff[]>; timeline: { ranThrough: number; horizon: number | null; ran: boolean } }>;
  faults: { rules: FaultRule[]; sequence: number };
  maintenance: Record<string, { retryAfter: number; until: number | null }>;
}

/** How a replica over a shared store keeps a mock in step with the store (core/replica.ts). */
export interface MockReplica {
  /** A value that changes whenever the state a document holds changes (equal values, same state). */
  changes(): string;
  document(): MockDocument;
  /** Puts a document's state in place; undefined: a fresh mock's (fixtures, no rules, the clock as started). */
  load(document: MockDocument | undefined): void;
  /**
   * Keeps the requests recorded from now on aside until `release`: kept (journal, verify, coverage)
   * or dropped. Answers the list they go to (emptied by a clear of the requests).
   */
  hold(): readonly JournalRecord[];
  /**
   * What emptied the requests since `hold`: a reset the journal (`journalFrom`: the index of the
   * first held request it keeps), a clear the journal and the verify and coverage records (`clearedAt`).
   */
  cleared(): { journalFrom?: number; clearedAt?: string };
  /** `firstId`: the journal id the store gave the first of them (the others follow). */
  release(keep: boolean, firstId?: number): void;
  /** The key coverage counts a request under, or undefined (core/replica.ts keeps the counts in the store). */
  coverageKey(record: JournalRecord): string | undefined;
  /** Holds a shared store's journal, verify and coverage records in place of its own. */
  loadRecords(records: StoredRecords): void;
  /**
   * Seeds the generated values from the seed and this number (a store version it loaded): replicas
   * that load one version generate alike (only one of them can commit), other versions differently.
   */
  reseed(n: number): void;
}

/** What a shared store keeps of a mock's requests (store/redis.ts), read back. */
export interface StoredRecords {
  journal: { id: number; raw: JournalRecord }[];
  ledger: Parameters<VerifyLedger["load"]>[0];
  tally: Parameters<CoverageTally["load"]>[0];
}

/** Mock.timeline's answer (GET /__admin/timeline). */
export interface MockTimeline {
  now: string;
  vendors: ({ vendor: string } & ScheduleTimeline)[];
}

/** Loads each vendor of the options (or takes the ones given). */
export function loadDefinitions(options: Pick<MockOptions, "vendors" | "specDir" | "fixtureDir" | "ownFixtureDir">): Map<string, VendorDefinition> {
  const { ownFixtureDir } = options;
  if (ownFixtureDir !== undefined) checkOwnFixtureDir(ownFixtureDir, options.vendors);
  return new Map(
    options.vendors.map((module) => [module.name, loadVendor(module, options.specDir ?? SPEC_DIR, options.fixtureDir ?? FIXTURE_DIR, ownFixtureDir)]),
  );
}

export function createMock(options: MockOptions): Mock {
  const definitions = options.definitions ?? loadDefinitions(options);
  let start: Date | undefined;
  if (options.clock !== undefined) {
    start = new Date(options.clock);
    if (Number.isNaN(start.getTime())) throw new StartupError(`--clock ${String(options.clock)} is not an ISO 8601 time`);
  }
  // Made on first use, seeded then (the same sequence as made at once): a session that only reads never needs one.
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  let seedNow = seed;
  let made: Faker | undefined;
  const faker = (): Faker => {
    if (made === undefined) {
      made = newFaker();
      made.seed(seedNow);
    }
    return made;
  };
  const clock: Clock = createClock(start);
  const startClock = clock.state();
  const journal = new Journal(options.journalSize ?? 1000, options.journalBytes);
  const faults = new FaultRules();
  const maintenance = new Map<string, Maintenance>();
  const rateLimiter = options.rateLimits ? new RateLimiter() : undefined;
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  const random = () => faker().number.float({ min: 0, max: 1, fractionDigits: 6 }) % 1;

  const runtimes = new Map<string, VendorRuntime & { timeline: Timeline }>();
  const startedAt = clock.now().getTime();
  for (const module of options.vendors) {
    const definition = definitions.get(module.name);
    if (!definition) throw new Error(`${module.name} was not loaded`);
    const { spec, adapter, tokens, base } = definition;
    runtimes.set(module.name, { spec, adapter, tokens, state: new Store(base), timeline: newTimeline(startedAt) });
  }
  const runtime = (vendor: string) => {
    const rt = runtimes.get(vendor);
    if (!rt) throw new Error(`${vendor} is not served`);
    return rt;
  };
  const served = new Map([...runtimes.keys()].map((name) => [name, definitions.get(name) as VendorDefinition]));
  const runFaultOf =
    (vendor: string): RunFault =>
    (operationId, path) =>
      faults.takeRun({ vendor, operationId, path }, random) !== undefined;

  /** Runs the scheduled work that fell due since the vendor's timeline last moved. */
  const tick = (vendor?: string) => {
    const to = clock.ms();
    if (vendor !== undefined) {
      const rt = runtimes.get(vendor);
      if (rt?.adapter.schedule) catchUp(rt.adapter.schedule, rt.timeline, rt.state, to, faker, (services.get(vendor) as PipelineServices).runFault);
      return;
    }
    for (const [name, rt] of runtimes) {
      if (rt.adapter.schedule) catchUp(rt.adapter.schedule, rt.timeline, rt.state, to, faker, (services.get(name) as PipelineServices).runFault);
    }
  };
  const servicesOf = (name: string, rt: VendorRuntime & { timeline: Timeline }): PipelineServices => ({
    clock,
    faults,
    get faker() {
      return faker();
    },
    random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    report,
    strict: options.strict === true,
    rateLimiter,
    maintenance,
    record,
    runFault: runFaultOf(name),
    committed: rt.adapter.schedule
      ? (tx) => noteCommit(rt.adapter.schedule as NonNullable<typeof rt.adapter.schedule>, rt.timeline, rt.state, tx)
      : () => {},
  });
  const specs = new Map([...runtimes].map(([name, rt]) => [name, rt.spec]));
  // What verify and coverage read: fed with every request, dropped by neither a reset nor the journal's bound.
  const ledger = new VerifyLedger();
  const tally = new CoverageTally(specs);
  let held: JournalRecord[] | undefined;
  let heldCleared: { journalFrom?: number; clearedAt?: string } = {};
  function record(entry: Parameters<PipelineServices["record"]>[0], given?: number): void {
    if (held !== undefined) {
      held.push(entry);
      return;
    }
    const id = journal.record(entry, given);
    ledger.add(entry, id, entry.at);
    tally.add(entry);
    options.onRecord?.(entry, id);
  }
  const services = new Map([...runtimes].map(([name, rt]) => [name, servicesOf(name, rt)]));
  const moved = () => {
    tick();
    return clock.now();
  };
  const reset = (vendor?: string) => {
    const now = clock.now().getTime();
    for (const [name, rt] of runtimes) {
      if (vendor !== undefined && name !== vendor) continue;
      rt.state.reset();
      rt.timeline = newTimeline(now);
    }
    if (vendor !== undefined) return;
    if (held !== undefined) heldCleared.journalFrom = held.length;
    journal.clear();
    rateLimiter?.clear();
  };
  const replica: MockReplica = {
    changes() {
      let writes = 0;
      let ran = "";
      for (const rt of runtimes.values()) {
        writes += rt.state.revision;
        ran += rt.timeline.ran ? "1" : "0";
      }
      const { fixedAt, offset } = clock.state();
      const windows = maintenance.size === 0 ? "" : JSON.stringify([...maintenance]);
      return `${writes}|${ran}|${faults.changes}|${fixedAt}|${offset}|${windows}`;
    },
    document: () => ({
      clock: clock.state(),
      vendors: Object.fromEntries(
        [...runtimes].map(([name, rt]) => [
          name,
          {
            records: rt.state.diff(),
            timeline: { ranThrough: rt.timeline.ranThrough, horizon: Number.isFinite(rt.timeline.horizon) ? rt.timeline.horizon : null, ran: rt.timeline.ran },
          },
        ]),
      ),
      faults: faults.state(),
      maintenance: Object.fromEntries([...maintenance].map(([vendor, w]) => [vendor, { retryAfter: w.retryAfter, until: w.until?.getTime() ?? null }])),
    }),
    load(document) {
      rateLimiter?.clear();
      maintenance.clear();
      if (document === undefined) {
        clock.load(startClock);
        faults.load({ rules: [], sequence: 0 });
        reset();
        return;
      }
      clock.load(document.clock);
      for (const [name, rt] of runtimes) {
        const doc = document.vendors[name];
        rt.state.applyDiff(doc?.records ?? {});
        rt.timeline = doc
          ? { ranThrough: doc.timeline.ranThrough, horizon: doc.timeline.horizon ?? Number.NEGATIVE_INFINITY, ran: doc.timeline.ran }
          : newTimeline(clock.now().getTime());
      }
      faults.load(document.faults);
      for (const [vendor, w] of Object.entries(document.maintenance)) {
        maintenance.set(vendor, { retryAfter: w.retryAfter, ...(w.until === null ? {} : { until: new Date(w.until) }) });
      }
    },
    hold() {
      held = [];
      heldCleared = {};
      return held;
    },
    cleared: () => heldCleared,
    release(keep, firstId) {
      const kept = held ?? [];
      held = undefined;
      if (keep) kept.forEach((entry, i) => record(entry, firstId === undefined ? undefined : firstId + i));
    },
    coverageKey: (entry) => tally.keyOf(entry),
    loadRecords(records) {
      journal.replace(records.journal);
      ledger.load(records.ledger);
      tally.load(records.tally);
    },
    reseed(n) {
      // One seed per version, spread (a multiplicative hash) so that neighbouring versions do not share a stretch of values.
      seedNow = (seed ^ Math.imul(n, 0x9e3779b1)) >>> 0;
      made?.seed(seedNow);
    },
  };

  return {
    vendors: [...runtimes.keys()],
    specs,
    tokens: (vendor) =>
      [...runtime(vendor).tokens.values()].map(({ credential, role, secret_key }) =>
        typeof secret_key === "string" ? { credential, role, secret_key } : { credential, role },
      ),
    answer(vendor, request) {
      const rt = runtime(vendor);
      if (options.proxy) return runProxy(rt, services.get(vendor) as PipelineServices, request, options.proxy);
      if (rt.adapter.schedule) tick(vendor);
      const answered = runPipeline(rt, services.get(vendor) as PipelineServices, request);
      return answered instanceof Promise ? answered : Promise.resolve(answered);
    },
    reset,
    clock: {
      now: () => clock.now(),
      get fixed() {
        return clock.fixed;
      },
      set(time) {
        clock.set(time);
        for (const rt of runtimes.values()) clockSet(rt.timeline, time.getTime());
        return moved();
      },
      advance(ms) {
        clock.advance(ms);
        return moved();
      },
    },
    state(vendor) {
      tick(vendor);
      return runtime(vendor).state.dump();
    },
    timeline({ vendors, limit = 50 } = {}) {
      tick();
      const now = clock.now();
      const shown = [...runtimes].filter(([name, rt]) => rt.adapter.schedule?.timeline && (vendors === undefined || vendors.includes(name)));
      return {
        now: now.toISOString(),
        vendors: shown.map(([vendor, rt]) => ({ vendor, ...(rt.adapter.schedule?.timeline?.(rt.state, now.getTime(), limit) as ScheduleTimeline) })),
      };
    },
    update(vendor, change) {
      const rt = runtime(vendor);
      tick(vendor);
      const tx = rt.state.begin();
      change(tx);
      tx.commit();
      services.get(vendor)?.committed(tx);
    },
    journal,
    faults,
    maintenance,
    clearRequests() {
      // The requests held for a store's commit were answered before the clear: they go with it.
      if (held !== undefined) {
        held.splice(0);
        heldCleared = { journalFrom: 0, clearedAt: clock.now().toISOString() };
      }
      journal.clear();
      ledger.clear(clock.now());
      tally.clear();
    },
    snapshot(): Snapshot {
      tick();
      const now = clock.now();
      return {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        clock: { now: now.toISOString(), fixed: clock.fixed },
        vendors: Object.fromEntries(
          [...runtimes].map(([name, rt]) => [
            name,
            { collections: rt.state.dump(), scheduler: { ranThrough: new Date(rt.timeline.ranThrough).toISOString(), ran: rt.timeline.ran } },
          ]),
        ),
        faults: faults.list(),
        maintenance: Object.fromEntries([...maintenance].map(([vendor, w]) => [vendor, { retryAfter: w.retryAfter, until: w.until?.toISOString() ?? null }])),
      };
    },
    restore(value) {
      const read = readSnapshot(value, served);
      if (!read.ok) return read;
      const { plan } = read;
      // Checked whole above: from here on nothing can fail.
      if (plan.clock.fixed) clock.set(plan.clock.now);
      for (const [name, rt] of runtimes) {
        const snap = plan.vendors.get(name);
        rt.state.reset();
        if (snap) rt.state.load(snap.collections);
        rt.timeline = snap ? { ranThrough: snap.ranThrough, horizon: Number.NEGATIVE_INFINITY, ran: snap.ran } : newTimeline(clock.now().getTime());
      }
      faults.restore(plan.faults);
      maintenance.clear();
      for (const [vendor, w] of plan.maintenance) maintenance.set(vendor, w);
      rateLimiter?.clear();
      return { ok: true };
    },
    footprint: () => ({
      records: [...runtimes.values()].reduce((n, rt) => n + rt.state.owned(), 0),
      journalEntries: journal.size,
      journalBytes: journal.bytes,
    }),
    verify: (verifyOptions = {}) => ledger.report(verifyOptions),
    coverage: (coverageOptions = {}) => tally.report(coverageOptions),
    report,
    reloadVendor(vendor, definition) {
      const rt = runtime(vendor);
      if (definition.spec !== rt.spec || definition.adapter !== rt.adapter) throw new Error(`${vendor}: a reload keeps the spec and adapter served`);
      rt.tokens = definition.tokens;
      rt.state = new Store(definition.base);
      rt.timeline = newTimeline(clock.now().getTime());
      served.set(vendor, definition);
    },
    replica,
  };
}

/** A Faker with the English locale (over the base locale, which fills what English lacks). */
function newFaker(): Faker {
  const FakerClass = englishFaker.constructor as new (options: { locale: Faker["rawDefinitions"] }) => Faker;
  return new FakerClass({ locale: englishFaker.rawDefinitions });
}
