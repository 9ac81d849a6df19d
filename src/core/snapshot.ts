// A mock's whole state as one JSON document (GET /__admin/snapshot) and back (PUT): every vendor's
// records, its bookkeeping (id sequences, runs) included, how far its scheduled work has run, the
// clock, the fault rules with their remaining counts and the maintenance windows. The journal and
// the verify record are not state: a snapshot restored answers every GET as the one taken did.
// A snapshot is checked whole before anything changes: a bad record is named with its field.
import type { Maintenance } from "../pipeline/exchange.js";
import { type FaultRule, parseFaultRule } from "../engine/faults.js";
import { toViolations } from "../engine/schemaCompiler.js";
import type { Row } from "../store/store.js";
import type { VendorDefinition } from "./definitions.js";

export const SNAPSHOT_FORMAT = "taskmock-snapshot";
export const SNAPSHOT_VERSION = 1;

export interface VendorSnapshot {
  /** collection → its records (an array), or partition → records for a partitioned collection. */
  collections: Record<string, Row[] | Record<string, Row[]>>;
  /** The mock time (ISO 8601) through which scheduled work has run, and whether any has. */
  scheduler: { ranThrough: string; ran: boolean };
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  clock: { now: string; fixed: boolean };
  vendors: Record<string, VendorSnapshot>;
  faults: FaultRule[];
  maintenance: Record<string, { retryAfter: number; until: string | null }>;
}

/** A snapshot checked whole, ready to apply. */
export interface RestorePlan {
  clock: { now: Date; fixed: boolean };
  vendors: Map<string, { collections: Map<string, Map<string, Row[]>>; ranThrough: number; ran: boolean }>;
  faults: FaultRule[];
  maintenance: Map<string, Maintenance>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const time = (v: unknown): Date | undefined => {
  const d = typeof v === "string" ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

/**
 * Reads a snapshot against the vendors served: every problem, one line each (the record and the
 * field named), or the plan to apply.
 */
export function readSnapshot(
  value: unknown,
  definitions: ReadonlyMap<string, VendorDefinition>,
): { ok: true; plan: RestorePlan } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(value)) return { ok: false, problems: ["a snapshot is a JSON object (what GET /__admin/snapshot answers)"] };
  if (value["format"] !== SNAPSHOT_FORMAT || value["version"] !== SNAPSHOT_VERSION) {
    problems.push(`format must be "${SNAPSHOT_FORMAT}" and version ${SNAPSHOT_VERSION}`);
  }
  const clockIn = value["clock"];
  const now = isObject(clockIn) ? time(clockIn["now"]) : undefined;
  if (!isObject(clockIn) || now === undefined || typeof clockIn["fixed"] !== "boolean") problems.push('clock must be {"now": "<ISO 8601>", "fixed": true|false}');

  const vendors: RestorePlan["vendors"] = new Map();
  const vendorsIn = value["vendors"];
  if (!isObject(vendorsIn)) problems.push("vendors must be an object of vendor snapshots");
  else {
    for (const [name, snap] of Object.entries(vendorsIn)) {
      const definition = definitions.get(name);
      if (!definition) {
        problems.push(`vendors.${name}: not a vendor served (${[...definitions.keys()].join(", ")})`);
        continue;
      }
      const read = readVendor(name, snap, definition, problems);
      if (read) vendors.set(name, read);
    }
  }

  const faults: FaultRule[] = [];
  if (!Array.isArray(value["faults"])) problems.push("faults must be an array of fault rules");
  else {
    for (const [i, input] of (value["faults"] as unknown[]).entries()) {
      const parsed = parseFaultRule(input);
      if (parsed.ok) faults.push(parsed.rule);
      else problems.push(...parsed.problems.map((p) => `faults[${i}]: ${p}`));
    }
  }

  const maintenance = new Map<string, Maintenance>();
  const windows = value["maintenance"];
  if (!isObject(windows)) problems.push("maintenance must be an object of vendor → window");
  else {
    for (const [name, w] of Object.entries(windows)) {
      const until = isObject(w) && w["until"] !== null ? time(w["until"]) : undefined;
      if (!definitions.has(name) || !isObject(w) || !Number.isInteger(w["retryAfter"]) || (w["retryAfter"] as number) < 1 || (w["until"] !== null && until === undefined)) {
        problems.push(`maintenance.${name}: must be a served vendor's {"retryAfter": <seconds>, "until": <ISO 8601> or null}`);
        continue;
      }
      maintenance.set(name, { retryAfter: w["retryAfter"] as number, ...(until ? { until } : {}) });
    }
  }
  if (problems.length > 0 || now === undefined || !isObject(clockIn)) return { ok: false, problems };
  return { ok: true, plan: { clock: { now, fixed: clockIn["fixed"] as boolean }, vendors, faults, maintenance } };
}

function readVendor(name: string, snap: unknown, definition: VendorDefinition, problems: string[]) {
  if (!isObject(snap) || !isObject(snap["collections"]) || !isObject(snap["scheduler"])) {
    problems.push(`vendors.${name}: must be {"collections": {…}, "scheduler": {"ranThrough": …, "ran": …}}`);
    return undefined;
  }
  const scheduler = snap["scheduler"];
  const ranThrough = time(scheduler["ranThrough"]);
  if (ranThrough === undefined || typeof scheduler["ran"] !== "boolean") problems.push(`vendors.${name}.scheduler: needs ranThrough (ISO 8601) and ran (true or false)`);
  const collections = new Map<string, Map<string, Row[]>>();
  for (const [collection, { key }] of definition.base.collections) {
    const records = snap["collections"][collection];
    const where = `vendors.${name}.collections.${collection}`;
    if (records === undefined) {
      problems.push(`${where}: missing`);
      continue;
    }
    const partitions = new Map<string, Row[]>();
    if (Array.isArray(records)) partitions.set("", records as Row[]);
    else if (isObject(records) && Object.values(records).every(Array.isArray)) {
      for (const [p, list] of Object.entries(records)) partitions.set(p, list as Row[]);
    }
    else {
      problems.push(`${where}: must be an array of records, or an object of partition → array`);
      continue;
    }
    const schema = definition.schemas.get(collection);
    const validate = schema === undefined ? undefined : definition.spec.compiler.compileRef(`#/components/schemas/${schema}`);
    for (const [partition, list] of partitions) {
      const seen = new Set<string>();
      for (const [i, record] of list.entries()) {
        const at = `${where}${partition === "" ? "" : `["${partition}"]`}[${i}]`;
        const id = isObject(record) ? record[key] : undefined;
        if (typeof id !== "string" && typeof id !== "number") {
          problems.push(`${at}: a record with a ${key} (string or number)`);
          continue;
        }
        if (seen.has(String(id))) problems.push(`${at} (${key} ${JSON.stringify(id)}): ${key} is used twice`);
        seen.add(String(id));
        if (validate && !validate(record)) {
          for (const v of toViolations("record", validate.errors)) problems.push(`${at} (${key} ${JSON.stringify(id)}): field ${v.pointer} ${v.message}`);
        }
      }
    }
    collections.set(collection, partitions);
  }
  for (const collection of Object.keys(snap["collections"])) {
    if (!definition.base.collections.has(collection)) problems.push(`vendors.${name}.collections.${collection}: not a collection of ${name}`);
  }
  return ranThrough === undefined ? undefined : { collections, ranThrough: ranThrough.getTime(), ran: scheduler["ran"] as boolean };
}
