// Validators are compiled on first use (src/engine/operation.ts), so a start no longer compiles
// them all: this compiles every one of every spec, so a schema ajv refuses still fails a build.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { compileSpec, compileValidators as compileAll } from "../../src/engine/operation.js";
import { allSpecs } from "../helpers/specs.js";

describe.each(allSpecs().map((s) => [s.vendor, s] as const))("%s", (vendor, { doc }) => {
  test("every operation's parameter, body and response validators compile and run", () => {
    expect(() => compileAll(compileSpec(vendor, doc))).not.toThrow();
  });

  test("a validator is compiled once and kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "taskmock-once-"));
    const saved = process.env["TASKMOCK_CACHE_DIR"];
    try {
      process.env["TASKMOCK_CACHE_DIR"] = dir;
      const spec = compileSpec(vendor, doc);
      const operation = spec.operations.find((op) => op.requestBody);
      expect(operation, `${vendor} has an operation with a body`).toBeDefined();
      const first = operation?.validateBody({ unknown: true });
      // A compile writes its code to the cache: one entry, and none more when the validator is used again.
      const written = readdirSync(join(dir, "validators")).length;
      expect(written).toBe(1);
      expect(operation?.validateBody({ unknown: true })).toEqual(first);
      expect(readdirSync(join(dir, "validators")).length).toBe(written);
    } finally {
      if (saved === undefined) delete process.env["TASKMOCK_CACHE_DIR"];
      else process.env["TASKMOCK_CACHE_DIR"] = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A validator's code is kept in the cache (src/engine/schemaCompiler.ts) and evaluated by a later
// start instead of compiling: it must find exactly what a fresh compile finds.
describe("validators from the cache", () => {
  /** Every string in a value turned into a number, every number into a string: breaks types everywhere. */
  const scramble = (value: unknown): unknown => {
    if (typeof value === "string") return 5;
    if (typeof value === "number") return "5";
    if (Array.isArray(value)) return value.map(scramble);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scramble(v)]));
    return value;
  };

  test.each(allSpecs().map((s) => [s.vendor, s] as const))("%s: the same violations as a fresh compile", (vendor, { doc }) => {
    const saved = process.env["TASKMOCK_CACHE_DIR"];
    const dir = mkdtempSync(join(tmpdir(), "taskmock-cache-"));
    try {
      process.env["TASKMOCK_CACHE_DIR"] = dir;
      // Validators compile on first use: use each one while the cache is on.
      const first = compileAll(compileSpec(vendor, doc)); // compiles, writes the code
      expect(readdirSync(join(dir, "validators")).length).toBeGreaterThan(0);
      const second = compileAll(compileSpec(vendor, doc)); // reads the code
      process.env["TASKMOCK_CACHE_DIR"] = "off";
      const fresh = compileSpec(vendor, doc);
      let compared = 0;
      for (const [index, operation] of fresh.operations.entries()) {
        const others = [first.operations[index], second.operations[index]];
        for (const [status, response] of operation.responses) {
          if (!response.hasBody) continue;
          const probes = [{}, [], null, ...[...response.examples.values()].flatMap((e) => [e, scramble(e)])];
          for (const probe of probes) {
            const expected = response.validate(probe);
            for (const other of others)
              expect(other?.responses.get(status)?.validate(probe), `${operation.operationId} ${status}`).toEqual(expected);
            compared++;
          }
        }
        for (const probe of [{}, { unknown: 1 }, scramble({ a: "b" })]) {
          const expected = operation.validateBody(probe);
          for (const other of others) expect(other?.validateBody(probe)).toEqual(expected);
        }
        const input = { path: { id: "x" }, query: { page: "-1", limit: "abc" }, headers: {} };
        const expected = operation.validateParameters(input);
        for (const other of others) expect(other?.validateParameters(input)).toEqual(expected);
      }
      expect(compared).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env["TASKMOCK_CACHE_DIR"];
      else process.env["TASKMOCK_CACHE_DIR"] = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
