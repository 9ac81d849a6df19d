// Runs a vendor's scenarios in-process (app.request) against a fresh, seeded mock, and checks
// each answer's status and its body against the spec with a validator of the test's own.
import { describe, expect, test } from "vitest";
import { compileSpec } from "../../src/engine/operation.js";
import { loadDefinitions, type VendorName } from "../../src/index.js";
import { VENDORS } from "../../src/vendors/index.js";
import { mockOf } from "../helpers/mock.js";
import { allSpecs } from "../helpers/specs.js";
import type { Scenario, VendorScenarios } from "./types.js";
import { request } from "../helpers/http.js";

export const CLOCK = "2026-01-01T00:00:00Z";

export function requestOf(
  suite: VendorScenarios,
  s: Pick<Scenario, "method" | "path" | "query" | "token" | "headers" | "body" | "rawBody" | "contentType">,
): [string, RequestInit] {
  const headers: Record<string, string> = {};
  const token = s.token === undefined ? suite.admin : s.token;
  if (token !== null) Object.assign(headers, suite.auth(token));
  let body: string | undefined;
  if (s.rawBody !== undefined) body = s.rawBody;
  else if (s.body !== undefined) body = JSON.stringify(s.body);
  if (body !== undefined) headers["content-type"] = s.contentType ?? "application/json";
  Object.assign(headers, s.headers);
  return [`${s.path}${s.query ? `?${s.query}` : ""}`, { method: s.method, headers, ...(body === undefined ? {} : { body }) }];
}

export function runScenarios(suite: VendorScenarios): void {
  const spec = allSpecs().find((s) => s.vendor === suite.vendor);
  if (!spec) throw new Error(`no spec for ${suite.vendor}`);
  // The test's own compilation of the spec, apart from the server's.
  const compiled = compileSpec(suite.vendor, spec.doc);

  describe(`${suite.vendor} scenarios`, () => {
    // The vendor is loaded once; each scenario gets a fresh mock of its own over it.
    const definitions = loadDefinitions({ vendors: [VENDORS[suite.vendor as VendorName]] });

    test.each(suite.scenarios.map((s) => [`${s.operationId} ${s.status} (${s.via}): ${s.name}`, s] as const))("%s", async (_name, s) => {
      const app = mockOf(suite.vendor as VendorName, { definitions, report: () => {} });
      for (const step of s.before ?? []) {
        const res = await request(app, ...requestOf(suite, step));
        expect(res.status, `setup ${step.method} ${step.path}: ${await res.clone().text()}`).toBeLessThan(300);
      }
      const [url, init] = requestOf(suite, s);
      if (s.via === "prefer") (init.headers as Record<string, string>)["prefer"] = `code=${s.status}`;
      app.mock.journal.clear();
      const res = await request(app, url, init);
      const text = await res.text();
      expect(res.status, text).toBe(s.status);

      const operation = compiled.byId.get(s.operationId);
      expect(operation, `operation ${s.operationId}`).toBeDefined();
      const routeError = s.status === 405 && res.headers.get("allow") !== null;
      const expected = routeError ? compiled.methodNotAllowed : operation?.responses.get(s.status);
      expect(expected, `${s.operationId} documents ${s.status}`).toBeDefined();
      const body = text === "" ? undefined : JSON.parse(text);
      if (expected?.hasBody) expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(expected?.validate(body)).toEqual([]);
      if (s.expect !== undefined) expect(body).toMatchObject(s.expect as object);

      const [entry] = app.mock.journal.entries();
      expect(entry?.status).toBe(s.status);
      if (!routeError) expect(entry?.operationId).toBe(s.operationId);
      expect(entry?.forced).toBe(s.via === "prefer");
    });
  });
}
