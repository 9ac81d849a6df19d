// Every operation × documented status of every spec has a scenario, and the statuses a request
// can cause by itself (401 on a secured operation, 404 with an id in the path, 400 with a body)
// are produced naturally, not through Prefer.
import { expect, test } from "vitest";
import { compileSpec } from "../../src/engine/operation.js";
import { allSpecs } from "../helpers/specs.js";
import type { VendorScenarios } from "./types.js";

const suites = import.meta.glob<{ suite: VendorScenarios }>("./*.scenarios.ts", { eager: true });

test.each(allSpecs().map((s) => [s.vendor, s] as const))("%s: every operation × documented status has a scenario", (vendor, spec) => {
  const suite = Object.values(suites).find((m) => m.suite.vendor === vendor)?.suite;
  expect(suite, `test/scenarios/${vendor}.scenarios.ts`).toBeDefined();
  const compiled = compileSpec(vendor, spec.doc);
  const missing: string[] = [];
  const notNatural: string[] = [];
  for (const op of compiled.operations) {
    for (const status of op.statuses) {
      const found = suite?.scenarios.filter((s) => s.operationId === op.operationId && s.status === status) ?? [];
      if (found.length === 0) missing.push(`${op.operationId} ${status}`);
      const mustBeNatural =
        (status === 401 && op.security.length > 0) ||
        (status === 404 && op.template.includes("{")) ||
        (status === 400 && op.requestBody !== undefined);
      if (found.length > 0 && mustBeNatural && !found.some((s) => s.via === "natural")) notNatural.push(`${op.operationId} ${status}`);
    }
  }
  expect(missing, "operation × status pairs without a scenario").toEqual([]);
  expect(notNatural, "statuses a request can cause by itself, tested only through Prefer").toEqual([]);
});
