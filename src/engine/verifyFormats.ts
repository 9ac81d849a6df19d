// The verify report in the formats CI systems read: JUnit XML (GitHub, GitLab and Jenkins show it
// as tests: one test case per operation and one per breach) and Markdown (a job summary).
import { create } from "xmlbuilder2";
import type { CoverageReport } from "./coverage.js";
import type { VerifyReport, VerifyViolation } from "./verify.js";

const where = (v: VerifyViolation) => (v.pointer === "/" || v.pointer === "" ? v.location : `${v.location} ${v.pointer}`);
const line = (v: VerifyViolation) => `${where(v)}  ${v.rule}  ${v.message}`;

/** The breaches grouped by request, in the order they came. */
function byRequest(violations: VerifyViolation[]): VerifyViolation[][] {
  const groups = new Map<number, VerifyViolation[]>();
  for (const v of violations) {
    let group = groups.get(v.id);
    if (!group) groups.set(v.id, (group = []));
    group.push(v);
  }
  return [...groups.values()];
}

/**
 * JUnit XML: a test suite per vendor; in it a test case per operation of the contract (failed when
 * a request to it broke the contract, skipped when no request reached it) and one per breaking
 * request (failed, its violations listed), route errors included.
 */
export function junitVerify(report: VerifyReport, coverage: CoverageReport): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", { name: "taskmock verify", tests: 0, failures: 0, skipped: 0 });
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const vendors = new Set([...coverage.vendors.map((v) => v.vendor), ...report.violations.map((v) => v.vendor)]);
  for (const vendor of vendors) {
    const suite = root.ele("testsuite", { name: `taskmock verify: ${vendor}` });
    let suiteTests = 0;
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const mine = report.violations.filter((v) => v.vendor === vendor);
    for (const op of coverage.vendors.find((v) => v.vendor === vendor)?.items ?? []) {
      const breaches = mine.filter((v) => v.operationId === op.operationId);
      const testcase = suite.ele("testcase", { classname: `taskmock.${vendor}`, name: `${op.method} ${op.path} (${op.operationId})` });
      suiteTests++;
      if (breaches.length > 0) {
        suiteFailures++;
        const requests = byRequest(breaches).length;
        testcase.ele("failure", { message: `${requests} request${requests === 1 ? "" : "s"} broke the contract`, type: "contract" }).txt(breaches.map(line).join("\n"));
      } else if (!op.reached) {
        suiteSkipped++;
        testcase.ele("skipped", { message: "no request reached this operation" });
      }
    }
    for (const group of byRequest(mine)) {
      const first = group[0] as VerifyViolation;
      const testcase = suite.ele("testcase", {
        classname: `taskmock.${vendor}.breaches`,
        name: `#${first.id} ${first.request} → ${first.status}${first.forced ? " (forced)" : ""}`,
      });
      suiteTests++;
      suiteFailures++;
      testcase.ele("failure", { message: group.map((v) => `${where(v)} ${v.message}`).join("; "), type: group[0]?.kind ?? "request" }).txt(group.map(line).join("\n"));
    }
    suite.att({ tests: suiteTests, failures: suiteFailures, skipped: suiteSkipped });
    tests += suiteTests;
    failures += suiteFailures;
    skipped += suiteSkipped;
  }
  root.att({ tests, failures, skipped });
  return `${root.end({ prettyPrint: true })}\n`;
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** Markdown for a CI job summary: the verdict, then one table row per violation. */
export function markdownVerify(report: VerifyReport): string {
  const out: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  out.push(
    report.ok
      ? `**taskmock verify: no contract violations in ${plural(report.requests, "request")}** ✅`
      : `**taskmock verify: ${report.breaking} of ${plural(report.requests, "request")} broke the contract** ❌`,
    "",
  );
  if (report.violations.length > 0) {
    out.push("| # | vendor | operation | request | status | where | rule | message |", "|---|---|---|---|---|---|---|---|");
    for (const v of report.violations) {
      out.push(`| ${v.id} | ${v.vendor} | ${v.operationId ?? "–"} | \`${cell(v.request)}\` | ${v.status}${v.forced ? " (forced)" : ""} | \`${cell(where(v))}\` | ${cell(v.rule)} | ${cell(v.message)} |`);
    }
    out.push("");
  }
  if (report.ignored.length > 0) out.push(`${plural(report.ignored.length, "contract warning")}: properties outside the contract that the vendor's server ignores (\`verify --strict\` fails on them).`, "");
  if (report.refusals.length > 0) out.push(`${plural(report.refusals.length, "refusal")} because of the state, not counted.`, "");
  if (report.upstream.length > 0) out.push(`${plural(report.upstream.length, "departure")} of the real vendor's answers from the spec (upstream drift, behind the proxy), not counted.`, "");
  if (report.cleared !== undefined) out.push(`The record of requests was cleared at ${report.cleared}.`, "");
  for (const warning of report.warnings) out.push(`> ${warning}`, "");
  return `${out.join("\n")}`;
}
