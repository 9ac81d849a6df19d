// The peers: the other mocks a user could pick instead of taskmock, each run from node_modules
// with its configuration committed in bench/peers/, on the operations they are compared on (the
// Omni PUT and the awork list page). Each is given what it needs to answer the same request with
// the same status: the two that keep state (Mockoon CLI's CRUD routes over data buckets,
// json-server's collections) are seeded through their own API with the records taskmock holds;
// WireMock, which cannot do the work, answers static bytes: what taskmock answered, captured by
// the benchmark in the same run.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AWORK_RECORDS, requestFor } from "./operations.mjs";
import { ROOT, send, WIREMOCK_JAR } from "./servers.mjs";

/** The operations every peer is measured on. */
export const PEER_OPERATIONS = ["omni-put", "awork-list"];

const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
const WIREMOCK_VERSION = /wiremock-standalone-([\d.]+)\.jar$/.exec(WIREMOCK_JAR)?.[1] ?? "?";

const WIREMOCK_DOES =
  "answers static bytes from its mappings: the bytes taskmock answered for the same request in this run (`bench/peers/wiremock/mappings/`, the bodies written to `__files/` by the benchmark); " +
  "it matches the method, the path (the Omni PUT by a pattern over both ids) and, for the list, the query's page and pageSize. No state (the PUT changes nothing, the list is always the same 100 records), " +
  "no validation of the request (any body gets the 200), no authentication. A JVM: it runs its request handling on a thread pool over both cores, where Node's event loop uses one.";

/** The peers, each with what it does and does not do (for the report). `java`: it needs a Java runtime. */
export const PEERS = [
  {
    kind: "mockoon",
    name: `Mockoon CLI ${version("@mockoon/cli")}`,
    short: "Mockoon CLI",
    config: "bench/peers/mockoon/environment.json",
    java: false,
    does:
      "two CRUD routes over data buckets (`api/v1/connections/:connectionId/schedules`, key `scheduleId`; `api/v1/taskschedules`, key `id`), seeded through its API with Omni's fixture schedule " +
      `and the ${AWORK_RECORDS} awork records taskmock holds: it keeps state (the PUT replaces the stored record with the body and answers it; the list pages the bucket). ` +
      "Its CRUD routes page with `page` and `limit`, so its list request reads `?page=1&limit=100` where the others read `?page=1&pageSize=100`. No validation of the request, " +
      "no authentication, no derived fields (the PUT's answer is the body as sent, plus its key). Its journal: the last 100 transactions in memory for its admin API, " +
      "and a line per request on stdout (its defaults; `-X` keeps that log off files in the home directory).",
  },
  {
    kind: "json-server",
    name: `json-server ${version("json-server")}`,
    short: "json-server",
    config: "bench/peers/json-server/db.js, routes.json",
    java: false,
    does:
      "collections in memory (a JavaScript database file: a JSON file would be written back to disk on every write), seeded through its API with Omni's fixture schedule (given an `id` equal to its `scheduleId`, " +
      `json-server's key) and the ${AWORK_RECORDS} awork records taskmock holds; its routes file rewrites the vendors' paths (and \`page\`/\`pageSize\` to its \`_page\`/\`_limit\`), so every request reads as taskmock's. ` +
      "It keeps state (the PUT replaces the record with the body plus its id), writes its JSON indented, logs each request. No validation, no authentication, no derived fields, no journal.",
  },
  {
    kind: "wiremock",
    name: `WireMock ${WIREMOCK_VERSION}, journal on (its default)`,
    short: "WireMock, journal on",
    config: "bench/peers/wiremock/mappings/",
    java: true,
    does: `${WIREMOCK_DOES} Its request journal is on (its default) and unbounded: it keeps every request it receives.`,
  },
  {
    kind: "wiremock-off",
    name: `WireMock ${WIREMOCK_VERSION}, journal off, async responses`,
    short: "WireMock, journal off",
    config: "bench/peers/wiremock/mappings/ (`--no-request-journal --async-response-enabled=true`)",
    java: true,
    does: `${WIREMOCK_DOES} Run with \`--no-request-journal\` (nothing kept per request) and \`--async-response-enabled=true\` (responses written from a separate pool): its fastest documented setting.`,
  },
];
export const PEER_KINDS = PEERS.map((p) => p.kind);

