// awork's `filterby` language (developers.awork.com/filtering, an OData v2-like language) compiled
// once into a record predicate: comparisons, `in` lists, startswith/endswith/substringof, tolower,
// and/or/not, the special terms (me.id, now, today, today±Nd, sow/eow, som/eom), and the
// any/count lambdas over collection properties (task schedules have none; the caller names any).
export type FilterResult = { ok: true; predicate: (record: Record<string, unknown>) => boolean } | { ok: false; message: string };

type Predicate = (record: Record<string, unknown>) => boolean;
export type Kind = "uuid" | "datetime" | "number" | "text";
type Op = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export interface FilterOptions {
  /** The record's filterable properties as the schema spells them. */
  fields: string[];
  /** The token's user (`me.id`). */
  me: string;
  /** The mock clock's time (`now`, `today`, …). */
  now: Date;
  /** The value types of fields beyond the task schedule's (a field of neither is matched as text). */
  kinds?: Record<string, Kind>;
  /** Collection properties (arrays of objects) and the kinds of their items' properties: what any/count iterate. */
  collections?: Record<string, Record<string, Kind>>;
}

type Literal =
  | { type: "null" }
  | { type: "boolean" }
  | { type: "number"; value: number }
  /** `day`: the term names a whole day (today, today-30d), which eq and ne match as a day. */
  | { type: "instant"; value: number; day?: boolean }
  | { type: "guid"; value: string }
  | { type: "string"; value: string };

/** What stands left of an operator: a property (possibly through tolower), a lambda's truth, or a count. */
type Operand =
  | { type: "value"; field: string; kind: Kind; name: string }
  | { type: "truth"; predicate: Predicate; name: string }
  | { type: "count"; count: (record: Record<string, unknown>) => number; name: string };

/** A lambda's variable and the properties its items have. */
interface Scope {
  variable: string;
  collection: string;
  fields: Map<string, string>;
  kinds: Map<string, Kind>;
}

// A "bad" token carries a lexical error, raised only when the parser reaches it so that errors come out left to right.
type Token =
  | { type: "word" | "punct" | "end" | "bad"; pos: number; text: string }
  | { type: "literal"; pos: number; text: string; literal: Literal };

/** The value types of the task schedule's fields; a field the caller adds beyond these is matched as text. */
const KINDS = new Map<string, Kind>([
  ["id", "uuid"],
  ["createdby", "uuid"],
  ["updatedby", "uuid"],
  ["userid", "uuid"],
  ["taskid", "uuid"],
  ["createdon", "datetime"],
  ["updatedon", "datetime"],
  ["startdate", "datetime"],
  ["enddate", "datetime"],
  ["plannedduration", "number"],
]);

