// What the fuzzer knows of the served mock, read once from it: each vendor's operations with their
// parameters, request bodies and examples (from the OpenAPI documents), the values its fixtures
// hold (so that generated ids name real records), its tokens, and a router of the fuzzer's own
// (OpenAPI 3.1 §4.8.8: concrete path segments win over templated ones).
import { deref, referenceChecker } from "./schema.mjs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The model of every vendor `app.mock` serves. */
export function modelOf(app) {
  const vendors = new Map();
  for (const [vendor, spec] of app.mock.specs) vendors.set(vendor, vendorModel(vendor, spec, app.mock.state(vendor), app.mock.tokens(vendor)));
  return { vendors, operations: [...vendors.values()].flatMap((v) => v.operations) };
}

function vendorModel(vendor, spec, state, tokens) {
  const { doc } = spec;
  const { fields, collections } = poolsOf(state);
  const model = {
    vendor,
    spec,
    doc,
    check: referenceChecker(vendor, doc),
    // A request body: where the vendor's server ignores properties its contract does not take, they are no reason for a 400.
    checkBody: spec.ignoresUnknown ? referenceChecker(vendor, doc, { open: true }) : referenceChecker(vendor, doc),
    // The credentials a client sends in a header: a key pair (secret_key, Huawei's AK/SK) signs requests instead.
    tokens: tokens.filter((t) => t.secret_key === undefined),
    /** Values the fixtures hold under a property name. */
    pool: (name) => [...(fields.get(name) ?? [])],
    operations: [],
    templates: [],
  };
  for (const [template, item] of Object.entries(doc.paths)) {
    const segments = template
      .split("/")
      .slice(1)
      .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s }));
    const byMethod = new Map();
    for (const method of METHODS) {
      if (!item[method]) continue;
      const compiled = spec.operations.find((op) => op.template === template && op.method === method.toUpperCase());
      const operation = operationModel(model, compiled, item, item[method], segments, collections, fields);
      byMethod.set(method.toUpperCase(), operation);
      model.operations.push(operation);
    }
    model.templates.push({ template, segments, byMethod });
  }
  return model;
}

function operationModel(vendor, compiled, item, raw, segments, collections, fields) {
  const { doc } = vendor;
  const params = new Map();
  for (const p of [...(item.parameters ?? []), ...(raw.parameters ?? [])].map((x) => deref(doc, x))) params.set(`${p.in} ${p.name}`, p);
  const list = [...params.values()];
  const body = raw.requestBody ? deref(doc, raw.requestBody) : undefined;
  const media = body?.content?.["application/json"];
  const examples = new Map();
  for (const [status, response] of compiled.responses) {
    for (const [name, value] of response.examples) examples.set(name, [...(examples.get(name) ?? []), { status, value }]);
  }
  const pathParams = list.filter((p) => p.in === "path");
  return {
    vendor: vendor.vendor,
    model: vendor,
    operationId: compiled.operationId,
    method: compiled.method,
    template: compiled.template,
    segments,
    compiled,
    pathParams: pathParams.map((p) => ({ ...p, pool: paramPool(p.name, segments, collections, fields) })),
    /** Path parameter values that name one fixture record together (a schedule with its own connection). */
    pathCombos: pathCombos(pathParams.map((p) => p.name), segments, collections),
    queryParams: list.filter((p) => p.in === "query"),
    body: media && {
      required: body.required === true,
      schema: media.schema,
      examples: [...Object.values(media.examples ?? {}).map((e) => deref(doc, e).value), ...(media.example === undefined ? [] : [media.example])],
    },
    /** Example name → the statuses that carry it, with the example. */
    examples,
    secured: compiled.security.length > 0,
  };
}

/** The router's answer for a vendor-relative path: the operation, a 405 (and the GET a HEAD is owed), or a 404. */
export function route(vendor, method, path) {
  const parts = path.split("/").slice(1);
  let best;
  for (const t of vendor.templates) {
    const params = matchSegments(t.segments, parts);
    if (params === undefined) continue;
    const rank = t.segments.reduce((sum, s, i) => sum + ("literal" in s ? 2 ** (32 - i) : 0), 0);
    if (!best || rank > best.rank) best = { t, params, rank };
  }
  if (!best) return { kind: "not-found" };
  const operation = best.t.byMethod.get(method.toUpperCase());
  if (operation) return { kind: "found", operation, params: best.params };
  return { kind: "method-not-allowed", allow: [...best.t.byMethod.keys()], get: best.t.byMethod.get("GET"), params: best.params };
}

function matchSegments(segments, parts) {
  if (segments.length !== parts.length) return undefined;
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if ("literal" in s) {
      if (s.literal !== parts[i]) return undefined;
    } else {
      if (parts[i] === "") return undefined;
      try {
        params[s.param] = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}

const singular = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/ies$/, "y")
    .replace(/s$/, "");
const related = (a, b) => a === b || a.endsWith(b) || b.endsWith(a);

/** What a path parameter names: `task_id` a task, `id` whatever the segment before it names. */
function stemOf(name, segments) {
  if (name !== "id") return name.replace(/(_id|Id|_name|Name)$/, "");
  const index = segments.findIndex((s) => s.param === name);
  return segments.slice(0, index).reverse().find((s) => "literal" in s)?.literal ?? "";
}

/**
 * The fixture values a path parameter can take: fields of the same name (`task_id`), and the ids
 * (or names, for `*_name`) of the collection the parameter or the segment before it names.
 */
function paramPool(name, segments, collections, fields) {
  const values = new Set(name === "id" ? [] : (fields.get(name) ?? []));
  const stem = stemOf(name, segments);
  const field = /(_name|Name)$/.test(name) ? "name" : "id";
  for (const [collection, rows] of collections) {
    if (!related(singular(collection), singular(stem))) continue;
    for (const row of rows) if (row[field] !== undefined && typeof row[field] !== "object") values.add(row[field]);
  }
  return [...values];
}

/**
 * Values for all of an operation's path parameters from one record: the last parameter is the
 * record's own id or name, the others its fields of the same name or the key the record is filed
 * under (Huawei's records are filed by project).
 */
function pathCombos(names, segments, collections) {
  if (names.length < 2) return [];
  const last = names[names.length - 1];
  const combos = [];
  for (const [collection, rows] of collections) {
    const named = rows.some((row) => row[last] !== undefined);
    if (!named && !related(singular(collection), singular(stemOf(last, segments)))) continue;
    for (const row of rows) {
      const combo = {};
      for (const name of names) {
        const value = name === last ? (named ? row[name] : row[/(_name|Name)$/.test(name) ? "name" : "id"]) : (row[name] ?? rows.keyOf?.get(row));
        if (value === undefined || typeof value === "object") break;
        combo[name] = value;
      }
      if (Object.keys(combo).length === names.length) combos.push(combo);
    }
  }
  return combos;
}

/** Every primitive value of the fixtures by property name (bounded), and each collection's rows. */
function poolsOf(state) {
  const fields = new Map();
  const collections = new Map();
  const add = (name, value) => {
    let set = fields.get(name);
    if (!set) fields.set(name, (set = new Set()));
    if (set.size < 64) set.add(value);
  };
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (v !== null && typeof v !== "object") add(k, v);
      else walk(v);
    }
  };
  for (const [name, value] of Object.entries(state)) {
    const rows = Array.isArray(value) ? value : Object.values(value).flat();
    if (!Array.isArray(value)) rows.keyOf = new Map(Object.entries(value).flatMap(([key, list]) => list.map((row) => [row, key])));
    collections.set(name, rows);
    walk(rows);
  }
  return { fields, collections };
}