/** The Java runtime on PATH: its version line, or undefined when there is none. */
export function javaRuntime() {
  const result = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 30_000 });
  if (result.error || result.status !== 0) return undefined;
  return (result.stderr || result.stdout).split("\n")[0].trim();
}

/** The request as a peer receives it: taskmock's path without its vendor prefix (Mockoon's list pages with `limit`). */
export function peerRequest(operation, kind) {
  const request = requestFor(operation, kind);
  if (kind === "mockoon" && operation.id === "awork-list") return { ...request, path: request.path.replace("pageSize=", "limit=") };
  return request;
}

/** WireMock's root directory in `work`: the committed mappings, and the bodies taskmock answered (`answers`: operation id → body). */
export function wiremockRoot(work, answers) {
  const root = join(work, "wiremock");
  mkdirSync(join(root, "__files"), { recursive: true });
  cpSync(join(ROOT, "bench", "peers", "wiremock", "mappings"), join(root, "mappings"), { recursive: true });
  for (const [id, body] of Object.entries(answers)) writeFileSync(join(root, "__files", `${id}.json`), body);
  return root;
}

const OMNI_CONNECTION = "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

/** Omni's fixture schedule that the PUT updates (fixtures/omni.json). */
export function omniRecord(operation) {
  const fixture = JSON.parse(readFileSync(join(ROOT, "fixtures", "omni.json"), "utf8"));
  const id = operation.path.split("/").at(-1);
  const record = fixture.collections.schedules.records.find((r) => r.scheduleId === id);
  if (!record) throw new Error(`no Omni fixture schedule ${id}`);
  return record;
}

/**
 * Seeds a peer that keeps state through its own API: Omni's schedule, then the awork records
 * (taskmock's, in its list order, so the first page holds the same records), ten at a time.
 * WireMock keeps none: nothing to seed.
 */
export async function seedPeer(kind, base, { omni, awork }) {
  if (kind !== "mockoon" && kind !== "json-server") return;
  const post = async (path, record) => {
    const answer = await send(base, { method: "POST", path, headers: { "content-type": "application/json" }, body: JSON.stringify(record) });
    if (answer.status !== 201 && answer.status !== 200) throw new Error(`${kind}: seeding ${path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  };
  await post(OMNI_CONNECTION, kind === "json-server" ? { id: omni.scheduleId, ...omni } : omni);
  for (let i = 0; i < awork.length; i += 10) await Promise.all(awork.slice(i, i + 10).map((r) => post("/api/v1/taskschedules", r)));
}

/**
 * Checks a peer answers each operation with its expected status, and the list with a page of 100
 * records: what it is measured on is the same work.
 */
export async function checkPeer(kind, base, operations) {
  for (const op of operations) {
    const answer = await send(base, peerRequest(op, kind));
    if (answer.status !== op.status) throw new Error(`${kind}: ${op.id} answered ${answer.status}, not ${op.status}: ${answer.body.slice(0, 200)}`);
    if (op.id === "awork-list") {
      const page = JSON.parse(answer.body);
      if (!Array.isArray(page) || page.length !== 100) throw new Error(`${kind}: the awork list answered ${Array.isArray(page) ? page.length : "no"} records, not 100`);
    }
  }
}

/** The awork records taskmock holds, in its list order (pages of 100). */
export async function aworkRecords(base, headers) {
  const records = [];
  for (let page = 1; records.length < AWORK_RECORDS; page++) {
    const answer = await send(base, { method: "GET", path: `/awork/api/v1/taskschedules?page=${page}&pageSize=100`, headers });
    const rows = JSON.parse(answer.body);
    if (answer.status !== 200 || rows.length === 0) throw new Error(`taskmock's awork page ${page} answered ${answer.status}`);
    records.push(...rows);
  }
  return records;
}
