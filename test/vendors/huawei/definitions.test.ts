// The Huawei spec and mock measured against Huawei's own definitions (the API Explorer
// definitions, the official SDKs' models and regions; fact-only copies in ./definitions): every
// parameter and request field has the definitions' lengths and ranges (vendor-refs rows H1-H8,
// H18), one TargetInfo for requests and the detail (H9), a policy never set is absent (H10), the
// regions (H13), every documented example request answers its documented status once only its
// documented violations are corrected, and every answer matches the definitions' schema for its
// status.
import { beforeEach, describe, expect, test } from "vitest";
import { deref, type JsonSchema, type ParameterObject, type RequestBodyObject } from "../../../src/engine/openapi.js";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { conflictsOf, operationsOf } from "../../helpers/specs.js";
import { DEFINITIONS, type Definition, definitionErrors, FIRST_CREATE_DEFINITION, REGIONS } from "./definitions.js";
import {
  batchPath,
  doc,
  EXECUTION,
  example,
  futurePath,
  huaweiClient,
  type Json,
  PROJECT,
  RUNNING,
  restartDaily,
  SEED,
  SERVER,
  SERVER_GROUP,
  START,
  taskPath,
  tasksPath,
} from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, setClock } = huaweiClient(() => app);

/** The spec's operation for a definition: same method and path. */
function specOperation(definition: Definition) {
  const found = operationsOf(doc).find((o) => o.method.toUpperCase() === definition.method && o.path === definition.path);
  if (!found) throw new Error(`the spec has no ${definition.method} ${definition.path}`);
  return found;
}

const CONSTRAINTS = ["type", "minLength", "maxLength", "minimum", "maximum", "pattern", "enum", "minItems", "maxItems", "uniqueItems", "format"] as const;

/** A schema's constraints, $refs followed (a $ref with siblings, as DateListInput, merged). */
function constraints(schema: unknown, root: (ref: string) => unknown): Record<string, unknown> {
  let node = schema as Record<string, unknown>;
  let merged: Record<string, unknown> = {};
  for (let depth = 0; depth < 10 && node; depth++) {
    merged = { ...node, ...merged };
    if (typeof node["$ref"] !== "string") break;
    node = root(node["$ref"]) as Record<string, unknown>;
    delete merged["$ref"];
  }
  return Object.fromEntries(CONSTRAINTS.filter((k) => merged[k] !== undefined).map((k) => [k, merged[k]]));
}

const specRef = (ref: string) => deref(doc, { $ref: ref });

/** A definition's body schema, its allOf parts merged into one object schema. */
function definitionBody(definition: Definition): { properties: Record<string, unknown>; required: string[] } {
  const defRef = (ref: string) => definition.definitions[ref.replace("#/definitions/", "")];
  const body = definition.parameters.find((p) => p.in === "body");
  const out = { properties: {} as Record<string, unknown>, required: [] as string[] };
  const visit = (schema: Record<string, unknown> | undefined): void => {
    if (!schema) return;
    if (typeof schema["$ref"] === "string") return visit(defRef(schema["$ref"]));
    for (const part of (schema["allOf"] as Record<string, unknown>[] | undefined) ?? []) visit(part);
    Object.assign(out.properties, schema["properties"] ?? {});
    out.required.push(...((schema["required"] as string[] | undefined) ?? []));
  };
  visit(body?.schema as Record<string, unknown> | undefined);
  // Properties given as $refs to enums: their constraints (int32 is Swagger's integer size, which JSON numbers do not state).
  for (const [name, prop] of Object.entries(out.properties)) {
    const { format, ...rest } = constraints(prop, defRef);
    out.properties[name] = format === undefined || format === "int32" ? rest : { ...rest, format };
  }
  return out;
}

