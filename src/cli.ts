#!/usr/bin/env -S node --max-semi-space-size=32
// taskmock's command line: flags → options → server. Nothing else lives here.
import { resolve, sep } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type CoverageReport, formatCoverage } from "./engine/coverage.js";
import { parseDuration } from "./engine/clock.js";
import { formatVerify, type VerifyReport } from "./engine/verify.js";
import { StartupError } from "./core/definitions.js";
import { startMockServer } from "./http/node.js";
import { requestLogger } from "./http/requestLog.js";
import { announce, isWorker, onPrimaryStop, runWorkers, workerCount } from "./http/workers.js";
import { packageVersion } from "./paths.js";
import { isVendorName, VENDOR_NAMES } from "./vendors/types.js";

const USAGE = `taskmock: a stateful contract-testing mock of five vendors' scheduled-task APIs

Usage: taskmock serve [options]
       taskmock proxy --vendor NAME --upstream URL [--port N] [--host H] [--record FILE] [--strict]
                      [--journal-size N] [--journal-mb N] [--no-admin]
       taskmock --version
       taskmock verify [--url URL] [--json] [--strict] [--allow-empty] [--vendor NAME] [--session ID | --all-sessions]
       taskmock coverage [--url URL] [--format table|json|markdown] [--min-operations N] [--min-statuses N] [--vendor NAME]
                         [--session ID | --all-sessions]

Options:
  --port N            port to listen on (env PORT; default 4010; 0 picks a free one)
  --host H            address to bind (env HOST; default 127.0.0.1)
  --vendor NAME       serve one vendor at the root: ${VENDOR_NAMES.join(", ")}
  --seed N            make generated values and ids deterministic
  --clock ISO         fix the mock's clock at this time (e.g. 2026-01-01T00:00:00Z)
  --journal-size N    requests the journal keeps (default 1000)
  --journal-mb N      megabytes the journal's entries may hold, the oldest dropped past it
                      (default 64; a body is kept cut at 64 KiB)
  --rate-limits       enforce the vendors' documented rate limits (429 past them)
  --strict            refuse (400) body properties outside the contract that a vendor's own
                      server ignores (Crego, Omni, awork); by default they are ignored with a
                      warning, as the vendor does
  --max-sessions N    sessions held at once (default 1000); past it the least recently used
                      idle one is dropped
  --session-ttl D     idle time after which a session expires (ISO 8601 duration; default PT30M)
  --state FILE        start the default session from this snapshot (GET /__admin/snapshot's
                      JSON) when it exists, and keep it there: written every 2 s when it
                      changed and on exit, atomically (a kill at any moment leaves the last
                      complete snapshot)
  --state-interval N  milliseconds between writes of the state file (default 2000)
  --store URL         where sessions live: memory (default, embedded) or
                      redis://[user:password@]host:port[/db] (rediss:// for TLS), a Redis or
                      Valkey shared by replicas (also TASKMOCK_STORE)
  --store-prefix P    key prefix in the shared store (default taskmock:)
  --store-timeout N   milliseconds the shared store may take before a request answers 503
                      (default 2000)
  --log-format F       the request log: text (a line per request, coloured on a terminal) or
                      json (one JSON object per request, for log collectors)
  --quiet             no request log
  --fixtures DIR      a team's own fixture files (<vendor>.json, the format of the package's
                      fixtures/): a vendor whose file is there starts from it, checked as the
                      package's are; the others from the package
  --watch             with --fixtures: reload a file when it changes (that vendor's records
                      reset to it in every session); a bad edit is reported and the last good
                      data kept
  --no-admin          turn the /__admin API off
  --no-cors           no CORS headers on vendor answers, and no preflight (on by default, as in Prism)
  --workers N         processes serving the one port (node:cluster; default 1; auto: one per
                      core); more than one needs a shared store (--store redis://HOST:PORT)
  -h, --help          this text

proxy forwards every request to the real vendor at --upstream (its base URL) with the client's
own headers and credentials, and passes its answer back unchanged; it checks the request and the
answer against the vendor's spec and journals both: verify lists the client's breaches, and the
vendor's departures from the spec apart, as upstream drift. The admin API works as for serve.
  --record FILE       keep the records of the real answers (successful GETs) in FILE as a
                      snapshot that taskmock serve --state FILE starts from

verify reads a running mock's record of requests and exits 1 when any request broke the contract,
or when there was no request at all (a suite that never reached the mock is no evidence);
coverage shows which operations and documented statuses the requests reached and exits 1
below --min-operations or --min-statuses (percentages). Both exit 2 when the mock cannot be
asked (not running, or --no-admin).
  --url URL           the running mock (env TASKMOCK_URL; default http://127.0.0.1:4010)
  --vendor NAME       only this vendor (repeat, or comma-separate, for several)
  --session ID        one session's report (default: the default session's)
  --all-sessions      every live session's, grouped by session (coverage: counted over all of them)
  --format F          verify: text (default), json, junit (JUnit XML for CI test reports) or
                      markdown (a CI job summary); coverage: table (default), json or markdown
  --json              verify: the report as JSON (--format json)
  --strict            verify: contract warnings (ignored properties) fail too
  --allow-empty       verify: no request at all is not a failure
`;

