// bench/results.md from one run's measurements (and the run before the core of issue 11): the
// targets, the tables with the ratios, the ratios before and after the core, one year of mock
// time, what each memo gains, the profile of what taskmock's time goes to, and where a target is
// missed, what costs the time.
import { AWORK_RECORDS } from "./operations.mjs";

/**
 * What each owner of profile time is, for a reader of the table (descriptions of the code, not
 * measurements): every file of dist/ that can run while a request is answered, the clock moves or
 * the mock starts. A run logs the owners in its profiles that have none here.
 */
export const OWNERS = {
  // HTTP: Node's message in, the answer out
  "http/node.js":
    "taskmock's HTTP layer: Node's message to the mock and back, the one writer's coalesced socket writes called from here (the kernel's writev, most of this row)",
  "http/requestLog.js": "the terminal's request log: each request's line formatted, the lines of a turn written together",
  "http/read.js": "the one reader: path (the WHATWG URL parser), query, headers and body of a request",
  "http/write.js": "the one writer: JSON.stringify of an answer, and the answers of one turn of the event loop written together",
  "http/app.js": "the Hono app (admin API, served specs, the in-process fetch entry)",
  "http/admin/clock.js": "the admin API's clock resource",
  "http/admin/reset.js": "the admin API's reset",
  "http/admin/state.js": "the admin API's state dump",
  "http/admin/requests.js": "the admin API's journal reads",
  "http/admin/faults.js": "the admin API's fault rules",
  "http/admin/maintenance.js": "the admin API's maintenance windows",
  "http/admin/reports.js": "the admin API's verify and coverage reports",
  "http/admin/health.js": "the admin API's health check",
  "http/admin/common.js": "the admin API's shared checks (the vendors named, unknown fields) and its problems",
  "http/admin/index.js": "mounting the admin API",
  // The core: one mock, its scheduler
  "core/mock.js": "the mock: the vendor's runtime, and the scheduled-work catch-up before each request and at a clock move",
  "core/scheduler.js": "the scheduler: whether anything is due before the horizon, and after a run every record's next due time (the vendor's dueAfter)",
  "core/definitions.js": "loading a vendor once: its compiled spec, checked fixtures, tokens",
  // The pipeline: one stage per file
  "pipeline/index.js": "the request pipeline itself (its stages in order)",
  "pipeline/exchange.js": "the exchange a request's stages share, and its answer",
  "pipeline/route.js": "stage 1, routing: the operation, then the request read whole (parameters, body, Prefer)",
  "pipeline/faults.js": "stage 2, fault rules",
  "pipeline/maintenance.js": "stage 3, maintenance windows",
  "pipeline/security.js": "stage 4, security: the credential against the fixture's tokens, the vendor's own rules",
  "pipeline/rateLimits.js": "stage 5, rate limits (off by default)",
  "pipeline/negotiate.js": "stage 6, negotiation: the answer a Prefer header asks for",
  "pipeline/negotiation.js": "reading Prefer's code, example and dynamic against the documented statuses",
  "pipeline/validation.js": "stage 7, validation: the request's parameters and body, JSON.parse, the validators' call",
  "pipeline/handler.js": "stage 8, calling the vendor's handler in a transaction",
  "pipeline/responseCheck.js": "stage 9, the response check and the commit",
  "pipeline/journal.js": "stage 10, the journal entry",
  "pipeline/answers.js": "the answers stages decide: a vendor's error, a forced response, taskmock's problem+json",
  // The store
  "store/store.js": "the store: transactions over copy-on-write collections, deep-frozen records, the collections' list memos",
  "store/fixtures.js": "reading and checking the fixtures (start-up)",
  // The engine: specs, validators, the journal
  "engine/operation.js": "ajv's compiled validators: parameters, body, and the response check",
  "engine/checkedItems.js": "a page of stored records checked as its envelope plus each record not checked before, and its bytes joined from each record's JSON made once",
  "engine/schemaCompiler.js": "reading cached validator code, or compiling a validator on its first use; violations from ajv's errors",
  "engine/memo.js": "the named per-answer memos (engine/memo.ts): the look-up, and on a miss a library's computation called from it (ajv-formats' checks)",
  "engine/formats.js": "the format checks' look-up of a remembered verdict",
  "engine/router.js": "routing: the path against the spec's templates",
  "engine/journal.js": "the journal's ring of entries",
  "engine/prefer.js": "reading the Prefer header",
  "engine/clock.js": "the mock's clock",
  "engine/faults.js": "matching fault rules",
  "engine/rateLimit.js": "the rate-limit windows",
  "engine/generate.js": "a generated body for a schema (Prefer: dynamic=true, fields fixtures leave open)",
  "engine/problem.js": "taskmock's problem+json",
  "engine/cache.js": "the content-addressed cache on disk (start-up: parsed specs, checked fixtures, validator code)",
  "engine/loadSpec.js": "reading a spec (start-up)",
  "engine/openapi.js": "reading the OpenAPI document's objects (references resolved)",
  "engine/verify.js": "the verify report over the journal (admin API)",
  "engine/coverage.js": "the coverage report over the journal (admin API)",
  // Entry points
  "cli.js": "the command line: flags to options (start-up)",
  "index.js": "the package's exports (start-up)",
  "paths.js": "where the package's own data lives (start-up)",
  "vendors/index.js": "the five vendors' modules (start-up)",
  "vendors/types.js": "the vendors' names",
  // Vendors
  "vendors/common.js": "helpers every vendor uses: compareBy (the lists' sort), pages, timestamps, results",
  "vendors/zones.js": "time zones for every vendor: a zone name resolved, an instant's wall clock (Intl, once per zone and instant), a zone's short name",
  "vendors/omni/schedules.js": "Omni's handlers: the write itself (the new record, timestamps), the reads",
  "vendors/omni/records.js": "Omni's records and collections",
  "vendors/omni/index.js": "Omni's adapter",
  "vendors/omni/cron.js": "Omni's EventBridge cron grammar check",
  "vendors/omni/description.js": "Omni's derived description (cronstrue's English text, plus the zone's short name)",
  "vendors/omni/errors.js": "Omni's error body: the violations as its 400's message",
  "vendors/awork/taskSchedules.js": "awork's handlers: the list sorted and paged with its aw-* headers, the create, plannedDuration",
  "vendors/awork/records.js": "awork's records and what a schedule derives",
  "vendors/awork/index.js": "awork's adapter",
  "vendors/awork/filter.js": "awork's filterby language",
  "vendors/awork/errors.js": "awork's error body",
  "vendors/awork/rateLimits.js": "awork's rate limits (off by default)",
  "vendors/huawei/tasks.js": "huawei's task handlers: list, create (the rules, the stored record), show, the filters",
  "vendors/huawei/records.js": "huawei's record shaping (a task's answer, its derived task_cron and next_execution_time) and the success answer",
  "vendors/huawei/calendar.js":
    "huawei's calendar arithmetic: the Quartz task_cron, a task's fire times stepped by calendar date in its zone, a wall-clock time's instant (cron-parser near an offset change)",
  "vendors/huawei/schedule.js": "huawei's scheduled work: an execution and its sub-tasks per fire time the clock passes, each task's next due time",
  "vendors/huawei/rules.js": "huawei's body rules the schema cannot state",
  "vendors/huawei/executions.js": "huawei's execution handlers",
  "vendors/huawei/errors.js": "huawei's error body",
  "vendors/huawei/index.js": "huawei's adapter",
  "vendors/crego/schedule.js": "crego's scheduled work: each enabled schedule's counters and last_run_at over the window run",
  "vendors/crego/crontabFires.js": "crego's crontab fires counted day by day in the schedule's zone (cron-parser only near an offset change)",
  "vendors/crego/cron.js": "crego's crontab field check, the values a field stands for, the zone check",
  "vendors/crego/schedules.js": "crego's schedule handlers: list, read, PUT/PATCH with django-celery-beat's rules",
  "vendors/crego/records.js": "crego's records and collections",
  "vendors/crego/tasks.js": "crego's Celery task handlers",
  "vendors/crego/paging.js": "crego's page and page_size read as Django REST Framework reads them (Python's int() on the text)",
  "vendors/crego/errors.js": "crego's error bodies (Django REST Framework's)",
  "vendors/crego/index.js": "crego's adapter",
  "vendors/spaaza/schedule.js": "spaaza's scheduled work: READY tasks started at their trigger, finished a minute later",
  "vendors/spaaza/run.js": "spaaza's task run: its start, its finish, its export",
  "vendors/spaaza/tasks.js": "spaaza's task handlers",
  "vendors/spaaza/records.js": "spaaza's records, timestamps, chain scoping",
  "vendors/spaaza/auth.js": "spaaza's privileged-token check",
  "vendors/spaaza/sequence.js": "spaaza's task id sequence",
  "vendors/spaaza/rules.js": "spaaza's trigger rules",
  "vendors/spaaza/errors.js": "spaaza's error body",
  "vendors/spaaza/index.js": "spaaza's adapter",
  "core/sessions.js": "the sessions: a request's session resolved by its id (created on first use), the idle ones expired, the least recently used dropped past the bound",
  // Outside taskmock's code
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

/**
 * The report: a pure function of one run's measurements (bench/.work/run.json) and, where there is
 * one, the run before the core of issue 11 (bench/before-core.json).
 */
export function writeReport(run, before) {
  const { machine, config, operations, loads, startups, memory, heaps, profiles, floorProfile, store, year, memoAblation, elapsedS } = run;
  const targets = allTargets(run, before);
  const out = [];
  const line = (text = "") => out.push(text);

  line("# taskmock benchmark results");
  line();
  line(
    `Regenerated by \`npm run bench\` (${new Date(run.finishedAt).toISOString().slice(0, 16).replace("T", " ")} UTC, ${fmt(elapsedS)} s). ` +
      `Machine: ${machine.cores} cores (${machine.cpu}), ${fmt(machine.memoryGB)} GB, Node ${machine.node}, ${machine.platform}. ` +
      `Every figure comes from this one run: the servers ran side by side on the same machine, the load generator (autocannon in a Node process of its own, started for each measurement, ${config.connections} connections, ` +
      `${config.seconds} s per measurement after a ${config.warmup} s warm-up, ${config.rounds} rounds alternating the servers' order` +
      `${config.peerWarmup ? `, every server first warmed up under the same load for ${config.peerWarmup} s shared over the operations it is measured on` : ""}) on the same cores; ` +
      "before each measurement the run waits until every server is quiet (together under a tenth of a core for 300 ms: a JVM goes on collecting and compiling after its load). " +
      "Absolute figures drift from machine to machine and run to run; the ratios are what to compare.",
  );
  line();
  line("![throughput, latency, start-up and memory](results.svg)");
  line();
  line("## Targets");
  line();
  line("| target | measured | met |");
  line("|---|---|---|");
  for (const t of targets) line(`| ${t.name} | ${t.measured} | ${t.met === null ? "not measured" : t.met ? "yes" : "**no**"} |`);
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
  // One column per peer (issue 17): "not measured" where it could not be started.
  const peers = run.peers ?? [];
  const peerStart = (kind) => (run.peerStarts ?? []).find((s) => s.peer === kind);
  const cells = (value) => peers.map((p) => (p.measured ? value(p) : notMeasured(p))).map((c) => ` ${c} |`).join("");
  line(`| measure | taskmock / Prism | taskmock / floor | taskmock / floor writing as taskmock does |${peers.map((p) => ` taskmock / ${p.short} |`).join("")}`);
  line(`|---|---|---|---|${peers.map(() => "---|").join("")}`);
  for (const op of operations) {
    const l = loads[op.id];
    line(
      `| ${op.title}: throughput | ${times(paired(l, "prism"))} | ${pct(paired(l, "floor"))} | ${l.coalesced ? pct(paired(l, "coalesced")) : ""} |` +
        cells((p) => (l[p.kind] ? times(paired(l, p.kind)) : "")),
    );
  }
  for (const op of operations.filter((o) => peers.some((p) => loads[o.id][p.kind]))) {
    const l = loads[op.id];
    line(`| ${op.title}: throughput against the peer's best round | | | |${cells((p) => (l[p.kind] ? times(bestRound(l, p.kind).ratio) : ""))}`);
    line(`| ${op.title}: p99 latency | ${times(pairedP99(l, "prism"))} | ${times(pairedP99(l, "floor"))} | |${cells((p) => (l[p.kind] ? times(pairedP99(l, p.kind)) : ""))}`);
  }
  const startCell = (value) => cells((p) => (peerStart(p.kind) ? times(value(peerStart(p.kind))) : ""));
  line(`| start to first answer (taskmock: five specs; Prism: one) | ${times(ratio(warm.startMs, prism.startMs))} | | |${startCell((s) => ratio(warm.startMs, s.startMs))}`);
  line(`| start to first answer, first start on a machine (empty cache) | ${times(ratio(cold.startMs, prism.startMs))} | | |${startCell((s) => ratio(cold.startMs, s.startMs))}`);
  line(`| resident memory after start | ${times(ratio(warm.rss, prism.rss))} | | |${startCell((s) => ratio(warm.rss, s.rss))}`);
  line(
    `| resident memory after the load rounds (Prism: its Omni server) | ${times(ratio(warm.rssAfterLoad, prism.rssAfterLoad))} | | |${startCell((s) => ratio(warm.rssAfterLoad, s.rssAfterLoad))}`,
  );
  line();
  if (peers.length > 0) peersSection(line, run);

  if (before) beforeAfterSection(line, run, before);

  line("## Throughput and latency under load");
  line();
  line(
    "taskmock with everything on (auth, request validation, state, response check, journal; all five vendors served, real clock); " +
      "Prism 5.14 `prism mock` on the same spec file; the floor: a bare `node:http` server that parses the JSON body and answers the bytes taskmock answered, each as soon as it has it " +
      "(taskmock writes the answers of one turn of the event loop together; the floor doing the same is measured below). " +
      "Medians of the rounds; p50 and p99 as autocannon reports them (whole milliseconds). The ratios: each round's, taskmock over the other server in the same round, and the median of those.",
  );
  line();
  const shown = (op) => ["taskmock", "prism", "floor", ...measuredPeers(run).map((p) => p.kind)].filter((k) => loads[op.id][k]);
  line("| operation | server | req/s | p50 ms | p99 ms | unexpected answers | taskmock / Prism | taskmock / floor | taskmock / this server |");
  line("|---|---|---|---|---|---|---|---|---|");
  for (const op of operations) {
    for (const kind of shown(op)) {
      const s = loads[op.id][kind];
      const ratios =
        kind === "taskmock" ? `${times(paired(loads[op.id], "prism"))} | ${pct(paired(loads[op.id], "floor"))} | ` : ` | | ${kind === "floor" ? pct(paired(loads[op.id], kind)) : times(paired(loads[op.id], kind))}`;
      line(
        `| ${kind === "taskmock" ? op.title : ""} | ${serverName(run, kind)} | ${fmt(s.rps)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.unexpected)}${s.errors ? ` (+${fmt(s.errors)} errors)` : ""} | ${ratios} |`,
      );
    }
  }
  line();
  roundsSection(line, run);
  const unexpected = operations.flatMap((op) =>
    shown(op)
      .filter((k) => loads[op.id][k].unexpected > 0)
      .map((k) => `${op.title} on ${k}: ${JSON.stringify(loads[op.id][k].statuses)}`),
  );
  if (unexpected.length > 0) {
    line(
      `Answers with another status than expected (counted in req/s; Prism answers from its examples, without state; the peers from their configuration): ${unexpected.join("; ")}.`,
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
  for (const s of [...startups, ...(run.peerStarts ?? [])]) {
    line(
      `| ${s.label} | ${fmt(s.startMs)} (${fmt(s.minMs)}–${fmt(s.maxMs)}) | ${fmt(mb(s.rss), 0)} | ${s.rssAfterLoad === undefined ? "–" : fmt(mb(s.rssAfterLoad), 0)} |`,
    );
  }
  for (const p of (run.peers ?? []).filter((peer) => !peer.measured)) line(`| ${p.name} | ${notMeasured(p)} | | |`);
  line();
  if (run.peerStarts?.length) {
    line(
      "The peers' start: to their first 200 to the awork list request (their data empty then; WireMock's mappings loaded), a median of " +
        `${Math.min(3, config.starts)} starts; their RSS after the load is the server of the rounds, after them (WireMock with its journal on holds every request it was sent).`,
    );
    line();
  }
  line(
    `Memory across rounds, measured where growth shows: taskmock (the same server the CLI starts) in a process run with \`--expose-gc\`, loaded for ${config.soakSeconds} s with each operation ` +
      `that adds no state by design (all but Huawei's create), then asked for its live heap after a full collection, ${config.rounds} times: ` +
      `${heaps.map((h) => `round ${h.round} ${fmt(mb(h.heapUsed), 1)} MB (RSS ${fmt(mb(h.rss), 0)} MB, journal ${fmt(h.journal)} entries)`).join(", ")}. ` +
      `Round 1 includes the awork set-up's ${AWORK_RECORDS} records, the validators compiled on first use, and filling the journal (a ring of ${config.journalSize} entries).`,
  );
  line();
  line(
    `RSS of the load rounds' taskmock after each measurement, MB, in order (RSS follows V8's heap sizing more than the live heap): ${memory.taskmock
      .map((m) => `${m.label} ${fmt(mb(m.rss), 0)}`)
      .join(", ")}. ` +
      "Huawei's create adds a task per request by design, so its rounds load a taskmock of their own (its creates reset after each round): " +
      `that one holds ${fmt(mb(run.rssAfterCreates), 0)} MB after the rounds, the heap V8 grew for up to a round's creates; ` +
      "the one the RSS after the load names answered the Omni PUT, the invalid request and the awork list.",
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

  if (year) yearSection(line, year);
  hostileSection(line, run.hostile);
  if (memoAblation) memoSection(line, run);

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

  if (run.sessionLoad) sessionLoadSection(line, run);
  sharedStoreSection(line, run);

  const missed = targets.filter((t) => t.met === false);
  const unmeasured = targets.filter((t) => t.met === null);
  line("## Where a target is missed: what costs the time");
  line();
  if (missed.length === 0) line(unmeasured.length === 0 ? "Every target is met." : "Every target measured is met.");
  for (const t of missed) line(`- **${t.name}** (${t.measured}): ${t.why ?? ""}`);
  if (unmeasured.length > 0) line(`- Not measured in this run: ${unmeasured.map((t) => `${t.name} (${t.measured})`).join("; ")}.`);
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

const signed = (r) => (Number.isFinite(r) ? `${r >= 0 ? "+" : "-"}${fmt(Math.abs(r) * 100, 0)} %` : "–");
const range = (values, show) => {
  const finite = values.filter(Number.isFinite);
  return finite.length > 1 ? ` (${show(Math.min(...finite))}–${show(Math.max(...finite))})` : "";
};

// One year of mock time ------------------------------------------------------------------------

const YEAR_TARGET_MS = 300;
const YEAR_KINDS = (year) => Object.keys(year.samples).filter((k) => k !== "all");

/** An owner row of the year's profile: there is no HTTP in a clock move, so the row outside taskmock's code is named for what it is there. */
const yearOwner = (name) => (name === "outside taskmock's code: Node's HTTP" ? "outside taskmock's code" : name);
const yearOwnerText = (name) =>
  name === "outside taskmock's code: Node's HTTP" ? "Node and V8 outside taskmock's frames (the profiler's own work included)" : (OWNERS[name] ?? "");

/** The one-year target: measured in fresh processes, met, and where missed, what the year's time goes to. */
export function yearTarget(year) {
  const all = median(year.samples.all);
  const alone = YEAR_KINDS(year)
    .map((k) => `${k} ${fmt(median(year.samples[k]))} ms`)
    .join(", ");
  const p = year.profile;
  return {
    name: `one year of mock time ≤ ${YEAR_TARGET_MS} ms, default fixtures, all five vendors`,
    measured: `${fmt(all)} ms (median of ${year.samples.all.length} fresh processes; each vendor alone: ${alone})`,
    met: all <= YEAR_TARGET_MS,
    why: p
      ? `by the profile of one more advance (${fmt(p.busy)} ms busy under the profiler), the year's CPU goes to ${p.owners
          .slice(0, 4)
          .map((o) => `\`${yearOwner(o.name)}\` ${pct(o.ms / p.busy)} (${fmt(o.ms)} ms${yearOwnerText(o.name) ? `: ${yearOwnerText(o.name)}` : ""})`)
          .join("; ")}.`
      : "",
  };
}

/** Issue 14's session targets, from bench/lib/sessions.mjs. */
export function sessionTargets(sessions) {
  if (!sessions) return [];
  const create = median(sessions.createMs);
  return [
    {
      name: "creating a session ≤ 1 ms",
      measured: `${create.toFixed(3)} ms (median of 10 batches of 100; slowest batch ${Math.max(...sessions.createMs).toFixed(3)} ms each)`,
      met: create <= 1,
      why: "",
    },
    {
      name: "a session that has only read ≤ 50 KB",
      measured: `${fmt(sessions.readKB)} KB (live heap after GC, over 1,000 sessions with one GET each)`,
      met: sessions.readKB <= 50,
      why: "",
    },
    {
      name: "1,000 sessions with 20 writes each add ≤ 150 MB of resident memory",
      measured: `${fmt(sessions.writeMB)} MB`,
      met: sessions.writeMB <= 150,
      why: "",
    },
  ];
}

/**
 * Issue 12's soak target: memory after the journal is cleared within 20 % of its level after
 * start; and, beside it, within 20 % of its level once warm (the same mix sent first), which is
 * what tells growth from warm-up.
 */
export function hostileTarget(hostile) {
  if (!hostile) return [];
  const MB = 1048576;
  const fives = Object.entries(hostile.statuses).filter(([code]) => Number(code) >= 500).reduce((n, [, c]) => n + c, 0);
  const answered = fives === 0 && hostile.failures === 0;
  const peak = Math.max(...hostile.samples.map((s) => s.rss));
  const end = hostile.afterIdle.rss;
  const heap = (m) => `${fmt(m.heapUsed / MB, 1)} MB`;
  return [
    {
      name: `hostile soak: ${fmt(hostile.requests)} mixed requests, none 5xx; after the journal is cleared, resident memory within 20 % of its level after start`,
      measured:
        `RSS after start ${fmt(hostile.afterStart.rss / MB)} MB, at most ${fmt(peak / MB)} MB during, ${fmt(hostile.afterClear.rss / MB)} MB after the clear, ` +
        `${fmt(end / MB)} MB ${hostile.idleMs / 1000} s later (limit ${fmt((hostile.afterStart.rss * 1.2) / MB)} MB); ${fmt(fives)} answers 5xx, ${fmt(hostile.failures)} unanswered`,
      met: answered && end <= hostile.afterStart.rss * 1.2,
      why:
        `live heap after a full GC: ${heap(hostile.afterStart)} after start, ${heap(hostile.warm)} once warm, ${heap(hostile.afterIdle)} at the end; V8's reserved heap ` +
        `${fmt(hostile.afterStart.heapTotal / MB)} → ${fmt(hostile.afterIdle.heapTotal / MB)} MB. What the process holds above its start is its warm state ` +
        "(validators compiled on first use, optimised code, the bounded memos filled, memory the allocator keeps for reuse): the same run's warm baseline below shows " +
        "whether the 100,000 requests added to it.",
    },
    {
      name: `hostile soak: after ${fmt(hostile.requests)} more requests and the journal cleared, resident memory within 20 % of its level once warm`,
      measured: `RSS warm (after ${fmt(hostile.warmUp)} requests of the same mix, the journal cleared, ${hostile.idleMs / 1000} s idle) ${fmt(hostile.warm.rss / MB)} MB; at the end ${fmt(end / MB)} MB (limit ${fmt((hostile.warm.rss * 1.2) / MB)} MB)`,
      met: answered && end <= hostile.warm.rss * 1.2,
      why: "the resident memory after the run exceeds the warm level by more than a fifth: something the requests leave behind is kept.",
    },
  ];
}

function hostileSection(line, hostile) {
  if (!hostile) return;
  const MB = 1048576;
  line("## Hostile soak");
  line();
  line(
    `${fmt(hostile.requests)} requests to the server the CLI starts (all five vendors, real clock), ${"32"} in flight, over loopback, a rotation of valid reads and writes, ` +
      "invalid ones (numbers like `1e400` and `0x10`, pages DRF cannot use, malformed JSON, unknown paths, unknown Prefer examples) and hostile ones (bodies nested 3,000 deep, " +
      "`__proto__` and `constructor` keys, 200 kB bodies, time-zone names in a letter case of their own each time) (`bench/lib/hostile-soak.mjs`); " +
      `resident memory sampled as they went, then \`DELETE /__admin/requests\`, then ${hostile.idleMs / 1000} s idle. ${fmt(hostile.seconds, 1)} s in all.`,
  );
  line();
  line(`Statuses: ${Object.entries(hostile.statuses).map(([code, n]) => `${code} × ${fmt(n)}`).join(", ")}; unanswered: ${fmt(hostile.failures)}.`);
  line();
  line("| after | requests | RSS, MB |");
  line("|---|---|---|");
  line(`| start (one request) | 0 | ${fmt(hostile.afterStart.rss / MB)} |`);
  line(`| warm: ${fmt(hostile.warmUp)} requests of the mix, the journal cleared, ${hostile.idleMs / 1000} s idle | ${fmt(hostile.warmUp)} | ${fmt(hostile.warm.rss / MB)} |`);
  for (const s of hostile.samples) line(`| the run | ${fmt(s.sent)} | ${fmt(s.rss / MB)} |`);
  line(`| the run, before the clear (journal ${fmt(hostile.beforeClear.journal)} entries) | ${fmt(hostile.requests)} | ${fmt(hostile.beforeClear.rss / MB)} |`);
  line(`| the journal cleared | ${fmt(hostile.requests)} | ${fmt(hostile.afterClear.rss / MB)} |`);
  line(`| ${hostile.idleMs / 1000} s idle | ${fmt(hostile.requests)} | ${fmt(hostile.afterIdle.rss / MB)} |`);
  line();
}

function yearSection(line, year) {
  const n = year.samples.all.length;
  line("## One year of mock time");
  line();
  line(
    "A mock with the default fixtures, seed 1 and the clock fixed at 2026-01-01T00:00:00Z, then `mock.clock.advance(365 days)`: every vendor's scheduled work for the year " +
      "in one call (`bench/lib/year.mjs`). Each sample is a fresh Node process, so nothing is warm from an earlier one (compiled code, memos, zone formatters): " +
      `the year as a user's first move of the clock. Medians of ${n} processes, the range in brackets; the vendors taken in turn within each sample.`,
  );
  line();
  line(`| vendors | one year, ms | within ${YEAR_TARGET_MS} ms |`);
  line("|---|---|---|");
  for (const kind of ["all", ...YEAR_KINDS(year)]) {
    const ms = median(year.samples[kind]);
    line(`| ${kind === "all" ? "all five" : `${kind} alone`} | ${fmt(ms, ms < 10 ? 1 : 0)}${range(year.samples[kind], (v) => fmt(v, v < 10 ? 1 : 0))} | ${ms <= YEAR_TARGET_MS ? "yes" : "**no**"} |`);
  }
  line();
  const p = year.profile;
  if (p) {
    line(`Where the year's time goes, all five vendors: one more advance under the inspector's CPU profiler, ${fmt(p.busy)} ms busy (the profiler slows it down):`);
    line();
    line("| owner | share | ms | what it is |");
    line("|---|---|---|---|");
    for (const o of p.owners.slice(0, 8)) line(`| \`${yearOwner(o.name)}\` | ${pct(o.ms / p.busy)} | ${fmt(o.ms, 1)} | ${yearOwnerText(o.name)} |`);
    line();
  }
}

// What each memo gains -------------------------------------------------------------------------

const MEMO_RULE = 0.05;

/**
 * Each memo's gains. Per operation and round, the reference is the two all-on servers loaded
 * before and after the memo-off ones (the geometric mean of their req/s), and the gain is the
 * reference over the memo-off server's req/s, minus 1 (the median of the rounds'). On the year,
 * the memo-off advance's median time over the all-on one's, minus 1. The noise: how far apart the
 * two all-on servers were (the largest gap over the operations), and how far the all-on year's
 * samples lie from their median.
 */
export function memoGains(run) {
  const { operations, memoAblation: a } = run;
  const first = a.loads["all-on-first"];
  const last = a.loads["all-on-last"];
  const reference = (op, i) => Math.sqrt(first[op.id][i].rps * (last[op.id][i]?.rps ?? Number.NaN));
  const gainOn = (memo, op) => median(first[op.id].map((_, i) => ratio(reference(op, i), a.loads[memo][op.id][i]?.rps) - 1));
  const gap = Object.fromEntries(operations.map((op) => [op.id, median(first[op.id].map((r, i) => ratio(r.rps, last[op.id][i]?.rps) - 1))]));
  const yearAllOn = median(a.year["all-on"]);
  const noise = {
    ops: Math.max(...Object.values(gap).map(Math.abs).filter(Number.isFinite)),
    year: Math.max(...a.year["all-on"].map((ms) => Math.abs(ms / yearAllOn - 1))),
  };
  const verdicts = [...a.memos, ...(a.settings ?? [])].map((memo) => {
    const ops = Object.fromEntries(operations.map((op) => [op.id, gainOn(memo, op)]));
    const year = ratio(median(a.year[memo] ?? []), yearAllOn) - 1;
    const where = [
      ...operations.filter((op) => ops[op.id] >= MEMO_RULE).map((op) => ({ name: op.short, gain: ops[op.id], noise: noise.ops })),
      ...(year >= MEMO_RULE ? [{ name: "one year", gain: year, noise: noise.year }] : []),
    ];
    return { memo, ops, year, earns: where.length > 0, where, withinNoise: where.length > 0 && where.every((w) => w.gain <= w.noise) };
  });
  return { verdicts, gap, noise, yearAllOn };
}

function memoSection(line, run) {
  const { operations, config, machine, memoAblation: a } = run;
  const { verdicts, gap, noise, yearAllOn } = memoGains(run);
  const rounds = a.loads["all-on-first"][operations[0].id].length;
  const plural = (n, word, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  const allOn = (id, op) => fmt(median(a.loads[id][op.id].map((r) => r.rps)));
  line("## What each memo gains");
  line();
  line(
    `Every per-answer memo in taskmock has a name (\`MEMOS\`, \`src/engine/memo.ts\`; the ${a.memos.length} below are read from a process that loaded every module and answered each ` +
      "operation once, `bench/lib/memos.mjs`), and `TASKMOCK_MEMO_OFF=<name>` turns one off: its function then computes every time. Issue 11's rule: a memo stays only where it gains " +
      `≥ ${MEMO_RULE * 100} % on an operation. Servers, all running at once: one taskmock per memo with that memo off, and two with every memo on. Per operation and round, one ` +
      `all-on server was loaded first, then each memo-off server, then the other all-on server, each for ${config.ablationSeconds} s after a ${config.ablationWarmup} s warm-up ` +
      `(${config.connections} connections, ${plural(rounds, "round")}${rounds > 1 ? ", the memos' order turned each round" : ""}). Gain on an operation: the all-on rate (the geometric mean of the two, ` +
      `which bracket the memo-off ones in time) over the memo-off server's, minus 1${rounds > 1 ? " (the median of the rounds')" : ""}; on the year (all five vendors, as in the section above): ` +
      `the memo-off advance's time over the all-on one's, minus 1, medians of ${plural(a.year["all-on"].length, "fresh process", "fresh processes")} each. A positive gain: the memo makes taskmock faster.`,
  );
  line();
  line(`| memo | ${operations.map((op) => op.short).join(" | ")} | one year | verdict |`);
  line(`|---|${operations.map(() => "---|").join("")}---|---|`);
  for (const v of verdicts) {
    const verdict = v.earns
      ? `earns its place (≥ ${MEMO_RULE * 100} % on ${v.where.map((w) => w.name).join(", ")})${v.withinNoise ? ", but within this run's noise" : ""}`
      : "does not earn its place";
    line(`| ${v.memo} | ${operations.map((op) => signed(v.ops[op.id])).join(" | ")} | ${signed(v.year)} | ${verdict} |`);
  }
  line(`| none (the first all-on server over the last, minus 1) | ${operations.map((op) => signed(gap[op.id])).join(" | ")} | | the noise |`);
  line();
  if (a.settings?.length > 0) {
    line(
      `Measured the same way, not a memo: ${a.settings.map((name) => `"${name}"`).join(", ")}: every server above runs with the Node flags \`npm start\` gives it, and its "off" server ` +
        "with Node's default heap sizing instead (its one-year processes likewise). A young generation of 64 MB instead of 32 MB: short-lived garbage, and the journal's ring of recent " +
        "requests, die in it instead of being promoted to the old generation.",
    );
    line();
  }
  line(
    `All on, req/s (loaded first / last): ${operations.map((op) => `${op.short} ${allOn("all-on-first", op)} / ${allOn("all-on-last", op)}`).join(", ")}; ` +
      `one year ${fmt(yearAllOn)} ms${range(a.year["all-on"], (v) => fmt(v))}.`,
  );
  line();
  line(
    `How noisy this is: the two all-on servers are the same server, so their gap (the last row) is noise alone, here up to ${pct(noise.ops)} on an operation; the all-on year's ` +
      `samples lie up to ${pct(noise.year)} from their median. With ${config.ablationSeconds} s per server, ${plural(rounds, "round")}, the sweep of one operation taking ` +
      `${fmt((a.memos.length + (a.settings?.length ?? 0) + 2) * (config.ablationSeconds + config.ablationWarmup))} s, and autocannon sharing the ${machine.cores} cores with the server, a gain below that is not told apart ` +
      "from noise; a verdict resting only on such gains says so. A gain of many times that (a memo whose absence costs a multiple) stands. For a firmer verdict: " +
      "BENCH_ABLATION_SECONDS=10 BENCH_ABLATION_ROUNDS=3.",
  );
  line();
  const odd = Object.entries(a.loads).flatMap(([arm, byOp]) =>
    operations.flatMap((op) => {
      const bad = byOp[op.id].filter((r) => r.unexpected > 0 || r.errors > 0);
      return bad.length > 0 ? [`${arm} on ${op.short}: ${bad.map((r) => `${fmt(r.unexpected)} unexpected, ${fmt(r.errors)} errors`).join("; ")}`] : [];
    }),
  );
  if (odd.length > 0) {
    line(`Answers with another status than expected, or errors (the gain then compares different work): ${odd.join("; ")}.`);
    line();
  }
}

// Before and after the core --------------------------------------------------------------------

const BEFORE_AFTER_LIMIT = -0.1;

/** This run's ratios set beside the run before the core (bench/before-core.json): per operation against Prism and the floor, and the start. */
export function beforeAfter(run, before) {
  const ops = run.operations.map((op) => {
    const now = run.loads[op.id];
    const then = before.loads[op.id];
    const side = (server) => {
      const value = { before: then ? paired(then, server) : Number.NaN, now: paired(now, server) };
      const rounds = (l) => (l ? l.taskmock.rounds.map((r, i) => ratio(r.rps, l[server].rounds[i]?.rps)) : []);
      return { ...value, change: ratio(value.now, value.before) - 1, beforeRounds: rounds(then), nowRounds: rounds(now) };
    };
    return { op, prism: side("prism"), floor: side("floor") };
  });
  const [warm, , prism] = run.startups;
  const [warmBefore, , prismBefore] = before.startups;
  const start = [
    { name: "taskmock start to first answer, ms", before: warmBefore.startMs, now: warm.startMs, show: (v) => fmt(v) },
    { name: "taskmock / Prism, start to first answer", before: ratio(warmBefore.startMs, prismBefore.startMs), now: ratio(warm.startMs, prism.startMs), show: times },
    { name: "taskmock resident memory after start, MB", before: mb(warmBefore.rss), now: mb(warm.rss), show: (v) => fmt(v) },
    { name: "taskmock / Prism, resident memory after start", before: ratio(warmBefore.rss, prismBefore.rss), now: ratio(warm.rss, prism.rss), show: times },
  ].map((s) => ({ ...s, change: ratio(s.now, s.before) - 1 }));
  const lower = ops.filter((o) => o.prism.change < BEFORE_AFTER_LIMIT);
  return { ops, start, lower };
}

/** The targets of the run, and where there is a run before the core, issue 11's condition on it. */
export function allTargets(run, before) {
  if (!before) return [...run.targets, ...peerTargets(run), ...hostileTarget(run.hostile), ...sharedStoreTargets(run.sharedStore)];
  const { ops, lower } = beforeAfter(run, before);
  return [
    ...run.targets,
    ...peerTargets(run),
    ...hostileTarget(run.hostile),
    ...sharedStoreTargets(run.sharedStore),
    {
      name: "no operation's throughput ratio against Prism lower than before the core (issue 11) by more than 10 %",
      measured: ops.map((o) => `${o.op.id} ${signed(o.prism.change)}`).join(", "),
      met: lower.length === 0,
      why: `lower by more than 10 %: ${lower.map((o) => `${o.op.title} ${times(o.prism.before)} → ${times(o.prism.now)}`).join("; ")} (see "Before and after the core").`,
    },
  ];
}

function beforeAfterSection(line, run, before) {
  const { ops, start, lower } = beforeAfter(run, before);
  const settings = (r) => `${r.config.seconds} s per measurement after a ${r.config.warmup} s warm-up, ${r.config.rounds} round${r.config.rounds === 1 ? "" : "s"}`;
  const machine = (r) => `${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}`;
  line("## Before and after the core (issue 11)");
  line();
  line(
    `\`bench/before-core.json\` holds the measurements of a full \`npm run bench\` of the code before the core of issue 11 (${new Date(before.finishedAt).toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${settings(before)}); this run's figures stand beside it, the ratios computed the same way for both (each round's taskmock / other server, the median of the rounds; ` +
      "the rounds' smallest and largest in brackets). Issue 11's condition: no operation's throughput ratio against Prism lower by more than 10 %.",
  );
  line();
  const differ = [];
  if (settings(before) !== settings(run)) differ.push(`settings (before: ${settings(before)}; now: ${settings(run)})`);
  if (machine(before) !== machine(run)) differ.push(`machines (before: ${machine(before)}; now: ${machine(run)})`);
  if (differ.length > 0) {
    line(`**The two runs differ in their ${differ.join(", and ")}**: the comparison holds between full runs on one machine.`);
    line();
  }
  line("| operation | measure | before the core | now | change | |");
  line("|---|---|---|---|---|---|");
  for (const o of ops) {
    for (const [server, label] of [
      ["prism", "taskmock / Prism"],
      ["floor", "taskmock / floor"],
    ]) {
      const side = o[server];
      const show = server === "prism" ? times : pct;
      const flag = side.change < BEFORE_AFTER_LIMIT ? "**lower by more than 10 %**" : "";
      line(
        `| ${server === "prism" ? o.op.title : ""} | ${label} | ${show(side.before)}${range(side.beforeRounds, show)} | ${show(side.now)}${range(side.nowRounds, show)} | ${signed(side.change)} | ${flag} |`,
      );
    }
  }
  for (const [i, s] of start.entries()) line(`| ${i === 0 ? "start-up" : ""} | ${s.name} | ${s.show(s.before)} | ${s.show(s.now)} | ${signed(s.change)} | |`);
  line();
  line(
    lower.length === 0
      ? "No operation's throughput ratio against Prism is lower than before the core by more than 10 %."
      : `Lower than before the core by more than 10 % against Prism: ${lower.map((o) => `${o.op.title} (${signed(o.prism.change)})`).join("; ")}.`,
  );
  line();
}

// The peers (issue 17) -------------------------------------------------------------------------

/** The peers measured in a run (the run's list, in its order). */
export const measuredPeers = (run) => (run.peers ?? []).filter((p) => p.measured);
const notMeasured = (peer) => `not measured: ${peer?.reason ?? "not started"}`;

/** taskmock's rate over a server's in that server's fastest round (paired with taskmock's rate of the same round). */
export function bestRound(load, server, over = "taskmock") {
  const rounds = load[server]?.rounds ?? [];
  if (rounds.length === 0) return { round: -1, ratio: Number.NaN };
  const round = rounds.reduce((best, r, i) => (r.rps > rounds[best].rps ? i : best), 0);
  return { round, ratio: ratio(load[over].rounds[round]?.rps, rounds[round].rps) };
}

/**
 * taskmock's p99 over another server's, round by round, and the median of the rounds'. A server
 * whose p99 read 0 ms (autocannon's resolution is a millisecond) counts as 1 ms.
 */
export function pairedP99(load, server, over = "taskmock") {
  return median(load[over].rounds.map((r, i) => ratio(r.p99, Math.max(1, load[server]?.rounds[i]?.p99 ?? Number.NaN))));
}

/** Each round's ratio of taskmock's rate to a server's, as a list. */
const roundRatios = (load, server) => load.taskmock.rounds.map((r, i) => times(ratio(r.rps, load[server]?.rounds[i]?.rps))).join(", ");

/**
 * Issue 17's targets, as rows of the report: met true or false, or null where a peer they name
 * was not measured (no Java runtime for WireMock). Pure: a function of the run's measurements.
 */
export function peerTargets(run) {
  if (!run.peers) return [];
  const { loads, profiles, operations, startups, sessionLoad } = run;
  const peer = (kind) => run.peers.find((p) => p.kind === kind);
  const omni = loads["omni-put"];
  const awork = loads["awork-list"];
  const omniWhy = throughputWhy(omni, profiles?.["omni-put"]);
  const aworkWhy = throughputWhy(awork, profiles?.["awork-list"]);
  const against = (load, kind, min, name, why, { best = false } = {}) => {
    const p = peer(kind);
    if (!p?.measured || !load?.[kind]) return { name, measured: notMeasured(p), met: null, why: "" };
    const median = paired(load, kind);
    const top = bestRound(load, kind);
    const value = best ? top.ratio : median;
    return {
      name,
      measured: best
        ? `${times(top.ratio)} in its best round (round ${top.round + 1}: ${fmt(load[kind].rounds[top.round].rps)} req/s against taskmock's ${fmt(load.taskmock.rounds[top.round]?.rps)}); median of the rounds ${times(median)} (${roundRatios(load, kind)})`
        : `${times(median)} (round by round ${roundRatios(load, kind)}; in its best round ${times(top.ratio)})`,
      met: value >= min,
      why: `${times(min)} ${p.short}'s rate${best ? " in its best round" : ""} is ${fmt(min * (best ? load[kind].rounds[top.round].rps : load[kind].rps))} req/s. ${why}`,
    };
  };
  const others = ["prism", ...measuredPeers(run).map((p) => p.kind).filter((k) => !k.startsWith("wiremock"))];
  const otherRatios = others.filter((k) => omni?.[k]).map((k) => ({ kind: k, value: paired(omni, k) }));
  const unmeasuredOthers = run.peers.filter((p) => !p.measured && !p.kind.startsWith("wiremock"));
  const nameOf = (kind) => (kind === "prism" ? "Prism" : (peer(kind)?.short ?? kind));
  const floorShare = (load, min, name, why) => {
    const value = paired(load, "floor");
    return { name, measured: `${pct(value)} (round by round ${load.taskmock.rounds.map((r, i) => pct(ratio(r.rps, load.floor.rounds[i]?.rps))).join(", ")})`, met: value >= min, why };
  };
  const p99Floor = operations.map((op) => ({ op, value: pairedP99(loads[op.id], "floor") }));
  const p99Peers = operations.flatMap((op) =>
    Object.keys(loads[op.id])
      .filter((k) => k === "prism" || measuredPeers(run).some((p) => p.kind === k))
      .map((kind) => ({ op, kind, value: pairedP99(loads[op.id], kind) })),
  );
  const p99Why = (misses) =>
    `with ${run.config.connections} connections queued on one event loop, p99 is about ${run.config.connections} × the CPU time per request: ${[...new Set(misses.map((m) => m.op))]
      .map((op) => `${op.id}: ${topOwners(profiles?.[op.id], 2)}`)
      .join(" — ")}.`;
  const [warm, cold, prism] = startups;
  const rows = [
    against(omni, "wiremock", 1.3, "Omni PUT throughput ≥ 1.3× WireMock with its journal on", omniWhy),
    against(omni, "wiremock-off", 1.2, "Omni PUT throughput ≥ 1.2× WireMock with its journal off (its best round)", omniWhy, { best: true }),
    {
      name: "Omni PUT throughput ≥ 5× every other peer",
      measured: [...otherRatios.map((o) => `${nameOf(o.kind)} ${times(o.value)}`), ...unmeasuredOthers.map((p) => `${p.short} ${notMeasured(p)}`)].join(", "),
      met: otherRatios.every((o) => o.value >= 5),
      why: omniWhy,
    },
    floorShare(omni, 0.7, "Omni PUT throughput ≥ 70 % of the node:http floor", omniWhy),
    against(awork, "wiremock", 1.5, "awork list page throughput ≥ 1.5× WireMock with its journal on", aworkWhy),
    {
      name: "awork list page throughput ≥ 10× Prism",
      measured: `${times(paired(awork, "prism"))} (round by round ${roundRatios(awork, "prism")})`,
      met: paired(awork, "prism") >= 10,
      why: aworkWhy,
    },
    floorShare(awork, 0.4, "awork list page throughput ≥ 40 % of the floor writing the same bytes", aworkWhy),
    {
      name: "p99 at 50 connections ≤ 2× the floor's p99 in the same round, every operation",
      measured: p99Floor.map((m) => `${m.op.id} ${fmt(loads[m.op.id].taskmock.p99)} ms against ${fmt(loads[m.op.id].floor.p99)} ms (${times(m.value)})`).join(", "),
      met: p99Floor.every((m) => m.value <= 2),
      why: p99Why(p99Floor.filter((m) => !(m.value <= 2))),
    },
    {
      name: "p99 at 50 connections ≤ half of every peer's, every operation",
      measured: p99Peers.map((m) => `${m.op.id} / ${nameOf(m.kind)} ${times(m.value)}`).join(", "),
      met: p99Peers.every((m) => m.value <= 0.5),
      why: p99Why(p99Peers.filter((m) => !(m.value <= 0.5))),
    },
    {
      name: "start to first answer ≤ 800 ms with an empty cache, all five specs",
      measured: `${fmt(cold?.startMs)} ms (warm cache: ${fmt(warm?.startMs)} ms)`,
      met: cold?.startMs <= 800,
      why: startWhy(run.startProfile),
    },
    {
      name: "resident memory after the load rounds ≤ Prism's, the journal at its default bound",
      measured:
        `taskmock ${fmt(mb(warm?.rssAfterLoad))} MB, Prism (its Omni server) ${fmt(mb(prism?.rssAfterLoad))} MB` +
        (run.peerStarts ?? []).map((s) => `, ${peer(s.peer)?.short ?? s.peer} ${fmt(mb(s.rssAfterLoad))} MB`).join(""),
      met: warm?.rssAfterLoad <= prism?.rssAfterLoad,
      why: "taskmock's resident memory after the rounds: the V8 heap sized for the load (its live heap after a full collection is in \"Memory across rounds\"), the journal's bounded ring, the awork records.",
    },
  ];
  if (sessionLoad) rows.push(sessionLoadTarget(sessionLoad));
  return rows;
}

/** What an operation's CPU goes to, from its profile, for a throughput target's "why". */
function throughputWhy(load, profile) {
  if (!load) return "";
  const s = load.layer && load.coalesced ? split(load) : undefined;
  return (
    (s
      ? `taskmock used ${fmt(s.full, 1)} µs of CPU per answer: the floor writing as taskmock does ${fmt(s.floor, 1)} µs, taskmock's HTTP layer ${fmt(s.layer, 1)} µs more, the engine ${fmt(s.engine, 1)} µs more. `
      : "") + `By the profile, its CPU goes to ${topOwners(profile, 4)}.`
  );
}

function startWhy(profile) {
  if (!profile) return "";
  const share = profile.owners
    .slice(0, 5)
    .map((o) => `${o.name} ${pct(o.ms / profile.busy)}`)
    .join(", ");
  return `a start's CPU (profiled with a warm cache, by package): ${share}; the first start on a machine also parses the five YAML specs and checks the fixtures before it keeps both in its cache.`;
}

/** With 1,000 live sessions holding writes, the Omni PUT in one of them against a server holding one session. */
export function sessionLoadTarget(s) {
  const value = median(s.many.rounds.map((r, i) => ratio(r.rps, s.one.rounds[i]?.rps)));
  const perRequest = (p, name) => (p.owners.find((o) => o.name === name)?.ms ?? 0) * 1000 / Math.max(1, p.requests);
  const names = new Set([...s.profiles.one.owners, ...s.profiles.many.owners].map((o) => o.name));
  const grown = [...names]
    .map((name) => ({ name, more: perRequest(s.profiles.many, name) - perRequest(s.profiles.one, name) }))
    .sort((a, b) => b.more - a.more)
    .slice(0, 3);
  return {
    name: `with ${fmt(s.count)} live sessions holding writes, the Omni PUT in one of them within 10 % of its throughput with one session`,
    measured: `${pct(value)} of it (round by round ${s.many.rounds.map((r, i) => pct(ratio(r.rps, s.one.rounds[i]?.rps))).join(", ")}; ${fmt(s.many.rps)} against ${fmt(s.one.rps)} req/s under the profiler; live sessions after the load ${s.live.after.many} and ${s.live.after.one})`,
    met: value >= 0.9,
    why: `by the two servers' profiles, the CPU per request that grows with the sessions: ${grown.map((g) => `\`${g.name}\` ${g.more >= 0 ? "+" : ""}${fmt(g.more, 1)} µs${OWNERS[g.name] ? ` (${OWNERS[g.name]})` : ""}`).join("; ")}.`,
  };
}

/** A server's name in the tables. */
function serverName(run, kind) {
  const fixed = { taskmock: "taskmock", prism: "Prism", floor: "node:http floor", coalesced: "floor, writes coalesced", layer: "taskmock's HTTP layer alone" };
  return fixed[kind] ?? run.peers?.find((p) => p.kind === kind)?.name ?? kind;
}

function peersSection(line, run) {
  const { operations } = run;
  line("## The peers");
  line();
  line(
    "The mocks a user could pick instead of taskmock, each started from `node_modules` (pinned in package.json) with its configuration in `bench/peers/`, " +
      `bound to 127.0.0.1 on a free port, and measured on ${operations
        .filter((op) => run.peers.some((p) => run.loads[op.id][p.kind]))
        .map((op) => `the ${op.title}`)
        .join(" and ")} with the same headers and body as taskmock (taskmock serves each vendor under its prefix: \`/omni/…\`, \`/awork/…\`). ` +
      "Every answer is checked for the expected status (anything else is counted as unexpected, as for taskmock); before the rounds, each peer's list is checked to hold a page of 100 records. " +
      "taskmock, for comparison: state seeded from the fixtures, the request checked against the spec (auth, parameters, body), the vendor's rules and derived fields, the answer checked against the spec, a journal bounded in entries and bytes.",
  );
  line();
  line("| peer | configuration | what it does and does not do |");
  line("|---|---|---|");
  for (const p of run.peers) line(`| ${p.name}${p.measured ? "" : ` (${notMeasured(p)})`} | \`${p.config}\` | ${p.does} |`);
  line();
  if (run.peers.some((p) => !p.measured)) {
    line(`Not measured in this run: ${run.peers.filter((p) => !p.measured).map((p) => `${p.name}: ${p.reason ?? "not started"}`).join("; ")} (no \`java\` on PATH).`);
    line();
  } else if (run.java) {
    line(`Java runtime: ${run.java}; WireMock's JVM runs with its default settings (heap, threads).`);
    line();
  }
}

/**
 * Every round of every server, so a warming trend shows: the rate of its warm-up (the load before
 * its first round) and of each round, p99 in brackets, and taskmock's ratio to it round by round.
 */
function roundsSection(line, run) {
  const { operations, loads, config } = run;
  const rounds = loads[operations[0].id].taskmock.rounds.length;
  line("### Every round");
  line();
  line(
    `req/s (p99 ms) of each server in each round, in the order measured; "warm-up": its rate over the ${config.peerWarmup ?? "–"} s of load each server got before its first round ` +
      "(shared over its operations). The last column is taskmock's rate over the server's in the same round.",
  );
  line();
  const numbers = Array.from({ length: rounds }, (_, i) => `round ${i + 1}`);
  line(`| operation | server | warm-up | ${numbers.join(" | ")} | taskmock / it, round by round |`);
  line(`|---|---|---|${numbers.map(() => "---|").join("")}---|`);
  for (const op of operations) {
    for (const [i, kind] of Object.keys(loads[op.id]).entries()) {
      const l = loads[op.id][kind];
      const warmup = run.warmups?.[kind]?.[op.id];
      const cells = Array.from({ length: rounds }, (_, r) => (l.rounds[r]?.stopped ? "stopped" : l.rounds[r] ? `${fmt(l.rounds[r].rps)} (${fmt(l.rounds[r].p99)})` : "–"));
      const ratios = kind === "taskmock" ? "" : l.rounds.map((r, j) => (kind === "floor" || kind === "coalesced" ? pct : times)(ratio(loads[op.id].taskmock.rounds[j]?.rps, r.rps))).join(", ");
      line(`| ${i === 0 ? op.title : ""} | ${serverName(run, kind)} | ${warmup === undefined ? "–" : fmt(warmup)} | ${cells.join(" | ")} | ${ratios} |`);
    }
  }
  line();
  for (const [kind, s] of Object.entries(run.stoppedPeers ?? {})) {
    const op = operations.find((o) => o.id === s.operation);
    line(
      `${serverName(run, kind)} was stopped after its round ${s.round} on the ${op?.short ?? s.operation}: it answered ${fmt(s.rps)} req/s there, under ${pct(s.share)} of its warm-up's ${fmt(s.warmup)}, ` +
        "and a server that has collapsed so would go on using the cores the servers after it are measured on. Its later rounds read \"stopped\" (no ratio); its resident memory is read as it was stopped.",
    );
    line();
  }
}

function sessionLoadSection(line, run) {
  const s = run.sessionLoad;
  line(`## ${fmt(s.count)} live sessions under load`);
  line();
  line(
    `Two taskmock servers as the CLI starts them (at most ${fmt(s.count)} live sessions, the default one included): one holding ${fmt(s.count)} live sessions, the default one and ` +
      `${fmt(s.count - 1)} created through the API (\`/__sessions/{id}/omni/…\`), each with ${s.writes} Omni creates and a PUT; the other holding one session (\`bench-0\`) with the same writes ` +
      `(and its default session, untouched). The Omni PUT in \`bench-0\` (named by the \`X-Taskmock-Session\` header) on each, ${run.config.peerWarmup} s of warm-up each, ` +
      `then ${run.config.rounds} rounds alternating which goes first. Both ran under the CPU profiler (the same cost for both; their absolute rates are lower than in the rounds above). ` +
      `Live sessions, before and after the load: ${s.live.before.many} → ${s.live.after.many} and ${s.live.before.one} → ${s.live.after.one}.`,
  );
  line();
  const numbers = s.one.rounds.map((_, i) => `round ${i + 1}`);
  line(`| server | ${numbers.join(" | ")} | median |`);
  line(`|---|${numbers.map(() => "---|").join("")}---|`);
  line(`| one session, req/s (p99 ms) | ${s.one.rounds.map((r) => `${fmt(r.rps)} (${fmt(r.p99)})`).join(" | ")} | ${fmt(s.one.rps)} |`);
  line(`| ${fmt(s.count)} sessions, req/s (p99 ms) | ${s.many.rounds.map((r) => `${fmt(r.rps)} (${fmt(r.p99)})`).join(" | ")} | ${fmt(s.many.rps)} |`);
  line(`| ${fmt(s.count)} sessions / one | ${s.many.rounds.map((r, i) => pct(ratio(r.rps, s.one.rounds[i]?.rps))).join(" | ")} | |`);
  line();
}

/**
 * What N replicas on N cores would answer per second, projected from measured CPU per answer:
 * `replicaUs` µs in a replica and `storeUs` µs in the store (one single-threaded redis-server on a
 * core of its own). Each replica answers at most 1e6 / replicaUs per second on its core, the store
 * serves at most 1e6 / storeUs; the store becomes the limit from `storeLimitAt` replicas on.
 * A projection, not a measurement: it leaves out the load generator's own cores, the network,
 * and the retries of replicas contending for one session.
 */
export function projectReplicas({ replicaUs, storeUs }, counts = [1, 2, 4, 8, 16, 32]) {
  const perReplica = replicaUs > 0 ? 1e6 / replicaUs : Number.NaN;
  const storeMax = storeUs > 0 ? 1e6 / storeUs : Number.POSITIVE_INFINITY;
  return {
    perReplica,
    storeMax,
    storeLimitAt: storeUs > 0 ? replicaUs / storeUs : Number.POSITIVE_INFINITY,
    rows: counts.map((n) => ({ replicas: n, rps: Math.min(n * perReplica, storeMax), storeBound: n * perReplica >= storeMax })),
  };
}

/** Medians of one arm's rounds over a shared store (bench/lib/shared-store.mjs). */
function storeArm(rounds) {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUs: median(rounds.map((r) => r.cpuUs)),
    storeCpuUs: median(rounds.map((r) => r.storeCpuUs)),
    unexpected: rounds.reduce((n, r) => n + r.unexpected + (r.errors ?? 0), 0),
  };
}
const pairedOf = (a, b, key) => median(a.map((r, i) => ratio(r[key], b[i]?.[key])));

/** Issue 19's targets over a shared store; one "not measured" row without a store on the PATH. */
export function sharedStoreTargets(shared) {
  if (!shared) return [];
  if (shared.skipped) return [{ name: "over a shared store (issue 19)", measured: `not measured: ${shared.skipped}`, met: null, why: "" }];
  const targets = [];
  for (const id of STORE_OPERATION_IDS) {
    const { memory, store } = shared.rounds[id];
    const rate = pairedOf(store, memory, "rps");
    const p99 = pairedOf(store, memory, "p99");
    const m = storeArm(memory);
    const s = storeArm(store);
    targets.push({
      name: `one replica over ${shared.command}, ${id}: throughput ≥ 50 % of in-memory`,
      measured: `${pct(rate)} (${fmt(s.rps)}/s against ${fmt(m.rps)}/s, paired rounds: ${store.map((r, i) => pct(ratio(r.rps, memory[i]?.rps))).join(", ")})`,
      met: rate >= 0.5,
      why: `CPU per answer over the store ${fmt(s.cpuUs, 1)} µs in the replica + ${fmt(s.storeCpuUs, 1)} µs in ${shared.command}, in memory ${fmt(m.cpuUs, 1)} µs.`,
    });
    targets.push({
      name: `one replica over ${shared.command}, ${id}: p99 ≤ 3× in-memory p99`,
      measured: `${times(p99)} (${fmt(s.p99)} ms against ${fmt(m.p99)} ms)`,
      met: p99 <= 3,
      why: "",
    });
  }
  const writes = storeArm(shared.rounds["omni-put"].store);
  targets.push({
    name: "50 connections writing to one session through one replica: ≥ 3,000 commits/s",
    measured: `${fmt(writes.rps)} answers/s, each one's write committed${writes.unexpected ? `, ${fmt(writes.unexpected)} other answers or errors` : ", every answer 200"}`,
    met: writes.rps >= 3000 && writes.unexpected === 0,
    why: "",
  });
  targets.push({
    name: `the store's memory per session after ${shared.writes} writes ≤ 20 KB`,
    measured: `${fmt(shared.sessionBytes / 1024, 1)} KB (MEMORY USAGE over the store's keys, after less before)`,
    met: shared.sessionBytes <= 20 * 1024,
    why: "",
  });
  return targets;
}
const STORE_OPERATION_IDS = ["omni-put", "awork-list"];

/** The section "Over a shared store" of bench/results.md. */
export function sharedStoreSection(line, run) {
  const shared = run.sharedStore;
  if (!shared) return;
  line("## Over a shared store");
  line();
  if (shared.skipped) {
    line(`Not measured in this run: ${shared.skipped}. \`npm run bench\` measures taskmock over a shared store when one of them is installed.`);
    line();
    return;
  }
  const { config } = run;
  const title = (id) => run.operations?.find((op) => op.id === id)?.title ?? id;
  line(
    `A \`${shared.command}\` ${shared.version ?? ""} from the PATH, on a free port of 127.0.0.1 with persistence off, started and stopped by the run. ` +
      "One taskmock replica over it (`--store redis://…`) and one in memory (the default) ran side by side, measured one after the other in each round " +
      `(the order alternating; ${config.rounds} round${config.rounds === 1 ? "" : "s"} of ${config.seconds} s after ${config.warmup} s of warm-up, ${config.connections} connections). ` +
      "Each operation runs in a session of its own: a commit writes its session's whole document, so the Omni PUT's session does not also carry the list's 1,000 records. " +
      "Ratios pair the rounds; CPU per answer is read from /proc (user + system) over the answers, for the replica and for the store.",
  );
  line();
  line("| operation | in memory | over the store | store ÷ memory |");
  line("|---|---|---|---|");
  const cpus = {};
  for (const id of STORE_OPERATION_IDS) {
    const { memory, store } = shared.rounds[id];
    const m = storeArm(memory);
    const s = storeArm(store);
    cpus[id] = s;
    line(
      `| ${title(id)} | ${fmt(m.rps)}/s, p99 ${fmt(m.p99)} ms, ${fmt(m.cpuUs, 1)} µs CPU | ` +
        `${fmt(s.rps)}/s, p99 ${fmt(s.p99)} ms, ${fmt(s.cpuUs, 1)} µs CPU in the replica + ${fmt(s.storeCpuUs, 1)} µs in ${shared.command} | ` +
        `throughput ${pct(pairedOf(store, memory, "rps"))}, p99 ${times(pairedOf(store, memory, "p99"))}, replica CPU ${times(ratio(s.cpuUs, m.cpuUs))} |`,
    );
  }
  line();
  line(
    `The Omni PUT over the store is also the ${config.connections} connections writing to one session through one replica: every answer a committed write ` +
      "(requests to one session queue in the replica and commit in batches: one version read and one commit per batch).",
  );
  line();
  const w1 = storeArm(shared.workers[1]);
  const w2 = storeArm(shared.workers[2]);
  line("### `--workers 2` against `--workers 1`, over the same store (measured)");
  line();
  line(
    `The Omni PUT on one session, each server under a key prefix of its own, paired rounds on this ${run.machine?.cores ?? "?"}-core machine, ` +
      "which also runs the store and the load generator: reported as it is.",
  );
  line();
  line("| | throughput | p99 | CPU per answer, all workers | in the store |");
  line("|---|---|---|---|---|");
  for (const [name, a] of [["`--workers 1`", w1], ["`--workers 2`", w2]]) {
    line(`| ${name} | ${fmt(a.rps)}/s | ${fmt(a.p99)} ms | ${fmt(a.cpuUs, 1)} µs | ${fmt(a.storeCpuUs, 1)} µs |`);
  }
  line(`| 2 ÷ 1 (paired rounds) | ${times(pairedOf(shared.workers[2], shared.workers[1], "rps"))} | ${times(pairedOf(shared.workers[2], shared.workers[1], "p99"))} | | |`);
  line();
  line("### N replicas on N cores (projected, not measured)");
  line();
  line(
    "Projected from the CPU per answer measured above for one replica over the store: each replica on a core of its own answers at most " +
      "1,000,000 ÷ (its µs per answer) per second, and the store, one single-threaded redis-server on a core of its own, serves at most " +
      "1,000,000 ÷ (its µs per answer). Left out: the load generator's cores, the network between machines, the retries of replicas " +
      "contending for one session (the Omni PUT here writes one session; sessions spread over replicas do not contend), and batching: the store's " +
      `µs per answer here is with ${config.connections} requests queued on one session in one replica, one version read and one commit serving a batch; ` +
      "requests spread over many sessions batch less and cost the store more per answer.",
  );
  line();
  const projections = Object.fromEntries(STORE_OPERATION_IDS.map((id) => [id, projectReplicas({ replicaUs: cpus[id].cpuUs, storeUs: cpus[id].storeCpuUs })]));
  line(`| replicas (cores) | ${STORE_OPERATION_IDS.map((id) => `${title(id)}, projected`).join(" | ")} |`);
  line(`|---|${STORE_OPERATION_IDS.map(() => "---|").join("")}`);
  const { rows } = projections[STORE_OPERATION_IDS[0]];
  rows.forEach((row, i) => {
    line(
      `| ${row.replicas} | ${STORE_OPERATION_IDS.map((id) => {
        const r = projections[id].rows[i];
        return `${fmt(r.rps)}/s${r.storeBound ? " (the store's limit)" : ""}`;
      }).join(" | ")} |`,
    );
  });
  line();
  line(
    `The store becomes the limit from about ${STORE_OPERATION_IDS.map((id) => `${fmt(projections[id].storeLimitAt, 0)} replicas on the ${title(id)} (${fmt(projections[id].storeMax)}/s)`).join(" and ")}.`,
  );
  line();
  line(
    `The store's memory for one session after ${shared.writes} Omni creates: ${fmt(shared.sessionBytes / 1024, 1)} KB ` +
      "(MEMORY USAGE summed over every key of the store, after the writes less before them).",
  );
  line();
}

/**
 * bench/results.md of a run limited to the shared store (BENCH_ONLY=store): its targets and its
 * section only, said to be a partial run (a trial; the committed results come from a full run).
 */
export function writeSharedStoreReport(run) {
  const out = [];
  const line = (text = "") => out.push(text);
  line("# taskmock benchmark results (the shared store only)");
  line();
  line(
    `A partial run (\`BENCH_ONLY=store npm run bench\`, ${new Date(run.finishedAt).toISOString().slice(0, 16).replace("T", " ")} UTC, ${fmt(run.elapsedS)} s, ` +
      `${run.machine.cores} cores, Node ${run.machine.node}): only the measurements over a shared store; the other sections need a full \`npm run bench\`.`,
  );
  line();
  line("| target | measured | met |");
  line("|---|---|---|");
  for (const t of sharedStoreTargets(run.sharedStore)) line(`| ${t.name} | ${t.measured} | ${t.met === null ? "not measured" : t.met ? "yes" : "**no**"} |`);
  line();
  sharedStoreSection(line, run);
  return `${out.join("\n")}\n`;
}
