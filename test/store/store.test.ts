// The store (src/store/store.ts): collections over a frozen, shared base, copy-on-write per
// partition, transactions whose writes are seen by their own reads and kept only on commit,
// reset back to the base by construction, lists in insertion order, memos dropped by every write.
import { expect, test } from "vitest";
import { type Row, Store, StoreBase } from "../../src/store/store.js";

const ids = (rows: Row[]) => rows.map((r) => r["id"]);

function base() {
  return new StoreBase(
    {
      things: { schema: "Thing", key: "id", records: [{ id: 3 }, { id: 1 }, { id: 2 }] },
      parted: { schema: "Thing", key: "id", partition: "p", records: { p1: [{ id: "a" }, { id: "c" }], p2: [{ id: "b" }] } },
    },
    { _sequence: "name" },
  );
}

/** Writes in one transaction and commits it (what a successful request does). */
function write(store: Store, change: (tx: ReturnType<Store["begin"]>) => void) {
  const tx = store.begin();
  change(tx);
  tx.commit();
}

test("lists follow puts, replacements and deletes, in insertion order", () => {
  const store = new Store(base());
  const c = store.collection("things");
  expect(ids(c.list())).toEqual([3, 1, 2]);
  write(store, (tx) => tx.collection("things").put({ id: 4 }));
  expect(ids(c.list())).toEqual([3, 1, 2, 4]);
  write(store, (tx) => tx.collection("things").put({ id: 1, v: "new" }));
  expect(c.list()).toEqual([{ id: 3 }, { id: 1, v: "new" }, { id: 2 }, { id: 4 }]);
  write(store, (tx) => tx.collection("things").delete(3));
  expect(ids(c.list())).toEqual([1, 2, 4]);
});

test("a transaction reads its own writes in place; nothing is seen outside it until it commits", () => {
  const store = new Store(base());
  const tx = store.begin();
  const things = tx.collection("things");
  things.put({ id: 1, v: "changed" });
  things.put({ id: 9 });
  things.delete(2);
  expect(things.list()).toEqual([{ id: 3 }, { id: 1, v: "changed" }, { id: 9 }]);
  expect(things.get(2)).toBeUndefined();
  expect(things.size()).toBe(3);
  expect(ids(store.collection("things").list())).toEqual([3, 1, 2]);
  expect(tx.written().map((w) => [w.collection, w.key, w.record])).toEqual([
    ["things", "1", { id: 1, v: "changed" }],
    ["things", "9", { id: 9 }],
    ["things", "2", undefined],
  ]);
  tx.commit();
  expect(store.collection("things").list()).toEqual([{ id: 3 }, { id: 1, v: "changed" }, { id: 9 }]);
});

test("a transaction that is not committed changes nothing", () => {
  const store = new Store(base());
  const before = store.dump();
  const tx = store.begin();
  tx.collection("things").put({ id: 1, v: "dropped" });
  tx.collection("parted").delete("a", "p1");
  tx.collection("_sequence").put({ name: "thing", highest: 99 });
  expect(store.dump()).toEqual(before);
});

test("stored records are frozen, the base's too: a change in place throws instead of slipping past a transaction", () => {
  const store = new Store(base());
  const stored = store.collection("things").get(1) as Row;
  expect(() => {
    stored["v"] = "x";
  }).toThrow(TypeError);
  const record = { id: 5, nested: { list: [1] } };
  write(store, (tx) => tx.collection("things").put(record));
  expect(() => record.nested.list.push(2)).toThrow(TypeError);
});

test("reset returns every collection to the base, the vendor's bookkeeping included", () => {
  const store = new Store(base());
  write(store, (tx) => {
    tx.collection("things").put({ id: 7 });
    tx.collection("parted").put({ id: "d" }, "p3");
    tx.collection("_sequence").put({ name: "thing", highest: 7 });
  });
  expect(store.dump()["_sequence"]).toEqual([{ name: "thing", highest: 7 }]);
  store.reset();
  expect(store.dump()).toEqual(new Store(base()).dump());
  expect(store.dump()["_sequence"]).toEqual([]);
});

test("stores over one base share its records until they write, and never see each other's writes", () => {
  const shared = base();
  const one = new Store(shared);
  const two = new Store(shared);
  expect(one.collection("things").get(1)).toBe(two.collection("things").get(1));
  write(one, (tx) => tx.collection("things").put({ id: 1, v: "one's" }));
  expect(two.collection("things").get(1)).toEqual({ id: 1 });
  expect(new Store(shared).collection("things").get(1)).toEqual({ id: 1 });
});

test("partitions list apart; all() lists every partition in order", () => {
  const store = new Store(base());
  const c = store.collection("parted");
  expect(ids(c.list("p1"))).toEqual(["a", "c"]);
  expect(ids(c.list("nope"))).toEqual([]);
  expect(ids(c.all())).toEqual(["a", "c", "b"]);
  write(store, (tx) => tx.collection("parted").delete("a", "p1"));
  expect(ids(c.all())).toEqual(["c", "b"]);
  expect(store.dump()["parted"]).toEqual({ p1: [{ id: "c" }], p2: [{ id: "b" }] });
});

test("a caller may sort or change the array it got", () => {
  const store = new Store(base());
  const mine = store.collection("things").list().sort((a, b) => (a["id"] as number) - (b["id"] as number));
  mine.push({ id: 99 });
  expect(ids(store.collection("things").list())).toEqual([3, 1, 2]);
});

test("a memoised value is computed again after any write, never served stale, and a writing transaction computes its own", () => {
  const store = new Store(base());
  let computed = 0;
  const sorted = (c = store.collection("things")) =>
    c.memo("sorted", () => {
      computed++;
      return c.list().sort((a, b) => (b["id"] as number) - (a["id"] as number));
    });
  expect(ids(sorted())).toEqual([3, 2, 1]);
  expect(ids(sorted())).toEqual([3, 2, 1]);
  expect(computed).toBe(1);
  const tx = store.begin();
  expect(ids(sorted(tx.collection("things")))).toEqual([3, 2, 1]);
  expect(computed).toBe(1);
  tx.collection("things").put({ id: 4 });
  expect(ids(sorted(tx.collection("things")))).toEqual([4, 3, 2, 1]);
  expect(ids(sorted())).toEqual([3, 2, 1]);
  tx.commit();
  expect(ids(sorted())).toEqual([4, 3, 2, 1]);
  write(store, (w) => w.collection("things").delete(4));
  expect(ids(sorted())).toEqual([3, 2, 1]);
  store.reset();
  write(store, (w) => w.collection("things").put({ id: 0 }));
  expect(ids(sorted())).toEqual([3, 2, 1, 0]);
});
