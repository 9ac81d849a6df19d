// The fuzzer's invariants can fail: each is shown a real answer of the mock, bent the way a bug
// would bend it, and must name the invariant; the real answers themselves pass (no false alarm).
import { expect, test } from "vitest";
import { createMockServer } from "../../src/index.js";
import { request } from "../helpers/http.js";
import { Raw, partsOf } from "./ast.mjs";
import { judgeStep } from "./oracle.mjs";
import { createFuzzer } from "./run.mjs";

const fuzzer = createFuzzer({ createMockServer, send: request });
const crego = fuzzer.model.vendors.get("crego");
const awork = fuzzer.model.vendors.get("awork");
const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };

interface Step {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { parts: unknown[]; duplicateKeys: boolean };
  auth: string;
  prefer?: unknown;
}
const step = (method: string, path: string, more: Partial<Step> = {}): Step => ({ method, path, query: [], headers: ADMIN, auth: "admin", ...more });
const body = (value: unknown) => ({ parts: partsOf(new Raw([JSON.stringify(value)])), duplicateKeys: false });
const STATE = JSON.stringify({ schedules: [] });

/** The mock's own answer to the step (on its fixtures), as the runner records it. */
async function answerOf(vendor: string, s: Step) {
  fuzzer.app.mock.reset();
  const query = s.query.length > 0 ? `?${s.query.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
  const text = s.body ? JSON.stringify(JSON.parse((s.body.parts as string[]).join(""))) : undefined;
  const res = await request(fuzzer.app, `/${vendor}${s.path}${query}`, { method: s.method, headers: s.headers, ...(text === undefined ? {} : { body: text }) });
  return { status: res.status, contentType: res.headers.get("content-type") ?? undefined, text: await res.text(), stateBefore: STATE, stateAfter: STATE };
}
const invariantsOf = (failures: { invariant: string }[]) => failures.map((f) => f.invariant);

const getSchedule = step("GET", "/tasks/schedules/1/");
const problem = (type: string) => JSON.stringify({ type: `urn:taskmock:problem:${type}`, title: "t", status: 400, detail: "d" });

const cases: [string, { vendor: typeof crego; step: Step; bend: (a: Awaited<ReturnType<typeof answerOf>>) => object; want: string[] }][] = [
  ["a real answer to a valid request passes", { vendor: crego, step: getSchedule, bend: (a) => a, want: [] }],
  ["an unforced 500 breaks no-5xx", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, status: 500, text: problem("internal-error") }), want: ["no-5xx"] }],
  ["a 500 that Prefer asked for passes", { vendor: crego, step: step("GET", "/tasks/schedules/1/", { prefer: { kind: "structured", parts: [["code", "500"]], via: "header" }, headers: { ...ADMIN, prefer: "code=500" } }), bend: (a) => a, want: [] }],
  ["a status the operation does not document", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, status: 418 }), want: ["status-documented"] }],
  ["a body outside its schema", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, text: "{}" }), want: ["body-schema"] }],
  ["a body that is not JSON", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, text: "<html>" }), want: ["body-schema"] }],
  ["taskmock's Prefer problem where nobody sent Prefer", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, status: 400, contentType: "application/problem+json", text: problem("bad-preference") }), want: ["status-documented"] }],
  ["a route 404 in another shape", { vendor: crego, step: step("GET", "/nowhere/"), bend: (a) => ({ ...a, text: "[]" }), want: ["body-schema"] }],
  ["a refused request that changed the state", { vendor: crego, step: step("GET", "/tasks/schedules/99999/"), bend: (a) => ({ ...a, stateAfter: JSON.stringify({ schedules: [1] }) }), want: ["refused-no-state-change"] }],
  ["a state that cannot be read", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, stateError: "RangeError: Maximum call stack size exceeded" }), want: ["state-readable"] }],
  ["a journal that cannot be read", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, journalError: "GET /__admin/requests answered 500" }), want: ["journal-readable"] }],
  ["a polluted prototype", { vendor: crego, step: getSchedule, bend: (a) => ({ ...a, pollution: "Object.prototype gained polluted" }), want: ["no-prototype-pollution"] }],
  ["Prefer code=404 answered 200", { vendor: crego, step: step("GET", "/tasks/schedules/1/", { prefer: { kind: "structured", parts: [["code", "404"]], via: "header" }, headers: { ...ADMIN, prefer: "code=404" } }), bend: (a) => ({ ...a, status: 200, text: (a as { text: string }).text }), want: ["prefer-honoured", "body-schema"] }],
  ["an unknown example ignored on a 204 (issue 12 finding 6)", { vendor: awork, step: step("DELETE", "/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", { prefer: { kind: "structured", parts: [["example", "nope"]], via: "header" }, headers: { ...ADMIN, prefer: "example=nope" } }), bend: (a) => ({ ...a, status: 204, contentType: undefined, text: "" }), want: ["prefer-honoured"] }],
  ["a hexadecimal id served as a record (issue 12 finding 5)", { vendor: crego, step: step("GET", "/tasks/schedules/0x10/"), bend: () => answerOf("crego", step("GET", "/tasks/schedules/16/")), want: ["invalid-refused"] }],
  ["a 400 for a parameter that does not name it", { vendor: crego, step: step("GET", "/tasks/schedules/1e400/"), bend: (a) => ({ ...a, text: JSON.stringify({ detail: "bad" }) }), want: ["invalid-refused", "body-schema"] }],
  ["an invalid body accepted", { vendor: crego, step: step("PATCH", "/tasks/schedules/1/", { headers: JSON_ADMIN, body: body({ enabled: "yes" }) }), bend: () => answerOf("crego", step("PATCH", "/tasks/schedules/1/", { headers: JSON_ADMIN, body: body({ enabled: false }) })), want: ["invalid-refused"] }],
  ["a request without credentials answered", { vendor: crego, step: step("GET", "/tasks/schedules/1/", { headers: {}, auth: "refused" }), bend: () => answerOf("crego", getSchedule), want: ["auth-refused"] }],
  ["HEAD answered 405 where GET is routed", { vendor: crego, step: step("HEAD", "/tasks/schedules/1/"), bend: (a) => ({ ...a, status: 405, getTwinStatus: 200 }), want: ["head-like-get"] }],
];

for (const [name, { vendor, step: s, bend, want }] of cases) {
  test(`oracle: ${name}`, async () => {
    const answer = await bend(await answerOf(vendor.vendor, s));
    expect(invariantsOf(judgeStep(vendor, s, undefined, answer)).sort()).toEqual([...want].sort());
  });
}

test("oracle: a fault rule's 500 is forced, and only for its operation", async () => {
  const answer = { ...(await answerOf("crego", getSchedule)), status: 500, text: problem("internal-error") };
  expect(invariantsOf(judgeStep(crego, getSchedule, { operationId: "getSchedule", status: 500 }, answer))).not.toContain("no-5xx");
  expect(invariantsOf(judgeStep(crego, getSchedule, { operationId: "listSchedules", status: 500 }, answer))).toContain("no-5xx");
});
