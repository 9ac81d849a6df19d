// Every schema in every spec compiles (ajv, 2020-12, strict, formats on), every example
// validates against the schema it illustrates, and every fixture record against its schema.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  deref,
  type ExampleObject,
  type JsonSchema,
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
} from "../../src/engine/openapi.js";
import { createSchemaCompiler, toViolations } from "../../src/engine/schemaCompiler.js";
import { checkFixture, readFixtureFile } from "../../src/store/fixtures.js";
import { allSpecs, conflictsOf, fixtureFileOf, operationsOf } from "../helpers/specs.js";

interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

function examplesOf(
  doc: OpenApiDocument,
  holder: { example?: unknown; examples?: Record<string, ExampleObject | ReferenceObject> },
  where: string,
): { where: string; value: unknown }[] {
  const out: { where: string; value: unknown }[] = [];
  if (holder.example !== undefined) out.push({ where: `${where} example`, value: holder.example });
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    out.push({ where: `${where} examples.${name}`, value: deref(doc, example).value });
  }
  return out;
}

function collectExamples(doc: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromMedia = (media: MediaTypeObject | undefined, where: string) => {
    if (!media?.schema) return;
    for (const e of examplesOf(doc, media, where)) cases.push({ ...e, schema: media.schema });
  };
  for (const { path, method, operation } of operationsOf(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    const params = [...(doc.paths[path]?.parameters ?? []), ...(operation.parameters ?? [])];
    for (const raw of params) {
      const param = deref<ParameterObject>(doc, raw);
      for (const e of examplesOf(doc, param, `${at} parameter ${param.name}`)) cases.push({ ...e, schema: param.schema });
    }
    if (operation.requestBody) {
      const body = deref<RequestBodyObject>(doc, operation.requestBody);
      fromMedia(body.content["application/json"], `${at} request body`);
    }
    for (const [status, raw] of Object.entries(operation.responses)) {
      const response = deref<ResponseObject>(doc, raw);
      for (const [type, media] of Object.entries(response.content ?? {})) fromMedia(media, `${at} ${status} ${type}`);
    }
  }
  for (const [name, raw] of Object.entries(doc.components?.responses ?? {})) {
    const response = deref<ResponseObject>(doc, raw);
    for (const [type, media] of Object.entries(response.content ?? {})) fromMedia(media, `components.responses.${name} ${type}`);
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    const listed = typeof schema === "object" ? schema["examples"] : undefined;
    if (Array.isArray(listed)) {
      for (const [index, value] of listed.entries()) {
        cases.push({ where: `components.schemas.${name} examples[${index}]`, schema: { $ref: `#/components/schemas/${name}` }, value });
      }
    }
  }
  return cases;
}

const specs = allSpecs();

test("there is a spec for each of the five vendors", () => {
  expect(specs.map((s) => s.vendor).sort()).toEqual(["awork", "crego", "huawei", "omni", "spaaza"]);
});

describe.each(specs.map((s) => [s.vendor, s] as const))("%s", (_vendor, { file, doc, vendor }) => {
  const compiler = createSchemaCompiler(doc);

  test("every component schema compiles under ajv strict mode", () => {
    for (const name of Object.keys(doc.components?.schemas ?? {})) {
      expect(() => compiler.compileRef(`#/components/schemas/${name}`), name).not.toThrow();
    }
  });

  const cases = collectExamples(doc);
  test("it has examples to check", () => {
    expect(cases.length).toBeGreaterThan(operationsOf(doc).length);
  });

  test.each(cases.map((c) => [c.where, c] as const))("example %s matches its schema", (_where, { schema, value }) => {
    const validate = compiler.compile(schema as JsonSchema);
    const ok = validate(value);
    expect(ok ? [] : toViolations("example", validate.errors)).toEqual([]);
  });

  test("every fixture record matches its schema", () => {
    const fixtureFile = fixtureFileOf(vendor);
    expect(fixtureFile, `fixtures/${vendor}.json`).toBeDefined();
    if (!fixtureFile) return;
    const fixture = readFixtureFile(fixtureFile);
    expect(checkFixture(fixtureFile, fixture, compiler, Object.keys(doc.components?.schemas ?? {}))).toEqual([]);
  });

  test("every operation says how sure we are of it", () => {
    for (const { path, method, operation } of operationsOf(doc)) {
      expect(["seed", "vendor-definition", "vendor-docs", "inferred"], `${method} ${path} in ${file}`).toContain(operation["x-taskmock-source"]);
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
    }
  });

  test("every x-taskmock-source anywhere in the spec is one of the values CONVENTIONS.md documents", () => {
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) for (const item of node) walk(item);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "x-taskmock-source") found.push(String(value));
          else walk(value);
        }
      }
    };
    walk(doc);
    expect(found.filter((value) => !["seed", "vendor-definition", "vendor-docs", "inferred"].includes(value))).toEqual([]);
  });

  test("every response status has a named example and the router's own errors are defined", () => {
    for (const { path, method, operation } of operationsOf(doc)) {
      for (const [status, raw] of Object.entries(operation.responses)) {
        const response = deref<ResponseObject>(doc, raw);
        const media = response.content?.["application/json"];
        if (!response.content) continue; // 204 and its like carry no body
        expect(media?.schema, `${method} ${path} ${status} has an application/json schema`).toBeDefined();
        expect(Object.keys(media?.examples ?? {}).length, `${method} ${path} ${status} has a named example`).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(doc.components?.responses ?? {})).toEqual(expect.arrayContaining(["RouteNotFound", "MethodNotAllowed"]));
  });
});

