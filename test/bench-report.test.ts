// The benchmark report's logic over the peers (issue 17), on measurements made up for the test:
// what a reader of bench/results.md sees when a peer could not be started (no Java runtime), how
// the best round and the p99 ratios pair the servers, and the progress display's time left.
import { expect, test } from "vitest";
import { timeLeft } from "../bench/lib/progress.mjs";
import { allTargets, bestRound, pairedP99, peerTargets, writeReport } from "../bench/lib/report.mjs";

type Round = { rps: number; p50: number; p99: number; unexpected: number; errors: number; statuses: Record<string, number>; cpuUs: number };
const server = (rates: number[], p99s: number[]) => {
  const rounds: Round[] = rates.map((rps, i) => ({ rps, p50: 1, p99: p99s[i] ?? 1, unexpected: 0, errors: 0, statuses: { 200: 100 }, cpuUs: 1e6 / rps }));
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { rounds, rps: mid(rates), p50: 1, p99: mid(p99s), unexpected: 0, errors: 0, statuses: { 200: 300 }, cpuUs: 1e6 / mid(rates) };
};
const profile = { busy: 100, requests: 1000, owners: [{ name: "pipeline/validation.js", ms: 60 }, { name: "http/node.js", ms: 40 }] };
const PEERS = [
  { kind: "mockoon", name: "Mockoon CLI 9.9.0", short: "Mockoon CLI", config: "bench/peers/mockoon/environment.json", java: false, does: "CRUD routes" },
  { kind: "json-server", name: "json-server 0.17.4", short: "json-server", config: "bench/peers/json-server/db.js", java: false, does: "collections" },
  { kind: "wiremock", name: "WireMock 3.13.2, journal on", short: "WireMock, journal on", config: "bench/peers/wiremock/mappings/", java: true, does: "static" },
  { kind: "wiremock-off", name: "WireMock 3.13.2, journal off", short: "WireMock, journal off", config: "bench/peers/wiremock/mappings/", java: true, does: "static" },
];

/** A run as bench/run.mjs records it, two operations, with or without a Java runtime. */
function makeRun(java: boolean) {
  const operations = [
    { id: "omni-put", title: "Omni PUT", short: "Omni PUT", primary: true },
    { id: "awork-list", title: "awork list", short: "awork list" },
  ];
  const peerLoads = (rates: number[]) =>
    Object.fromEntries(
      PEERS.filter((p) => java || !p.java).map((p) => [p.kind, server(rates, [40, 40, 40])]),
    );
  const loads = {
    "omni-put": {
      taskmock: server([9000, 10_000, 11_000], [4, 4, 4]),
      layer: server([20_000, 20_000, 20_000], [2, 2, 2]),
      prism: server([900, 1000, 1100], [30, 30, 30]),
      floor: server([12_000, 12_000, 12_000], [2, 2, 2]),
      coalesced: server([12_000, 12_000, 12_000], [2, 2, 2]),
      ...peerLoads([1000, 1000, 9000]),
    },
    "awork-list": {
      taskmock: server([4000, 4000, 4000], [0, 9, 9]),
      layer: server([8000, 8000, 8000], [3, 3, 3]),
      prism: server([500, 500, 500], [40, 40, 40]),
      floor: server([9000, 9000, 9000], [0, 0, 3]),
      coalesced: server([9000, 9000, 9000], [3, 3, 3]),
      ...peerLoads([1000, 1000, 1000]),
    },
  };
  const MB = 1048576;
  const start = (label: string, startMs: number, rssMB: number, afterMB?: number) => ({
    label,
    startMs,
    minMs: startMs,
    maxMs: startMs,
    rss: rssMB * MB,
    all: [startMs],
    ...(afterMB === undefined ? {} : { rssAfterLoad: afterMB * MB }),
  });
  const measured = PEERS.filter((p) => java || !p.java);
  return {
    finishedAt: Date.UTC(2026, 11, 7),
    elapsedS: 100,
    machine: { cores: 2, cpu: "test", memoryGB: 1, node: "v20", platform: "linux x64" },
    config: {
      connections: 50,
      seconds: 10,
      warmup: 2,
      peerWarmup: 30,
      rounds: 3,
      starts: 5,
      soakSeconds: 2,
      records: 1000,
      journalSize: 1000,
      profileSeconds: 3,
    },
    operations,
    loads,
    startups: [start("taskmock", 250, 70, 90), start("taskmock cold", 700, 70), start("Prism", 900, 150, 110), start("floor", 50, 40, 45)],
    memory: { taskmock: [] },
    heaps: [{ round: 1, heapUsed: 20 * MB, rss: 80 * MB, journal: 1000 }],
    profiles: { "omni-put": profile, "awork-list": profile },
    store: [],
    targets: [],
    java: java ? "openjdk 17" : null,
    peers: PEERS.map((p) => ({ ...p, measured: java || !p.java, ...(!java && p.java ? { reason: "no Java runtime" } : {}) })),
    peerStarts: measured.map((p) => ({ ...start(p.name, 1000, 100, 120), peer: p.kind })),
    warmups: { taskmock: { "omni-put": 8000, "awork-list": 3000 } },
    startProfile: { busy: 100, owners: [{ name: "Node itself (module loading, …)", ms: 100 }] },
  };
}

