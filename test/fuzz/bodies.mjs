// Request bodies for one operation: schema-valid ones (the spec's examples, examples with fields
// regenerated from their schemas, wholly generated ones), mutated invalid ones (wrong types,
// missing or extra fields, numbers out of range or beyond a double, numeric-looking strings),
// hostile ones (prototype keys at any depth, deep nesting, huge strings and numbers, unicode with
// lone surrogates, duplicate keys, thousands of members) and malformed text.
import fc from "fast-check";
import { anyNode, changeSome, fromValue, isNumber, isObject, isString, JObj, partsOf, Raw, textOf } from "./ast.mjs";
import { deref, randomCase, valueArb } from "./schema.mjs";

/** Strings that look like numbers to a lax parser, and other values that are not what they seem. */
export const NUMERIC_LOOKALIKES = ["1e400", "-1e400", "Infinity", "-Infinity", "NaN", "0x10", "-0", "+1", "01", "1.0", "1e3", " 1", "1 ", "0b11", "1_000", "９", "٣"];
/** Unicode that breaks naive code: lone surrogates, bidi overrides, NUL, BOM, combining marks, case mappings that change length. */
export const HOSTILE_UNICODE = ["\ud800", "a\udfffb", "\udc00\ud800", "😀", "\u202eevil", "\ufeff", "\u0000", "\u200b", "e\u0301", "𝕏𝕏𝕏", "\u2028\u2029", "ｆｕｌｌ", "İ", "ß", "ﬀ", "\u00a0", "<script>", "'; DROP TABLE x;--", "../../etc/passwd", "%00", "${jndi:x}"];
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];
const PROTO_VALUES = [
  new JObj([["polluted", "yes"]]),
  new JObj([]),
  new JObj([["toString", "x"], ["valueOf", 1]]),
  new JObj([["__proto__", new JObj([["polluted", "deep"]])]]),
  "x",
  null,
  1,
  [],
];
const OTHER_TYPES = [123, -1, 1.5, "text", true, false, null, [], new JObj([]), [1, "a"], new JObj([["a", 1]])];
const NUMBER_EDGES = [-1, 0, 0.5, 255, 256, 1001, 2147483647, 2147483648, -2147483649, 9007199254740991, 1e21, 1e308, -1e308, 5e-324];
const RAW_NUMBERS = ["1e400", "-1e400", "1e-400", "-0", "1E2", "1.0", "123456789012345678901234567890", "9007199254740993", "0.1e1", "-0.0"];

/** A body the schema accepts (mostly): `{ parts, duplicateKeys }`. */
export const validBodyArb = (op) => validTreeArb(op).map(sent);

/** A valid body with one or two changes that make it invalid (mostly: the reference check decides). */
export const invalidBodyArb = (op) =>
  fc.tuple(validTreeArb(op), fc.array(mutationArb, { minLength: 1, maxLength: 2 })).map(([tree, ms]) => sent(ms.reduce((t, m) => m(t), tree)));

/** A body that is valid but for one hostile change (on the spec's examples mostly: the likeliest to get past the vendor's rules). */
export function hostileBodyArb(op) {
  const examples = op.body.examples.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...op.body.examples).map(fromValue) }] : [];
  return fc.tuple(fc.oneof(...examples, { weight: 1, arbitrary: validTreeArb(op) }), hostileArb(op)).map(([tree, h]) => sent(h(tree)));
}

/** Text that is not JSON, or JSON of the wrong kind. */
export const malformedBodyArb = (op) =>
  fc.tuple(validTreeArb(op), malformedArb).map(([tree, m]) => ({ parts: m(textOf(partsOf(tree))), duplicateKeys: false }));

