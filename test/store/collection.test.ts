// A collection keeps its list between writes (src/store/store.ts): every write must show in the
// next list, in insertion order, and a caller sorting its list must not disturb the next one.
// Values memoised on the collection and readers of its change log see every write too.
import { expect, test } from "vitest";
import { Collection } from "../../src/store/store.js";

const ids = (rows: { id: unknown }[]) => rows.map((r) => r.id);

test("lists follow puts, replacements and deletes, in insertion order", () => {
  const c = new Collection<{ id: number; v?: string }>("things", "id");
  for (const id of [3, 1, 2]) c.put({ id });
  expect(ids(c.list())).toEqual([3, 1, 2]);
  c.put({ id: 4 });
  expect(ids(c.list())).toEqual([3, 1, 2, 4]);
  c.put({ id: 1, v: "new" });
  expect(c.list()).toEqual([{ id: 3 }, { id: 1, v: "new" }, { id: 2 }, { id: 4 }]);
  c.delete(3);
  expect(ids(c.list())).toEqual([1, 2, 4]);
  c.clear();
  expect(c.list()).toEqual([]);
  c.put({ id: 9 });
  expect(ids(c.list())).toEqual([9]);
});

test("a caller may sort or change the array it got", () => {
  const c = new Collection<{ id: number }>("things", "id");
  for (const id of [3, 1, 2]) c.put({ id });
  const mine = c.list().sort((a, b) => a.id - b.id);
  mine.push({ id: 99 });
  expect(ids(c.list())).toEqual([3, 1, 2]);
  expect(ids(c.all())).toEqual([3, 1, 2]);
});

test("partitions list apart; all() lists every partition in order", () => {
  const c = new Collection<{ id: string }>("things", "id");
  c.put({ id: "a" }, "p1");
  c.put({ id: "b" }, "p2");
  c.put({ id: "c" }, "p1");
  expect(ids(c.list("p1"))).toEqual(["a", "c"]);
  expect(ids(c.list("p2"))).toEqual(["b"]);
  expect(ids(c.list("nope"))).toEqual([]);
  expect(ids(c.all())).toEqual(["a", "c", "b"]);
  c.delete("a", "p1");
  expect(ids(c.all())).toEqual(["c", "b"]);
});

test("a memoised value is computed again after any write, never served stale", () => {
  const c = new Collection<{ id: number; v?: string }>("things", "id");
  let computed = 0;
  const sorted = () =>
    c.memo("sorted", () => {
      computed++;
      return c.list().sort((a, b) => b.id - a.id);
    });
  for (const id of [1, 3, 2]) c.put({ id });
  expect(ids(sorted())).toEqual([3, 2, 1]);
  expect(ids(sorted())).toEqual([3, 2, 1]);
  expect(computed).toBe(1);
  c.put({ id: 4 });
  expect(ids(sorted())).toEqual([4, 3, 2, 1]);
  c.put({ id: 3, v: "new" });
  expect(sorted()[1]).toEqual({ id: 3, v: "new" });
  c.delete(4);
  expect(ids(sorted())).toEqual([3, 2, 1]);
  c.clear();
  expect(sorted()).toEqual([]);
  expect(computed).toBe(5);
});

test("the change log lists every write since a version; a clear or a long gap says it cannot tell", () => {
  const c = new Collection<{ id: string }>("things", "id");
  const start = c.version;
  c.put({ id: "a" }, "p1");
  const afterA = c.version;
  c.put({ id: "b" }, "p2");
  c.delete("a", "p1");
  c.delete("missing", "p1"); // no such record: no write
  expect(c.changesSince(start)).toEqual([
    { partition: "p1", key: "a" },
    { partition: "p2", key: "b" },
    { partition: "p1", key: "a" },
  ]);
  expect(c.changesSince(afterA)).toEqual([
    { partition: "p2", key: "b" },
    { partition: "p1", key: "a" },
  ]);
  expect(c.changesSince(c.version)).toEqual([]);
  const beforeClear = c.version;
  c.clear();
  expect(c.changesSince(beforeClear)).toBeUndefined();
  const afterClear = c.version;
  for (let i = 0; i < 5000; i++) c.put({ id: String(i) });
  expect(c.changesSince(afterClear)).toBeUndefined();
  const recent = c.version - 10;
  expect(c.changesSince(recent)?.map((change) => change.key)).toEqual(["4990", "4991", "4992", "4993", "4994", "4995", "4996", "4997", "4998", "4999"]);
});

test("the records written since a version are the ones now stored under those keys", () => {
  const c = new Collection<{ id: string; n: number }>("things", "id");
  c.put({ id: "a", n: 1 });
  const since = c.version;
  c.put({ id: "b", n: 1 });
  c.put({ id: "a", n: 2 });
  c.put({ id: "c", n: 1 });
  c.delete("c");
  expect(c.writtenSince(since)).toEqual([
    { id: "b", n: 1 },
    { id: "a", n: 2 },
  ]);
  expect(c.writtenSince(c.version)).toEqual([]);
  c.clear();
  expect(c.writtenSince(since)).toBeUndefined();
});

test("past the memo's bound a held value is still a hit; a new name empties the others", () => {
  const c = new Collection<{ id: number }>("things", "id");
  c.put({ id: 1 });
  let computed = 0;
  const value = (name: string) =>
    c.memo(name, () => {
      computed++;
      return name;
    });
  for (let i = 0; i < 32; i++) value(`page ${i}`);
  expect(computed).toBe(32);
  // All 32 held: asking again computes nothing.
  for (let i = 0; i < 32; i++) expect(value(`page ${i}`)).toBe(`page ${i}`);
  expect(computed).toBe(32);
  // A 33rd name makes room by emptying the rest.
  value("page 32");
  value("page 0");
  expect(computed).toBe(34);
});
