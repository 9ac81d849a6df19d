// A collection keeps its list between writes (src/store/store.ts): every write must show in the
// next list, in insertion order, and a caller sorting its list must not disturb the next one.
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
