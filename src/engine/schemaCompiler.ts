// One ajv instance per spec (JSON Schema 2020-12, formats on): the spec document is registered
// whole, so a schema anywhere in it compiles with its local `#/components/...` refs intact.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import type { JsonSchema, OpenApiDocument } from "./openapi.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

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

export function createSchemaCompiler(doc: OpenApiDocument, options: CompilerOptions = {}): SchemaCompiler {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: true,
    discriminator: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: false,
    validateFormats: true,
  });
  addFormats(ajv);
  for (const keyword of [...OPENAPI_SCHEMA_KEYWORDS, ...extensionKeywords(doc)]) {
    ajv.addKeyword({ keyword });
  }
  const id = "taskmock:spec";
  ajv.addSchema(doc as object, id);
  const byRef = new Map<string, ValidateFunction>();
  return {
    compile(schema) {
      const ref = typeof schema === "object" ? schema["$ref"] : undefined;
      if (typeof ref === "string" && Object.keys(schema).length === 1) {
        return this.compileRef(ref);
      }
      return ajv.compile(rebase(schema, id));
    },
    compileRef(ref) {
      let fn = byRef.get(ref);
      if (!fn) {
        fn = ajv.compile({ $ref: `${id}${ref}` });
        byRef.set(ref, fn);
      }
      return fn;
    },
  };
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
  /** The JSON Schema keyword that failed (`required`, `pattern`, `enum`, …). */
  rule: string;
  message: string;
}

/** Turns ajv's errors into violations that name the field a person would look for. */
export function toViolations(location: string, errors: ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    let pointer = error.instancePath;
    let message = error.message ?? "is invalid";
    if (error.keyword === "required") {
      pointer = `${pointer}/${(error.params as { missingProperty: string }).missingProperty}`;
      message = "is required";
    } else if (error.keyword === "additionalProperties") {
      pointer = `${pointer}/${(error.params as { additionalProperty: string }).additionalProperty}`;
      message = "is not a known property";
    } else if (error.keyword === "enum") {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    } else if (error.keyword === "if" || error.keyword === "anyOf" || error.keyword === "oneOf") {
      // The branch errors beside it say more; keep this one only when it is alone.
      if (errors.length > 1) continue;
    }
    const key = `${pointer}|${error.keyword}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, pointer: pointer || "/", rule: error.keyword, message });
  }
  return out;
}
