// bench/results.md from one run's measurements: the targets, the tables with the ratios, the
// profile of what taskmock's time goes to, and where a target is missed, what costs the time.
import { AWORK_RECORDS } from "./operations.mjs";

/** What each owner of profile time is, for a reader of the table (descriptions of the code, not measurements). */
const OWNERS = {
  "vendors/omni/zone.js": "Omni's zone checks: one Intl formatter per zone, the zone's short name once per minute",
  "vendors/omni/description.js": "Omni's derived description (cronstrue's English text, once per expression, plus the zone's short name)",
  "vendors/omni/cron.js": "Omni's EventBridge cron grammar check (once per expression)",
  "vendors/omni/index.js": "Omni's handlers: the write itself (copying the record, timestamps)",
  "vendors/crego/runs.js":
    "crego's scheduled work (onClock): before every request to any vendor while the clock moves, every schedule's crontab runs computed with cron-parser and luxon",
  "vendors/huawei/runs.js": "huawei's scheduled work (onClock): before every request to any vendor while the clock moves, every task's fire times",
  "vendors/huawei/schedule.js": "huawei's Quartz schedule arithmetic (cron-parser, luxon)",
  "vendors/spaaza/schedule.js": "spaaza's scheduled work (onClock) before every request",
  "vendors/awork/index.js": "awork's list: the records sorted once per write (kept until the next), the page sliced from them",
  "vendors/huawei/tasks.js": "huawei's list and create: the tasks sorted by create_time once per write, the filters, each task's answer",
  "vendors/huawei/records.js": "huawei's record shaping (the answer of a task, its derived fields)",
  "vendors/common.js": "compareBy, the comparator the vendors' lists sort with",
  "engine/memo.js": "verdicts remembered per string (formats, Omni's cron): the look-up, and on a miss the check itself (ajv-formats, the cron grammar)",
  "engine/formats.js": "the format checks' look-up of a remembered verdict",
  "engine/schemaCompiler.js": "reading cached validator code, or compiling a validator on its first use",
  "engine/prefer.js": "reading the Prefer header",
  "http/node.js": "taskmock's HTTP layer: Node's message to the mock and back (the socket write called from here: the kernel's writev, most of this row)",
  "http/read.js": "the one reader: path, query, headers and body of a request",
  "http/write.js": "the one writer: JSON.stringify of an answer, and the writes of one turn together",
  "http/app.js": "the Hono app (admin API, served specs)",
  "core/mock.js": "the mock: its scheduled-work catch-up before each request",
  "core/scheduler.js": "the scheduler's horizon: whether anything is due",
  "store/store.js": "the store: transactions over copy-on-write collections, deep-frozen records",
  "engine/operation.js": "ajv's compiled validators: parameters, body, and the response check",
  "pipeline/index.js": "the request pipeline itself (its stages in order)",
  "pipeline/route.js": "routing, and reading the request's Prefer",
  "pipeline/validation.js": "the request's parameters and body: JSON.parse, the validators' call",
  "pipeline/handler.js": "calling the vendor's handler in a transaction",
  "pipeline/responseCheck.js": "the response check and the commit",
  "pipeline/journal.js": "the journal entry",
  "engine/router.js": "routing",
  "engine/journal.js": "the journal",
  "(garbage collector)": "V8's garbage collector",
  "outside taskmock's code: Node's HTTP": "Node's HTTP parser, socket reads, promise scheduling",
};