const OPS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const TESTS: Record<Op, (order: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400_000;
// Parentheses and `not` recurse; a cap keeps a hostile "((((…" from overflowing the stack.
const MAX_DEPTH = 100;

class FilterError extends Error {}

function fail(pos: number, detail: string): never {
  throw new FilterError(`at position ${pos}: ${detail}`);
}

export function compileFilter(text: string, options: FilterOptions): FilterResult {
  try {
    const fields = new Map(options.fields.map((f) => [f.toLowerCase(), f]));
    const collections = new Map(Object.entries(options.collections ?? {}).map(([name, kinds]) => [name.toLowerCase(), { name, kinds }]));
    const kinds = new Map([...KINDS, ...Object.entries(options.kinds ?? {}).map(([name, kind]) => [name.toLowerCase(), kind] as const)]);
    const parser = new Parser(tokenize(text), fields, kinds, collections, options.me, specialInstants(options.now));
    return { ok: true, predicate: parser.parse() };
  } catch (error) {
    if (error instanceof FilterError) return { ok: false, message: error.message };
    throw error;
  }
}

/** now, today and the week/month bounds in UTC; weeks run Monday to Sunday and an end is its last millisecond. */
function specialInstants(now: Date): Map<string, number> {
  const t = now.getTime();
  const today = Math.floor(t / DAY) * DAY;
  const sow = today - ((now.getUTCDay() + 6) % 7) * DAY;
  const som = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const eom = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 1;
  return new Map([
    ["now", t],
    ["today", today],
    ["sow", sow],
    ["eow", sow + 7 * DAY - 1],
    ["som", som],
    ["eom", eom],
  ]);
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isWordStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
// `.` belongs to words so that `me.id` is one token.
const isWordChar = (c: string): boolean => isWordStart(c) || isDigit(c) || c === ".";

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  try {
    scan(text, tokens);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    tokens.push({ type: "bad", pos: text.length, text: error.message });
  }
  return tokens;
}

function scan(text: string, tokens: Token[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const start = i;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(" || c === ")" || c === "," || c === "/" || c === ":") {
      tokens.push({ type: "punct", pos: i, text: c });
      i++;
    } else if (c === "'") {
      const quoted = scanQuoted(text, i);
      i = quoted.end;
      tokens.push({ type: "literal", pos: start, text: text.slice(start, i), literal: { type: "string", value: quoted.value } });
    } else if (isDigit(c) || (c === "-" && isDigit(text.charAt(i + 1)))) {
      const number = scanNumber(text, i);
      i = number.end;
      tokens.push({ type: "literal", pos: start, text: text.slice(start, i), literal: { type: "number", value: number.value } });
    } else if (isWordStart(c)) {
      while (isWordChar(text.charAt(i))) i++;
      // A day offset belongs to its term: `today-30d`, `today+5d` are one token.
      const offset = /^[+-]\d+[dD]/.exec(text.slice(i, i + 24));
      if (offset && !isWordChar(text.charAt(i + offset[0].length))) i += offset[0].length;
      const word = text.slice(start, i);
      if (text.charAt(i) !== "'") {
        tokens.push({ type: "word", pos: start, text: word });
        continue;
      }
      const quoted = scanQuoted(text, i);
      i = quoted.end;
      tokens.push({ type: "literal", pos: start, text: text.slice(start, i), literal: typedLiteral(word, quoted.value, start) });
    } else {
      fail(i, `unexpected character "${c}"`);
    }
  }
  tokens.push({ type: "end", pos: text.length, text: "" });
}

/** A '…' literal starting at `start`; a doubled '' stands for one apostrophe. */
function scanQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  for (;;) {
    const next = text.indexOf("'", i);
    if (next < 0) fail(start, "unterminated string: a ' is missing");
    value += text.slice(i, next);
    if (text.charAt(next + 1) !== "'") return { value, end: next + 1 };
    value += "'";
    i = next + 2;
  }
}

/** int `32`, long `64L`, decimal `2.5M`, single `2.0f`, double `2.029`/`1e3`/`2d`, byte `0x22`. */
function scanNumber(text: string, start: number): { value: number; end: number } {
  let i = start;
  let value: number;
  const hex = (c: string) => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
  if (text.charAt(i) === "0" && (text.charAt(i + 1) === "x" || text.charAt(i + 1) === "X") && hex(text.charAt(i + 2))) {
    i += 2;
    while (hex(text.charAt(i))) i++;
    value = Number.parseInt(text.slice(start + 2, i), 16);
    if (value > 255) fail(start, `byte literal "${text.slice(start, i)}" is out of range (0x00 to 0xFF)`);
  } else {
    if (text.charAt(i) === "-") i++;
    const digits = () => {
      const from = i;
      while (isDigit(text.charAt(i))) i++;
      return i > from;
    };
    digits();
    let integral = true;
    if (text.charAt(i) === ".") {
      i++;
      integral = false;
      if (!digits()) fail(start, `malformed number "${text.slice(start, i)}": digits must follow the "."`);
    }
    if (text.charAt(i) === "e" || text.charAt(i) === "E") {
      i++;
      integral = false;
      if (text.charAt(i) === "+" || text.charAt(i) === "-") i++;
      if (!digits()) fail(start, `malformed number "${text.slice(start, i)}": the exponent has no digits`);
    }
    value = Number(text.slice(start, i));
    const suffix = text.charAt(i).toLowerCase();
    if (suffix === "l" && !integral) fail(start, `malformed number "${text.slice(start, i + 1)}": a long has no fraction or exponent`);
    if (suffix === "l" || suffix === "m" || suffix === "f" || suffix === "d") i++;
  }
  if (isWordChar(text.charAt(i))) {
    let end = i;
    while (isWordChar(text.charAt(end))) end++;
    fail(start, `malformed number "${text.slice(start, end)}"`);
  }
  return { value, end: i };
}

function typedLiteral(prefix: string, content: string, pos: number): Literal {
  const type = prefix.toLowerCase();
  if (type === "datetime") {
    const value = parseInstant(content);
    if (value === undefined) fail(pos, `invalid datetime literal "${content}": expected YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]`);
    return { type: "instant", value };
  }
  if (type === "guid") {
    if (!GUID.test(content)) fail(pos, `invalid guid literal "${content}": expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`);
    return { type: "guid", value: content.toLowerCase() };
  }
  return fail(pos, `unknown literal type "${prefix}'…'" (known: datetime'…', guid'…')`);
}