function exit(code: number, message: string): never {
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(code);
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) exit(2, `taskmock: ${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

async function serve(argv: string[]): Promise<void> {
  const values = readFlags(argv, {
    port: { type: "string" },
    host: { type: "string" },
    vendor: { type: "string" },
    seed: { type: "string" },
    clock: { type: "string" },
    "journal-size": { type: "string" },
    "journal-mb": { type: "string" },
    "no-admin": { type: "boolean" },
    "no-cors": { type: "boolean" },
    "rate-limits": { type: "boolean" },
    strict: { type: "boolean" },
    quiet: { type: "boolean" },
    "log-format": { type: "string" },
    "max-sessions": { type: "string" },
    state: { type: "string" },
    "state-interval": { type: "string" },
    store: { type: "string" },
    "store-prefix": { type: "string" },
    "store-timeout": { type: "string" },
    "session-ttl": { type: "string" },
    fixtures: { type: "string" },
    watch: { type: "boolean" },
    workers: { type: "string" },
  });
  if (values["help"]) exit(0, USAGE);
  const vendor = values["vendor"] as string | undefined;
  if (vendor !== undefined && !isVendorName(vendor))
    exit(2, `taskmock: --vendor must be one of ${VENDOR_NAMES.join(", ")}, not "${vendor}"`);
  const port = integer("--port", (values["port"] as string | undefined) ?? (process.env["PORT"] || undefined), 0, 65535) ?? 4010;
  const host = (values["host"] as string | undefined) ?? (process.env["HOST"] || "127.0.0.1");
  const seed = integer("--seed", values["seed"] as string | undefined, 0, 2 ** 31 - 1);
  const journalSize = integer("--journal-size", values["journal-size"] as string | undefined, 1, 10_000_000);
  const journalMb = integer("--journal-mb", values["journal-mb"] as string | undefined, 1, 65_536);
  const clock = values["clock"] as string | undefined;
  const logFormat = (values["log-format"] as string | undefined) ?? "text";
  if (logFormat !== "text" && logFormat !== "json") exit(2, `taskmock: --log-format must be text or json, not "${logFormat}"`);
  const log = values["quiet"] === true ? undefined : requestLogger({ format: logFormat });
  const stateInterval = integer("--state-interval", values["state-interval"] as string | undefined, 10, 3_600_000);
  const storeUrl = (values["store"] as string | undefined) ?? (process.env["TASKMOCK_STORE"] || undefined);
  const storePrefix = values["store-prefix"] as string | undefined;
  const storeTimeoutMs = integer("--store-timeout", values["store-timeout"] as string | undefined, 10, 600_000);
  const maxSessions = integer("--max-sessions", values["max-sessions"] as string | undefined, 1, 1_000_000);
  const ttl = values["session-ttl"] as string | undefined;
  const sessionTtlMs = ttl === undefined ? undefined : parseDuration(ttl);
  if (ttl !== undefined && (sessionTtlMs === undefined || sessionTtlMs <= 0)) exit(2, `taskmock: --session-ttl must be a duration such as PT30M or PT2H, not "${ttl}"`);
  const fixtures = values["fixtures"] === undefined ? undefined : resolve(values["fixtures"] as string);
  if (values["watch"] === true && fixtures === undefined) exit(2, "taskmock: --watch needs --fixtures DIR: the folder to watch");
  const workers = workerCount(values["workers"] as string | undefined, storeUrl ?? "memory");
  if (typeof workers === "object") exit(2, `taskmock: ${workers.invalid}`);
  if (workers > 1 && !isWorker()) return runWorkers(workers);

  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer({
      port,
      host,
      ...(vendor ? { vendor } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(clock !== undefined ? { clock } : {}),
      ...(journalSize !== undefined ? { journalSize } : {}),
      ...(journalMb !== undefined ? { journalBytes: journalMb * 1024 * 1024 } : {}),
      admin: values["no-admin"] !== true,
      cors: values["no-cors"] !== true,
      rateLimits: values["rate-limits"] === true,
      strict: values["strict"] === true,
      ...(log ? { log } : {}),
      ...(maxSessions !== undefined ? { maxSessions } : {}),
      ...(sessionTtlMs !== undefined ? { sessionTtlMs } : {}),
      ...(values["state"] !== undefined ? { stateFile: resolve(values["state"] as string) } : {}),
      ...(stateInterval !== undefined ? { stateIntervalMs: stateInterval } : {}),
      ...(storeUrl !== undefined ? { storeUrl } : {}),
      ...(storePrefix !== undefined ? { storePrefix } : {}),
      ...(storeTimeoutMs !== undefined ? { storeTimeoutMs } : {}),
      ...(fixtures !== undefined ? { ownFixtureDir: fixtures, watch: values["watch"] === true } : {}),
    });
  } catch (error) {
    if (error instanceof StartupError) exit(1, `taskmock: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") exit(1, `taskmock: port ${port} on ${host} is in use (try --port)`);
    throw error;
  }
  const lines = [`taskmock listening on ${server.url}`];
  const { mock } = server.app;
  for (const name of mock.vendors) {
    const base = vendor ? server.url : `${server.url}/${name}`;
    const header = mock.specs.get(name)?.operations[0]?.security[0]?.kind === "header" ? "X-Auth-Token: " : "Authorization: Bearer ";
    // A token with a secret_key is a key pair that signs requests (VendorAdapter.authenticate): its AK and SK;
    // a credential of several headers (Spaaza's admin session) is its `Name: value` lines.
    const shown = (t: { credential: string; role: string; secret_key?: string }) =>
      t.secret_key !== undefined
        ? `AK/SK ${t.credential} / ${t.secret_key} (${t.role})`
        : `${t.credential.includes("\n") ? t.credential.split("\n").join(", ") : `${header}${t.credential}`} (${t.role})`;
    const tokens = mock.tokens(name).map(shown).join(" | ");
    lines.push(`  ${name.padEnd(7)} ${base}  ${tokens}`);
  }
  if (values["no-admin"] !== true) lines.push(`  admin   ${server.url}/__admin/health`);
  if (fixtures !== undefined) {
    const own = mock.vendors.filter((name) => server.app.sessions.definition(name)?.fixtureFile.startsWith(`${fixtures}${sep}`));
    lines.push(`  data    ${own.join(", ")} from ${fixtures}${own.length < mock.vendors.length ? ", the others from the package" : ""}`);
    if (values["watch"] === true) lines.push(`  watching ${fixtures}: a changed file is reloaded`);
  }
  announce(`${lines.join("\n")}\n`);
  stopOnSignals(server, log);
}

