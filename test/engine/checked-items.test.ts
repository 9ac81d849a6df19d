// A page of records is checked and serialised from each record's verdict and text, made once
// (src/engine/checkedItems.ts). What must hold: the bytes are the page's JSON, a value that can
// change is never taken on an old verdict, and a breach anywhere is still refused, named as the
// whole schema's validator names it.
// The memory a page is written from is reused once the page was written, never before.
import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../src/engine/openapi.js";
import { joinItems } from "../../src/engine/checkedItems.js";
import { type CompiledResponse, compileSpec } from "../../src/engine/operation.js";
import type { Row, State } from "../../src/store/store.js";
import { mockOf } from "../helpers/mock.js";

const doc = (list: Record<string, unknown> = {}): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      get: {
        operationId: "listThings",
        responses: {
          "200": {
            description: "a page",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" }, ...list } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        additionalProperties: false,
        required: ["id", "name"],
        properties: { id: { type: "integer" }, name: { type: "string", maxLength: 10 }, tags: { type: "array", items: { type: "string" } } },
      },
    },
    responses: {
      RouteNotFound: { description: "no" },
      MethodNotAllowed: { description: "no" },
    },
  },
});

const pageOf = (spec = compileSpec("toy", doc())): CompiledResponse => spec.byId.get("listThings")?.responses.get(200) as CompiledResponse;
const frozen = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
};

describe("a page of checked items", () => {
  test("its bytes are the page's JSON, byte for byte, and the page is frozen with its records", () => {
    const page = pageOf();
    const items = [frozen({ id: 1, name: "one", tags: ["a", "é", "\u{1F600}"] }), frozen({ id: 2, name: "two\n\"q\"" })];
    for (let round = 0; round < 2; round++) {
      const body = [...items];
      const checked = page.check(body);
      expect(checked.violations).toEqual([]);
      expect(checked.bytes?.equals(Buffer.from(JSON.stringify(body)))).toBe(true);
      expect(Object.isFrozen(body)).toBe(true);
    }
    expect(page.check([]).bytes?.toString()).toBe("[]");
  });

  test("pages made one after another keep their own bytes (past the buffer they are cut from)", () => {
    const page = pageOf();
    const kept: { body: unknown[]; bytes: Buffer | undefined }[] = [];
    for (let i = 0; i < 2000; i++) {
      const body = [frozen({ id: i, name: "one", tags: [String(i).repeat(300), "x".repeat(i % 700)] }), frozen({ id: 100_000 + i, name: "two" })];
      kept.push({ body, bytes: page.check(body).bytes });
    }
    expect(kept.reduce((sum, { bytes }) => sum + (bytes?.length ?? 0), 0)).toBeGreaterThan(2 ** 21);
    for (const { body, bytes } of kept) expect(bytes?.toString()).toBe(JSON.stringify(body));
  });

  test("an item that can change is checked again every time: unfrozen, a getter, or unfrozen inside", () => {
    const page = pageOf();
    const loose = { id: 1, name: "one" };
    let name = "short";
    const getter = Object.freeze(Object.defineProperty({ id: 2 }, "name", { get: () => name, enumerable: true }));
    const inner = { tags: ["a"] as unknown[] };
    const nested = Object.freeze({ id: 3, name: "three", tags: inner.tags });
    for (const body of [[loose], [getter], [nested]]) {
      const checked = page.check(body);
      expect(checked.violations).toEqual([]);
      expect(checked.bytes).toBeUndefined(); // serialised whole, as JSON.stringify does
      expect(checked.text).toBe(JSON.stringify(body));
    }
    loose.name = "far too long a name";
    name = "far too long a name";
    inner.tags.push(5);
    expect(page.check([loose]).violations).toMatchObject([{ pointer: "/0/name", rule: "maxLength" }]);
    expect(page.check([getter]).violations).toMatchObject([{ pointer: "/0/name", rule: "maxLength" }]);
    expect(page.check([nested]).violations).toMatchObject([{ pointer: "/0/tags/1", rule: "type" }]);
  });

  test("a page with a bad item among remembered ones is refused, its violations those of the whole schema's validator", () => {
    const spec = compileSpec("toy", doc());
    const good = [frozen({ id: 1, name: "one" }), frozen({ id: 2, name: "two" })];
    expect(pageOf(spec).check([...good]).violations).toEqual([]); // now remembered
    const bad = frozen({ id: "3", name: "far too long a name" });
    const body = [good[0], bad, good[1]];
    const violations = pageOf(spec).validate(body);
    expect(violations.map((v) => `${v.pointer} ${v.rule}`).sort()).toEqual(["/1/id type", "/1/name maxLength"]);
    // A spec compiled afresh (nothing remembered) names the same violations.
    expect(pageOf(compileSpec("toy", doc())).check(body).violations).toEqual(violations);
    expect(pageOf(spec).check({ not: "a list" }).violations).toMatchObject([{ pointer: "/", rule: "type" }]);
  });

  test("a list schema with keywords that look into the items is checked whole", () => {
    const page = pageOf(compileSpec("toy", doc({ contains: { properties: { id: { const: 7 } } }, maxItems: 2 })));
    const items = [frozen({ id: 1, name: "one" })];
    expect(page.check(items).violations.map((v) => v.rule)).toContain("contains");
    expect(page.check([frozen({ id: 7, name: "seven" })]).violations).toEqual([]);
    expect(page.check([frozen({ id: 7, name: "seven" }), items[0], items[0]]).violations.map((v) => v.rule)).toEqual(["maxItems"]);
  });
});