describe("the spec follows the definitions (vendor-refs H1-H8, H18)", () => {
  test.each(Object.values(DEFINITIONS).map((d) => [d.operationId, d] as const))(
    "%s: every path and query parameter has the definition's type, lengths, range and pattern",
    (_id, definition) => {
      const { path, operation } = specOperation(definition);
      const params = [...(doc.paths[path]?.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref<ParameterObject>(doc, p));
      for (const given of definition.parameters.filter((p) => p.in === "path" || p.in === "query")) {
        const mine = params.find((p) => p.name === given.name && p.in === given.in);
        expect(mine, `${given.in} ${given.name}`).toBeDefined();
        const want = Object.fromEntries(CONSTRAINTS.filter((k) => k in given && k !== "format").map((k) => [k, given[k as keyof typeof given]]));
        expect(constraints(mine?.schema, specRef), `${definition.operationId} ${given.name}`).toMatchObject(want);
        if (given.default !== undefined) expect(deref<Record<string, unknown>>(doc, mine?.schema as Record<string, unknown>)["default"]).toBe(given.default);
      }
    },
  );

  test.each(["createScheduleTask", "listFutureExecutions", "batchDeleteScheduleTask"])(
    "%s: every body field has the definition's constraints; required as the definition, plus what conflict huawei-scheduled-time-required adds",
    (id) => {
      const definition = DEFINITIONS[id] as Definition;
      const want = definitionBody(definition);
      const { operation } = specOperation(definition);
      const media = deref<RequestBodyObject>(doc, operation.requestBody as RequestBodyObject).content["application/json"];
      const schema = deref<JsonSchema>(doc, media?.schema as JsonSchema) as { properties: Record<string, unknown>; required?: string[] };
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(want.properties).sort());
      for (const [name, constraint] of Object.entries(want.properties)) {
        expect(constraints(schema.properties[name], specRef), `${id} ${name}`).toMatchObject(constraint as Record<string, unknown>);
      }
      const extra = { createScheduleTask: ["scheduled_time"], listFutureExecutions: ["scheduled_type", "scheduled_time"], batchDeleteScheduleTask: [] }[id];
      expect([...(schema.required ?? [])].sort()).toEqual([...want.required, ...(extra ?? [])].sort());
    },
  );

  test("TargetInfo is one shape for requests and the detail: target_id 1 to 128, an optional target_name (H1, H9)", () => {
    const target = constraints(specRef("#/components/schemas/TargetInfo"), specRef);
    expect(target).toMatchObject({ type: "object" });
    const schema = specRef("#/components/schemas/TargetInfo") as unknown as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(["target_id", "target_name", "target_type"]);
    expect(schema.required.sort()).toEqual(["target_id", "target_type"]);
    expect(constraints(schema.properties["target_id"], specRef)).toMatchObject({ minLength: 1, maxLength: 128 });
  });

  test("the servers are the 17 regions of the official SDKs, each on its own host (H13)", () => {
    const listed: Record<string, string> = {};
    for (const server of doc.servers ?? []) {
      const variables = server.variables as Record<string, { enum?: string[] }> | undefined;
      for (const region of variables?.["region"]?.enum ?? []) listed[region] = server.url.replace("{region}", region);
    }
    expect(listed).toEqual(REGIONS);
  });
});

describe("lengths and ranges, as a client meets them (H1-H5, H8)", () => {
  const long = (n: number) => "a".repeat(n);

  test("ids up to 128 characters are ids (an unknown one is a 404, not a 400); 129 is a 400 naming the parameter", async () => {
    // Before: the limit was 64, so 65 to 128 characters were a 400.
    expect((await call("GET", taskPath(long(128)))).status).toBe(404);
    expect((await call("GET", `${taskPath(long(128))}/execute-detail`)).status).toBe(404);
    expect((await call("GET", tasksPath(long(128)))).status).toBe(404);
    const tooLong = await call("GET", taskPath(long(129)));
    expect(tooLong.body.error_msg).toBe("The parameter is invalid. task_id: must be at most 128 characters (it has 129)");
    const batch = await call("POST", batchPath, { body: { items: [long(128)] } });
    expect(batch.status).toBe(200);
    expect((await call("POST", batchPath, { body: { items: [long(129)] } })).body.error_msg).toBe(
      "The parameter is invalid. items/0: must be at most 128 characters (it has 129)",
    );
  });

  test("target_id up to 128 characters (then it must name a server), 129 a 400", async () => {
    const target = (id: string) => ({ ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: id }] });
    expect((await call("POST", tasksPath(), { body: target(long(128)) })).body.error_msg).toContain("no SERVER");
    expect((await call("POST", tasksPath(), { body: target(long(129)) })).body.error_msg).toBe(
      "The parameter is invalid. target_infos/0/target_id: must be at most 128 characters (it has 129)",
    );
  });

  test("day_interval 1 to 31 (H4), schedule fields up to 255 characters (H6), description 0 to 255 (H5)", async () => {
    const daily = { scheduled_type: "DAY", scheduled_time: "01:00:00" };
    expect((await call("POST", futurePath, { body: { ...daily, day_interval: 31 } })).status).toBe(200);
    expect((await call("POST", futurePath, { body: { ...daily, day_interval: 32 } })).body.error_msg).toBe(
      "The parameter is invalid. day_interval: 32 is more than 31",
    );
    expect((await call("POST", futurePath, { body: { ...daily, day_interval: 1, week_list: long(256) } })).body.error_msg).toBe(
      "The parameter is invalid. week_list: must be at most 255 characters (it has 256)",
    );
    expect((await call("POST", tasksPath(), { body: { ...restartDaily, description: "" } })).status).toBe(200);
  });
});

