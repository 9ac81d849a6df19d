// The benchmark report over a shared store (issue 19), on measurements made up for the test: the
// projection of N replicas from CPU per answer, the targets, and what bench/results.md says when
// no redis-server or valkey-server was on the PATH.
import { expect, test } from "vitest";
import { projectReplicas, sharedStoreTargets, writeSharedStoreReport } from "../bench/lib/report.mjs";

test("N replicas scale by the replica's CPU per answer until the single-threaded store's CPU is the limit", () => {
  // 50 µs per answer in a replica: 20,000/s per core; 5 µs in the store: at most 200,000/s.
  const projection = projectReplicas({ replicaUs: 50, storeUs: 5 }, [1, 2, 8, 10, 16]);
  expect(projection.perReplica).toBe(20_000);
  expect(projection.storeMax).toBe(200_000);
  expect(projection.storeLimitAt).toBe(10);
  expect(projection.rows).toEqual([
    { replicas: 1, rps: 20_000, storeBound: false },
    { replicas: 2, rps: 40_000, storeBound: false },
    { replicas: 8, rps: 160_000, storeBound: false },
    { replicas: 10, rps: 200_000, storeBound: true },
    { replicas: 16, rps: 200_000, storeBound: true },
  ]);
  // A store that spent nothing measurable never limits.
  expect(projectReplicas({ replicaUs: 50, storeUs: 0 }, [64]).rows[0]).toEqual({ replicas: 64, rps: 1_280_000, storeBound: false });
});

const rounds = (rps: number[], p99: number[], cpuUs: number, storeCpuUs = 0) =>
  rps.map((r, i) => ({ rps: r, p99: p99[i] ?? 1, cpuUs, storeCpuUs, unexpected: 0, errors: 0, total: r * 10 }));
const measured = {
  command: "redis-server",
  version: "7.0.15",
  writes: 20,
  sessionBytes: 30 * 1024,
  rounds: {
    "omni-put": { memory: rounds([10_000, 20_000, 10_000], [5, 5, 5], 30), store: rounds([6_000, 8_000, 4_000], [10, 20, 30], 40, 4) },
    "awork-list": { memory: rounds([4_000, 4_000, 4_000], [20, 20, 20], 170), store: rounds([3_000, 3_000, 3_000], [25, 25, 25], 180, 5) },
  },
  workers: { 1: rounds([9_000, 9_000, 9_000], [6, 6, 6], 40, 4), 2: rounds([8_000, 8_000, 8_000], [9, 9, 9], 50, 5) },
};
const run = { finishedAt: Date.UTC(2026, 11, 7, 20, 0), elapsedS: 200, machine: { cores: 2, node: "v20" }, config: { rounds: 3, seconds: 10, warmup: 2, connections: 50 }, sharedStore: measured };

test("the targets pair the rounds: a ratio per round, then the median", () => {
  const targets = sharedStoreTargets(measured);
  const byName = (part: string) => targets.find((t) => t.name.includes(part));
  // Omni PUT rounds: 60 %, 40 %, 40 % of memory → 40 %, missed; p99 2×, 4×, 6× → 4×, missed.
  expect(byName("omni-put: throughput")).toMatchObject({ met: false, measured: expect.stringMatching(/^40 %/) });
  expect(byName("omni-put: p99")).toMatchObject({ met: false, measured: expect.stringMatching(/^4\.00×/) });
  expect(byName("awork-list: throughput")).toMatchObject({ met: true, measured: expect.stringMatching(/^75 %/) });
  expect(byName("commits/s")).toMatchObject({ met: true, measured: expect.stringMatching(/^6,000 answers/) });
  expect(byName("memory per session")).toMatchObject({ met: false, measured: expect.stringMatching(/^30\.0 KB/) });
});

test("results.md labels the N-replica figures as projected and the --workers figures as measured", () => {
  const report = writeSharedStoreReport(run);
  expect(report).toContain("## Over a shared store");
  expect(report).toMatch(/### N replicas on N cores \(projected, not measured\)/);
  expect(report).toMatch(/### `--workers 2` against `--workers 1`, over the same store \(measured\)/);
  // Omni PUT: 40 µs in the replica, 4 µs in the store: the store is the limit from 10 replicas, 250,000/s.
  expect(report).toContain("from about 10 replicas on the omni-put (250,000/s)");
  expect(report).toContain("| 2 ÷ 1 (paired rounds) | 0.89× |");
});

test("without a store on the PATH the section and the targets say plainly it was not measured", () => {
  const skipped = { skipped: "neither redis-server nor valkey-server is on the PATH" };
  expect(sharedStoreTargets(skipped)).toEqual([
    { name: "over a shared store (issue 19)", measured: "not measured: neither redis-server nor valkey-server is on the PATH", met: null, why: "" },
  ]);
  const report = writeSharedStoreReport({ ...run, sharedStore: skipped });
  expect(report).toContain("Not measured in this run: neither redis-server nor valkey-server is on the PATH.");
  expect(report).not.toContain("projected");
});
