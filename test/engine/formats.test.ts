// The formats validators check (src/engine/formats.ts) are ajv-formats' own checks with each
// verdict remembered per string: the same verdicts, first time and every time after, from a fresh
// compile and from a validator's cached code alike.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Format, FormatDefinition } from "ajv";
import { afterEach, describe, expect, test } from "vitest";
import { rememberedFormats } from "../../src/engine/formats.js";
import type { OpenApiDocument } from "../../src/engine/openapi.js";
import { createSchemaCompiler } from "../../src/engine/schemaCompiler.js";

const { fullFormats } = createRequire(import.meta.url)("ajv-formats/dist/formats") as { fullFormats: Record<string, Format> };

/** A format's verdict on a string, however the format is written (RegExp, function or definition). */
function verdict(format: Format | undefined, value: string): boolean {
  if (format === undefined) throw new Error("no such format");
  if (format === true) return true;
  if (format instanceof RegExp) return format.test(value);
  if (typeof format === "function") return format(value);
  if (typeof format === "string") return new RegExp(format).test(value);
  const validate = (format as FormatDefinition<string>).validate;
  return validate instanceof RegExp ? validate.test(value) : typeof validate === "string" ? new RegExp(validate).test(value) : validate(value);
}

const longFraction = `2026-01-05T08:00:00.${"1".repeat(60)}Z`;
const samples: Record<string, string[]> = {
  "date-time": [
    "2026-01-05T08:00:00Z",
    "2026-01-05T08:00:00.123+05:30",
    "2028-02-29T00:00:00Z", // a leap day
    "2026-02-29T00:00:00Z", // 2026 has none
    "2026-13-01T00:00:00Z",
    "2026-01-05T24:00:00Z",
    "2026-01-05T08:00:00", // no offset
    "2026-12-31T23:59:60Z", // a leap second
    "2026-01-05 08:00:00Z",
    longFraction,
    `${longFraction}x`,
    "",
  ],
  date: ["2026-01-05", "2026-02-29", "2024-02-29", "2026-1-5", ""],
  time: ["08:00:00Z", "08:00:00", "25:00:00Z", "08:00:00.5-03:00"],
  uuid: ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000", "urn:uuid:123e4567-e89b-12d3-a456-426614174000"],
  email: ["ops@example.com", "ops@", "not an address"],
  uri: ["https://example.com/tasks?id=1", "/relative", "https://exa mple.com"],
};

describe("rememberedFormats", () => {
  const remembered = rememberedFormats(fullFormats);

  test.each(Object.entries(samples))("%s: ajv-formats' verdict on every string, the first time and again", (name, values) => {
    for (const value of values) {
      const expected = verdict(fullFormats[name], value);
      expect([verdict(remembered[name], value), verdict(remembered[name], value)], `${name} ${JSON.stringify(value)}`).toEqual([expected, expected]);
    }
    // The samples hold both verdicts, so a format that answered one thing throughout would fail.
    expect(new Set(values.map((value) => verdict(fullFormats[name], value)))).toEqual(new Set([true, false]));
  });

  test("every format is still there; number formats and formats that check nothing are left as they are", () => {
    expect(Object.keys(remembered).sort()).toEqual(Object.keys(fullFormats).sort());
    expect(remembered["int32"]).toBe(fullFormats["int32"]);
    expect(remembered["binary"]).toBe(fullFormats["binary"]);
    // date-time keeps its comparison, for formatMinimum and formatMaximum.
    expect((remembered["date-time"] as FormatDefinition<string>).compare).toBe((fullFormats["date-time"] as FormatDefinition<string>).compare);
  });

  test("a short string is checked once while remembered; a long one every time", () => {
    const seen: string[] = [];
    const formats = rememberedFormats({
      word: (value: string) => {
        seen.push(value);
        return /^[a-z]+$/.test(value);
      },
    });
    const long = "a".repeat(65);
    for (let i = 0; i < 3; i++) {
      expect(verdict(formats["word"], "abc")).toBe(true);
      expect(verdict(formats["word"], "ab1")).toBe(false);
      expect(verdict(formats["word"], long)).toBe(true);
    }
    expect(seen).toEqual(["abc", "ab1", long, long, long]);
  });
});

describe("validators check formats the same from a fresh compile and from cached code", () => {
  const doc = { openapi: "3.1.0", info: { title: "formats", version: "1" }, paths: {} } as unknown as OpenApiDocument;
  const schema = {
    type: "object",
    properties: { at: { type: "string", format: "date-time" }, id: { type: "string", format: "uuid" } },
  } as const;
  const saved = process.env["TASKMOCK_CACHE_DIR"];
  const dirs: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env["TASKMOCK_CACHE_DIR"];
    else process.env["TASKMOCK_CACHE_DIR"] = saved;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test("a remembered verdict never stands in for another string's", () => {
    const dir = mkdtempSync(join(tmpdir(), "taskmock-formats-"));
    dirs.push(dir);
    process.env["TASKMOCK_CACHE_DIR"] = dir;
    const compiled = createSchemaCompiler(doc).compile(schema); // compiles, writes the code
    expect(readdirSync(join(dir, "validators")).length).toBe(1);
    const fromCache = createSchemaCompiler(doc).compile(schema); // evaluates that code
    for (const validate of [compiled, fromCache, compiled, fromCache]) {
      expect(validate({ at: "2028-02-29T00:00:00Z", id: "123e4567-e89b-12d3-a456-426614174000" })).toBe(true);
      expect(validate({ at: "2026-02-29T00:00:00Z" })).toBe(false);
      expect(validate.errors?.[0]).toMatchObject({ instancePath: "/at", keyword: "format", params: { format: "date-time" } });
      expect(validate({ id: "123e4567-e89b-12d3-a456-42661417400" })).toBe(false);
      expect(validate.errors?.[0]).toMatchObject({ instancePath: "/id", keyword: "format", params: { format: "uuid" } });
    }
  });
});
