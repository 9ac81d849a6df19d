// awork's own client against taskmock: a client generated from awork's definition (the fact-only
// copy openapi.json, typed by openapi-typescript into schema.ts) and driven with openapi-fetch
// through every operation, against a real server on a free port. Every answer, success and error,
// is validated with ajv against the definition's own schemas: the operation's response for a
// status the definition declares, its ErrorResponse for a status taskmock adds (each one recorded
// in specs/awork.yaml). The findings are here: the by-task-id call (404 before) and a PUT
// without userId (400 before).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ValidateFunction } from "ajv";
import type { FormatsPlugin } from "ajv-formats";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../../src/index.js";
import type { components, paths } from "./schema.js";

const require = createRequire(import.meta.url);
// As src/engine/schemaCompiler.ts loads them: ajv and ajv-formats are CommonJS.
const { Ajv } = require("ajv") as { Ajv: typeof AjvClass };
const addFormats = (require("ajv-formats") as { default: FormatsPlugin }).default;

type Definition = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};
const definition = JSON.parse(readFileSync(new URL("./openapi.json", import.meta.url), "utf8")) as Definition;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(definition, "awork");

const CLOCK = "2026-01-01T00:00:00Z";
/** The fixture's seed task (one assignee, both dates), user and schedule. */
const SEED = "123e4567-e89b-12d3-a456-426614174000";
/** A fixture task with two assignees and both dates. */
const WIREFRAME = "9f3c2d1e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";

/**
 * The statuses taskmock answers beyond those the definition declares, per operation: 429 (Rate
 * Limits page) everywhere, and the ones recorded in the conflicts awork-list-parameters and
 * awork-statuses-beyond-definition.
 */
const BEYOND: Record<string, number[]> = {
  "get /taskschedules": [400, 429],
  "post /taskschedules": [429],
  "post /taskschedules/bytaskid/{taskId}": [429],
  "get /taskschedules/{taskScheduleId}": [400, 429],
  "put /taskschedules/{taskScheduleId}": [404, 429],
  "delete /taskschedules/{taskScheduleId}": [400, 404, 429],
};

const validators = new Map<string, ValidateFunction | "no content">();

/** The definition's schema for an answer: the operation's own for a declared status, ErrorResponse otherwise. */
function validatorFor(path: string, method: string, status: number): ValidateFunction | "no content" {
  const key = `${method} ${path} ${status}`;
  const known = validators.get(key);
  if (known) return known;
  const response = definition.paths[path]?.[method]?.responses[String(status)];
  const schema = response?.content?.["application/json"]?.schema ?? { $ref: "#/components/schemas/ErrorResponse" };
  const validator = response && !response.content ? "no content" : ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"awork#/components/')));
  validators.set(key, validator);
  return validator;
}

interface Answer {
  operation: string;
  status: number;
  problems: string[];
}

/** Every answer the clients of this file got, checked against the definition as it arrived. */
const answers: Answer[] = [];
let checked = 0;

