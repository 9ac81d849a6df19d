// Loads a vendor once: its compiled spec, its checked fixtures as a frozen store base, its tokens.
// Everything that can be wrong with a spec or fixture is found here, before the port opens. What
// this answers is immutable and may be shared by any number of mocks.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadSpec, vendorOf } from "../engine/loadSpec.js";
import { compileSpec, compileValidators } from "../engine/operation.js";
import type { CompiledSpec } from "../engine/operation.js";
import type { TokenRecord, VendorAdapter } from "../engine/vendor.js";
import { SPEC_DIR } from "../paths.js";
import { checkFixture, checkShape, FixtureError, readFixtureFile } from "../store/fixtures.js";
import { StoreBase } from "../store/store.js";

/** What a vendor folder exports: its name, its files and its adapter. */
export interface VendorModule {
  name: string;
  /** File name in the spec folder. */
  specFile: string;
  /** File name in the fixture folder. */
  fixtureFile: string;
  adapter: VendorAdapter;
}

/** A vendor as loaded: shared by every mock that serves it. */
export interface VendorDefinition {
  spec: CompiledSpec;
  adapter: VendorAdapter;
  /** credential → token */
  tokens: ReadonlyMap<string, TokenRecord>;
  /** The fixture records, frozen: every mock's store starts from (and resets to) these. */
  base: StoreBase;
  /** Each fixture collection's schema (a `components.schemas` name): what a snapshot's records are checked against. */
  schemas: ReadonlyMap<string, string>;
  /** The fixture file the tokens and records came from (a team's own, with `ownFixtureDir`, or the package's). */
  fixtureFile: string;
  /** The partitioned collections' partition (what their records live under, e.g. a path parameter's name). */
  partitions: ReadonlyMap<string, string>;
}

export class StartupError extends Error {
  override name = "StartupError";
}

/**
 * Loads a vendor: its spec from `specDir`, its tokens and records from its file in `ownFixtureDir`
 * (a team's own data, `--fixtures DIR`) when that folder has one, else from `fixtureDir`. A team's
 * own file must have the collections of the one in `fixtureDir` (withFixture's `like`).
 */
export function loadVendor(module: VendorModule, specDir: string, fixtureDir: string, ownFixtureDir?: string): VendorDefinition {
  const specFile = join(specDir, module.specFile);
  const doc = loadSpec(specFile);
  if (vendorOf(doc, specFile) !== module.name) throw new StartupError(`${specFile}: info.x-taskmock-vendor is not ${module.name}`);
  const spec = compileSpec(module.name, doc);
  // Validators compile on first use; the shipped specs' all compile (a test says so), a spec of
  // one's own is compiled whole here, so that a schema ajv refuses stops the start.
  if (specDir !== SPEC_DIR) {
    try {
      compileValidators(spec);
    } catch (error) {
      throw new StartupError(`${specFile}: a schema taskmock cannot compile: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const missing = spec.operations.filter((op) => !module.adapter.handlers[op.operationId]).map((op) => op.operationId);
  if (missing.length > 0) throw new StartupError(`${module.name}: no handler for ${missing.join(", ")}`);
  const extra = Object.keys(module.adapter.handlers).filter((id) => !spec.byId.has(id));
  if (extra.length > 0) throw new StartupError(`${module.name}: handlers for operations the spec does not have: ${extra.join(", ")}`);

  const packageFile = join(fixtureDir, module.fixtureFile);
  const ownFile = ownFixtureDir === undefined ? undefined : join(ownFixtureDir, module.fixtureFile);
  try {
    if (ownFile !== undefined && existsSync(ownFile)) return withFixture({ spec, adapter: module.adapter }, ownFile, packageFile);
    return withFixture({ spec, adapter: module.adapter }, packageFile);
  } catch (error) {
    throw error instanceof FixtureError ? new StartupError(`bad fixture, taskmock cannot start:\n  ${error.message}`) : error;
  }
}

/**
 * A vendor's definition with its tokens and records read from `file` (the spec and adapter kept),
 * checked as at start: every record against its schema, keys present and unique; with `like`, a
 * fixture file whose collections `file` must have (the package's, for a team's own file). What
 * `--watch` builds when a file changes. Throws a FixtureError listing each problem (file, record,
 * field).
 */
export function withFixture(vendor: Pick<VendorDefinition, "spec" | "adapter">, file: string, like?: string): VendorDefinition {
  const { spec, adapter } = vendor;
  const fixture = readFixtureFile(file);
  const problems = like === undefined ? [] : checkShape(file, fixture, like, readFixtureFile(like));
  if (problems.length === 0) problems.push(...checkFixture(file, fixture, spec.compiler, Object.keys(spec.doc.components?.schemas ?? {})));
  if (problems.length > 0) {
    const shown = `${problems.slice(0, 20).join("\n  ")}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ""}`;
    throw new FixtureError(shown, problems);
  }
  const tokens = new Map<string, TokenRecord>(fixture.tokens.map((t) => [t.credential, t as TokenRecord]));
  const schemas = new Map(Object.entries(fixture.collections).map(([name, seed]) => [name, seed.schema]));
  const partitions = new Map<string, string>();
  for (const [name, seed] of Object.entries(fixture.collections)) if (seed.partition !== undefined) partitions.set(name, seed.partition);
  return { spec, adapter, tokens, base: new StoreBase(fixture.collections, adapter.internal), schemas, partitions, fixtureFile: file };
}

/**
 * The folder of a team's own fixture files, checked: it must be a folder and hold the file of at
 * least one vendor served (a misspelt path or file name would otherwise serve the package's data
 * without a word).
 */
export function checkOwnFixtureDir(dir: string, modules: VendorModule[]): void {
  let folder: boolean;
  try {
    folder = statSync(dir).isDirectory();
  } catch {
    throw new StartupError(`--fixtures ${dir}: no such folder`);
  }
  if (!folder) throw new StartupError(`--fixtures ${dir}: not a folder`);
  if (!modules.some((module) => existsSync(join(dir, module.fixtureFile)))) {
    throw new StartupError(`--fixtures ${dir}: holds no fixture file of the vendors served (${modules.map((m) => m.fixtureFile).join(", ")})`);
  }
}
