// A start with a filled cache answers its first request without ajv's compiler: cached validator
// code needs only ajv's runtime helpers and the formats (src/engine/schemaCompiler.ts). Loading
// the compiler costs tens of milliseconds of a start budgeted at 300 ms.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/specs.js";

/** Starts the built server in a fresh process, reads Omni's schedules once, and lists the CommonJS modules loaded. */
function firstAnswer(cacheDir: string): { status: number; modules: string[] } {
  const script = `
    import { createRequire } from "node:module";
    const { startMockServer } = await import(${JSON.stringify(join(ROOT, "dist", "index.js"))});
    const server = await startMockServer({ port: 0, report: () => {} });
    const answer = await fetch(server.url + "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", {
      headers: { authorization: "Bearer taskmock-admin" },
    });
    await answer.text();
    const modules = Object.keys(createRequire(import.meta.url).cache);
    await server.close();
    process.stdout.write(JSON.stringify({ status: answer.status, modules }));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, TASKMOCK_CACHE_DIR: cacheDir },
    encoding: "utf8",
  });
  return JSON.parse(out) as { status: number; modules: string[] };
}

test("the first answer of a start with a filled cache loads ajv's runtime, not its compiler", () => {
  const dir = mkdtempSync(join(tmpdir(), "taskmock-lazy-"));
  try {
    const cold = firstAnswer(dir); // compiles, fills the cache
    expect(cold.status).toBe(200);
    expect(cold.modules.some((m) => /node_modules\/ajv\/dist\/compile\/index\.js$/.test(m))).toBe(true);
    const warm = firstAnswer(dir);
    expect(warm.status).toBe(200);
    expect(warm.modules.filter((m) => /node_modules\/ajv\/dist\/(compile\/index|core|2020)\.js$/.test(m))).toEqual([]);
    // The answer was checked with the formats all the same: they are loaded, from ajv-formats.
    expect(warm.modules.some((m) => /node_modules\/ajv-formats\/dist\/formats\.js$/.test(m))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