const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a, b) => (b > 0 ? a / b : Number.NaN);
const times = (r) => (Number.isFinite(r) ? `${fmt(r, r < 10 ? 2 : 1)}×` : "–");
const pct = (r) => (Number.isFinite(r) ? `${fmt(r * 100, 0)} %` : "–");
export const median = (values) => {
  const sorted = values.filter((v) => v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mb = (bytes) => bytes / 1024 / 1024;

/**
 * taskmock's rate over another server's, paired round by round (the two were measured minutes
 * apart, in the same round) and then the median of the rounds' ratios: a slow round for one server
 * is not set against a fast round for the other.
 */
export function paired(load, server, over = "taskmock") {
  return median(load[over].rounds.map((r, i) => ratio(r.rps, load[server].rounds[i]?.rps)));
}

export function writeReport(run) {
  const { machine, config, operations, loads, startups, memory, heaps, profiles, floorProfile, store, targets, elapsedS } = run;
  const out = [];
  const line = (text = "") => out.push(text);

  line("# taskmock benchmark results");
  line();
  line(
    `Regenerated by \`npm run bench\` (${new Date(run.finishedAt).toISOString().slice(0, 16).replace("T", " ")} UTC, ${fmt(elapsedS)} s). ` +
      `Machine: ${machine.cores} cores (${machine.cpu}), ${fmt(machine.memoryGB)} GB, Node ${machine.node}, ${machine.platform}. ` +
      `Every figure comes from this one run: the servers ran side by side on the same machine, the load generator (autocannon, ${config.connections} connections, ` +
      `${config.seconds} s per measurement after a ${config.warmup} s warm-up, ${config.rounds} rounds alternating the servers' order) on the same cores. ` +
      "Absolute figures drift from machine to machine and run to run; the ratios are what to compare.",
  );
  line();
  line("![throughput, latency, start-up and memory](results.svg)");
  line();
  line("## Targets");
  line();
  line("| target | measured | met |");
  line("|---|---|---|");
  for (const t of targets) line(`| ${t.name} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
  line();
  const primary = operations.find((op) => op.primary) ?? operations[0];
  const primaryLoads = loads[primary.id];
  const perRound = primaryLoads.taskmock.rounds.map((r, i) => {
    const prismRps = primaryLoads.prism.rounds[i]?.rps;
    const floorRps = primaryLoads.floor.rounds[i]?.rps;
    return `${times(ratio(r.rps, prismRps))} Prism and ${pct(ratio(r.rps, floorRps))} of the floor`;
  });
  line(
    `The throughput ratios pair taskmock with each server round by round and take the median of the rounds' ratios. Round by round, the ${primary.title} gave ${perRound.join("; ")}: ` +
      "on a shared two-core machine each server's rate moves from round to round, and so do the ratios.",
  );
  line();

  // The README quotes these figures, and test/bench-quote.test.ts checks it quotes them as written here.
  const [warm, cold, prism] = startups;
  line("## The ratios the README quotes");
  line();
  line("| measure | taskmock / Prism | taskmock / floor | taskmock / floor writing as taskmock does |");
  line("|---|---|---|---|");
  for (const op of operations) {
    const l = loads[op.id];
    line(`| ${op.title}: throughput | ${times(paired(l, "prism"))} | ${pct(paired(l, "floor"))} | ${l.coalesced ? pct(paired(l, "coalesced")) : ""} |`);
  }
  line(`| start to first answer (taskmock: five specs; Prism: one) | ${times(ratio(warm.startMs, prism.startMs))} | | |`);
  line(`| start to first answer, first start on a machine (empty cache) | ${times(ratio(cold.startMs, prism.startMs))} | | |`);
  line(`| resident memory after start | ${times(ratio(warm.rss, prism.rss))} | | |`);
  line(`| resident memory after the load rounds (Prism: its Omni server) | ${times(ratio(warm.rssAfterLoad, prism.rssAfterLoad))} | | |`);
  line();

  line("## Throughput and latency under load");
  line();
  line(
    "taskmock with everything on (auth, request validation, state, response check, journal; all five vendors served, real clock); " +
      "Prism 5.14 `prism mock` on the same spec file; the floor: a bare `node:http` server that parses the JSON body and answers the bytes taskmock answered, each as soon as it has it " +
      "(taskmock writes the answers of one turn of the event loop together; the floor doing the same is measured below). " +
      "Medians of the rounds; p50 and p99 as autocannon reports them (whole milliseconds). The ratios: each round's, taskmock over the other server in the same round, and the median of those.",
  );
  line();
  line("| operation | server | req/s | p50 ms | p99 ms | unexpected answers | taskmock / Prism | taskmock / floor |");
  line("|---|---|---|---|---|---|---|---|");
  for (const op of operations) {
    for (const kind of ["taskmock", "prism", "floor"]) {
      const s = loads[op.id][kind];
      const name = { taskmock: "taskmock", prism: "Prism", floor: "node:http floor" }[kind];
      const ratios =
        kind === "taskmock" ? `${times(paired(loads[op.id], "prism"))} | ${pct(paired(loads[op.id], "floor"))}` : " | ";
      line(
        `| ${kind === "taskmock" ? op.title : ""} | ${name} | ${fmt(s.rps)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.unexpected)}${s.errors ? ` (+${fmt(s.errors)} errors)` : ""} | ${ratios} |`,
      );
    }
  }
  line();
  line("Every round, req/s (taskmock / Prism / floor) and that round's ratios (taskmock / Prism, taskmock / floor):");
  line();
  for (const op of operations) {
    const rounds = loads[op.id].taskmock.rounds.map((r, i) => {
      const prismRps = loads[op.id].prism.rounds[i]?.rps;
      const floorRps = loads[op.id].floor.rounds[i]?.rps;
      return `${fmt(r.rps)} / ${fmt(prismRps)} / ${fmt(floorRps)} (${times(ratio(r.rps, prismRps))}, ${pct(ratio(r.rps, floorRps))})`;
    });
    line(`- ${op.title}: ${rounds.join("; ")}`);
  }
  line();
  const unexpected = operations.flatMap((op) =>
    ["taskmock", "prism", "floor"]
      .filter((k) => loads[op.id][k].unexpected > 0)
      .map((k) => `${op.title} on ${k}: ${JSON.stringify(loads[op.id][k].statuses)}`),
  );
  if (unexpected.length > 0) {
    line(
      `Answers with another status than expected (counted in req/s; Prism answers from its examples, without state): ${unexpected.join("; ")}.`,
    );
    line();
  }

  if (operations.every((op) => loads[op.id].layer && loads[op.id].coalesced)) {
    line("## taskmock's HTTP layer and its engine, measured apart");
    line();
    line(
      "taskmock writes the answers that are ready in one turn of Node's event loop together, at the end of that turn (`src/http/write.ts`); the floor above writes each answer as soon as it has it. " +
        "The same rounds therefore also loaded two more servers: the floor writing its answers as taskmock does (`bench/lib/floor.mjs coalesced`), and taskmock's HTTP layer alone " +
        "(`bench/lib/layer-server.mjs`): the server the CLI starts, except that a request the same as the one before it gets the engine's answer to that one again. The layer reads " +
        "Node's message and writes the answer (JSON.stringify) as taskmock does, and skips the engine: routing, auth, request validation, the vendor's handler and its state, the " +
        "response check and the journal. CPU per answer: the server process's user and system time during the measurement (`/proc`, the kernel's socket work included), over " +
        "the answers it gave; medians of the rounds. The differences split taskmock's CPU per answer into the coalescing floor's, the HTTP layer's above it and the engine's above that.",
    );
    line();
    line(
      "| operation | floor, req/s | floor, writes coalesced, req/s | HTTP layer alone, req/s | taskmock, req/s | taskmock / coalescing floor | CPU µs per answer: coalescing floor | + HTTP layer | + engine | = taskmock |",
    );
    line("|---|---|---|---|---|---|---|---|---|---|");
    for (const op of operations) {
      const l = loads[op.id];
      const t = split(l);
      line(
        `| ${op.title} | ${fmt(l.floor.rps)} | ${fmt(l.coalesced.rps)} | ${fmt(l.layer.rps)} | ${fmt(l.taskmock.rps)} | ${pct(paired(l, "coalesced"))} | ` +
          `${fmt(t.floor, 1)} | ${fmt(t.layer, 1)} | ${fmt(t.engine, 1)} | ${fmt(t.full, 1)} |`,
      );
    }
    line();
  }

  line("## Start-up and memory");
  line();
  line(
    "Start to first valid answer: from spawning the process to the first 200 of a read of Omni's schedules (taskmock with all five specs; Prism with `specs/omni.yaml`). " +
      `Median of ${config.starts} starts (range in brackets). Resident memory (RSS, the process and its children) one second after the first answer, and after the load.`,
  );
  line();
  line("| server | start to first answer, ms | RSS after start, MB | RSS after the load, MB |");
  line("|---|---|---|---|");
  for (const s of startups) {
    line(
      `| ${s.label} | ${fmt(s.startMs)} (${fmt(s.minMs)}–${fmt(s.maxMs)}) | ${fmt(mb(s.rss), 0)} | ${s.rssAfterLoad === undefined ? "–" : fmt(mb(s.rssAfterLoad), 0)} |`,
    );
  }
  line();
  line(
    `Memory across rounds, measured where growth shows: taskmock (the same server the CLI starts) in a process run with \`--expose-gc\`, loaded for ${config.soakSeconds} s with each operation ` +
      `that adds no state by design (all but Huawei's create), then asked for its live heap after a full collection, ${config.rounds} times: ` +
      `${heaps.map((h) => `round ${h.round} ${fmt(mb(h.heapUsed), 1)} MB (RSS ${fmt(mb(h.rss), 0)} MB, journal ${fmt(h.journal)} entries)`).join(", ")}. ` +
      `Round 1 includes the awork set-up's ${AWORK_RECORDS} records, the validators compiled on first use, and filling the journal (a ring of ${config.journalSize} entries).`,
  );
  line();
  line(
    `RSS of the load rounds' taskmock after each measurement, MB, in order (RSS follows V8's heap sizing more than the live heap; Huawei's creates are reset after each round): ${memory.taskmock
      .map((m) => `${m.label} ${fmt(mb(m.rss), 0)}`)
      .join(", ")}.`,
  );
  line();

  line(`## A store of ${fmt(config.records)} records`);
  line();
  line(
    "One vendor per server, its collection filled with copies of a fixture record, then list pages requested one after another through the whole pipeline " +
      "(in process: `app.request`, no socket), pages spread over the whole list. The clock is fixed, so no scheduled work runs between requests; " +
      "the last column is one request after the clock moved a second (the scheduled work at this size, where the vendor has any). Memory per record: heap growth after GC / records.",
  );
  line();
  line("| list | records | requests | p50 ms | p99 ms | one request with the clock moved, ms | bytes per record |");
  line("|---|---|---|---|---|---|---|");
  for (const s of store)
    line(
      `| ${s.title} | ${fmt(s.records)} | ${fmt(s.requests)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${s.movingClockMs === undefined ? "not measured: its first move after 100,000 new tasks computes every task's fire times (minutes)" : fmt(s.movingClockMs, 1)} | ${fmt(s.bytesPerRecord)} |`,
    );
  line();

  line("## Where taskmock's time goes");
  line();
  line(
    `A CPU profile (\`node --cpu-prof\`) of taskmock under the same load, ${config.profileSeconds} s per operation. Each sample is charged to the deepest frame of taskmock's ` +
      "own code on its stack (so time in Intl, cron-parser or luxon counts for the vendor file that called it, and ajv's generated validators for the engine file that runs them). " +
      "µs per request: the owner's CPU time divided by the requests answered while profiling (the profiler itself slows the server down).",
  );
  line();
  if (floorProfile) {
    line(
      `For scale, the floor under the same profiler (Omni PUT's request and answer): ${fmt(floorProfile.requests)} requests, ${fmt((floorProfile.busy * 1000) / floorProfile.requests, 1)} µs of CPU per request, ` +
        "all of it Node's HTTP, the socket writes and JSON.parse: the same work is in taskmock's \"outside taskmock's code\" row.",
    );
    line();
  }
  for (const op of operations) {
    const p = profiles[op.id];
    if (!p) continue;
    line(`**${op.title}** — ${fmt(p.requests)} requests, ${fmt(p.busy)} ms busy, ${fmt((p.busy * 1000) / p.requests, 1)} µs of CPU per request:`);
    line();
    line("| owner | share | µs per request | what it is |");
    line("|---|---|---|---|");
    for (const o of p.owners.slice(0, 8)) {
      line(`| \`${o.name}\` | ${pct(o.ms / p.busy)} | ${fmt((o.ms * 1000) / p.requests, 1)} | ${OWNERS[o.name] ?? ""} |`);
    }
    line();
  }

  const missed = targets.filter((t) => !t.met);
  line("## Where a target is missed: what costs the time");
  line();
  if (missed.length === 0) line("Every target is met.");
  for (const t of missed) line(`- **${t.name}** (${t.measured}): ${t.why ?? ""}`);
  line();
  return `${out.join("\n")}\n`;
}

/**
 * An operation's CPU per answer, µs, split into the floor's (writing as taskmock does), taskmock's
 * HTTP layer's above it, and the engine's above that.
 */
export function split(load) {
  // The CPU each server used per answer while loaded; one second over req/s where it could not be read.
  const us = (server) => (Number.isFinite(server.cpuUs) ? server.cpuUs : 1e6 / server.rps);
  return {
    floor: us(load.coalesced),
    layer: us(load.layer) - us(load.coalesced),
    engine: us(load.taskmock) - us(load.layer),
    full: us(load.taskmock),
  };
}

/** The Omni PUT's two throughput targets, from its loads and profile: measured, met, and where missed, what costs the time. */
export function throughputTargets(omni, profile) {
  const vsPrism = paired(omni, "prism");
  const vsFloor = paired(omni, "floor");
  const omniSplit = split(omni);
  const spent =
    `taskmock used ${omniSplit.full.toFixed(1)} µs: the floor writing as taskmock does ${omniSplit.floor.toFixed(1)} µs, taskmock's HTTP layer ${omniSplit.layer.toFixed(1)} µs more, ` +
    `the engine ${omniSplit.engine.toFixed(1)} µs more (routing, auth, validation, the write, the response check, the journal; see "measured apart"). ` +
    `By the profile, its CPU goes to ${topOwners(profile, 4)}.`;
  return [
    {
      name: "Omni PUT throughput ≥ 15× Prism",
      measured: `${vsPrism.toFixed(1)}×`,
      met: vsPrism >= 15,
      why:
        `15× Prism's rate here is ${Math.round(15 * omni.prism.rps)} req/s, ${Math.round(((15 * omni.prism.rps) / omni.floor.rps) * 100)} % of the floor's; ` +
        `at the share of the CPU taskmock had, that is at most ${(omniSplit.full * (vsPrism / 15)).toFixed(1)} µs of CPU per answer. ${spent}`,
    },
    {
      name: "Omni PUT throughput ≥ 60 % of the node:http floor",
      measured: `${Math.round(vsFloor * 100)} %`,
      met: vsFloor >= 0.6,
      why: `At the share of the CPU taskmock had, 60 % of the floor's rate is at most ${(omniSplit.full * (vsFloor / 0.6)).toFixed(1)} µs of CPU per answer. ${spent}`,
    },
  ];
}

/** The owners that take the largest shares of a profile, as a sentence. */
export function topOwners(profile, count = 3) {
  if (!profile) return "no profile";
  return profile.owners
    .slice(0, count)
    .map((o) => `\`${o.name}\` ${pct(o.ms / profile.busy)} (${fmt((o.ms * 1000) / profile.requests, 1)} µs/request${OWNERS[o.name] ? `: ${OWNERS[o.name]}` : ""})`)
    .join("; ");
}