const againstDefinition: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const method = request.method.toLowerCase();
    const operation = `${method} ${schemaPath}`;
    const problems: string[] = [];
    const declared = Object.keys(definition.paths[schemaPath]?.[method]?.responses ?? {}).map(Number);
    if (!declared.includes(response.status) && !(BEYOND[operation] ?? []).includes(response.status)) {
      problems.push(`status ${response.status} is neither declared by the definition nor recorded by taskmock`);
    }
    const text = await response.clone().text();
    const validator = validatorFor(schemaPath, method, response.status);
    if (validator === "no content") {
      if (text !== "") problems.push(`status ${response.status} has no body in the definition, got ${text}`);
    } else if (!response.headers.get("content-type")?.startsWith("application/json")) {
      problems.push(`content-type ${response.headers.get("content-type")}`);
    } else if (!validator(JSON.parse(text))) {
      problems.push(...(validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`));
    }
    answers.push({ operation, status: response.status, problems });
  },
};

/** The answers since the last call: every one fits the definition. */
function expectAnswersFitTheDefinition(count: number): void {
  const fresh = answers.slice(checked);
  checked = answers.length;
  expect(fresh.length, "answers checked").toBe(count);
  expect(fresh.filter((a) => a.problems.length > 0)).toEqual([]);
}

let server: RunningMockServer;
let admin: Client<paths>;
let readonly: Client<paths>;
let anonymous: Client<paths>;

function clientFor(token: string | undefined): Client<paths> {
  const client = createClient<paths>({
    baseUrl: `${server.url}/api/v1`,
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  client.use(againstDefinition);
  return client;
}

beforeEach(async () => {
  server = await startMockServer({ vendor: "awork", port: 0, seed: 11, clock: CLOCK, report: () => {} });
  admin = clientFor("taskmock-admin");
  readonly = clientFor("taskmock-readonly");
  anonymous = clientFor(undefined);
  checked = answers.length;
});

afterEach(async () => {
  await server.close();
});

type TaskSchedule = components["schemas"]["TaskSchedule"];

describe("a client generated from awork's definition, against taskmock", () => {
  test("GetTaskSchedules: 200 with the schedules; 401 without a token", async () => {
    const { data, response } = await admin.GET("/taskschedules");
    expect(response.status).toBe(200);
    expect(data?.some((s) => s.id === SEED)).toBe(true);
    const refused = await anonymous.GET("/taskschedules");
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: "workspaceid-missing" });
    expectAnswersFitTheDefinition(2);
  });

  test("PostTaskSchedule: 200 with the schedule; 400 for {}; 404 for an unknown task; 401 for a read-only user", async () => {
    const form = { taskId: SEED, userId: SEED, startDate: "2026-02-02T08:00:00Z", endDate: "2026-02-02T09:30:00Z" };
    const { data, response } = await admin.POST("/taskschedules", { body: form });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ ...form, plannedDuration: 5400, createdBy: SEED });

    const empty = await admin.POST("/taskschedules", { body: {} });
    expect(empty.response.status).toBe(400);
    expect(empty.error).toMatchObject({ code: "invalid-model" });
    const unknown = await admin.POST("/taskschedules", { body: { ...form, taskId: UNKNOWN } });
    expect(unknown.response.status).toBe(404);
    const refused = await readonly.POST("/taskschedules", { body: form });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: "unauthorized" });
    expectAnswersFitTheDefinition(4);
  });

  test("PostTaskSchedulesByTaskIdByTaskId: 204 for a task with one assignee (the issue's finding: 404 before)", async () => {
    const before = (await admin.GET("/taskschedules")).data as TaskSchedule[];
    const { response } = await admin.POST("/taskschedules/bytaskid/{taskId}", { params: { path: { taskId: SEED } } });
    expect(response.status).toBe(204);
    const after = (await admin.GET("/taskschedules")).data as TaskSchedule[];
    const created = after.filter((s) => !before.some((b) => b.id === s.id));
    expect(created).toEqual([expect.objectContaining({ taskId: SEED, userId: SEED, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-04T17:00:00Z" })]);
    expectAnswersFitTheDefinition(3);
  });

  test("PostTaskSchedulesByTaskIdByTaskId: two assignees need createSchedulesForAllAssignees=true; 404 unknown task; 401 read-only", async () => {
    const path = "/taskschedules/bytaskid/{taskId}" as const;
    const without = await admin.POST(path, { params: { path: { taskId: WIREFRAME } } });
    expect(without.response.status).toBe(400);
    expect(without.error).toMatchObject({ code: "invalid-operation" });
    const count = ((await admin.GET("/taskschedules")).data as TaskSchedule[]).length;
    const all = await admin.POST(path, { params: { path: { taskId: WIREFRAME }, query: { createSchedulesForAllAssignees: true } } });
    expect(all.response.status).toBe(204);
    expect(((await admin.GET("/taskschedules")).data as TaskSchedule[]).length).toBe(count + 2);
    expect((await admin.POST(path, { params: { path: { taskId: UNKNOWN } } })).response.status).toBe(404);
    expect((await readonly.POST(path, { params: { path: { taskId: SEED } } })).response.status).toBe(401);
    expectAnswersFitTheDefinition(6);
  });

  test("GetTaskScheduleById: 200; 404 for an unknown id; 401 without a token", async () => {
    const path = "/taskschedules/{taskScheduleId}" as const;
    const { data, response } = await admin.GET(path, { params: { path: { taskScheduleId: SEED } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ id: SEED, plannedDuration: 3600 });
    expect((await admin.GET(path, { params: { path: { taskScheduleId: UNKNOWN } } })).response.status).toBe(404);
    expect((await anonymous.GET(path, { params: { path: { taskScheduleId: SEED } } })).response.status).toBe(401);
    expectAnswersFitTheDefinition(3);
  });

  test("PutTaskScheduleById: the PUT form, without userId, is 200 (the issue's finding: 400 before); 400 for an end before the start; 401 read-only", async () => {
    const path = "/taskschedules/{taskScheduleId}" as const;
    const form: components["schemas"]["TaskSchedulePutForm"] = { taskId: SEED, startDate: "2022-03-01T14:00:00Z", endDate: "2022-03-01T16:00:00Z" };
    const { data, response } = await admin.PUT(path, { params: { path: { taskScheduleId: SEED } }, body: form });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ ...form, id: SEED, userId: SEED, plannedDuration: 7200 });
    const moved = await admin.PUT(path, { params: { path: { taskScheduleId: SEED } }, body: { endDate: "2022-03-01T17:00:00Z" } });
    expect(moved.data).toMatchObject({ startDate: "2022-03-01T14:00:00Z", plannedDuration: 10800 });

    const backwards = await admin.PUT(path, { params: { path: { taskScheduleId: SEED } }, body: { endDate: "2022-03-01T13:00:00Z" } });
    expect(backwards.response.status).toBe(400);
    expect(backwards.error).toMatchObject({ code: "date-dependency", validationErrors: [{ property: "EndDate" }] });
    expect((await readonly.PUT(path, { params: { path: { taskScheduleId: SEED } }, body: form })).response.status).toBe(401);
    expect((await admin.PUT(path, { params: { path: { taskScheduleId: UNKNOWN } }, body: form })).response.status).toBe(404);
    expectAnswersFitTheDefinition(5);
  });

  test("DeleteTaskScheduleById: 204, then the schedule is gone; 401 read-only", async () => {
    const path = "/taskschedules/{taskScheduleId}" as const;
    expect((await readonly.DELETE(path, { params: { path: { taskScheduleId: SEED } } })).response.status).toBe(401);
    expect((await admin.DELETE(path, { params: { path: { taskScheduleId: SEED } } })).response.status).toBe(204);
    expect((await admin.GET(path, { params: { path: { taskScheduleId: SEED } } })).response.status).toBe(404);
    expect((await admin.DELETE(path, { params: { path: { taskScheduleId: SEED } } })).response.status).toBe(404);
    expectAnswersFitTheDefinition(4);
  });

  test("the answers a test forces (Prefer) fit the definition too: every documented example of every operation", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { examples?: Record<string, unknown> }> }> }>>;
      components: { responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> };
    };
    let forced = 0;
    for (const [specPath, item] of Object.entries(doc.paths)) {
      const path = specPath.replace("/api/v1", "");
      for (const method of ["get", "post", "put", "delete"] as const) {
        const operation = item[method];
        if (!operation) continue;
        for (const [status, raw] of Object.entries(operation.responses)) {
          const response = raw.$ref ? doc.components.responses[raw.$ref.split("/").pop() as string] : raw;
          for (const example of Object.keys(response?.content?.["application/json"]?.examples ?? { none: true })) {
            const prefer = example === "none" ? `code=${status}` : `code=${status}, example=${example}`;
            const init = { params: { path: { taskId: SEED, taskScheduleId: SEED } }, headers: { Prefer: prefer } };
            const body = method === "post" || method === "put" ? { body: { taskId: SEED, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z", ...(method === "post" ? { userId: SEED } : {}) } } : {};
            // The typed client is the point of the other tests; here every operation goes through one loop.
            const client = admin as unknown as Record<string, (path: string, init: unknown) => Promise<{ response: Response }>>;
            const answer = await client[method.toUpperCase()]?.(path, { ...init, ...body });
            expect(answer?.response.status, `${method} ${path} ${prefer}`).toBe(Number(status));
            forced++;
          }
        }
      }
    }
    expect(forced).toBeGreaterThan(40);
    expectAnswersFitTheDefinition(forced);
  });
});

test("together, the tests above had every status the definition declares for every operation answered", () => {
  const seen = new Set(answers.map((a) => `${a.operation} ${a.status}`));
  const missing: string[] = [];
  for (const [path, item] of Object.entries(definition.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const status of Object.keys(operation.responses)) if (!seen.has(`${method} ${path} ${status}`)) missing.push(`${method} ${path} ${status}`);
    }
  }
  expect(missing).toEqual([]);
  expect(answers.length).toBeGreaterThan(70);
});
