// The JSON a fuzz case sends, as a tree the generators can bend in ways JSON.stringify cannot:
// an object keeps its members as a list (a key may repeat; `__proto__` is a key like any other,
// never a prototype), and a node may be raw text (a number no double holds, a run repeated
// thousands of times for deep nesting or a huge string). Serialized to parts, so a 6,000-deep body
// prints as a short JavaScript expression in the curl replay instead of 40 KB of braces.

/** A JSON object whose members stay in order, repeats and `__proto__` included. */
export class JObj {
  /** @param {[string, unknown][]} entries */
  constructor(entries) {
    this.entries = entries;
  }
}

/** Raw JSON text: literal strings and `{ repeat, times }` runs, sent as they are. */
export class Raw {
  /** @param {(string | { repeat: string, times: number })[]} parts */
  constructor(parts) {
    this.parts = parts;
  }
}

/** A plain JSON value (as JSON.parse or a generator made it) as a tree. */
export function fromValue(value) {
  if (Array.isArray(value)) return value.map(fromValue);
  if (value !== null && typeof value === "object") return new JObj(Object.entries(value).map(([k, v]) => [k, fromValue(v)]));
  return value;
}

/** The tree's text as parts: adjacent literals merged, runs kept as runs. */
export function partsOf(node) {
  const out = [];
  const push = (part) => {
    if (typeof part === "string" && typeof out[out.length - 1] === "string") out[out.length - 1] += part;
    else if (part !== "") out.push(part);
  };
  const walk = (n) => {
    if (n instanceof Raw) n.parts.forEach(push);
    else if (n instanceof JObj) {
      push("{");
      n.entries.forEach(([key, value], i) => {
        push(`${i === 0 ? "" : ","}${JSON.stringify(key)}:`);
        walk(value);
      });
      push("}");
    } else if (Array.isArray(n)) {
      push("[");
      n.forEach((item, i) => {
        if (i > 0) push(",");
        walk(item);
      });
      push("]");
    } else push(n === undefined ? "null" : JSON.stringify(n));
  };
  walk(node);
  return out;
}

/** The text the parts stand for. */
export const textOf = (parts) => parts.map((p) => (typeof p === "string" ? p : p.repeat.repeat(p.times))).join("");

/** A JavaScript expression that evaluates to the parts' text (for `node -e` in a replay). */
export const jsOf = (parts) => parts.map((p) => (typeof p === "string" ? JSON.stringify(p) : `${JSON.stringify(p.repeat)}.repeat(${p.times})`)).join("+") || '""';

/** Whether some object in the tree names a key twice (JSON leaves what that means open: RFC 8259 §4). */
export function hasDuplicateKeys(node) {
  if (node instanceof JObj) {
    const keys = new Set(node.entries.map(([k]) => k));
    return keys.size !== node.entries.length || node.entries.some(([, v]) => hasDuplicateKeys(v));
  }
  return Array.isArray(node) && node.some(hasDuplicateKeys);
}

/** Every node of the tree in pre-order, with the path of member and item indexes to it. */
export function nodesOf(root) {
  const out = [];
  const walk = (node, path) => {
    out.push({ node, path });
    if (node instanceof JObj) node.entries.forEach(([, v], i) => walk(v, [...path, i]));
    else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
  };
  walk(root, []);
  return out;
}

/** A copy of the tree with the node at `path` replaced by `change(node)` (the rest shared). */
export function replaceAt(root, path, change) {
  if (path.length === 0) return change(root);
  const [index, ...rest] = path;
  if (root instanceof JObj) {
    return new JObj(root.entries.map(([k, v], i) => (i === index ? [k, replaceAt(v, rest, change)] : [k, v])));
  }
  if (Array.isArray(root)) return root.map((v, i) => (i === index ? replaceAt(v, rest, change) : v));
  return root;
}

/**
 * Applies `change` to the `pick`-th node (modulo their count) that `accepts`; the tree unchanged
 * when none does. A pick is a plain number, so fast-check shrinks it towards the root.
 */
export function changeSome(root, pick, accepts, change) {
  const candidates = nodesOf(root).filter(({ node }) => accepts(node));
  if (candidates.length === 0) return root;
  const { path } = candidates[pick % candidates.length];
  return replaceAt(root, path, change);
}

export const isObject = (node) => node instanceof JObj;
export const isString = (node) => typeof node === "string";
export const isNumber = (node) => typeof node === "number";
export const anyNode = () => true;
