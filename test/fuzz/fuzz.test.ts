// The project's own fuzzing (issue 12): for every operation of every vendor, random valid, invalid
// and hostile requests generated from the served specs, sent in process through the production
// listener, each answer held to the invariants of oracle.mjs. Seeded and reproducible: each
// distinct failure is listed with the invariant it broke and its case, shrunk, as curl commands to
// replay against `npm start`. FUZZ_SEED picks another seed; `npm run fuzz` runs longer.
import { expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { request } from "../helpers/http.js";
import { createFuzzer, describeFinding, fuzzAll } from "./run.mjs";

/** At least this many cases in all, spread evenly over the operations. */
const CASES = 10_000;
const SEED = Number(process.env["FUZZ_SEED"] ?? 20260101);

const fuzzer = createFuzzer({ createMockServer, send: request });
const { operations } = fuzzer.model;
const perOperation = Math.ceil(CASES / operations.length);

test("the fuzz cases cover every operation of every vendor, at least 10,000 in all", () => {
  const served = [...fuzzer.app.mock.specs.values()].flatMap((spec) => spec.operations.map((op: { operationId: string }) => `${spec.vendor} ${op.operationId}`));
  expect(operations.map((op) => `${op.vendor} ${op.operationId}`).sort()).toEqual(served.sort());
  expect(perOperation * operations.length).toBeGreaterThanOrEqual(10_000);
});

for (const [index, op] of operations.entries()) {
  test(`${op.vendor} ${op.operationId}: ${perOperation} random, invalid and hostile requests answer inside the contract`, async () => {
    const seed = SEED + index;
    const { findings, statuses } = await fuzzAll(fuzzer, { operations: [op], cases: perOperation, seed });
    const report = findings.map((finding) => describeFinding(finding, perOperation, seed)).join("\n\n");
    expect(findings.length, `${findings.length} distinct failures:\n\n${report}\n`).toBe(0);
    // A generator that never got past validation and auth would pass without testing anything.
    const handled = statuses.get(`${op.vendor} ${op.operationId}`)?.get("handled") ?? 0;
    expect(handled, "cases the vendor's handler answered with a success").toBeGreaterThanOrEqual(3);
  }, 120_000);
}