describe("awork's list page", () => {
  const bearer = { authorization: "Bearer taskmock-admin" };
  const list = (app: ReturnType<typeof mockOf>, query = "pageSize=50") => app.request(`/api/v1/taskschedules?${query}`, { headers: bearer });
  const aSchedule = (app: ReturnType<typeof mockOf>) => app.mock.state("awork")["taskSchedules"] as Row[];

  test("answers its JSON with the right length, and the journal keeps the page as sent", async () => {
    const app = mockOf("awork");
    for (const query of ["pageSize=50", "pageSize=50", "page=1&pageSize=1&orderby=startDate desc", "filterby=plannedDuration gt 0"]) {
      const res = await list(app, query);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      const entry = app.mock.journal.entries().at(-1);
      expect(entry?.response?.body).toEqual(JSON.parse(text));
      expect(Object.isFrozen(entry?.response?.body)).toBe(false); // the reader's own copy
    }
    expect(app.reports).toEqual([]);
  });

  test("a record made invalid in the store, through it or behind its back, is refused: 500 response-violation, reported", async () => {
    const app = mockOf("awork");
    expect((await list(app)).status).toBe(200); // every record checked and remembered
    const [first] = aSchedule(app);
    // A stored record cannot be changed in place.
    expect(() => {
      (first as Row)["plannedDuration"] = -1;
    }).toThrow(TypeError);
    // Through the store: a new record (a new value, never checked) that breaks the schema.
    app.mock.update("awork", (state: State) => {
      state.collection("taskSchedules").put({ ...first, plannedDuration: -1 });
    });
    let res = await list(app);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({
      type: "urn:taskmock:problem:response-violation",
      violations: [{ pointer: "/0/plannedDuration", rule: "minimum" }],
    });
    expect(app.reports).toHaveLength(1);
    // Behind the store's back: its own map of records given an invalid one, frozen as put would.
    app.mock.update("awork", (state: State) => {
      state.collection("taskSchedules").put({ ...first });
    });
    expect((await list(app)).status).toBe(200);
    app.mock.update("awork", (state: State) => {
      const committed = (state.collection("taskSchedules") as unknown as { committed: Record<string, Map<string, unknown>> }).committed;
      const records = (committed["parts"] as unknown as Map<string, Map<string, Row>>).get("") as Map<string, Row>;
      records.set(String(first?.["id"]), Object.freeze({ ...first, createdBy: "not a uuid" }));
      (committed["snapshots"] as Map<string, unknown>).clear();
      (committed["memos"] as Map<string, unknown>).clear();
    });
    res = await list(app);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ violations: [{ pointer: "/0/createdBy", rule: "format" }] });
    expect(app.reports).toHaveLength(2);
  });
});

describe("the memory a page is written from (slabs, reused)", () => {
  // Parts as matchItems gives them: each record's text with a comma before it.
  const partsOf = (tag: string, count = 100) => Array.from({ length: count }, (_, i) => Buffer.from(`,{"id":${i},"tag":"${tag}","pad":"${"x".repeat(380)}"}`));
  const textOf = (parts: Buffer[]) => `[${parts.map((p) => p.toString().slice(1)).join(",")}]`;

  test("a page released after it was written gives its slab back; one not released keeps its bytes", () => {
    const kept = joinItems(partsOf("kept"));
    const keptText = textOf(partsOf("kept"));
    expect(kept.bytes.toString()).toBe(keptText);
    expect(kept.recycle).toBeTypeOf("function");
    const slabs = new Set<ArrayBufferLike>();
    const inKeptSlab: boolean[] = [];
    const parts = partsOf("busy");
    // About twenty-five pages to a slab: 400 pages written and released, one after the other.
    for (let i = 0; i < 400; i++) {
      const page = joinItems(parts);
      expect(page.bytes.toString()).toBe(textOf(parts));
      slabs.add(page.bytes.buffer);
      inKeptSlab.push(page.bytes.buffer === kept.bytes.buffer);
      page.recycle?.();
      page.recycle?.(); // a second call changes nothing
    }
    // The slabs were reused (sixteen would be needed otherwise), and the kept page's never again
    // once pages were cut from another.
    expect(slabs.size).toBeLessThanOrEqual(3);
    const left = inKeptSlab.indexOf(false);
    expect(left).toBeGreaterThan(0);
    expect(inKeptSlab.slice(left).includes(true)).toBe(false);
    expect(kept.bytes.toString()).toBe(keptText);
    kept.recycle?.();
  });

  test("a slab waits for every page cut from it, even with one page released twice", () => {
    const [first, second, third] = ["a", "b", "c"].map((tag) => joinItems(partsOf(tag)));
    expect(new Set([first, second, third].map((page) => page?.bytes.buffer)).size).toBe(1); // cut from one slab
    const parts = partsOf("d");
    // Pages until that slab is full and another is cut from; then the first page released twice, the third once.
    for (let i = 0; i < 40; i++) joinItems(parts).recycle?.();
    first?.recycle?.();
    first?.recycle?.();
    third?.recycle?.();
    // Then pages written while others are still in flight (each released sixty pages later), so
    // that slabs given back are taken again.
    const inFlight: (() => void)[] = [];
    for (let i = 0; i < 400; i++) {
      inFlight.push(joinItems(parts).recycle ?? (() => {}));
      if (inFlight.length > 60) inFlight.shift()?.();
    }
    for (const recycle of inFlight) recycle();
    expect(second?.bytes.toString()).toBe(textOf(partsOf("b")));
  });
});
