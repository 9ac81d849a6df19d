// One ajv instance per spec (JSON Schema 2020-12, formats on): the spec document is registered
// whole, so a schema anywhere in it compiles with its local `#/components/...` refs intact.
//
// What a start costs is kept small (see bench/results.md):
// - validators are compiled when first used (operation.ts), and the instance is made then;
// - every compiled validator's code (ajv's "standalone" code: the same function ajv runs) is kept
//   in the content-addressed cache (cache.ts) under the hash of the schema, the whole document,
//   ajv's and ajv-formats' versions and the options. A later start evaluates that code instead of
//   compiling, and does not even load ajv (its ~100 modules take ~50 ms to import). A schema, spec,
//   option or version that changed finds no entry and is compiled (and checked) again;
// - ajv checks every schema against the JSON Schema meta-schema, which each instance would compile
//   again: one process-wide instance does that check (metaValidate), with the same outcome.
import { createRequire } from "node:module";
import type { Ajv2020, AnySchema, ErrorObject, Format, Options, ValidateFunction } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import { contentHash, jsonHash, moduleIdentity, readCache, writeCache } from "./cache.js";
import { FORMATS_MODULE, rememberedFormats } from "./formats.js";
import type { JsonSchema, OpenApiDocument } from "./openapi.js";

const require = createRequire(import.meta.url);

/**
 * Keywords ajv must accept beside JSON Schema's own: OpenAPI's schema keywords, and the
 * document's top-level fields (the whole document is registered as one schema resource).
 */
const OPENAPI_SCHEMA_KEYWORDS = [
  "example",
  "xml",
  "externalDocs",
  "openapi",
  "info",
  "servers",
  "paths",
  "components",
  "security",
  "tags",
  "webhooks",
  "jsonSchemaDialect",
];

export interface SchemaCompiler {
  /** Compiles a schema that lives in (or refers into) the spec document. */
  compile(schema: JsonSchema): ValidateFunction;
  /** Compiles the schema at a pointer such as `#/components/schemas/Task`. */
  compileRef(ref: string): ValidateFunction;
}

export interface CompilerOptions {
  /** Coerce strings to the schema's scalar types (for path, query and header parameters). */
  coerceTypes?: boolean;
}

const AJV_OPTIONS = {
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  allErrors: true,
  discriminator: true,
  useDefaults: false,
  validateFormats: true,
  // Each error carries the value it is about (error.data), so a violation can quote it.
  verbose: true,
} as const;

/** ajv-formats' formats (one small module, not ajv itself). */
const fullFormats = (): Record<string, Format> =>
  (require("ajv-formats/dist/formats") as { fullFormats: Record<string, Format> }).fullFormats;

/**
 * The formats validators check: ajv-formats' own, each verdict remembered per string
 * (formats.ts). Cached validator code requires them too, so they load without ajv.
 */
let formats: Record<string, Format> | undefined;
const checkedFormats = (): Record<string, Format> => (formats ??= rememberedFormats(fullFormats()));

/** ajv and ajv-formats, loaded the first time something has to be compiled. */
interface AjvModules {
  Ajv2020: new (options: Options) => Ajv2020;
  addFormats: FormatsPlugin;
  standaloneCode: (ajv: Ajv2020, validate: ValidateFunction) => string;
  /** ajv's code for those formats, for the standalone code to require them. */
  formatsCode: unknown;
  uriReference: RegExp;
}
let modules: AjvModules | undefined;
function ajvModules(): AjvModules {
  if (!modules) {
    const formats = require("ajv-formats") as { default: FormatsPlugin };
    const { _ } = require("ajv/dist/compile/codegen") as { _: (strings: TemplateStringsArray, ...values: string[]) => unknown };
    modules = {
      Ajv2020: (require("ajv/dist/2020") as { Ajv2020: AjvModules["Ajv2020"] }).Ajv2020,
      addFormats: formats.default,
      standaloneCode: (require("ajv/dist/standalone") as { default: AjvModules["standaloneCode"] }).default,
      formatsCode: _`require(${FORMATS_MODULE}).formats`,
      uriReference: fullFormats()["uri-reference"] as RegExp,
    };
  }
  return modules;
}

