// The committed src/generated/*.ts are exactly what openapi-typescript makes of today's specs, and
// the real-client types test/clients/<vendor>/schema.ts what it makes of the vendors' own definitions.
import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { clientTargets, generateTypes, specTargets } from "../../scripts/generate-types.mjs";

const targets = specTargets() as { spec: string; vendor: string; output: string }[];
const clients = clientTargets() as { spec: string; vendor: string; output: string }[];

test("each spec has generated types", () => {
  expect(targets.map((t) => t.vendor).sort()).toEqual(["awork", "crego", "huawei", "omni", "spaaza"]);
});

test.each(targets.map((t) => [t.vendor, t] as const))(
  "src/generated/%s.ts matches a fresh generation (run npm run generate)",
  async (_vendor, target) => {
    expect(existsSync(target.output), `${target.output} is committed`).toBe(true);
    const fresh = await generateTypes(target.spec);
    expect(readFileSync(target.output, "utf8") === fresh, `${target.output} differs from a fresh generation: run npm run generate`).toBe(
      true,
    );
  },
);

test("awork's and Omni's own definitions have generated clients", () => {
  expect(clients.map((t) => t.vendor)).toEqual(expect.arrayContaining(["awork", "omni"]));
});

test.each(clients.map((t) => [t.vendor, t] as const))(
  "test/clients/%s/schema.ts matches a fresh generation (run npm run generate)",
  async (_vendor, target) => {
    expect(existsSync(target.output), `${target.output} is committed`).toBe(true);
    const fresh = await generateTypes(target.spec);
    expect(readFileSync(target.output, "utf8") === fresh, `${target.output} differs from a fresh generation: run npm run generate`).toBe(
      true,
    );
  },
);
