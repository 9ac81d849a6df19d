// Fault rules: input checks, matching, probability and times.
import { expect, test } from "vitest";
import { FaultRules, parseFaultInput } from "../../src/engine/faults.js";

const target = {
  vendor: "omni",
  operationId: "getSchedule",
  method: "GET",
  path: "/api/v1/connections/c1/schedules/s1",
  statuses: [200, 404, 503],
};

test.each([
  [{}, "a fault rule needs a status, a latencyMs, drop: true or run: true"],
  [{ run: true, status: 500 }, "a run fault (run: true) makes a run fail: it takes no status, example, latencyMs or drop"],
  [{ status: 503, colour: "red" }, 'unknown field "colour"'],
  [{ status: 1000 }, "status must be a whole number from 100 to 599"],
  [{ latencyMs: -1 }, "latencyMs must be a whole number from 0 to 600000"],
  [{ status: 503, probability: 2 }, "probability must be a number from 0 to 1"],
  [{ drop: true, status: 503 }, "drop and status exclude each other"],
  [[], "a fault rule is a JSON object"],
])("%j is refused: %s", (input, problem) => {
  const result = parseFaultInput(input);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.problems).toContain(problem);
});

test("a rule matches by vendor, operationId, method and path glob, and only where its status is documented", () => {
  const rules = new FaultRules();
  rules.add({ vendor: "awork", status: 503 });
  rules.add({ path: "/api/v1/connections/*/schedules/s1", status: 500 });
  rules.add({ method: "get", path: "/api/*", status: 503 });
  const taken = rules.take(target, () => 0);
  expect(taken?.id).toBe(3);
  expect(taken?.hits).toBe(1);
});

test("times limits how often a rule applies, then it is gone", () => {
  const rules = new FaultRules();
  rules.add({ status: 503, times: 2 });
  expect(rules.take(target, () => 0)?.status).toBe(503);
  expect(rules.take(target, () => 0)?.status).toBe(503);
  expect(rules.take(target, () => 0)).toBeUndefined();
  expect(rules.list()).toEqual([]);
});

test("probability draws against the random source", () => {
  const rules = new FaultRules();
  rules.add({ status: 503, probability: 0.25 });
  expect(rules.take(target, () => 0.3)).toBeUndefined();
  expect(rules.take(target, () => 0.2)?.status).toBe(503);
});

test("run rules are offered to runs only, request rules to requests only", () => {
  const rules = new FaultRules();
  rules.add({ vendor: "omni", operationId: "refresh", run: true, path: "/schedules/*" });
  expect(rules.take(target, () => 0)).toBeUndefined();
  expect(rules.takeRun({ vendor: "omni", operationId: "refresh", path: "/schedules/s1" }, () => 0)?.run).toBe(true);
  expect(rules.takeRun({ vendor: "omni", operationId: "other", path: "/schedules/s1" }, () => 0)).toBeUndefined();
  rules.add({ status: 503 });
  expect(rules.takeRun({ vendor: "omni", operationId: "x", path: "/" }, () => 0)).toBeUndefined();
});
