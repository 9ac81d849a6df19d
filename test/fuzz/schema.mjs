// Schemas two ways, independent of taskmock's own validators: a reference check (an ajv of the
// fuzzer's own, no type coercion, every format) that says whether a request is valid, and
// fast-check arbitraries that make values a schema accepts (mostly: oneOf, if/then and patterns
// are approximated, which is why the reference check, not the generator, decides).
import { createRequire } from "node:module";
import fc from "fast-check";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js").default;
const addFormats = require("ajv-formats").default;

/** The node a local `$ref` (`#/components/...`) points to. */
export function resolve(doc, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local refs are followed: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, key) => node?.[key], doc);
}

/** Follows `$ref`s until a schema without one. */
export function deref(doc, schema) {
  let s = schema;
  for (let i = 0; s && typeof s === "object" && typeof s.$ref === "string" && i < 20; i++) s = resolve(doc, s.$ref);
  return s;
}

/** A schema (or a whole document) with its objects open: no `additionalProperties: false` anywhere. */
function opened(node) {
  if (Array.isArray(node)) return node.map(opened);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) if (!(k === "additionalProperties" && v === false)) out[k] = opened(v);
  return out;
}

/**
 * The reference check for one spec: `check(schema, value)` answers the first few violations, empty
 * when valid. `open`: objects take properties their schema does not list (a vendor whose server
 * ignores them: the spec's info.x-taskmock-unknown-properties policy `ignore`).
 */
export function referenceChecker(vendor, doc, { open = false } = {}) {
  if (open) doc = opened(doc);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, coerceTypes: false, useDefaults: false });
  addFormats(ajv);
  const base = `urn:fuzz:${vendor}`;
  ajv.addSchema({ ...doc, $id: base });
  const retarget = (node) => {
    if (Array.isArray(node)) return node.map(retarget);
    if (!node || typeof node !== "object") return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#") ? `${base}${v}` : retarget(v);
    return out;
  };
  const compiled = new Map();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(retarget(open ? opened(schema) : schema));
      compiled.set(schema, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}

const DAY = 86_400_000;
const instant = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }) },
  { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }) },
);

/** Instants at the edges: the first and last RFC 3339 can write, the epoch, int32 seconds running out. */
const EDGE_TIMES = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "2100-03-01T00:00:00Z"];

