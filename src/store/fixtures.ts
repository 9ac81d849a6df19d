// Reads a vendor's fixture file and checks every record against its spec schema, so a bad
// fixture stops the start with the file, the record and the field named.
import { readFileSync } from "node:fs";
import { contentHash, jsonHash, moduleIdentity, readCache, writeCache } from "../engine/cache.js";
import type { SchemaCompiler } from "../engine/schemaCompiler.js";
import { documentOf, toViolations } from "../engine/schemaCompiler.js";

export interface TokenSeed {
  /** The whole credential: what follows `Bearer ` (or the X-Auth-Token value). */
  credential: string;
  role: "admin" | "readonly";
  /**
   * Anything else the vendor reads. By convention `secret_key` makes the token a key pair: the
   * credential is the access key, secret_key the secret a vendor's own authentication
   * (VendorAdapter.authenticate) verifies signatures with; the CLI prints both.
   */
  [vendorKey: string]: unknown;
}

export interface CollectionSeed {
  /** A `components.schemas` name in the vendor's spec. */
  schema: string;
  /** The record field that identifies it. */
  key: string;
  /** Set when records live under a parent that is not one of their fields. */
  partition?: string;
  records: Record<string, unknown>[] | Record<string, Record<string, unknown>[]>;
}

export interface FixtureFile {
  tokens: TokenSeed[];
  collections: Record<string, CollectionSeed>;
}

export class FixtureError extends Error {
  override name = "FixtureError";

  /** Each problem, one line (file, record, field): the message alone when there is one. */
  readonly problems: string[];

  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.problems = problems;
  }
}

export function readFixtureFile(file: string): FixtureFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new FixtureError(`${file}: cannot be read as JSON: ${(error as Error).message}`);
  }
  const fixture = data as Partial<FixtureFile>;
  if (!Array.isArray(fixture.tokens) || typeof fixture.collections !== "object" || fixture.collections === null) {
    throw new FixtureError(`${file}: needs "tokens" (an array) and "collections" (an object)`);
  }
  for (const [index, token] of fixture.tokens.entries()) {
    if (typeof token?.credential !== "string" || (token.role !== "admin" && token.role !== "readonly")) {
      throw new FixtureError(`${file}: tokens[${index}] needs a string "credential" and a role of "admin" or "readonly"`);
    }
  }
  return fixture as FixtureFile;
}

/** Each record of a collection with the partition it lives in ("" where there is none). */
export function* seedRecords(seed: CollectionSeed): Generator<{ partition: string; record: Record<string, unknown>; where: string }> {
  if (Array.isArray(seed.records)) {
    for (const [index, record] of seed.records.entries()) yield { partition: "", record, where: `[${index}]` };
  } else {
    for (const [partition, records] of Object.entries(seed.records)) {
      for (const [index, record] of records.entries()) yield { partition, record, where: `["${partition}"][${index}]` };
    }
  }
}

/**
 * Every problem with a fixture's records, one line each: file, collection, record, field, message.
 *
 * Compiling the record schemas is most of a start's time (about 0.2 s for the five vendors), so a
 * check that found nothing is remembered in the content-addressed cache (engine/cache.ts) under
 * the hash of everything its answer depends on: the whole spec, the records, the schema names,
 * the checker's own code and ajv's version. The same inputs again answer "no problem" without
 * compiling; any change checks again.
 */
export function checkFixture(file: string, fixture: FixtureFile, compiler: SchemaCompiler, schemaNames: string[]): string[] {
  const key = cleanCheckKey(fixture, compiler, schemaNames);
  if (key !== undefined && readCache("fixtures", key) === "clean") return [];
  const problems = findProblems(file, fixture, compiler, schemaNames);
  if (key !== undefined && problems.length === 0) writeCache("fixtures", key, "clean");
  return problems;
}

function cleanCheckKey(fixture: FixtureFile, compiler: SchemaCompiler, schemaNames: string[]): string | undefined {
  const doc = documentOf(compiler);
  if (doc === undefined) return undefined;
  try {
    return contentHash(
      "fixture-check",
      checkerIdentity(),
      jsonHash(doc),
      JSON.stringify(fixture.collections),
      JSON.stringify(schemaNames),
    );
  } catch {
    return undefined; // not JSON: no key, just check
  }
}

/**
 * This module's code and every module it imports (the schema compiler, the format checks, …), as
 * built, and ajv's versions: a change to any of them checks again.
 */
function checkerIdentity(): string {
  return moduleIdentity(import.meta.url, ["ajv", "ajv-formats"]);
}

/**
 * Where a fixture's collections depart from another fixture's (a team's own file from the
 * package's): every collection of `like` must be there with the same schema, key and partition,
 * and no other, since the vendor's handlers read exactly those.
 */
export function checkShape(file: string, fixture: FixtureFile, likeFile: string, like: FixtureFile): string[] {
  const problems: string[] = [];
  const shape = (seed: CollectionSeed) =>
    JSON.stringify({ schema: seed.schema, key: seed.key, ...(seed.partition !== undefined ? { partition: seed.partition } : {}) });
  for (const [name, seed] of Object.entries(like.collections)) {
    const own = fixture.collections[name];
    const wanted = shape(seed);
    if (own === undefined || own === null || typeof own !== "object") {
      const empty = seed.partition === undefined ? "[]" : "{}";
      problems.push(`${file}: collection "${name}" is missing (as in ${likeFile}: ${wanted.slice(0, -1)}, "records": ${empty}} for none)`);
    } else if (shape(own) !== wanted) {
      problems.push(`${file}: collection "${name}" must be ${wanted} (as in ${likeFile}), not ${shape(own)}`);
    }
  }
  for (const name of Object.keys(fixture.collections)) {
    if (!(name in like.collections)) {
      problems.push(`${file}: collection "${name}" is not one of the vendor's (${Object.keys(like.collections).join(", ")})`);
    }
  }
  return problems;
}

function findProblems(file: string, fixture: FixtureFile, compiler: SchemaCompiler, schemaNames: string[]): string[] {
  const problems: string[] = [];
  for (const [name, seed] of Object.entries(fixture.collections)) {
    if (!schemaNames.includes(seed.schema)) {
      problems.push(`${file}: collection "${name}" names schema "${seed.schema}", which the spec does not define`);
      continue;
    }
    if (seed.partition !== undefined && (Array.isArray(seed.records) || typeof seed.records !== "object")) {
      problems.push(`${file}: collection "${name}" is partitioned by ${seed.partition}: its records must be an object of arrays`);
      continue;
    }
    const validate = compiler.compileRef(`#/components/schemas/${seed.schema}`);
    const keys = new Set<string>();
    for (const { partition, record, where } of seedRecords(seed)) {
      const id = record?.[seed.key];
      const label = `${file}: ${name}${where} (${seed.key} ${JSON.stringify(id)})`;
      if (typeof id !== "string" && typeof id !== "number") {
        problems.push(`${label}: has no ${seed.key}`);
        continue;
      }
      const unique = `${partition}/${id}`;
      if (keys.has(unique)) problems.push(`${label}: ${seed.key} is used twice`);
      keys.add(unique);
      if (!validate(record)) {
        for (const v of toViolations("record", validate.errors)) problems.push(`${label}: field ${v.pointer} ${v.message}`);
      }
    }
  }
  return problems;
}