/** Any of the above, or none; for an operation without a body, mostly none. */
export function bodyArb(op) {
  if (!op.body) {
    // A body where none is documented: it must be ignored.
    return fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('{"a":1}', "junk", '{"__proto__":{"polluted":"yes"}}').map((t) => sent(new Raw([t]))) });
  }
  return fc.oneof(
    { weight: 8, arbitrary: validBodyArb(op) },
    { weight: 6, arbitrary: invalidBodyArb(op) },
    { weight: 6, arbitrary: hostileBodyArb(op) },
    { weight: 2, arbitrary: malformedBodyArb(op) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const sent = (tree) => ({ parts: partsOf(tree), duplicateKeys: hasDuplicates(tree) });
function hasDuplicates(tree) {
  if (tree instanceof JObj) return new Set(tree.entries.map(([k]) => k)).size !== tree.entries.length || tree.entries.some(([, v]) => hasDuplicates(v));
  return Array.isArray(tree) && tree.some(hasDuplicates);
}

/** A body the schema accepts (mostly): an example, an example with some fields regenerated, or generated whole. */
function validTreeArb(op) {
  const { doc, pool } = op.model;
  const schema = deref(doc, op.body.schema);
  const whole = valueArb(doc, schema, pool).map(fromValue);
  if (op.body.examples.length === 0) return whole;
  const examples = fc.constantFrom(...op.body.examples);
  const names = Object.keys(schema.properties ?? {});
  if (names.length === 0) return fc.oneof({ weight: 3, arbitrary: examples.map(fromValue) }, { weight: 1, arbitrary: whole });
  const field = fc.oneof(...names.map((n) => valueArb(doc, schema.properties[n], pool, n).map((v) => [n, v])));
  const edited = fc.tuple(examples, fc.array(field, { minLength: 1, maxLength: 3 })).map(([example, fields]) => {
    const copy = { ...example };
    for (const [n, v] of fields) copy[n] = v;
    return fromValue(copy);
  });
  return fc.oneof({ weight: 3, arbitrary: examples.map(fromValue) }, { weight: 4, arbitrary: edited }, { weight: 2, arbitrary: whole });
}

const pick = fc.nat({ max: 1000 });
const nonEmptyObject = (n) => isObject(n) && n.entries.length > 0;
const otherType = (node) => (v) => !(typeof v === typeof node && Array.isArray(v) === Array.isArray(node) && (v instanceof JObj) === (node instanceof JObj));

/** One change that makes a body invalid (most of the time: the reference check decides). */
const mutationArb = fc.oneof(
  fc.tuple(pick, pick).map(([p, q]) => (t) => changeSome(t, p, anyNode, (n) => OTHER_TYPES.filter(otherType(n))[q % 5] ?? null)),
  fc.tuple(pick, pick).map(([p, q]) => (t) => changeSome(t, p, nonEmptyObject, (n) => new JObj(n.entries.filter((_, i) => i !== q % n.entries.length)))),
  fc.tuple(pick, fc.constantFrom("extra", "unknownField", "ID", "", "a.b", "$ref", "id", "createdOn"), fc.jsonValue({ maxDepth: 1 })).map(
    ([p, key, value]) => (t) => changeSome(t, p, isObject, (n) => new JObj([...n.entries, [key, fromValue(value)]])),
  ),
  fc.tuple(pick, fc.oneof(fc.constantFrom(...NUMBER_EDGES), fc.constantFrom(...RAW_NUMBERS).map((r) => new Raw([r])))).map(
    ([p, v]) => (t) => changeSome(t, p, isNumber, () => v),
  ),
  fc.tuple(pick, fc.constantFrom(...NUMERIC_LOOKALIKES, "", "null", "true", "2026-13-45T99:99:99Z")).map(([p, v]) => (t) => changeSome(t, p, anyNode, () => v)),
  fc.tuple(pick, fc.nat(), fc.constantFrom("case", "pad", "trim", "double", "cut", "unicode")).map(([p, mask, how]) => (t) => changeSome(t, p, isString, (s) => mangle(s, mask, how))),
  fc.tuple(pick, fc.constantFrom(null, "", [], new JObj([]))).map(([p, v]) => (t) => changeSome(t, p, anyNode, () => v)),
);

/** A string bent the ways clients bend them: random letter case (`aMerICA/argeNtiNA`), padding, cuts, doubling. */
export function mangle(s, mask, how) {
  switch (how) {
    case "case":
      return randomCase(s, mask);
    case "pad":
      return ` ${s}\t`;
    case "trim":
      return s.slice(1);
    case "double":
      return s + s;
    case "cut":
      return s.slice(0, mask % Math.max(1, s.length));
    default:
      return s + HOSTILE_UNICODE[mask % HOSTILE_UNICODE.length];
  }
}

const deepArb = fc.tuple(fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }) }, { weight: 3, arbitrary: fc.integer({ min: 1000, max: 12000 }) }), fc.constantFrom("object", "array", "mixed")).map(([depth, style]) => {
  const open = style === "object" ? '{"a":' : style === "array" ? "[" : '{"a":[';
  const close = style === "object" ? "}" : style === "array" ? "]" : "]}";
  return new Raw([{ repeat: open, times: depth }, "1", { repeat: close, times: depth }]);
});
const hugeStringArb = fc
  .tuple(fc.integer({ min: 10_000, max: 1_200_000 }), fc.constantFrom("a", "é", "😀", "\\u0000", "\\\\", "\\ud800", '\\"'))
  .map(([n, unit]) => new Raw(['"', { repeat: unit, times: Math.ceil(n / unit.length) }, '"']));
const hugeNumberArb = fc
  .tuple(fc.integer({ min: 17, max: 400 }), fc.constantFrom("", "-"), fc.constantFrom("", ".5", "e10"))
  .map(([zeros, sign, tail]) => new Raw([`${sign}1`, { repeat: "0", times: zeros }, tail]));
