// The committed src/generated/*.ts are exactly what openapi-typescript makes of today's specs.
import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { clientTargets, generateTypes, specTargets } from "../../scripts/generate-types.mjs";

type Target = { spec: string; vendor: string; output: string };
const targets = specTargets() as Target[];
const clients = clientTargets() as Target[];

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

test("the vendors' own definitions copied under test/clients/ include Omni's", () => {
  expect(clients.map((t) => t.vendor)).toContain("omni");
});

test.each(clients.map((t) => [t.vendor, t] as const))(
  "test/clients/%s/types.ts matches a fresh generation from the vendor's own definition (run npm run generate)",
  async (_vendor, target) => {
    expect(existsSync(target.output), `${target.output} is committed`).toBe(true);
    const fresh = await generateTypes(target.spec);
    expect(readFileSync(target.output, "utf8") === fresh, `${target.output} differs from a fresh generation: run npm run generate`).toBe(
      true,
    );
  },
);
