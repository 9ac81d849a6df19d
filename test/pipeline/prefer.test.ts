// Reading the Prefer header the way Prism does, with the __code/__example/__dynamic fallbacks.
import { expect, test } from "vitest";
import { isForced, readPreference } from "../../src/engine/prefer.js";

test.each([
  ["code=404", {}, { code: 404 }],
  ["code=404, example=notFound, dynamic=true", {}, { code: 404, example: "notFound", dynamic: true }],
  ['example="seed"', {}, { example: "seed" }],
  ["respond-async; code=503", {}, { code: 503 }],
  [undefined, { __code: "429", __dynamic: "false" }, { code: 429, dynamic: false }],
  ["code=400", { __code: "500" }, { code: 400 }],
  [undefined, {}, {}],
])("Prefer %j with query %j reads as %j", (header, query, preference) => {
  expect(readPreference(header, query)).toEqual({ ok: true, preference });
});

test.each([["code=abc"], ["code=99"], ["code=600"], ["dynamic=yes"]])("Prefer %j is refused with a reason", (header) => {
  const result = readPreference(header, {});
  expect(result.ok).toBe(false);
  expect(!result.ok && result.detail).toContain(header.split("=")[1]);
});

test("only a code, an example or dynamic=true force a response", () => {
  expect(isForced({})).toBe(false);
  expect(isForced({ dynamic: false })).toBe(false);
  expect(isForced({ dynamic: true })).toBe(true);
  expect(isForced({ example: "x" })).toBe(true);
});
