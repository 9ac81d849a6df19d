// Cache keys (src/engine/cache.ts) are derived from everything the cached value depends on: the
// code that computes it, as it runs, with every module it imports. A change to any of those files
// is a different key, so an entry written by other code is never read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { moduleClosure, moduleIdentity, readCache, writeCache } from "../../src/engine/cache.js";

const dir = mkdtempSync(join(tmpdir(), "taskmock-cache-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the fixture check's key covers the format checks it runs (a warm cache once kept fixtures the current checks refuse)", () => {
  const files = moduleClosure(new URL("../../src/store/fixtures.ts", import.meta.url).href).map((f) => f.slice(f.indexOf("/src/") + 1));
  expect(files).toEqual(expect.arrayContaining(["src/store/fixtures.ts", "src/engine/schemaCompiler.ts", "src/engine/formats.ts", "src/engine/memo.ts"]));
});

test("changing any module a cached value's code imports changes the key, and the old entry is not read", () => {
  const code = join(dir, "code");
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write("code.js", 'import { helper } from "./helper.js";\nexport const compute = () => helper();\n');
  write("helper.js", 'import "./deep.js";\nexport const helper = () => 1;\n');
  write("deep.js", "export const deep = 1;\n");
  const entry = `${code}.js`;
  expect(moduleClosure(entry).map((f) => f.slice(dir.length + 1))).toEqual(["code.js", "deep.js", "helper.js"]);
  const before = moduleIdentity(entry);

  process.env["TASKMOCK_CACHE_DIR"] = join(dir, "cache");
  try {
    writeCache("test", before, "computed by the old code");
    expect(readCache("test", before)).toBe("computed by the old code");
    // moduleIdentity remembers per process; a fresh name reads the files again, as a new process would.
    write("deep.js", "export const deep = 2;\n");
    const copy = join(dir, "copy.js");
    writeFileSync(copy, 'import { helper } from "./helper.js";\nexport const compute = () => helper();\n');
    const after = moduleIdentity(copy);
    expect(after).not.toBe(before);
    expect(readCache("test", after)).toBeUndefined();
  } finally {
    delete process.env["TASKMOCK_CACHE_DIR"];
  }
});
