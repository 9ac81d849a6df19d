// sortBy reads each key once per record (src/vendors/common.ts) and must order exactly as a sort
// with compareBy does, ties and odd values included; sortedMatches, which filters a list sorted
// beforehand, must give what sorting the matches gives.
import { describe, expect, test } from "vitest";
import { compareBy, type SortKey, sortBy, sortedMatches } from "../../src/vendors/common.js";

interface Row {
  id: number;
  at?: unknown;
  name?: unknown;
}

const byAtThenName: SortKey<Row>[] = [{ read: (r) => r.at, descending: true }, { read: (r) => r.name }];

/** Rows whose keys are given as [at, name]; ids follow insertion order. */
const rows = (...keys: [unknown, unknown][]): Row[] => keys.map(([at, name], id) => ({ id, at, name }));

const cases: [string, Row[]][] = [
  ["numbers with ties (stable)", rows([2, "b"], [1, "a"], [2, "b"], [3, "c"], [2, "a"], [1, "a"])],
  ["strings", rows(["2026-01-02", "x"], ["2026-01-01", "y"], ["2026-01-02", "a"])],
  ["null and undefined keys", rows([null, "b"], [1, undefined], [undefined, "a"], [null, null], [1, "a"])],
  ["NaN keys", rows([Number.NaN, "a"], [1, "b"], [Number.NaN, "c"], [0, "d"], [2, "e"])],
  ["numbers mixed with strings", rows([1, "a"], ["1", "b"], [2, "c"], ["10", "d"], [0, "e"])],
  ["nothing", []],
];

describe("sortBy orders as .sort(compareBy(keys)) does", () => {
  test.each(cases)("%s", (_name, given) => {
    const want = given.slice().sort(compareBy(byAtThenName));
    expect(sortBy(given, byAtThenName).records).toEqual(want);
    // The input is left as it was.
    expect(given.map((r) => r.id)).toEqual([...given.keys()]);
  });
});

describe("sortedMatches gives the sorted matches, however the keys look", () => {
  const evenIds = (r: Row) => r.id % 2 === 0;
  test.each(cases)("%s", (_name, given) => {
    const want = given.filter(evenIds).sort(compareBy(byAtThenName));
    expect(sortedMatches(sortBy(given, byAtThenName), () => given, byAtThenName, evenIds)).toEqual(want);
    expect(sortedMatches(sortBy(given, byAtThenName), () => given, byAtThenName)).toEqual(given.slice().sort(compareBy(byAtThenName)));
  });

  test("numbers or strings with one kind of nullish are consistent; NaN, mixed types or both nullish kinds are not", () => {
    const consistent = (given: Row[]) => sortBy(given, byAtThenName).consistent;
    expect(consistent(rows([2, "b"], [1, "a"], [null, "c"]))).toBe(true);
    expect(consistent(rows(["x", "b"], [undefined, undefined]))).toBe(true);
    expect(consistent(rows([Number.NaN, "a"]))).toBe(false);
    expect(consistent(rows([1, "a"], ["1", "a"]))).toBe(false);
    expect(consistent(rows([null, "a"], [undefined, "b"]))).toBe(false);
  });
});