/**
 * Checks schemas against the JSON Schema 2020-12 meta-schema, as ajv does for every schema it is
 * given (`validateSchema: true`), with the same options, formats and error text. One instance for
 * the process: each ajv instance would otherwise compile the meta-schema again (tens of ms, once
 * per spec and per options). ajv ignores `coerceTypes` for meta-schemas, so one fits every
 * compiler.
 */
let metaAjv: Ajv2020 | undefined;
function metaValidate(schema: JsonSchema): void {
  if (!metaAjv) {
    const { Ajv2020: Ajv, addFormats } = ajvModules();
    metaAjv = new Ajv({ ...AJV_OPTIONS, coerceTypes: false });
    addFormats(metaAjv);
  }
  metaAjv.validateSchema(schema as AnySchema, true);
}

/** What a cached validator's code depends on beside its schema and document. */
let codeIdentity: string | undefined;
function compilerIdentity(coerceTypes: boolean): string {
  // This module's code (its options, its keywords) and what it imports, and ajv's versions.
  codeIdentity ??= contentHash("ajv-standalone/3", moduleIdentity(import.meta.url, ["ajv", "ajv-formats"]));
  return `${codeIdentity}/${coerceTypes}`;
}

/** What a validator's code requires: ajv's runtime helpers, and the formats it checks. */
function requireForValidators(id: string): unknown {
  return id === FORMATS_MODULE ? { formats: checkedFormats() } : require(id);
}

/** Runs a cached validator's code (a CommonJS module that exports the function) and answers the function. */
function instantiate(source: string): ValidateFunction | undefined {
  try {
    const module: { exports: unknown } = { exports: {} };
    new Function("require", "module", "exports", source)(requireForValidators, module, module.exports);
    return typeof module.exports === "function" ? (module.exports as ValidateFunction) : undefined;
  } catch {
    return undefined; // a damaged entry: compile again
  }
}

export function createSchemaCompiler(doc: OpenApiDocument, options: CompilerOptions = {}): SchemaCompiler {
  const id = "taskmock:spec";
  const coerceTypes = options.coerceTypes ?? false;
  let instance: Ajv2020 | undefined;
  const ajv = (): Ajv2020 => {
    if (instance) return instance;
    const { Ajv2020: Ajv, addFormats, formatsCode } = ajvModules();
    // Schemas are checked against the meta-schema by metaValidate, before ajv sees them.
    const made = new Ajv({
      ...AJV_OPTIONS,
      coerceTypes,
      validateSchema: false,
      code: { source: true, formats: formatsCode as never },
    });
    addFormats(made);
    for (const [name, format] of Object.entries(checkedFormats())) made.addFormat(name, format);
    for (const keyword of [...OPENAPI_SCHEMA_KEYWORDS, ...extensionKeywords(doc)]) {
      made.addKeyword({ keyword });
    }
    // The meta-schema reads only JSON Schema keywords: at a document root that holds nothing but
    // OpenAPI fields and extensions it checks nothing, so only another root is worth checking.
    if (Object.keys(doc).some((key) => !OPENAPI_SCHEMA_KEYWORDS.includes(key) && !key.startsWith("x-")))
      metaValidate(doc as unknown as JsonSchema);
    made.addSchema(doc as object, id);
    instance = made;
    return made;
  };
  /** The cached code of a validator, or a compile that stores its code for next time. */
  const cachedOrCompiled = (schema: object, compile: () => ValidateFunction): ValidateFunction => {
    let key: string | undefined;
    try {
      key = `${contentHash(compilerIdentity(coerceTypes), jsonHash(doc), JSON.stringify(schema))}.js`;
    } catch {
      key = undefined; // a document JSON cannot hold: no cache
    }
    const source = key === undefined ? undefined : readCache("validators", key);
    const cached = source === undefined ? undefined : instantiate(source);
    if (cached) return cached;
    const fn = compile();
    if (key !== undefined) {
      try {
        writeCache("validators", key, ajvModules().standaloneCode(ajv(), fn));
      } catch {
        // ajv could not write this one as code: it is compiled at every start
      }
    }
    return fn;
  };
  const byRef = new Map<string, ValidateFunction>();
  const compiler: SchemaCompiler = {
    compile(schema) {
      const ref = typeof schema === "object" ? schema["$ref"] : undefined;
      if (typeof ref === "string" && Object.keys(schema).length === 1) {
        return this.compileRef(ref);
      }
      const rebased = rebase(schema, id);
      return cachedOrCompiled({ compile: rebased }, () => {
        const made = ajv();
        metaValidate(rebased);
        return made.compile(rebased);
      });
    },
    compileRef(ref) {
      let fn = byRef.get(ref);
      if (!fn) {
        const wrapper = { $ref: `${id}${ref}` };
        fn = cachedOrCompiled({ compileRef: wrapper }, () => {
          const made = ajv();
          // The meta-schema asks one thing of a lone $ref: a URI reference. Only a breach needs the
          // meta-schema itself, for ajv's own message.
          if (!ajvModules().uriReference.test(wrapper.$ref)) metaValidate(wrapper);
          return made.compile(wrapper);
        });
        byRef.set(ref, fn);
      }
      return fn;
    },
  };
  documents.set(compiler, doc);
  return compiler;
}

