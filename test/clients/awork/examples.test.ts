// No inferred rule refuses what awork shows accepted: each example request awork documents is
// replayed against taskmock, with only its documented violations corrected, and answers the status
// awork documents for it. The examples: those of awork's definition (the example values of its
// schemas, openapi.json here), the seed page's request, and the request examples of
// specs/awork.yaml (taken from the pages, or built to illustrate them).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { deref, type ParameterObject, type RequestBodyObject } from "../../../src/engine/openapi.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { allSpecs, operationsOf } from "../../helpers/specs.js";

interface SchemaWithExamples {
  $ref?: string;
  properties?: Record<string, { example?: unknown }>;
}
interface Definition {
  servers: { url: string }[];
  components: { schemas: Record<string, SchemaWithExamples> };
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content: Record<string, { schema: SchemaWithExamples }> };
        responses: Record<string, unknown>;
      }
    >
  >;
}

const definition = JSON.parse(readFileSync(new URL("./openapi.json", import.meta.url), "utf8")) as Definition;
const schemas = definition.components.schemas;
const BASE = new URL(definition.servers[0]?.url ?? "").pathname; // /api/v1
const A = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };

/** A schema's example object: each property's example value. */
function exampleOf(schema: SchemaWithExamples): Record<string, unknown> {
  const resolved = schema.$ref ? (schemas[schema.$ref.split("/").pop() as string] as SchemaWithExamples) : schema;
  return Object.fromEntries(Object.entries(resolved.properties ?? {}).map(([name, property]) => [name, property.example]));
}

/** A path parameter's value from the definition's examples: the task schedule's id, the task's id. */
const PARAMETER_EXAMPLES: Record<string, unknown> = {
  taskScheduleId: exampleOf({ $ref: "#/components/schemas/TaskSchedule" })["id"],
  taskId: exampleOf({ $ref: "#/components/schemas/TaskScheduleForm" })["taskId"],
};

interface Replay {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
}

/** The definition's operations as their examples make them, reads first, the delete last. */
function definitionReplays(): Replay[] {
  const replays: Replay[] = [];
  for (const [template, item] of Object.entries(definition.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => String(PARAMETER_EXAMPLES[name]));
      const schema = operation.requestBody?.content["application/json"]?.schema;
      const status = Number(Object.keys(operation.responses).find((s) => s.startsWith("2")));
      replays.push({ name: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), path: `${BASE}${path}`, status, ...(schema ? { body: exampleOf(schema) } : {}) });
    }
  }
  const order = ["GET", "POST", "PUT", "DELETE"];
  return replays.sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method));
}

async function replay(app: ReturnType<typeof mockOf>, r: Replay): Promise<{ status: number; body: unknown }> {
  const res = await request(app, r.path, { method: r.method, headers: A, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("awork's documented example requests answer the documented status", () => {
  test("the definition's examples: every operation, in one sequence on the seed's schedule and task", async () => {
    const app = mockOf("awork");
    const replays = definitionReplays();
    expect(replays.map((r) => r.name)).toHaveLength(6);
    const bodies: Record<string, unknown> = {};
    for (const r of replays) {
      const answer = await replay(app, r);
      expect([r.name, answer.status], JSON.stringify(answer.body)).toEqual([r.name, r.status]);
      bodies[r.name] = answer.body;
    }
    // The definition's create form is the seed's schedule again: 09:00 to 10:00 is the seed's 3600 seconds.
    expect(bodies["POST /taskschedules"]).toMatchObject({ ...exampleOf(schemas["TaskScheduleForm"] as SchemaWithExamples), plannedDuration: 3600 });
    expect(bodies["PUT /taskschedules/{taskScheduleId}"]).toMatchObject(exampleOf(schemas["TaskSchedulePutForm"] as SchemaWithExamples));
    expect(app.reports).toEqual([]);
  });

  test("the seed's request, its {} corrected as awork-create-required-fields records, answers the seed's 200 and response", async () => {
    const app = mockOf("awork");
    const spec = allSpecs().find((s) => s.vendor === "awork");
    const create = operationsOf(spec?.doc as never).find((o) => o.operation.operationId === "createTaskSchedule");
    const body = deref<RequestBodyObject>(spec?.doc as never, create?.operation.requestBody as never).content["application/json"]?.examples?.["seed"];
    const seedBody = deref(spec?.doc as never, body as never) as { value: unknown };
    const answer = await replay(app, { name: "seed", method: "POST", path: "/api/v1/taskschedules", body: seedBody.value, status: 200 });
    expect(answer.status).toBe(200);
    // The seed page's response, less what the server sets anew (id, createdOn/On, createdBy/updatedBy are the admin's user, the seed's shared id).
    expect(answer.body).toMatchObject({
      createdBy: "123e4567-e89b-12d3-a456-426614174000",
      updatedBy: "123e4567-e89b-12d3-a456-426614174000",
      userId: "123e4567-e89b-12d3-a456-426614174000",
      taskId: "123e4567-e89b-12d3-a456-426614174000",
      startDate: "2022-03-01T09:00:00Z",
      endDate: "2022-03-01T10:00:00Z",
      plannedDuration: 3600,
    });
  });

  test("every request example of specs/awork.yaml (bodies and parameters) answers its operation's success status", async () => {
    const spec = allSpecs().find((s) => s.vendor === "awork");
    if (!spec) throw new Error("no awork spec");
    const doc = spec.doc;
    const SEED = "123e4567-e89b-12d3-a456-426614174000";
    let replayed = 0;
    for (const { path, method, operation } of operationsOf(doc)) {
      const success = Number(Object.keys(operation.responses).find((s) => s.startsWith("2")));
      const base = path.replace("{taskScheduleId}", SEED).replace("{taskId}", SEED);
      const requestBody = operation.requestBody ? deref<RequestBodyObject>(doc, operation.requestBody) : undefined;
      const bodies = Object.entries(requestBody?.content["application/json"]?.examples ?? {}).map(([name, e]) => [name, deref(doc, e).value] as const);
      const defaultBody = bodies[0]?.[1];
      const cases: Replay[] = bodies.map(([name, value]) => ({ name: `${operation.operationId} body ${name}`, method: method.toUpperCase(), path: base, body: value, status: success }));
      const parameters = [...(doc.paths[path]?.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref<ParameterObject>(doc, p));
      for (const parameter of parameters) {
        const values = [
          ...(parameter.example === undefined ? [] : [["example", parameter.example] as const]),
          ...Object.entries(parameter.examples ?? {}).map(([name, e]) => [name, deref(doc, e).value] as const),
        ];
        for (const [name, value] of values) {
          const at =
            parameter.in === "path"
              ? path.replace(`{${parameter.name}}`, String(value)).replace("{taskScheduleId}", SEED).replace("{taskId}", SEED)
              : `${base}?${parameter.name}=${encodeURIComponent(String(value))}`;
          cases.push({ name: `${operation.operationId} ${parameter.name} ${name}`, method: method.toUpperCase(), path: at, body: defaultBody, status: success });
        }
      }
      for (const c of cases) {
        const app = mockOf("awork");
        const answer = await replay(app, c);
        expect([c.name, answer.status], JSON.stringify(answer.body)).toEqual([c.name, c.status]);
        replayed++;
      }
    }
    expect(replayed).toBeGreaterThan(15);
  });
});
