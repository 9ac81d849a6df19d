// Runs fuzz cases against one mock through its production Node listener and judges every answer;
// runs on past failures, groups them and shrinks one case of each. Shared by the test
// (test/fuzz/fuzz.test.ts) and the CLI (scripts/fuzz.mjs).
import fc from "fast-check";
import { textOf } from "./ast.mjs";
import { CLOCK, curlOf, MOCK_SEED } from "./curl.mjs";
import { modelOf } from "./model.mjs";
import { judgeStep } from "./oracle.mjs";
import { caseArb } from "./requests.mjs";

/**
 * A mock and what the fuzzer knows of it. `createMockServer` and `send` (`request(app, path,
 * init)`: a web Response from the production listener, in process or over a socket) come from the
 * caller: the test passes the source's, the CLI the built dist's.
 */
export function createFuzzer({ createMockServer, send }) {
  const reports = [];
  const app = createMockServer({ seed: MOCK_SEED, clock: CLOCK, report: (line) => reports.push(line) });
  const model = modelOf(app);
  return { app, model, reports, send, run: (c) => runCase({ app, model, reports, send }, c) };
}

/** The arbitrary of the cases of one operation, each printable as its curl replay. */
export function casesOf(op) {
  return caseArb(op).map((c) => Object.defineProperty(c, fc.toStringMethod, { value: () => `${c.operationId}: ${c.steps.map((s) => `${s.method} /${c.vendor}${s.path}`).join(" then ")}` }));
}

const ONCE = ["state-readable", "journal-readable"];