const documents = new WeakMap<SchemaCompiler, OpenApiDocument>();

/** The document a compiler compiles from (for keys of work that depends on the whole spec). */
export function documentOf(compiler: SchemaCompiler): OpenApiDocument | undefined {
  return documents.get(compiler);
}

/** Every `x-…` key used anywhere in the document: annotations that ajv must accept. */
function extensionKeywords(doc: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith("x-")) found.add(key);
        walk(value);
      }
    }
  };
  walk(doc);
  return found;
}

/** Points a schema's local refs at the registered document, so an inline schema can be compiled on its own. */
function rebase(schema: JsonSchema, id: string): JsonSchema {
  if (typeof schema !== "object") return schema;
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#") ? `${id}${value}` : copy(value);
    }
    return out;
  };
  return copy(schema) as JsonSchema;
}

export interface Violation {
  /** Where in the request or response: `body`, `query`, `path`, `header`. */
  location: string;
  /** JSON pointer inside that location, or the parameter name (`/target/export_index`, `/limit`). */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `pattern`, `enum`, …), or a vendor rule's name. */
  rule: string;
  /** English, for people and logs; renderers read `params` and `value`, never this. */
  message: string;
  /** The rule's parameters: ajv's (`limit`, `missingProperty`, `allowedValues`, `format`, `pattern`, `type`…) or the vendor rule's. */
  params?: Record<string, unknown>;
  /** The offending value; absent where there is none (a missing property, a missing body). */
  value?: unknown;
}

/** Turns ajv's errors into violations that name the field a person would look for. */
export function toViolations(location: string, errors: ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    let pointer = error.instancePath;
    let message = error.message ?? "is invalid";
    const params = error.params as Record<string, unknown>;
    let value: unknown = error.data;
    let hasValue = "data" in error;
    if (error.keyword === "required") {
      pointer = `${pointer}/${escapePointer(String(params["missingProperty"]))}`;
      message = "is required";
      hasValue = false;
    } else if (error.keyword === "additionalProperties") {
      const name = String(params["additionalProperty"]);
      pointer = `${pointer}/${escapePointer(name)}`;
      message = "is not a known property";
      value = typeof error.data === "object" && error.data !== null ? (error.data as Record<string, unknown>)[name] : undefined;
    } else if (error.keyword === "enum") {
      message = `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    } else if (error.keyword === "if" || error.keyword === "anyOf" || error.keyword === "oneOf") {
      // The branch errors beside it say more; keep this one only when it is alone.
      if (errors.length > 1) continue;
    }
    const key = `${pointer}|${error.keyword}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const violation: Violation = { location, pointer: pointer || "/", rule: error.keyword, message, params: { ...params } };
    if (hasValue) violation.value = value;
    out.push(violation);
  }
  return out;
}

/** A property name as one JSON pointer segment (RFC 6901). */
export function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** One JSON pointer segment as the property name it stands for (RFC 6901). */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