describe("the detail (H9, H10)", () => {
  test("a detail's target_infos, target_name included, sent back in a PATCH is accepted; the name is the object's own", async () => {
    const detail = (await call("GET", taskPath(SEED))).body;
    expect(detail.target_infos).toEqual([{ target_type: "SERVER", target_id: SERVER, target_name: "aps-design-01" }]);
    // Before: target_name was an unknown property of the request TargetInfo, a 400.
    const patched = await call("PATCH", taskPath(SEED), {
      body: { target_infos: [...detail.target_infos, { target_type: "SERVER_GROUP", target_id: SERVER_GROUP, target_name: "a name of mine" }] },
    });
    expect(patched.status).toBe(200);
    expect((await call("GET", taskPath(SEED))).body.target_infos).toEqual([
      { target_type: "SERVER", target_id: SERVER, target_name: "aps-design-01" },
      { target_type: "SERVER_GROUP", target_id: SERVER_GROUP, target_name: "sg-design-tools" },
    ]);
  });

  test("a task created without schedule_task_policy has none in any answer; one sent without enforcement_enable gets false", async () => {
    const { schedule_task_policy: _, ...noPolicy } = restartDaily;
    const created = await call("POST", tasksPath(), { body: noPolicy });
    // Before: the mock answered {"enforcement_enable": false}, which Terraform reads as a policy set.
    expect(created.body).not.toHaveProperty("schedule_task_policy");
    expect((await call("GET", taskPath(created.body.id))).body).not.toHaveProperty("schedule_task_policy");
    const patched = await call("PATCH", taskPath(created.body.id), { body: { schedule_task_policy: {} } });
    expect(patched.body.schedule_task_policy).toEqual({ enforcement_enable: false });
  });
});

describe("every documented example request, only its documented violations corrected, answers its documented status", () => {
  /** The corrections the spec's conflicts document, each applied where the example has the violation. */
  function corrected(body: Record<string, unknown>): Record<string, unknown> {
    const out = structuredClone(body);
    if (typeof out["scheduled_type"] === "string") out["scheduled_type"] = (out["scheduled_type"] as string).toUpperCase(); // huawei-scheduled-type-case
    if (typeof out["task_name"] === "string") out["task_name"] = (out["task_name"] as string).replace(/ /g, "_"); // huawei-task-name-spaces
    if (Array.isArray(out["target_infos"])) {
      out["target_infos"] = (out["target_infos"] as Record<string, unknown>[]).map((t) =>
        Array.isArray(t["target_id"]) ? { ...t, target_id: (t["target_id"] as string[])[0] } : t, // huawei-target-id-array
      );
    }
    return out;
  }

  const seedRequest = conflictsOf(doc).find((c) => c["id"] === "huawei-scheduled-type-case")?.["seedExample"] as Record<string, unknown>;

  test("the seed's PATCH answers 200, with the seed's own expire_time (conflict huawei-expire-before-schedule)", async () => {
    // Before: an inferred rule refused it, 400 "expire_time: must be later than scheduled_date 2022-12-23 09:00:00".
    const body = corrected(seedRequest);
    expect(body["expire_time"]).toBe("2022-03-07T10:40:43.858Z");
    expect(body).toEqual(example("/v1/{project_id}/schedule-task/{task_id}", "patch", "request", "seed"));
    await setClock("2024-12-25T12:38:27.942Z");
    const res = await call("PATCH", taskPath(SEED), { body });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(example("/v1/{project_id}/schedule-task/{task_id}", "patch", "200", "seed"));
  });

  const examples: [string, Definition, string, string, number][] = [
    ["CreateScheduleTask", DEFINITIONS["createScheduleTask"] as Definition, tasksPath(), "apiExplorer", 200],
    ["CreateScheduleTask (2025-01-10), with target_name", FIRST_CREATE_DEFINITION, tasksPath(), "apiExplorerFirstVersion", 200],
    ["BatchDeleteScheduleTask", DEFINITIONS["batchDeleteScheduleTask"] as Definition, batchPath, "apiExplorer", 200],
    ["ListFutureExecutions", DEFINITIONS["listFutureExecutions"] as Definition, futurePath, "apiExplorer", 200],
  ];
  test.each(examples)("%s: the definition's example", async (_name, definition, path, named, status) => {
    const published = definition.requestExample;
    expect(published).toBeDefined();
    const body = corrected(published as Record<string, unknown>);
    // The spec keeps the corrected example under its name.
    expect(body).toEqual(example(definition.path, "post", "request", named));
    const res = await call("POST", path, { body });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(definitionErrors(definition === FIRST_CREATE_DEFINITION ? "createScheduleTask" : Object.keys(DEFINITIONS).find((k) => DEFINITIONS[k] === definition) as string, res.status, res.body)).toEqual([]);
  });

  test("the future-executions example, a FIXED_TIME in 2022 already past, has no future run", async () => {
    const res = await call("POST", futurePath, { body: corrected((DEFINITIONS["listFutureExecutions"] as Definition).requestExample as Record<string, unknown>) });
    expect(res.body).toEqual({ future_executions: [], time_zone: "Asia/Shanghai" });
  });
});