test("without a Java runtime, WireMock's targets read 'not measured' and the others are still judged", () => {
  const rows = peerTargets(makeRun(false));
  const wiremock = rows.filter((r) => r.name.includes("WireMock"));
  expect(wiremock.length).toBe(3);
  for (const row of wiremock) {
    expect(row.met).toBeNull();
    expect(row.measured).toBe("not measured: no Java runtime");
  }
  const others = rows.find((r) => r.name === "Omni PUT throughput ≥ 5× every other peer");
  expect(others?.measured).toBe("Prism 10.0×, Mockoon CLI 9.00×, json-server 9.00×");
  expect(others?.met).toBe(true);
  const report = writeReport(makeRun(false), undefined);
  expect(report).toContain("| Omni PUT throughput ≥ 1.3× WireMock with its journal on | not measured: no Java runtime | not measured |");
  expect(report).toContain("WireMock 3.13.2, journal on (not measured: no Java runtime)");
  expect(report).toContain("Not measured in this run:");
  // The README's table gains a column per peer; the unmeasured ones say why in every cell they would fill.
  const table = report.slice(report.indexOf("## The ratios the README quotes"), report.indexOf("## The peers"));
  expect(table).toContain("| taskmock / WireMock, journal on |");
  expect(table).toContain("| Omni PUT: throughput | 10.0× | 83 % | 83 % | 9.00× | 9.00× | not measured: no Java runtime | not measured: no Java runtime |");
});

test("with every peer measured, WireMock's best round is the one its own rate was highest, paired with taskmock's rate that round", () => {
  const run = makeRun(true);
  expect(bestRound(run.loads["omni-put"], "wiremock-off")).toEqual({ round: 2, ratio: 11_000 / 9000 });
  const rows = allTargets(run, undefined);
  const off = rows.find((r) => r.name.startsWith("Omni PUT throughput ≥ 1.2× WireMock"));
  expect(off?.met).toBe(true);
  const on = rows.find((r) => r.name === "Omni PUT throughput ≥ 1.3× WireMock with its journal on");
  expect(on?.met).toBe(true);
  expect(rows.every((r) => r.met !== null)).toBe(true);
  const report = writeReport(run, undefined);
  // Every round of every server, with its warm-up, so a warming trend shows.
  expect(report).toContain("| WireMock 3.13.2, journal off | – | 1,000 (40) | 1,000 (40) | 9,000 (40) | 9.00×, 10.0×, 1.22× |");
  expect(report).toContain("| Omni PUT | taskmock | 8,000 | 9,000 (4) | 10,000 (4) | 11,000 (4) |  |");
});

test("p99 ratios pair the rounds, and a p99 that read 0 ms counts as 1 ms", () => {
  const run = makeRun(true);
  // awork: taskmock 0, 9, 9 against the floor's 0, 0, 3: the rounds' ratios 0, 9, 3.
  expect(pairedP99(run.loads["awork-list"], "floor")).toBe(3);
  const rows = peerTargets(run);
  const floor = rows.find((r) => r.name.startsWith("p99 at 50 connections ≤ 2× the floor's"));
  expect(floor?.met).toBe(false);
  expect(floor?.why).toContain("awork-list");
  expect(floor?.why).not.toContain("omni-put:");
});

test("a peer stopped after it collapsed: its later rounds read 'stopped', pair with nothing, and the report says why", () => {
  const run = makeRun(true);
  const stoppedRound = { rps: 0, p50: Number.NaN, p99: Number.NaN, unexpected: 0, errors: 0, statuses: {}, cpuUs: Number.NaN, stopped: true };
  for (const id of ["omni-put", "awork-list"] as const) {
    const wiremock = (run.loads[id] as Record<string, { rounds: Round[] }>)["wiremock"] as { rounds: Round[] };
    wiremock.rounds[1] = { ...stoppedRound };
    wiremock.rounds[2] = { ...stoppedRound };
  }
  const report = writeReport({ ...run, stoppedPeers: { wiremock: { round: 1, operation: "awork-list", rps: 12, warmup: 3000, share: 0.05, rss: 0 } } }, undefined);
  expect(report).toContain("| WireMock 3.13.2, journal on | – | 1,000 (40) | stopped | stopped | 9.00×, –, – |");
  expect(report).toContain("WireMock 3.13.2, journal on was stopped after its round 1 on the awork list: it answered 12 req/s there, under 5 % of its warm-up's 3,000");
  // Its p99 ratio pairs only the round it ran: taskmock's 4 ms over its 40 ms.
  expect(pairedP99(run.loads["omni-put"], "wiremock")).toBe(0.1);
});

test("the progress display's time left follows the pace of the steps done", () => {
  const steps = [
    { name: "a", seconds: 10 },
    { name: "b", seconds: 20 },
    { name: "c", seconds: 30 },
  ];
  expect(timeLeft(steps, 0, 0, 0)).toBe(60);
  // Step a took twice its estimate: the rest is expected to as well.
  expect(timeLeft(steps, 1, 10, 20)).toBe(30 + 60);
  // Past its estimate, the current step counts for nothing more.
  expect(timeLeft(steps, 2, 100, 30)).toBe(0);
});