/** RFC 3339 date-times in the spellings clients send: with and without milliseconds, with an offset; and edge instants. */
export const dateTime = fc.oneof({ weight: 8, arbitrary: fc.tuple(instant, fc.constantFrom("iso", "seconds", "offset", "minutes-offset")).map(([ms, style]) => {
  const iso = new Date(ms).toISOString();
  if (style === "seconds") return `${iso.slice(0, 19)}Z`;
  if (style === "offset") return `${new Date(ms + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`;
  if (style === "minutes-offset") return `${new Date(ms - 5.5 * 3_600_000).toISOString().slice(0, 23)}-05:30`;
  return iso;
}) }, { weight: 1, arbitrary: fc.constantFrom(...EDGE_TIMES) });
const date = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.integer({ min: Date.UTC(1970, 0, 1) / DAY, max: Date.UTC(2100, 0, 1) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom("0001-01-01", "9999-12-31", "2024-02-29", "2100-02-28") },
);
const text = (minLength, maxLength) =>
  fc.string({ minLength, maxLength, unit: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz_- .ABCXYZ0123456789") }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) }) });
const smallJson = fc.jsonValue({ maxDepth: 2 });

/**
 * Values the schema accepts (mostly), as plain JSON values. `pool(name)` offers values the
 * fixtures hold under a property's name (a real cron string, time zone, user id), so that many
 * generated requests get past the vendor's business rules.
 */
export function valueArb(doc, schema, pool = () => [], name = undefined, depth = 0) {
  const s = deref(doc, schema);
  if (s === true || s === undefined || s === null || typeof s !== "object") return smallJson;
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const generated = generatedArb(doc, s, pool, name, depth);
  const known = [...(Array.isArray(s.examples) ? s.examples : []), ...(name === undefined ? [] : pool(name))].filter(
    (v) => v !== null && typeof v !== "object",
  );
  if (known.length === 0) return generated;
  const strings = known.filter((v) => typeof v === "string");
  // The same names in random letter case (`aMerICA/argeNtiNA`): many spellings of one value, as caches keyed by client input meet them.
  const spelled = strings.length === 0 ? undefined : fc.tuple(fc.constantFrom(...strings), fc.nat()).map(([v, mask]) => randomCase(v, mask));
  const spellings = spelled ? [{ weight: 1, arbitrary: spelled }] : [];
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, ...spellings, { weight: 3, arbitrary: generated });
}

/** The string with each letter's case drawn from the bits of `mask`. */
export const randomCase = (s, mask) => [...s].map((c, i) => ((mask >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join("");

function generatedArb(doc, s, pool, name, depth) {
  const branches = s.oneOf ?? s.anyOf;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((b) => valueArb(doc, b, pool, name, depth + 1)));
  if (Array.isArray(s.allOf)) return valueArb(doc, mergeAll(doc, s), pool, name, depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => valueArb(doc, { ...s, type }, pool, name, depth + 1)));
  const type = s.type ?? (s.properties ? "object" : s.items ? "array" : undefined);
  switch (type) {
    case "string":
      return stringArb(s);
    case "integer": {
      const min = Math.max(s.minimum ?? -(2 ** 31), s.exclusiveMinimum === undefined ? -Infinity : s.exclusiveMinimum + 1, -(2 ** 53 - 1));
      const max = Math.min(s.maximum ?? 2 ** 31 - 1, s.exclusiveMaximum === undefined ? Infinity : s.exclusiveMaximum - 1, 2 ** 53 - 1);
      // Past an unwritten bound, the values that break int32 and doubles.
      const edges = [min, max, ...(s.maximum === undefined ? [2 ** 31, 2 ** 53 - 1] : [])];
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
    }
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3);
      const items = depth > 6 ? smallJson : valueArb(doc, s.items ?? true, pool, undefined, depth + 1);
      return s.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength });
    }
    case "object":
      return objectArb(doc, s, pool, depth);
    default:
      return smallJson;
  }
}

function stringArb(s) {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? minLength + 24, minLength + 40);
  const fits = (v) => [...v].length >= minLength && [...v].length <= (s.maxLength ?? Infinity);
  switch (s.format) {
    case "date-time":
      return dateTime;
    case "date":
      return date;
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
    default:
  }
  if (typeof s.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(s.pattern, "u")).filter(fits);
    } catch {
      return fc.constant(Array.isArray(s.examples) ? s.examples[0] : "x".repeat(Math.max(1, minLength)));
    }
  }
  return text(minLength, maxLength);
}

function objectArb(doc, s, pool, depth) {
  const properties = s.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    if (s.additionalProperties === false) return fc.constant({});
    const values = s.additionalProperties && s.additionalProperties !== true ? valueArb(doc, s.additionalProperties, pool, undefined, depth + 1) : smallJson;
    return fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/), values, { minKeys: s.minProperties ?? 0, maxKeys: 4 });
  }
  const required = new Set(s.required ?? []);
  // Past a few levels only what is required: recursive schemas stay finite.
  const kept = depth > 6 ? names.filter((n) => required.has(n)) : names;
  const record = fc.record(Object.fromEntries(kept.map((n) => [n, valueArb(doc, properties[n], pool, n, depth + 1)])), {
    requiredKeys: kept.filter((n) => required.has(n)),
  });
  return s.minProperties ? record.filter((o) => Object.keys(o).length >= s.minProperties) : record;
}

/** allOf's members as one object schema (properties and required merged; the first member's other keywords). */
function mergeAll(doc, s) {
  const members = s.allOf.map((m) => deref(doc, m));
  const merged = { ...members[0], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "allOf")) };
  merged.properties = Object.assign({}, ...members.map((m) => m.properties ?? {}), s.properties ?? {});
  merged.required = [...new Set(members.flatMap((m) => m.required ?? []).concat(s.required ?? []))];
  if (Object.keys(merged.properties).length > 0) merged.type ??= "object";
  return merged;
}
