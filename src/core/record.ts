// `taskmock proxy --record FILE`: the real vendor's answers kept as a snapshot the mock can start
// from (`taskmock serve --state FILE`, or PUT /__admin/snapshot). The rule that maps an answer to
// the vendor's collections is generic, read from the spec and the fixture file alone:
//
// - only a successful (2xx) GET with a JSON body, whose operation the spec has, is read;
// - its records are found by the documented schema of its status: a `$ref` to the schema of a
//   fixture collection is one record of that collection; an array of such `$ref`s is a list of
//   them; an object with a property that is either (a page envelope: `results`, `items`,
//   `schedules`) holds them there;
// - a record of a partitioned collection goes to the partition the request's path names (the path
//   parameter named as the collection's partition, e.g. Huawei's `project_id`);
// - a record must pass its collection's schema and carry its key; the latest answer for a key
//   wins. What the mock cannot place (an answer whose schema names no collection, a record that
//   fails its schema, a partition the path does not name) is skipped and reported, once per
//   operation and reason.
//
// The snapshot holds the recorded vendor alone, with only the records the vendor answered (not
// the fixtures); a vendor a snapshot does not hold starts from its fixtures. The file is written
// anew at start (no record yet) and after every answer that changed it, atomically.
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { JsonSchema } from "../engine/openapi.js";
import { toViolations } from "../engine/schemaCompiler.js";
import type { Row } from "../store/store.js";
import type { VendorDefinition } from "./definitions.js";
import type { ProxiedRead } from "./proxy.js";
import { type Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./snapshot.js";
import { writeAtomically } from "./stateFile.js";

/** Where an answer's records are: a collection, and how to take them out of the body. */
interface Placement {
  collection: string;
  pick: (body: unknown) => unknown[];
}

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export class Recorder {
  /** collection → partition ("" when none) → key → record. */
  private readonly records = new Map<string, Map<string, Map<string, Row>>>();
  private readonly plans = new Map<string, Placement[]>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly reported = new Set<string>();
  private written: string | undefined;
  /** What was skipped, one line per operation and reason (also reported as it happens). */
  readonly skipped: string[] = [];

  constructor(
    private readonly vendor: string,
    private readonly definition: VendorDefinition,
    private readonly file: string,
    private readonly report: (line: string) => void,
  ) {
    this.save();
  }

  /** A proxied successful GET: its records kept, and the file written when they changed. */
  observe(read: ProxiedRead): void {
    const { operation, status, body } = read;
    const where = `${operation.method} ${operation.template} (${operation.operationId}) ${status}`;
    const placements = this.placements(operation.operationId, status, operation.responses.get(status)?.schema);
    if (placements.length === 0) {
      this.skip(`${where}: its answer holds no record of a collection (its schema names none of ${[...this.definition.schemas.values()].join(", ")})`);
      return;
    }
    for (const { collection, pick } of placements) {
      const key = this.definition.base.collections.get(collection)?.key as string;
      const partitionBy = this.definition.partitions.get(collection);
      const partitionValue = partitionBy === undefined ? "" : read.params[partitionBy];
      if (partitionValue === undefined) {
        this.skip(`${where}: ${collection} records live under a ${partitionBy}, which the path does not name`);
        continue;
      }
      const validate = this.validator(collection);
      for (const record of pick(body)) {
        const id = isObject(record) ? record[key] : undefined;
        if (typeof id !== "string" && typeof id !== "number") {
          this.skip(`${where}: a ${collection} record without its ${key}`);
          continue;
        }
        if (!validate(record)) {
          const problems = toViolations("record", validate.errors).map((v) => `${v.pointer} ${v.message}`);
          this.skip(`${where}: a ${collection} record that breaks its schema (${problems.join("; ")})`);
          continue;
        }
        let partitions = this.records.get(collection);
        if (!partitions) this.records.set(collection, (partitions = new Map()));
        let rows = partitions.get(String(partitionValue));
        if (!rows) partitions.set(String(partitionValue), (rows = new Map()));
        rows.set(String(id), record as Row);
      }
    }
    this.save();
  }

  /** The snapshot of what was recorded: every collection of the vendor, only the recorded records in them. */
  snapshot(now = new Date()): Snapshot {
    const collections: Record<string, Row[] | Record<string, Row[]>> = {};
    for (const name of this.definition.base.collections.keys()) {
      const partitions = this.records.get(name);
      const list = (partition: string) => [...(partitions?.get(partition)?.values() ?? [])];
      collections[name] = this.definition.partitions.has(name) ? Object.fromEntries([...(partitions?.keys() ?? [])].map((p) => [p, list(p)])) : list("");
    }
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      clock: { now: now.toISOString(), fixed: false },
      vendors: { [this.vendor]: { collections, scheduler: { ranThrough: now.toISOString(), ran: false } } },
      faults: [],
      maintenance: {},
    };
  }

  /** Writes the snapshot when its records changed since the last write. */
  private save(): void {
    const snapshot = this.snapshot();
    const records = JSON.stringify(snapshot.vendors);
    if (records === this.written) return;
    writeAtomically(this.file, `${JSON.stringify(snapshot, null, 1)}\n`);
    this.written = records;
  }

  private skip(line: string): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.skipped.push(line);
    this.report(`taskmock proxy --record: skipped ${line}`);
  }

  private validator(collection: string): ValidateFunction {
    let validate = this.validators.get(collection);
    if (!validate) {
      validate = this.definition.spec.compiler.compileRef(`#/components/schemas/${this.definition.schemas.get(collection)}`);
      this.validators.set(collection, validate);
    }
    return validate;
  }

  /** Where an operation's answer of a status holds records (the rule above), found once. */
  private placements(operationId: string, status: number, schema: JsonSchema | undefined): Placement[] {
    const id = `${operationId} ${status}`;
    let plan = this.plans.get(id);
    if (!plan) {
      plan = schema === undefined ? [] : this.plan(schema);
      this.plans.set(id, plan);
    }
    return plan;
  }

  private plan(schema: JsonSchema): Placement[] {
    const one = this.collectionOf(schema);
    if (one) return [{ collection: one, pick: (body) => [body] }];
    const resolved = this.resolve(schema);
    const many = this.listOf(resolved);
    if (many) return [{ collection: many, pick: (body) => (Array.isArray(body) ? body : []) }];
    const properties = isObject(resolved) && isObject(resolved["properties"]) ? resolved["properties"] : {};
    const out: Placement[] = [];
    for (const [name, property] of Object.entries(properties)) {
      const single = this.collectionOf(property);
      const list = single ? undefined : this.listOf(this.resolve(property));
      if (single) out.push({ collection: single, pick: (body) => (isObject(body) && body[name] !== undefined ? [body[name]] : []) });
      else if (list) out.push({ collection: list, pick: (body) => (isObject(body) && Array.isArray(body[name]) ? body[name] : []) });
    }
    return out;
  }

  /** The collection whose schema a `$ref` names (the only one that has it), if any. */
  private collectionOf(schema: unknown): string | undefined {
    const name = isObject(schema) && typeof schema["$ref"] === "string" ? SCHEMA_REF.exec(schema["$ref"])?.[1] : undefined;
    if (name === undefined) return undefined;
    const named = [...this.definition.schemas].filter(([, s]) => s === name);
    return named.length === 1 ? named[0]?.[0] : undefined;
  }

  /** The collection an array's items name, if it is such an array. */
  private listOf(schema: unknown): string | undefined {
    return isObject(schema) && schema["type"] === "array" ? this.collectionOf(schema["items"]) : undefined;
  }

  /** A schema with its `$ref` (to components.schemas) followed once. */
  private resolve(schema: unknown): unknown {
    const name = isObject(schema) && typeof schema["$ref"] === "string" ? SCHEMA_REF.exec(schema["$ref"])?.[1] : undefined;
    return name === undefined ? schema : this.definition.spec.doc.components?.schemas?.[name];
  }
}
