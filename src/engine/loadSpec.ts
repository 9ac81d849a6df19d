// Reads a vendor's OpenAPI file (YAML) into a plain document.
//
// Parsing YAML is the slowest part of a start (0.1–0.3 s per spec with the `yaml` package, where
// the same document parses as JSON in about 1 ms), so the parsed document is kept as JSON in the
// content-addressed cache (cache.ts), under the SHA-256 of the YAML text, the parser's version and
// its options: a cached document is the parse of exactly that text by exactly that parser.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { contentHash, readCache, writeCache } from "./cache.js";
import type { OpenApiDocument } from "./openapi.js";

const require = createRequire(import.meta.url);
const PARSE_OPTIONS = { maxAliasCount: -1 };

export function loadSpec(file: string): OpenApiDocument {
  const doc = parseYaml(readFileSync(file, "utf8")) as OpenApiDocument;
  if (typeof doc !== "object" || doc === null || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.1")) {
    throw new Error(`${file}: not an OpenAPI 3.1 document`);
  }
  return doc;
}

/** The vendor's short name, which is also its URL prefix (`info.x-taskmock-vendor`). */
export function vendorOf(doc: OpenApiDocument, file: string): string {
  const vendor = doc.info["x-taskmock-vendor"];
  if (typeof vendor !== "string" || !/^[a-z][a-z0-9-]*$/.test(vendor)) {
    throw new Error(`${file}: info.x-taskmock-vendor must name the vendor in lower case`);
  }
  return vendor;
}

function parseYaml(text: string): unknown {
  // The parser's version comes from its package.json: the parser itself (~30 ms to import) is
  // loaded only when the text is not in the cache.
  const version = (require("yaml/package.json") as { version: string }).version;
  const key = `${contentHash("yaml", version, JSON.stringify(PARSE_OPTIONS), text)}.json`;
  const cached = readCache("specs", key);
  if (cached !== undefined) {
    try {
      return JSON.parse(cached);
    } catch {
      // a damaged entry: parse again (and replace it)
    }
  }
  const { parse } = require("yaml") as { parse: (text: string, options: typeof PARSE_OPTIONS) => unknown };
  const doc = parse(text, PARSE_OPTIONS);
  if (isPlainJson(doc)) writeCache("specs", key, JSON.stringify(doc));
  return doc;
}

/** Whether JSON holds the value exactly: no non-finite numbers or -0, only plain objects and arrays. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.hasOwn(value, "__proto__")) return false;
  return Object.values(value).every(isPlainJson);
}