describe("every answer matches the definitions' schema for its status", () => {
  const unknown = "00000000-0000-4000-8000-0000000000ff";
  /** [operationId, method, path, body?, extra headers?]: successes and errors of every operation. */
  const requests: [string, string, string, unknown?, Record<string, string>?][] = [
    ["createScheduleTask", "POST", tasksPath(), restartDaily],
    ["createScheduleTask", "POST", tasksPath(), { ...restartDaily, scheduled_type: "day" }],
    ["createScheduleTask", "POST", tasksPath(), restartDaily, { "x-auth-token": "taskmock-readonly" }],
    ["listScheduleTasks", "GET", `${tasksPath()}?limit=100`],
    ["listScheduleTasks", "GET", `${tasksPath()}?limit=1000`],
    ["listScheduleTasks", "GET", tasksPath("ffffffffffffffffffffffffffffffff")],
    ["showScheduleTask", "GET", taskPath(SEED)],
    ["showScheduleTask", "GET", taskPath(unknown)],
    ["updateScheduleTask", "PATCH", taskPath(SEED), { is_enable: false }],
    ["updateScheduleTask", "PATCH", taskPath(SEED), { week_list: "8" }],
    ["deleteScheduleTask", "DELETE", taskPath(RUNNING)],
    ["deleteScheduleTask", "DELETE", taskPath(unknown)],
    ["batchDeleteScheduleTask", "POST", batchPath, { items: [unknown] }],
    ["batchDeleteScheduleTask", "POST", batchPath, { items: [] }],
    ["listFutureExecutions", "POST", futurePath, { scheduled_type: "WEEK", week_list: "2,4,6", scheduled_time: "07:30:00" }],
    ["listFutureExecutions", "POST", futurePath, { scheduled_type: "WEEK", scheduled_time: "07:30:00" }],
    ["listTaskExecuteHistory", "GET", `${taskPath(SEED)}/execute-history?limit=100`],
    ["listTaskExecuteHistory", "GET", `${taskPath(unknown)}/execute-history`],
    ["listTaskExecuteDetail", "GET", `${taskPath(EXECUTION)}/execute-detail`],
    ["listTaskExecuteDetail", "GET", `${taskPath(EXECUTION)}/execute-detail?offset=-1`],
  ];
  test.each(requests)("%s: %s %s", async (id, method, path, body, headers = {}) => {
    const token = headers["x-auth-token"] ?? "taskmock-admin";
    const res = await call(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(definitionErrors(id, res.status, res.body)).toEqual([]);
  });

  test.each(operationsOf(doc).map((o) => [o.operation.operationId as string, o] as const))(
    "%s: every documented status, forced, and a failed sign-in",
    async (id, { path, method }) => {
      const concrete = path.replace("{project_id}", PROJECT).replace("{task_id}", SEED).replace("{execute_history_id}", EXECUTION);
      const forcedStatuses = [400, 401, 403, 404, 405, 500, 503, ...(id === "deleteScheduleTask" ? [409] : [])];
      const body = method === "post" || method === "patch" ? restartDaily : undefined;
      for (const status of forcedStatuses) {
        const res = await call(method.toUpperCase(), `${concrete}?__code=${status}`, body === undefined ? {} : { body: id === "batchDeleteScheduleTask" ? { items: [SEED] } : id === "updateScheduleTask" ? { is_enable: true } : body });
        expect(res.status).toBe(status);
        expect(definitionErrors(id, status, res.body)).toEqual([]);
      }
      const signIn = await call(method.toUpperCase(), concrete, { token: null });
      expect(signIn.status).toBe(401);
      expect(definitionErrors(id, 401, signIn.body)).toEqual([]);
    },
  );

  test("the clock's runs keep the history and detail answers within the definitions", async () => {
    await setClock(START);
    await huaweiClient(() => app).advance("P3D");
    const history: Json = (await call("GET", `${taskPath(SEED)}/execute-history?limit=100`)).body;
    expect(definitionErrors("listTaskExecuteHistory", 200, history)).toEqual([]);
    const latest = history.items[0].id as string;
    expect(definitionErrors("listTaskExecuteDetail", 200, (await call("GET", `${taskPath(latest)}/execute-detail`)).body)).toEqual([]);
  });
});