/** Sends a case on a mock reset to its fixtures; answers each step's answer and every failure. */
export async function runCase({ app, model, reports, send }, c) {
  app.mock.reset();
  app.mock.faults.clear();
  app.mock.maintenance.clear();
  reports.length = 0;
  const vendor = model.vendors.get(c.vendor);
  if (c.fault) {
    const rule = { vendor: c.vendor, operationId: c.operationId, status: c.fault.status, times: 1 };
    const res = await send(app, "/__admin/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });
    if (res.status !== 201) throw new Error(`fuzz harness: the fault rule ${JSON.stringify(rule)} was refused: ${res.status} ${await res.text()}`);
  }
  const failures = [];
  const answers = [];
  for (const [i, step] of c.steps.entries()) {
    const answer = await sendStep(app, send, c.vendor, step);
    answers.push(answer);
    const fault = i === 0 && c.fault ? { operationId: c.operationId, status: c.fault.status } : undefined;
    for (const f of judgeStep(vendor, step, fault, answer)) {
      // Unreadable state or journal stays so for the rest of the case: the step that made it so is the finding.
      if (ONCE.includes(f.invariant) && failures.some((g) => g.invariant === f.invariant)) continue;
      failures.push({ ...f, step: i, operationId: c.operationId, vendor: c.vendor });
    }
    // A rule the first request did not meet must not meet the read-back.
    if (i === 0 && c.fault) await send(app, "/__admin/faults", { method: "DELETE" });
  }
  return { failures, answers, reports: [...reports] };
}

async function sendStep(app, send, vendor, step) {
  const protoBefore = prototypeKeys();
  const before = readState(app, vendor);
  const query = step.query.length > 0 ? `?${step.query.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
  const url = `/${vendor}${step.path}${query}`;
  const init = { method: step.method, headers: step.headers, ...(step.body ? { body: textOf(step.body.parts) } : {}) };
  const res = await send(app, url, init);
  const text = await res.text();
  const after = readState(app, vendor);
  const answer = {
    status: res.status,
    contentType: res.headers.get("content-type") ?? undefined,
    text,
    stateBefore: before.json,
    stateAfter: after.json,
    stateError: before.error ?? after.error,
  };
  if (step.method === "HEAD") answer.getTwinStatus = (await send(app, url, { ...init, method: "GET" })).status;
  answer.journalError = await journalError(app, send);
  const added = prototypeKeys().filter((k) => !protoBefore.includes(k));
  if (added.length > 0 || Object.getPrototypeOf({}) !== Object.prototype || {}.polluted !== undefined) {
    answer.pollution = `Object.prototype gained ${added.join(", ") || "a prototype"}`;
    for (const key of added) delete Object.prototype[key.slice("Object.".length)];
  }
  return answer;
}

function readState(app, vendor) {
  try {
    return { json: JSON.stringify(app.mock.state(vendor)) };
  } catch (error) {
    return { error: `${error?.constructor?.name}: ${error?.message}` };
  }
}

/** Why the journal cannot be read (in process, or as GET /__admin/requests); undefined when it can. */
async function journalError(app, send) {
  try {
    JSON.stringify(app.mock.journal.entries());
  } catch (error) {
    return `journal.entries() cannot be serialized: ${error?.message}`;
  }
  const res = await send(app, "/__admin/requests");
  const text = await res.text();
  if (res.status !== 200) return `GET /__admin/requests answered ${res.status}: ${text.slice(0, 200)}`;
  try {
    JSON.parse(text);
  } catch {
    return "GET /__admin/requests answered 200 with a body that is not JSON";
  }
  return undefined;
}

const prototypeKeys = () => [...Object.getOwnPropertyNames(Object.prototype).map((k) => `Object.${k}`), ...Object.getOwnPropertyNames(Array.prototype).map((k) => `Array.${k}`)];

/** A distinct failure as a user reads it: the invariant, where, what happened, how often, and the shrunk case as curl. */
export function describeFinding(finding, cases, seed) {
  const f = finding.failure;
  return [
    `✗ ${f.invariant}: ${f.vendor} ${f.where} (step ${f.step + 1}; ${finding.count} of ${cases} cases; seed ${seed}, first in run ${finding.run})`,
    `  ${f.detail}`,
    ...finding.outcome.reports.slice(0, 1).map((r) => `  mock reported: ${r.split("\n").slice(0, 2).join(" | ").slice(0, 300)}`),
    curlOf(finding.case).replace(/^/gm, "  "),
  ].join("\n");
}

/** Groups failures: the same operation, invariant and reason are one finding. */
export const signatureOf = (f) => `${f.vendor} ${f.where} ${f.key}`;

/**
 * Runs `cases` cases spread over `operations` without stopping at a failure, then shrinks one case
 * of each distinct failure (fast-check replays it from its run index and shrinks from there).
 */
export async function fuzzAll(fuzzer, { operations, cases, seed, onProgress = () => {} }) {
  const arb = fc.oneof(...operations.map(casesOf));
  const found = new Map();
  const statuses = new Map();
  let index = 0;
  const run = await fc.check(
    fc.asyncProperty(arb, async (c) => {
      const at = index++;
      const outcome = await fuzzer.run(c);
      const tally = statuses.get(`${c.vendor} ${c.operationId}`) ?? new Map();
      const first = outcome.answers[0].status;
      // A success nobody forced: the vendor's handler answered.
      const key = first >= 200 && first < 300 && !c.fault && !c.steps[0].prefer ? "handled" : first;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      statuses.set(`${c.vendor} ${c.operationId}`, tally);
      for (const f of outcome.failures) {
        const signature = signatureOf(f);
        const seen = found.get(signature);
        if (seen) seen.count++;
        else found.set(signature, { signature, failure: f, count: 1, run: at, case: c, outcome });
      }
      onProgress(at + 1, found.size);
      return true;
    }),
    { seed, numRuns: cases },
  );
  // The property itself never fails: a failure here is the harness's own error (a case it could not send).
  if (run.failed) throw new Error(`fuzz harness error in run ${index - 1} (seed ${seed}): ${run.errorInstance?.stack ?? run.error}`);
  for (const finding of found.values()) {
    const result = await fc.check(
      fc.asyncProperty(arb, async (c) => !(await fuzzer.run(c)).failures.some((f) => signatureOf(f) === finding.signature)),
      { seed, path: String(finding.run), numRuns: cases },
    );
    if (result.failed && result.counterexample) {
      finding.case = result.counterexample[0];
      finding.outcome = await fuzzer.run(finding.case);
      finding.failure = finding.outcome.failures.find((f) => signatureOf(f) === finding.signature) ?? finding.failure;
    }
  }
  return { findings: [...found.values()], statuses };
}
