// The independent referee: every vendor's stateful scenarios (test/scenarios/<vendor>.scenarios.ts)
// replayed through Stoplight Prism's validating proxy in front of the mock, so a bug our response
// check shares with our own reading of the specs is caught by code we did not write.
//
// Per vendor: the mock on a port, `prism proxy specs/<vendor>.yaml <mock> --errors` (strict), and
// a second proxy with `--validate-request=false` (lenient). Each scenario runs its `before` steps
// and its request (with `Prefer: code=` when it is forced) through the strict proxy:
//
// 1. Prism forwards it: the answer must be the scenario's status, unchanged by Prism, with no
//    `sl-violations` header (with --errors, a response that breaks the spec would have become
//    Prism's 500 VIOLATIONS problem instead).
// 2. Prism refuses the request itself (its 422, 401, 405 problem): expected for scenarios whose
//    request breaks the contract on purpose (most natural 400s, requests without credentials,
//    a method the path lacks). The mock must agree: the same request, replayed through the
//    lenient proxy, reaches the mock, which records it as a contract violation and answers the
//    scenario's status; and Prism, still checking the answer, must find nothing wrong with it.
// 3. A few the lenient proxy refuses too: Prism checks security and routing before forwarding
//    even without request validation, so the mock's 401 to a request with no credential at all
//    and its 405 router answer cannot reach Prism's response check. Those must be Prism's
//    UNAUTHORIZED / NO_METHOD_MATCHED / NO_PATH_MATCHED with the scenario's status (Prism and
//    the mock agree on the verdict), and the mock, asked directly, must record the violation.
//    Their bodies stay checked by the in-process scenario tests (test/scenarios) only; the 401
//    body shape is still refereed through each vendor's "unknown credential" scenarios.
//
// A control test first shows the referee is awake: Prism in front of a stand-in upstream whose
// answer breaks the spec answers its 500 VIOLATIONS with an sl-violations header.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { JournalEntry } from "../../src/engine/journal.js";
import { type RunningMockServer, startMockServer } from "../../src/index.js";
import { allSpecs } from "../helpers/specs.js";
import { CLOCK, requestOf } from "../scenarios/run.js";
import type { Scenario, VendorScenarios } from "../scenarios/types.js";
import { type RunningPrism, startPrism } from "./prism.js";

const suites = import.meta.glob<{ suite: VendorScenarios }>("../scenarios/*.scenarios.ts", { eager: true });

const PRISM_ERROR = "https://stoplight.io/prism/errors#";
/** Prism's own refusals of a request (never of a response). */
const REQUEST_REFUSALS = new Set(["UNPROCESSABLE_ENTITY", "UNAUTHORIZED", "NO_METHOD_MATCHED_ERROR", "NO_PATH_MATCHED_ERROR"]);
/** Refusals Prism makes even with --validate-request=false. */
const ALWAYS_REFUSED = new Set(["UNAUTHORIZED", "NO_METHOD_MATCHED_ERROR", "NO_PATH_MATCHED_ERROR"]);

interface Answer {
  status: number;
  text: string;
  violations: string | null;
  /** Prism's own problem type (after `#`), when Prism answered instead of the mock. */
  prism: string | undefined;
  /** The mock's journal entry, when the request reached the mock. */
  entry: JournalEntry | undefined;
}