/** SIGTERM or SIGINT close the server, then the process exits (0, or 1 when closing failed); the request log is written out first. */
function stopOnSignals(server: { close(): Promise<void> }, log?: { flush(): void }): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log?.flush();
    process.stdout.write(`taskmock: ${signal}, stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  onPrimaryStop(() => stop("the primary's stop"));
}

async function proxy(argv: string[]): Promise<void> {
  const flags = readFlags(argv, {
    vendor: { type: "string" },
    upstream: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    record: { type: "string" },
    strict: { type: "boolean" },
    "journal-size": { type: "string" },
    "journal-mb": { type: "string" },
    "no-admin": { type: "boolean" },
  });
  if (flags["help"]) exit(0, USAGE);
  const vendor = flags["vendor"] as string | undefined;
  if (vendor === undefined || !isVendorName(vendor)) exit(2, `taskmock proxy: --vendor must be one of ${VENDOR_NAMES.join(", ")}, not ${vendor === undefined ? "missing" : `"${vendor}"`}`);
  const upstream = flags["upstream"] as string | undefined;
  if (upstream === undefined) exit(2, "taskmock proxy: --upstream URL is required: the real vendor's base URL (e.g. https://api.awork.com)");
  const port = integer("--port", (flags["port"] as string | undefined) ?? (process.env["PORT"] || undefined), 0, 65535) ?? 4010;
  const host = (flags["host"] as string | undefined) ?? (process.env["HOST"] || "127.0.0.1");
  const journalSize = integer("--journal-size", flags["journal-size"] as string | undefined, 1, 10_000_000);
  const journalMb = integer("--journal-mb", flags["journal-mb"] as string | undefined, 1, 65_536);
  const record = flags["record"] === undefined ? undefined : resolve(flags["record"] as string);
  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer({
      port,
      host,
      proxy: { vendor, upstream, ...(record !== undefined ? { record } : {}) },
      ...(journalSize !== undefined ? { journalSize } : {}),
      ...(journalMb !== undefined ? { journalBytes: journalMb * 1024 * 1024 } : {}),
      admin: flags["no-admin"] !== true,
      strict: flags["strict"] === true,
    });
  } catch (error) {
    if (error instanceof StartupError) exit(1, `taskmock proxy: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") exit(1, `taskmock proxy: port ${port} on ${host} is in use (try --port)`);
    throw error;
  }
  const lines = [`taskmock listening on ${server.url}`, `  proxy   ${vendor} → ${server.app.proxy?.upstream} (send the vendor's own credentials)`];
  if (record !== undefined) lines.push(`  record  ${record}`);
  if (flags["no-admin"] !== true) lines.push(`  admin   ${server.url}/__admin/health`);
  process.stdout.write(`${lines.join("\n")}\n`);
  stopOnSignals(server);
}

