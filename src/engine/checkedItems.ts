// A list answer's items, checked and serialised once each instead of once per answer.
//
// A page of 100 stored records used to cost its answer two walks of every record: ajv checked all
// of them against the item schema (700 format checks for awork's page) and JSON.stringify wrote
// them all again, although the same frozen records had passed the same check in the answer
// before. Here a response whose schema is an array of one `$ref` is checked as its envelope (the
// array schema with `items: true`) plus each item against the `$ref`, and an item already known
// to pass it is not checked again; its JSON text, made (as UTF-8) once when it was first found
// valid, is what the answer's bytes are joined from.
//
// Invariant (why a remembered verdict and text are still right): only a deep-frozen value of
// plain JSON data is remembered: strings, booleans, null, finite numbers other than -0, and
// frozen arrays (without holes) and plain objects whose own enumerable properties are all data
// properties (no getters) holding such values. Freezing cannot be undone and a frozen data property cannot be
// reassigned, so such a value can never change. ajv's validators of the response compiler are
// pure functions of the value (no coercion, no defaults, no removal of properties; formats are
// pure) and JSON.stringify is a pure function of such a value, so the verdict for one validator
// and the text stay what they were when they were made (and JSON.parse of the text gives the
// value back). The store deep-freezes every record it keeps (store.ts), so a page of stored
// records is a page of such values; anything else (a handler's fresh object, a record put into a
// collection's map past `put`, unfrozen) is not remembered and is checked whole, as before.
// Verdicts are kept per validator (one per `$ref` and spec), by the value's identity, weakly (a
// record that leaves the store and the journal leaves these too). This is a memo by the
// project's rule: `npm run bench` measures it (TASKMOCK_MEMO_OFF=checked items).
//
// Equivalence: in JSON Schema 2020-12, `{type: array, items: S, …}` without prefixItems,
// contains or unevaluatedItems holds for a value iff the same schema with `items: true` holds
// for it and every element holds against S; JSON.stringify of an array of objects is "[" + the
// elements' JSON.stringify joined by "," + "]". A page that fails anywhere is checked again by
// the whole schema's validator, so its violations are reported exactly as before.
import type { ValidateFunction } from "ajv/dist/2020.js";
import { memoOff } from "./memo.js";
import type { JsonSchema } from "./openapi.js";

/** The benchmark's switch (TASKMOCK_MEMO_OFF=checked items): every item checked and serialised with its page. */
const off = memoOff("checked items");

/** Keywords of an array schema that the envelope (the schema with `items: true`) checks exactly as the whole schema does. */
const ENVELOPE_KEYWORDS = new Set([
  "type",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** The parts of a list schema: the array itself with `items: true`, and the `$ref` every item must match. */
export interface ListSchema {
  envelope: JsonSchema;
  itemRef: string;
}

/** A response schema that is an array of one `$ref` (awork's pages), split into envelope and item; undefined for any other. */
export function listSchema(schema: JsonSchema | undefined): ListSchema | undefined {
  if (off || typeof schema !== "object" || schema === null || schema["type"] !== "array") return undefined;
  const items = schema["items"] as Record<string, unknown> | undefined;
  if (typeof items !== "object" || items === null || Object.keys(items).length !== 1 || typeof items["$ref"] !== "string") return undefined;
  if (!Object.keys(schema).every((key) => ENVELOPE_KEYWORDS.has(key) || key.startsWith("x-"))) return undefined;
  return { envelope: { ...schema, items: true }, itemRef: items["$ref"] };
}

/**
 * Each remembered value's JSON text as UTF-8, with a comma before it (a list's elements but its
 * first are written so); made once per value, shared by every validator that found it valid.
 */
const texts = new WeakMap<object, Buffer>();
/** item validator → each value it found valid (remembered) → its text, from `texts`. */
const verdicts = new WeakMap<ValidateFunction, WeakMap<object, Buffer>>();

/** Whether a value is plain JSON data, frozen all the way down (see the invariant above). */
function deepFrozenJson(value: unknown): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "boolean") return true;
  // JSON.parse of the text gives the number back (not so for NaN, ±Infinity, which become null, nor -0).
  if (type === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (type !== "object" || !Object.isFrozen(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value as object);
  if (Array.isArray(value) && keys.length !== value.length) return false; // a hole, which JSON writes as null
  for (const key of keys) {
    const property = Object.getOwnPropertyDescriptor(value, key);
    if (property === undefined || !("value" in property) || !deepFrozenJson(property.value)) return false;
  }
  return true;
}

/** A value newly found valid by a validator: remembered when it can never change, with its text. */
function remember(known: WeakMap<object, Buffer>, value: unknown): Buffer | undefined {
  if (typeof value !== "object" || value === null || !deepFrozenJson(value)) return undefined;
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = Buffer.from(`,${JSON.stringify(value)}`)));
  known.set(value, text);
  return text;
}

/**
 * Whether every element of `list` matches `item`: a remembered value is not checked again, and a
 * newly checked one is remembered when it can never change. "invalid" at the first element that
 * does not match; when every element is remembered, the parts of the list's text, to be joined by
 * `joinItems`; else "valid" (the list is then serialised whole).
 */