const manyMembersArb = fc.integer({ min: 1000, max: 50_000 }).map((n) => new Raw(["{", { repeat: '"k":1,', times: n }, '"k":1}']));
const wideArrayArb = fc.integer({ min: 1000, max: 200_000 }).map((n) => new Raw(["[", { repeat: "0,", times: n }, "0]"]));

/** Top-level fields whose schema takes any JSON (Crego's `kwargs`, `args`, `headers`): where hostile values pass the schema. */
function freeFormFields(op) {
  const { doc } = op.model;
  const schema = deref(doc, op.body.schema);
  return Object.entries(schema.properties ?? {})
    .filter(([, raw]) => {
      const s = deref(doc, raw);
      if (s === true || Object.keys(s).every((k) => k === "description" || k.startsWith("x-"))) return true;
      if (s.type === "object") return !s.properties && s.additionalProperties !== false;
      return s.type === "array" && (s.items === undefined || s.items === true);
    })
    .map(([name]) => name);
}

/** One hostile change to a body, placed anywhere; for an operation with free-form fields, often in one of them. */
function hostileArb(op) {
  const free = freeFormFields(op);
  if (free.length === 0) return HOSTILE;
  const value = fc.oneof(
    { weight: 3, arbitrary: deepArb },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...PROTO_VALUES)).map(([key, v]) => new JObj([["a", new JObj([[key, v]])]])) },
    { weight: 1, arbitrary: hugeStringArb },
    { weight: 1, arbitrary: hugeNumberArb },
    { weight: 1, arbitrary: manyMembersArb },
  );
  const inFreeField = fc
    .tuple(fc.constantFrom(...free), value)
    .map(([name, v]) => (t) => (t instanceof JObj ? new JObj([...t.entries.filter(([k]) => k !== name), [name, v]]) : t));
  return fc.oneof({ weight: 1, arbitrary: HOSTILE }, { weight: 1, arbitrary: inFreeField });
}

const HOSTILE = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(pick, fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...PROTO_VALUES), fc.boolean())
      .map(([p, key, value, first]) => (t) => changeSome(t, p, isObject, (n) => new JObj(first ? [[key, value], ...n.entries] : [...n.entries, [key, value]]))),
  },
  { weight: 3, arbitrary: fc.tuple(pick, deepArb).map(([p, deep]) => (t) => changeSome(t, p, anyNode, () => deep)) },
  { weight: 1, arbitrary: fc.tuple(pick, hugeStringArb).map(([p, huge]) => (t) => changeSome(t, p, (n) => isString(n) || n === null, () => huge)) },
  { weight: 2, arbitrary: fc.tuple(pick, hugeNumberArb).map(([p, huge]) => (t) => changeSome(t, p, (n) => isNumber(n) || isString(n), () => huge)) },
  { weight: 2, arbitrary: fc.tuple(pick, fc.oneof(fc.constantFrom(...HOSTILE_UNICODE), fc.string({ unit: "binary", maxLength: 12 }))).map(([p, s]) => (t) => changeSome(t, p, isString, () => s)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick, pick, fc.constantFrom(...OTHER_TYPES), fc.boolean())
      .map(([p, q, value, before]) => (t) => changeSome(t, p, nonEmptyObject, (n) => duplicate(n, q, value, before))),
  },
  { weight: 1, arbitrary: fc.tuple(pick, fc.oneof(manyMembersArb, wideArrayArb)).map(([p, wide]) => (t) => changeSome(t, p, anyNode, () => wide)) },
);

/** The object with one of its members named twice: the copy carries another value, before or after. */
function duplicate(n, q, value, before) {
  const [key] = n.entries[q % n.entries.length];
  return new JObj(before ? [[key, value], ...n.entries] : [...n.entries, [key, value]]);
}

/** Text that is not JSON, or JSON that is not an object: each a function of the valid text. */
const malformedArb = fc.oneof(
  fc.nat().map((cut) => (text) => [text.slice(0, cut % Math.max(1, text.length))]),
  fc.constantFrom(
    (text) => [text.replace(/}$/, ",}")],
    (text) => [text.replace(/"/g, "'")],
    (text) => [`\ufeff${text}`],
    (text) => [`/* c */${text}`],
    (text) => [text.replace(/}$/, ',"n":NaN}')],
    (text) => [`${text}${text}`],
    (text) => [`${text} trailing`],
    (text) => [text.replace(":", "=")],
  ),
  fc.constantFrom("", "   ", "null", "[]", '"str"', "0", "{", "}", '{"a":}', "[1,]", '{"a" 1}', "\u0000", "undefined", "a=1&b=2", "<x/>").map((t) => () => [t]),
);