const SESSION_FLAGS = { session: { type: "string" }, "all-sessions": { type: "boolean" } } as const;

function readFlags(argv: string[], options: NonNullable<ParseArgsConfig["options"]>): Record<string, string | boolean | string[]> {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true }).values as Record<
      string,
      string | boolean | string[]
    >;
  } catch (error) {
    exit(2, `taskmock: ${(error as Error).message}\n\n${USAGE}`);
  }
}

function percentage(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100)
    exit(2, `taskmock: ${name} must be a percentage from 0 to 100, not "${value}"`);
  return n;
}

/** GETs an admin endpoint of a running mock as JSON; a mock that cannot answer exits 2. */
async function admin(flags: Record<string, string | boolean | string[]>, path: string, query: Record<string, string>): Promise<unknown> {
  return JSON.parse(await adminText(flags, path, query));
}

/** GETs an admin endpoint of a running mock as text; a mock that cannot answer exits 2. */
async function adminText(flags: Record<string, string | boolean | string[]>, path: string, query: Record<string, string>): Promise<string> {
  const base = ((flags["url"] as string | undefined) ?? process.env["TASKMOCK_URL"] ?? "http://127.0.0.1:4010").replace(/\/+$/, "");
  const session = flags["session"] as string | undefined;
  if (session !== undefined && flags["all-sessions"]) exit(2, "taskmock: --session and --all-sessions exclude each other");
  if (session !== undefined) path = `/__sessions/${encodeURIComponent(session)}${path}`;
  if (flags["all-sessions"]) query = { ...query, "all-sessions": "true" };
  const vendors = ((flags["vendor"] as string[] | undefined) ?? []).flatMap((v) => v.split(",")).filter((v) => v !== "");
  const search = new URLSearchParams({ ...query, ...(vendors.length ? { vendor: vendors.join(",") } : {}) });
  const url = `${base}${path}${search.size ? `?${search}` : ""}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (error) {
    exit(
      2,
      `taskmock: cannot reach the mock at ${base}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`,
    );
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // not JSON: the text as it is says the most
    }
    exit(2, `taskmock: ${url} answered ${res.status}: ${detail}${res.status === 404 ? " (is the admin API on?)" : ""}`);
  }
  return text;
}

async function verify(argv: string[]): Promise<void> {
  const flags = readFlags(argv, {
    url: { type: "string" },
    vendor: { type: "string", multiple: true },
    json: { type: "boolean" },
    format: { type: "string" },
    strict: { type: "boolean" },
    "allow-empty": { type: "boolean" },
    ...SESSION_FLAGS,
  });
  if (flags["help"]) exit(0, USAGE);
  const format = (flags["format"] as string | undefined) ?? (flags["json"] ? "json" : "text");
  if (!["text", "json", "junit", "markdown"].includes(format)) exit(2, `taskmock: --format must be text, json, junit or markdown, not "${format}"`);
  const query: Record<string, string> = flags["strict"] ? { strict: "true" } : {};
  if (format === "junit" || format === "markdown") {
    // The verdict from the JSON report, the text in the format asked for.
    const verdict = (await admin(flags, "/__admin/verify", query)) as Pick<VerifyReport, "ok" | "requests">;
    process.stdout.write(await adminText(flags, "/__admin/verify", { ...query, format }));
    finish(verdict, flags);
  }
  const report = (await admin(flags, "/__admin/verify", query)) as VerifyReport | (Pick<VerifyReport, "ok" | "requests"> & { sessions: (VerifyReport & { session: string })[] });
  if (format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if ("sessions" in report) process.stdout.write(report.sessions.map((s) => `session ${s.session}: ${formatVerify(s)}`).join("\n"));
  else process.stdout.write(formatVerify(report));
  finish(report, flags);
}

/** verify's exit: 1 when the contract broke, or when no request reached the mock (unless --allow-empty). */
function finish(report: Pick<VerifyReport, "ok" | "requests">, flags: Record<string, string | boolean | string[]>): never {
  const empty = report.requests === 0 && !flags["allow-empty"];
  if (empty) process.stderr.write("taskmock verify: no request reached the mock, so nothing was verified (--allow-empty accepts this)\n");
  process.exit(report.ok && !empty ? 0 : 1);
}

async function coverage(argv: string[]): Promise<void> {
  const flags = readFlags(argv, {
    url: { type: "string" },
    vendor: { type: "string", multiple: true },
    format: { type: "string" },
    "min-operations": { type: "string" },
    "min-statuses": { type: "string" },
    ...SESSION_FLAGS,
  });
  if (flags["help"]) exit(0, USAGE);
  const format = (flags["format"] as string | undefined) ?? "table";
  if (format !== "table" && format !== "json" && format !== "markdown") {
    exit(2, `taskmock: --format must be table, json or markdown, not "${format}"`);
  }
  const minOperations = percentage("--min-operations", flags["min-operations"] as string | undefined);
  const minStatuses = percentage("--min-statuses", flags["min-statuses"] as string | undefined);
  const report = (await admin(flags, "/__admin/coverage", {
    ...(minOperations !== undefined ? { "min-operations": String(minOperations) } : {}),
    ...(minStatuses !== undefined ? { "min-statuses": String(minStatuses) } : {}),
  })) as CoverageReport & { thresholds: { ok: boolean; failures: string[] } };
  process.stdout.write(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatCoverage(report, format));
  for (const failure of report.thresholds.failures) process.stderr.write(`taskmock coverage: ${failure}\n`);
  process.exit(report.thresholds.ok ? 0 : 1);
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === "-h" || command === "--help" || command === "help") exit(0, USAGE);
else if (command === "--version" || command === "-v" || command === "version") exit(0, `taskmock ${packageVersion()}`);
else if (command === "serve") await serve(rest);
else if (command === "proxy") await proxy(rest);
else if (command === "verify") await verify(rest);
else if (command === "coverage") await coverage(rest);
else exit(2, `taskmock: unknown command "${command}"\n\n${USAGE}`);