function digitsAt(s: string, at: number, count: number): number | undefined {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = s.charCodeAt(i) - 48;
    if (!(code >= 0 && code <= 9)) return undefined;
    value = value * 10 + code;
  }
  return value;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDThh:mm[:ss[.fff…]][Z|±hh:mm]` (no zone = UTC), else undefined.
 * Hand-written rather than Date.parse, which reads a zoneless date-time as local time; it also runs per record.
 */
function parseInstant(s: string): number | undefined {
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  if (s.charAt(4) !== "-" || s.charAt(7) !== "-" || s.charAt(10).toUpperCase() !== "T" || s.charAt(13) !== ":") return undefined;
  let i = 16;
  let second: number | undefined = 0;
  let ms = 0;
  if (s.charAt(i) === ":") {
    second = digitsAt(s, i + 1, 2);
    i += 3;
    if (s.charAt(i) === ".") {
      const from = ++i;
      while (isDigit(s.charAt(i))) i++;
      if (i === from) return undefined;
      ms = Number(`${s.slice(from, i)}00`.slice(0, 3));
    }
  }
  let offset: number | undefined = 0;
  const zone = s.charAt(i);
  if (zone === "Z" || zone === "z") {
    i++;
  } else if (zone === "+" || zone === "-") {
    const hours = digitsAt(s, i + 1, 2);
    i += s.charAt(i + 3) === ":" ? 4 : 3;
    const minutes = digitsAt(s, i, 2);
    i += 2;
    offset = hours === undefined || minutes === undefined || hours > 23 || minutes > 59 ? undefined : (hours * 60 + minutes) * 60_000;
    if (offset !== undefined && zone === "-") offset = -offset;
  }
  if (i !== s.length || second === undefined || offset === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as written.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() - offset;
}

const describe = (t: Token): string => (t.type === "end" ? "the end of the filter" : `"${t.text}"`);
const isWord = (t: Token | undefined, word: string): boolean => t?.type === "word" && t.text.toLowerCase() === word;
const isPunct = (t: Token | undefined, punct: string): boolean => t?.type === "punct" && t.text === punct;

function ordered<T>(field: string, op: Op, literal: T, read: (v: unknown) => T | undefined, order: (a: T, b: T) => number): Predicate {
  const test = TESTS[op];
  // A missing or null value equals no literal, so it passes `ne` and fails every other operator.
  if (op === "ne") {
    return (r) => {
      const v = read(r[field]);
      return v === undefined || order(v, literal) !== 0;
    };
  }
  return (r) => {
    const v = read(r[field]);
    return v !== undefined && test(order(v, literal));
  };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number): number => a - b;
// Text is matched case-insensitively: uuids have no meaningful case, and the docs give no rule for other text.
const readText = (v: unknown): string | undefined => (typeof v === "string" ? v.toLowerCase() : undefined);
const readInstant = (v: unknown): number | undefined => (typeof v === "string" ? parseInstant(v) : undefined);
const readNumber = (v: unknown): number | undefined => (typeof v === "number" && !Number.isNaN(v) ? v : undefined);

const DAY_TERM = /^today([+-]\d+)d$/i;

/** The items of a collection property: objects, anything else read as an empty item. */
function itemsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {}));
}

class Parser {
  private index = 0;
  private depth = 0;
  private scope: Scope | undefined;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: Map<string, string>,
    private readonly kinds: Map<string, Kind>,
    private readonly collections: Map<string, { name: string; kinds: Record<string, Kind> }>,
    private readonly me: string,
    private readonly instants: Map<string, number>,
  ) {}

  parse(): Predicate {
    const predicate = this.orExpr();
    const rest = this.peek();
    if (rest.type !== "end") fail(rest.pos, `expected "and", "or" or the end of the filter, got ${describe(rest)}`);
    return predicate;
  }

  private peek(ahead = 0): Token {
    // The last token (end or bad) repeats forever, so lookahead past it needs no bounds checks.
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    if (token === undefined || token.type === "bad") throw new FilterError(token?.text);
    return token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private expect(punct: string, context: string): void {
    const token = this.next();
    if (!isPunct(token, punct)) fail(token.pos, `expected "${punct}" ${context}, got ${describe(token)}`);
  }

  private orExpr(): Predicate {
    let left = this.andExpr();
    while (isWord(this.peek(), "or")) {
      this.next();
      const a = left;
      const b = this.andExpr();
      left = (r) => a(r) || b(r);
    }
    return left;
  }

  private andExpr(): Predicate {
    let left = this.unary();
    while (isWord(this.peek(), "and")) {
      this.next();
      const a = left;
      const b = this.unary();
      left = (r) => a(r) && b(r);
    }
    return left;
  }

  private unary(): Predicate {
    const token = this.peek();
    if (this.depth >= MAX_DEPTH) fail(token.pos, `the filter nests deeper than ${MAX_DEPTH} levels`);
    if (isWord(token, "not")) {
      this.next();
      this.depth++;
      const inner = this.unary();
      this.depth--;
      return (r) => !inner(r);
    }
    if (isPunct(token, "(")) {
      this.next();
      this.depth++;
      const inner = this.orExpr();
      this.depth--;
      this.expect(")", `to close the "(" at position ${token.pos}`);
      return inner;
    }
    if (token.type !== "word") fail(token.pos, `expected a condition, got ${describe(token)}`);
    return isPunct(this.peek(1), "(") && !isWord(token, "tolower") ? this.call() : this.comparison();
  }

  /** A property, `tolower(property)`, or a lambda over a collection (`members/any(m: …)`, `members/count()`). */
  private operand(): Operand {
    const token = this.peek();
    if (isWord(token, "tolower") && isPunct(this.peek(1), "(")) {
      this.next();
      this.next();
      const target = this.peek();
      const inner = this.operand();
      this.expect(")", "to close tolower(");
      if (inner.type !== "value") fail(target.pos, `tolower needs a property, not ${inner.name}`);
      if (inner.kind === "number") fail(target.pos, `tolower needs a text property; ${inner.field} is a number`);
      return { type: "value", field: inner.field, kind: "text", name: `tolower(${inner.name})` };
    }
    const first = this.next();
    if (first.type !== "word") fail(first.pos, `expected a property name, got ${describe(first)}`);
    const segments = [first.text];
    while (isPunct(this.peek(), "/")) {
      this.next();
      const segment = this.next();
      if (segment.type !== "word") fail(segment.pos, `expected a property name after "/", got ${describe(segment)}`);
      const lambda = segment.text.toLowerCase();
      if ((lambda === "any" || lambda === "all" || lambda === "count") && isPunct(this.peek(), "(")) {
        return this.lambda(segments.join("/"), lambda, segment);
      }
      segments.push(segment.text);
    }
    return this.property(first, segments);
  }

  /** A property path: a field of the record, or inside a lambda `v/field` of the item. */
  private property(first: Token, segments: string[]): Operand {
    const text = segments.join("/");
    const scope = this.scope;
    if (scope) {
      if (segments[0]?.toLowerCase() !== scope.variable.toLowerCase())
        fail(first.pos, `inside ${scope.collection}/…(${scope.variable}: …) a property is read through "${scope.variable}/", not "${text}"`);
      const name = segments[1];
      if (name === undefined || segments.length > 2)
        fail(first.pos, `"${text}": name one property of the items of ${scope.collection}, as ${scope.variable}/name`);
      const field = scope.fields.get(name.toLowerCase());
      if (field === undefined) fail(first.pos, `unknown property "${name}" of the items of ${scope.collection} (known: ${[...scope.fields.values()].join(", ")})`);
      return { type: "value", field, kind: scope.kinds.get(field) ?? "text", name: `${scope.variable}/${field}` };
    }
    const collection = this.collections.get(text.toLowerCase());
    if (collection) fail(first.pos, `"${text}" is a collection: use ${collection.name}/any(…) or ${collection.name}/count(…)`);
    const field = text.includes("/") ? undefined : this.fields.get(text.toLowerCase());
    if (field === undefined) {
      const why = text.includes("/") ? "task schedules have no nested properties" : `filterable: ${[...this.fields.values()].join(", ")}`;
      fail(first.pos, `unknown property "${text}" (${why})`);
    }
    return { type: "value", field, kind: this.kinds.get(text.toLowerCase()) ?? "text", name: field };
  }

  /** `path/any(v: expr)`, `path/all(v: expr)`, `path/any()`, `path/count()`, `path/count(v: expr)`. */
  private lambda(path: string, lambda: string, at: Token): Operand {
    if (this.scope) fail(at.pos, `${lambda} cannot be nested inside ${this.scope.collection}/…(${this.scope.variable}: …)`);
    const collection = this.collections.get(path.toLowerCase());
    if (!collection) {
      const known = this.collections.size === 0 ? "task schedules have none" : `collections: ${[...this.collections.values()].map((c) => c.name).join(", ")}`;
      fail(at.pos, `${lambda} needs a collection property; "${path}" is not one (${known})`);
    }
    this.expect("(", `after ${lambda}`);
    let body: Predicate | undefined;
    if (!isPunct(this.peek(), ")")) {
      const variable = this.next();
      if (variable.type !== "word") fail(variable.pos, `expected a variable name in ${lambda}(v: …), got ${describe(variable)}`);
      this.expect(":", `after the variable of ${lambda}(`);
      const kinds = new Map(Object.entries(collection.kinds));
      this.scope = { variable: variable.text, collection: collection.name, fields: new Map([...kinds.keys()].map((k) => [k.toLowerCase(), k])), kinds };
      this.depth++;
      body = this.orExpr();
      this.depth--;
      this.scope = undefined;
    }
    this.expect(")", `to close ${lambda}(`);
    const field = collection.name;
    const name = `${field}/${lambda}(…)`;
    const test = body;
    if (lambda === "count") return { type: "count", count: (r) => (test ? itemsOf(r[field]).filter(test).length : itemsOf(r[field]).length), name };
    if (!test) return { type: "truth", predicate: (r) => itemsOf(r[field]).length > 0, name };
    return {
      type: "truth",
      predicate: lambda === "any" ? (r) => itemsOf(r[field]).some(test) : (r) => itemsOf(r[field]).every(test),
      name,
    };
  }

  /** An OData v2 style trailing `eq true`, `eq false`, `ne true`, `ne false` after a condition. */
  private truthSuffix(predicate: Predicate, name: string): Predicate {
    const operator = this.peek();
    if (!isWord(operator, "eq") && !isWord(operator, "ne")) return predicate;
    this.next();
    const value = this.next();
    if (!isWord(value, "true") && !isWord(value, "false")) fail(value.pos, `${name} compares only with true or false, not ${describe(value)}`);
    return isWord(operator, "ne") !== isWord(value, "false") ? (r) => !predicate(r) : predicate;
  }

  private comparison(): Predicate {
    const operand = this.operand();
    if (operand.type === "truth") return this.truthSuffix(operand.predicate, operand.name);
    const operator = this.next();
    const op = operator.text.toLowerCase();
    if (operand.type === "count") {
      if (operator.type !== "word" || !OPS.has(op)) fail(operator.pos, `expected an operator after "${operand.name}" (eq, ne, gt, ge, lt, le), got ${describe(operator)}`);
      const token = this.next();
      const literal = this.literal(token, operator.text);
      if (literal.type !== "number") fail(token.pos, `${operand.name} is a number: it compares with a number literal, not ${describe(token)}`);
      const test = TESTS[op as Op];
      const count = operand.count;
      return (r) => test(count(r) - literal.value);
    }
    if (operator.type === "word" && op === "in") return this.inList(operand);
    if (operator.type !== "word" || !OPS.has(op)) {
      fail(operator.pos, `expected an operator after "${operand.name}" (eq, ne, gt, ge, lt, le, in), got ${describe(operator)}`);
    }
    return this.typed(operand, op as Op, this.next(), operator.text);
  }

  /** `operand in (literal, literal, …)`: any of the values, each typed as eq would type it. */
  private inList(operand: Extract<Operand, { type: "value" }>): Predicate {
    this.expect("(", "after \"in\"");
    const tests: Predicate[] = [this.typed(operand, "eq", this.next(), "in")];
    while (isPunct(this.peek(), ",")) {
      this.next();
      tests.push(this.typed(operand, "eq", this.next(), "in"));
    }
    this.expect(")", "to close the list after \"in\"");
    return (r) => tests.some((test) => test(r));
  }

  /** Checks the right-hand term against the property's type and builds the comparison. */
  private typed(operand: Extract<Operand, { type: "value" }>, op: Op, token: Token, operator: string): Predicate {
    const { field, kind, name } = operand;
    const literal = this.literal(token, operator);
    if (literal.type === "null") {
      if (op !== "eq" && op !== "ne") fail(token.pos, `null compares only with eq or ne, not ${operator}`);
      const isNull = (r: Record<string, unknown>) => r[field] === null || r[field] === undefined;
      return op === "eq" ? isNull : (r) => !isNull(r);
    }
    const wrong = (expected: string): never => fail(token.pos, `${name} is ${expected} or null, not ${describe(token)}`);
    switch (kind) {
      case "uuid": {
        if (literal.type === "guid") return ordered(field, op, literal.value, readText, byText);
        if (literal.type === "string" && GUID.test(literal.value)) return ordered(field, op, literal.value.toLowerCase(), readText, byText);
        return wrong("a uuid: it compares with guid'…', a uuid string, me.id");
      }
      case "datetime": {
        if (literal.type === "instant" && literal.day === true && (op === "eq" || op === "ne")) {
          const from = literal.value;
          const within = (r: Record<string, unknown>) => {
            const v = readInstant(r[field]);
            return v !== undefined && v >= from && v < from + DAY;
          };
          return op === "eq" ? within : (r) => !within(r);
        }
        const instant = literal.type === "string" ? parseInstant(literal.value) : literal.type === "instant" ? literal.value : undefined;
        if (instant === undefined)
          return wrong("a date-time: it compares with datetime'…', a date-time string, now, today, today±Nd, sow, eow, som, eom");
        return ordered(field, op, instant, readInstant, byNumber);
      }
      case "number":
        if (literal.type !== "number") return wrong("a number: it compares with a number literal");
        return ordered(field, op, literal.value, readNumber, byNumber);
      case "text":
        if (literal.type !== "string") return wrong("text: it compares with a '…' string");
        return ordered(field, op, literal.value.toLowerCase(), readText, byText);
    }
  }

  private literal(token: Token, operator: string): Literal {
    if (token.type === "literal") return token.literal;
    if (token.type === "word") {
      const word = token.text.toLowerCase();
      if (word === "null") return { type: "null" };
      if (word === "true" || word === "false") return { type: "boolean" };
      if (word === "me.id") return { type: "guid", value: this.me.toLowerCase() };
      const today = this.instants.get("today") as number;
      if (word === "today") return { type: "instant", value: today, day: true };
      const offset = DAY_TERM.exec(word);
      if (offset) return { type: "instant", value: today + Number(offset[1]) * DAY, day: true };
      const instant = this.instants.get(word);
      if (instant !== undefined) return { type: "instant", value: instant };
      const term = /^(.*?)[+-]\d+d$/i.exec(word)?.[1];
      if (term !== undefined && this.instants.has(term)) fail(token.pos, `only today takes a day offset (today-30d, today+5d), not "${token.text}"`);
    }
    return fail(token.pos, `expected a value after "${operator}", got ${describe(token)}`);
  }

  /** startswith(x,'s'), endswith(x,'s'), substringof('s',x), x a property or tolower(property); then optionally eq/ne true/false. */
  private call(): Predicate {
    const name = this.next();
    const fn = name.text.toLowerCase();
    if (fn !== "startswith" && fn !== "endswith" && fn !== "substringof") {
      fail(name.pos, `unknown function "${name.text}" (known: startswith, endswith, substringof, tolower)`);
    }
    this.expect("(", `after ${fn}`);
    const argument = (): string => {
      const token = this.next();
      if (token.type !== "literal" || token.literal.type !== "string")
        fail(token.pos, `${fn} expects a '…' string here, got ${describe(token)}`);
      return token.literal.value.toLowerCase();
    };
    const needle = fn === "substringof" ? argument() : "";
    if (fn === "substringof") this.expect(",", `after the first argument of ${fn}`);
    const target = this.peek();
    const operand = this.operand();
    if (operand.type !== "value") fail(target.pos, `${fn} needs a text property, not ${operand.name}`);
    if (operand.kind === "number") fail(target.pos, `${fn} needs a text property; ${operand.field} is a number`);
    const field = operand.field;
    if (fn !== "substringof") this.expect(",", `after the first argument of ${fn}`);
    const text = fn === "substringof" ? needle : argument();
    this.expect(")", `to close ${fn}(`);
    const matches =
      fn === "startswith"
        ? (s: string) => s.startsWith(text)
        : fn === "endswith"
          ? (s: string) => s.endsWith(text)
          : (s: string) => s.includes(text);
    const predicate: Predicate = (r) => {
      const value = readText(r[field]);
      return value !== undefined && matches(value);
    };
    return this.truthSuffix(predicate, `${fn}(…)`);
  }
}
