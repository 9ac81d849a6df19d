// memoized (src/engine/memo.ts) answers what the function answers, computes a key once while
// it is held, and holds a bounded number of keys.
import { expect, test } from "vitest";
import { memoized } from "../../src/engine/memo.js";

test("each key is computed once while held; past the limit the held keys are dropped", () => {
  const computed: string[] = [];
  const length = memoized("test length", (key) => {
    computed.push(key);
    return key.length;
  }, 2);
  expect([length("a"), length("bb"), length("a"), length("bb")]).toEqual([1, 2, 1, 2]);
  expect(computed).toEqual(["a", "bb"]);
  // A third key empties the two held ones.
  expect(length("ccc")).toBe(3);
  expect(length("a")).toBe(1);
  expect(computed).toEqual(["a", "bb", "ccc", "a"]);
});

test("a refusal is remembered as an answer like any other", () => {
  let calls = 0;
  const check = memoized("test check", (key): { ok: boolean } => {
    calls++;
    return { ok: key !== "bad" };
  });
  expect(check("bad")).toEqual({ ok: false });
  expect(check("bad")).toEqual({ ok: false });
  expect(calls).toBe(1);
});