export function matchItems(item: ValidateFunction, list: readonly unknown[]): Buffer[] | "valid" | "invalid" {
  let known = verdicts.get(item);
  if (known === undefined) verdicts.set(item, (known = new WeakMap()));
  // Made at its length (a page of 100 grown by push allocated its elements seven times over).
  const parts = new Array<Buffer>(list.length);
  let remembered = true;
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    let text = typeof value === "object" && value !== null ? known.get(value) : undefined;
    if (text === undefined) {
      if (!item(value)) return "invalid";
      text = remember(known, value);
      if (text === undefined) remembered = false;
    }
    if (remembered) parts[i] = text as Buffer;
  }
  return remembered ? parts : "valid";
}

/** Pages are cut from slabs of this size (a page larger than a quarter of it gets its own buffer). */
const SLAB = 1 << 20;
/** The benchmark's switch (TASKMOCK_MEMO_OFF=page slabs): a slab is never reused, every slab a new allocation. */
const slabsOff = memoOff("page slabs");
/** The most slabs kept for reuse once every page cut from them was written (4 MB). */
const KEPT_SLABS = 4;

/**
 * A slab and the pages cut from it that are not written yet. Why the pages' memory is reused:
 * a page of 100 awork records is about 40 KB, and at 25,000 pages a second a fresh slab per
 * twenty pages is a gigabyte of memory outside V8's heap each second. V8 counts such memory
 * and, past a bound it sets after each full collection, starts a full collection for it. Once V8
 * has shrunk its heap after the server sat idle (its memory reducer), that bound stays low and the
 * page's server spends most of its time in full collections: in a probe of the awork list, 115 µs
 * of CPU per answer after 30 s idle instead of 33 before it (and 149 µs in the load rounds of the
 * `npm run bench` run before this change). A slab whose pages were all written is cut again
 * instead, so the pages allocate nothing.
 *
 * Invariant (why a reused slab never changes bytes still to be sent): a slab is reused only when
 * it is no longer the one pages are cut from and every page cut from it was released, and a
 * page is released at most once, by `recycle` of the one answer it was made for, called when no
 * one reads it any more: the writer calls it once Node reported the answer written (its `end`
 * callback: the socket's write completed) or once it copied the bytes (a web Response). A page
 * that is never released (a connection that closed before its answer was written, an answer not
 * written through the writer) keeps its slab out of reuse: that slab is left to the garbage
 * collector like any other buffer. Nothing else may keep a page's bytes past its answer:
 * `bodyBytes` is read only by the writer, the journal (which keeps the frozen value or a copy
 * of the text, engine/journal.ts) and `bodyText` (a copy).
 */
interface Slab {
  bytes: Buffer;
  /** Pages cut from it not released yet. */
  pending: number;
  /** Pages are no longer cut from it (it is full). */
  retired: boolean;
}
let current: Slab = { bytes: Buffer.allocUnsafeSlow(0), pending: 0, retired: false };
let used = 0;
const kept: Slab[] = [];

function reuse(slab: Slab): void {
  if (kept.length >= KEPT_SLABS) return; // the garbage collector frees it
  slab.retired = false;
  kept.push(slab);
}

/** A page of `length` bytes and how to give its memory back: a slice of the current slab, or a buffer of its own. */
function pageBuffer(length: number): { bytes: Buffer; recycle?: () => void } {
  if (length > SLAB / 4) return { bytes: Buffer.allocUnsafeSlow(length) };
  if (used + length > current.bytes.length) {
    current.retired = true;
    if (current.pending === 0 && current.bytes.length === SLAB) reuse(current);
    current = kept.pop() ?? { bytes: Buffer.allocUnsafeSlow(SLAB), pending: 0, retired: false };
    used = 0;
  }
  const slab = current;
  const bytes = slab.bytes.subarray(used, used + length);
  used += length;
  slab.pending++;
  let released = false;
  const recycle = () => {
    if (released) return;
    released = true;
    slab.pending--;
    if (slab.retired && slab.pending === 0) reuse(slab);
  };
  return slabsOff ? { bytes } : { bytes, recycle };
}

/**
 * A list's JSON text as UTF-8, joined from its elements' texts (matchItems's parts): the same
 * bytes as Buffer.from(JSON.stringify(list)). (JSON.stringify escapes lone surrogates, so each
 * element's text is well-formed and the UTF-8 of the whole is the UTF-8 of its parts, joined.)
 * With `recycle` where the bytes were cut from a slab: call it once they are written (see Slab).
 */
export function joinItems(parts: Buffer[]): { bytes: Buffer; recycle?: () => void } {
  if (parts.length === 0) return { bytes: Buffer.from("[]") };
  let length = 1; // "[" and "]", less the first element's comma
  for (let i = 0; i < parts.length; i++) length += (parts[i] as Buffer).length;
  const page = pageBuffer(length);
  const out = page.bytes;
  out.set(parts[0] as Buffer, 0);
  out[0] = 0x5b; // "[" over the first element's comma
  let at = (parts[0] as Buffer).length;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as Buffer;
    out.set(part, at);
    at += part.length;
  }
  out[at] = 0x5d; // "]"
  return page;
}