test("the referee is awake: an answer that breaks the spec comes back as Prism's 500 with sl-violations", async () => {
  // A stand-in upstream whose list answer breaks specs/omni.yaml (schedules must be an array).
  const upstream = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"schedules": "none"}'));
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const spec = allSpecs().find((s) => s.vendor === "omni");
  const prism = await startPrism(spec?.file ?? "", `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, { errors: true });
  try {
    const res = await fetch(`${prism.url}/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules`, {
      headers: { authorization: "Bearer taskmock-admin" },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get("sl-violations")).toContain('"response","body","schedules"');
    expect(((await res.json()) as { type: string }).type).toBe(`${PRISM_ERROR}VIOLATIONS`);
  } finally {
    await prism.stop();
    upstream.close();
  }
});

test("every vendor's scenario suite is found (none would make the tests below vanish)", () => {
  expect(Object.values(suites).map(({ suite }) => suite.vendor).sort()).toEqual(allSpecs().map((s) => s.vendor).sort());
});

for (const { suite } of Object.values(suites)) {
  describe(`${suite.vendor} scenarios through prism proxy`, () => {
    let mock: RunningMockServer;
    let strict: RunningPrism;
    let lenient: RunningPrism;

    beforeAll(async () => {
      const spec = allSpecs().find((s) => s.vendor === suite.vendor);
      if (!spec) throw new Error(`no spec for ${suite.vendor}`);
      mock = await startMockServer({ vendor: suite.vendor, port: 0, seed: 7, clock: CLOCK, report: () => {} });
      const started = await Promise.allSettled([
        startPrism(spec.file, mock.url, { errors: true }),
        startPrism(spec.file, mock.url, { errors: true, validateRequest: false }),
      ]);
      const [first, second] = started;
      if (first?.status === "fulfilled") strict = first.value;
      if (second?.status === "fulfilled") lenient = second.value;
      const failed = started.find((p) => p.status === "rejected");
      if (failed) throw failed.reason;
    });
    afterAll(async () => {
      await Promise.all([strict?.stop(), lenient?.stop()]);
      await mock?.close();
    });

    const send = async (base: string, s: Scenario, prefer: boolean): Promise<Answer> => {
      const [path, init] = requestOf(suite, s);
      if (prefer) (init.headers as Record<string, string>)["prefer"] = `code=${s.status}`;
      mock.app.mock.journal.clear();
      const res = await fetch(`${base}${path}`, init);
      const text = await res.text();
      const type = (res.headers.get("content-type") ?? "").startsWith("application/problem+json")
        ? (JSON.parse(text) as { type?: string }).type
        : undefined;
      return {
        status: res.status,
        text,
        violations: res.headers.get("sl-violations"),
        prism: type?.startsWith(PRISM_ERROR) ? type.slice(PRISM_ERROR.length) : undefined,
        entry: mock.app.mock.journal.entries()[0],
      };
    };
    const shown = (a: Answer) => `${a.status} ${a.violations ?? ""} ${a.text.slice(0, 600)}`;

    test.each(suite.scenarios.map((s) => [`${s.operationId} ${s.status} (${s.via}): ${s.name}`, s] as const))("%s", async (_name, s) => {
      mock.app.mock.reset();
      mock.app.mock.faults.clear();
      for (const step of s.before ?? []) {
        const setup = await send(strict.url, { ...step, operationId: "", status: 0, via: "natural", name: "" }, false);
        expect(setup.violations, `setup ${step.method} ${step.path}`).toBeNull();
        expect(setup.status, `setup ${step.method} ${step.path}: ${shown(setup)}`).toBeLessThan(300);
      }

      const answer = await send(strict.url, s, s.via === "prefer");
      if (answer.entry) {
        // 1. Forwarded: Prism checked the request and the answer and found nothing.
        expect(answer.violations, shown(answer)).toBeNull();
        expect(answer.prism, shown(answer)).toBeUndefined();
        expect(answer.status, shown(answer)).toBe(s.status);
        return;
      }

      // 2. Prism refused the request itself: it must be a request refusal, and the mock must agree.
      expect(REQUEST_REFUSALS.has(answer.prism ?? ""), `Prism's own answer is not a request refusal: ${shown(answer)}`).toBe(true);
      const replay = await send(lenient.url, s, s.via === "prefer");
      if (replay.entry) {
        expect(replay.entry.violations.length, `Prism refused a request the mock accepted: ${shown(answer)}`).toBeGreaterThan(0);
        expect(replay.violations, shown(replay)).toBeNull();
        expect(replay.prism, shown(replay)).toBeUndefined();
        expect(replay.status, shown(replay)).toBe(s.status);
        return;
      }

      // 3. Refused even without request validation (no credential, no such method or path).
      expect(ALWAYS_REFUSED.has(replay.prism ?? ""), shown(replay)).toBe(true);
      expect(replay.status, `Prism and the mock disagree on the status: ${shown(replay)}`).toBe(s.status);
      const direct = await send(mock.url, s, s.via === "prefer");
      expect(direct.status).toBe(s.status);
      expect(direct.entry?.violations.map((v) => v.rule)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(security|route|method)$/)]),
      );
    });
  });
}