/** Every value of `key` anywhere in a document, with where it is. */
function valuesOf(node: unknown, key: string, at = "", found: { at: string; value: unknown }[] = []): { at: string; value: unknown }[] {
  if (Array.isArray(node)) node.forEach((item, index) => valuesOf(item, key, `${at}[${index}]`, found));
  else if (node && typeof node === "object") {
    for (const [name, value] of Object.entries(node)) {
      if (name === key) found.push({ at, value });
      else valuesOf(value, key, at ? `${at}.${name}` : name, found);
    }
  }
  return found;
}

test("every x-taskmock-source anywhere in a spec is one of the four values CONVENTIONS.md lists", () => {
  const allowed = ["seed", "vendor-docs", "vendor-definition", "inferred"];
  const wrong = specs.flatMap(({ vendor, doc }) =>
    valuesOf(doc, "x-taskmock-source")
      .filter(({ value }) => !allowed.includes(value as string))
      .map(({ at, value }) => `${vendor} ${at}: ${String(value)}`),
  );
  expect(wrong).toEqual([]);
});

test("every documentation conflict is recorded with an id, the docs' words and a decision, ids unique", () => {
  const ids: string[] = [];
  for (const { doc } of specs) {
    for (const entry of conflictsOf(doc)) {
      expect(entry).toMatchObject({
        id: expect.any(String),
        where: expect.any(String),
        docs: expect.any(String),
        decision: expect.any(String),
      });
      ids.push(entry["id"] as string);
    }
  }
  expect(ids.length).toBeGreaterThanOrEqual(5);
  expect(new Set(ids).size).toBe(ids.length);
});

test("every documentation conflict decision is named by a test that checks it", () => {
  const testDir = new URL("../", import.meta.url);
  const sources = (readdirSync(testDir, { recursive: true }) as string[])
    .filter((name) => name.endsWith(".ts") && !name.startsWith("specs/"))
    .map((name) => readFileSync(new URL(name, testDir), "utf8"))
    .join("\n");
  const untested = specs.flatMap(({ doc }) => conflictsOf(doc).map((c) => c["id"] as string)).filter((id) => !sources.includes(id));
  expect(untested).toEqual([]);
});

/** The collection each vendor's list endpoint serves, and the seed page's objects it must hold. */
const LISTED: Record<string, { collection: string; seedIds: (string | number)[] }> = {
  crego: { collection: "schedules", seedIds: [1] },
  huawei: { collection: "schedule_tasks", seedIds: ["62f48b59-0ebb-4b1e-ad35-f64948a0591b"] },
  spaaza: { collection: "tasks", seedIds: [12345] },
  omni: { collection: "schedules", seedIds: ["a1b2c3d4-e5f6-7890-abcd-ef1234567890"] },
  awork: { collection: "taskSchedules", seedIds: ["123e4567-e89b-12d3-a456-426614174000"] },
};

test.each(Object.entries(LISTED))("%s fixtures hold the seed page's objects and at least 25 further records for lists", (vendor, { collection, seedIds }) => {
  const file = fixtureFileOf(vendor);
  expect(file).toBeDefined();
  const seed = readFixtureFile(file as string).collections[collection];
  expect(seed, collection).toBeDefined();
  const records = Array.isArray(seed?.records) ? seed.records : Object.values(seed?.records ?? {}).flat();
  const ids = records.map((r) => r[seed?.key ?? ""]);
  for (const id of seedIds) expect(ids).toContain(id);
  expect(records.length).toBeGreaterThanOrEqual(seedIds.length + 25);
});

