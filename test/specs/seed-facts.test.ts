// Each spec against the facts of its seed page (../shared/seeds/) and the endpoint tables of
// vendor-notes: the documented endpoint exists with its method, path and statuses, and every
// sibling endpoint the vendors' wider docs list is declared.
import { describe, expect, test } from "vitest";
import { deref, type ParameterObject, type SecuritySchemeObject } from "../../src/engine/openapi.js";
import { allSpecs, operationsOf } from "../helpers/specs.js";

const specs = new Map(allSpecs().map((s) => [s.vendor, s]));

function specOf(vendor: string) {
  const spec = specs.get(vendor);
  if (!spec) throw new Error(`no spec for ${vendor}`);
  return spec;
}

interface SeedFacts {
  vendor: string;
  method: string;
  path: string;
  /** Every status the seed page lists for its endpoint. */
  statuses: number[];
  origin: string;
  /** How the seed says to authenticate. */
  security: { type: "http"; scheme: "bearer" } | { type: "apiKey"; in: "header"; name: string };
  /** Path parameters and their types as the seed's table gives them. */
  pathParams: Record<string, string>;
}

const SEEDS: SeedFacts[] = [
  {
    vendor: "crego",
    method: "put",
    path: "/tasks/schedules/{id}/",
    statuses: [200, 400, 401, 403, 404, 500],
    origin: "https://preprod.api.crego.io",
    security: { type: "http", scheme: "bearer" },
    pathParams: { id: "integer" },
  },
  {
    vendor: "huawei",
    method: "patch",
    path: "/v1/{project_id}/schedule-task/{task_id}",
    statuses: [200, 400, 401, 403, 404, 405, 500, 503],
    origin: "myhuaweicloud.com",
    security: { type: "apiKey", in: "header", name: "X-Auth-Token" },
    pathParams: { project_id: "string", task_id: "string" },
  },
  {
    vendor: "spaaza",
    method: "put",
    path: "/tasks/{id}",
    // The seed names conditions, not codes: task not found, invalid target or trigger, authentication failure.
    statuses: [200, 400, 401, 404],
    origin: "https://",
    security: { type: "http", scheme: "bearer" },
    pathParams: { id: "integer" },
  },
  {
    vendor: "omni",
    method: "put",
    path: "/api/v1/connections/{connectionId}/schedules/{scheduleId}",
    statuses: [200, 400, 401, 403, 404],
    origin: "omniapp.co",
    security: { type: "http", scheme: "bearer" },
    pathParams: { connectionId: "string", scheduleId: "string" },
  },
  {
    vendor: "awork",
    method: "post",
    path: "/api/v1/taskschedules",
    statuses: [200, 400, 401, 404],
    origin: "https://api.awork.com",
    security: { type: "http", scheme: "bearer" },
    pathParams: {},
  },
];

describe.each(SEEDS.map((s) => [s.vendor, s] as const))("%s seed", (vendor, facts) => {
  const spec = specs.get(vendor);

  test(`declares ${facts.method.toUpperCase()} ${facts.path} from the seed page`, () => {
    const operation = spec?.doc.paths[facts.path]?.[facts.method as "get"];
    expect(operation, `${facts.method} ${facts.path}`).toBeDefined();
    expect(operation?.["x-taskmock-source"]).toBe("seed");
  });

  test(`declares every status the seed lists: ${facts.statuses.join(", ")}`, () => {
    const operation = spec?.doc.paths[facts.path]?.[facts.method as "get"];
    const declared = Object.keys(operation?.responses ?? {}).map(Number);
    expect(declared).toEqual(expect.arrayContaining(facts.statuses));
  });

  test("has the seed's path parameters with their types", () => {
    const item = spec?.doc.paths[facts.path];
    const operation = item?.[facts.method as "get"];
    const params = [...(item?.parameters ?? []), ...(operation?.parameters ?? [])].map((p) =>
      deref<ParameterObject>(specOf(vendor).doc, p),
    );
    for (const [name, type] of Object.entries(facts.pathParams)) {
      const param = params.find((p) => p.in === "path" && p.name === name);
      expect(param, `path parameter ${name}`).toBeDefined();
      expect(deref<Record<string, unknown>>(specOf(vendor).doc, (param?.schema ?? {}) as Record<string, unknown>)["type"]).toBe(type);
    }
  });

  test("names the vendor's real server and its auth scheme", () => {
    expect(spec?.doc.servers?.[0]?.url).toContain(facts.origin);
    expect(new URL((specOf(vendor).doc.servers?.[0]?.url ?? "").replace(/\{[^}]+\}/g, "x")).pathname).toBe("/");
    const schemes = Object.values(spec?.doc.components?.securitySchemes ?? {}) as SecuritySchemeObject[];
    expect(schemes).toContainEqual(expect.objectContaining(facts.security));
  });
});

/** vendor-notes' endpoint tables: every row must be an operation of its vendor's spec. */
const ENDPOINTS: Record<string, [string, string][]> = {
  crego: [
    ["get", "/tasks/schedules/"],
    ["get", "/tasks/schedules/{id}/"],
    ["patch", "/tasks/schedules/{id}/"],
    ["put", "/tasks/schedules/{id}/"],
    ["get", "/tasks/{task_name}/"],
    ["patch", "/tasks/{task_name}/"],
    ["put", "/tasks/{task_name}/"],
  ],
  huawei: [
    ["post", "/v1/{project_id}/schedule-task"],
    ["get", "/v1/{project_id}/schedule-task"],
    ["get", "/v1/{project_id}/schedule-task/{task_id}"],
    ["patch", "/v1/{project_id}/schedule-task/{task_id}"],
    ["delete", "/v1/{project_id}/schedule-task/{task_id}"],
    ["post", "/v1/{project_id}/schedule-task/actions/batch-delete"],
    ["get", "/v1/{project_id}/schedule-task/{task_id}/execute-history"],
    ["get", "/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail"],
    ["post", "/v1/{project_id}/schedule-task/future-executions"],
  ],
  spaaza: [
    ["post", "/tasks"],
    ["get", "/tasks"],
    ["get", "/tasks/{id}"],
    ["put", "/tasks/{id}"],
    ["delete", "/tasks/{id}"],
    ["post", "/tasks/{id}/execute"],
    ["get", "/tasks/{id}/download_url"],
  ],
  omni: [
    ["get", "/api/v1/connections/{connectionId}/schedules"],
    ["post", "/api/v1/connections/{connectionId}/schedules"],
    ["get", "/api/v1/connections/{connectionId}/schedules/{scheduleId}"],
    ["put", "/api/v1/connections/{connectionId}/schedules/{scheduleId}"],
    ["delete", "/api/v1/connections/{connectionId}/schedules/{scheduleId}"],
  ],
  awork: [
    ["post", "/api/v1/taskschedules"],
    ["get", "/api/v1/taskschedules"],
    ["post", "/api/v1/taskschedules/bytaskid/{taskId}"],
    ["get", "/api/v1/taskschedules/{taskScheduleId}"],
    ["put", "/api/v1/taskschedules/{taskScheduleId}"],
    ["delete", "/api/v1/taskschedules/{taskScheduleId}"],
  ],
};

describe.each(Object.entries(ENDPOINTS))("%s endpoints of vendor-notes", (vendor, rows) => {
  test.each(rows)("%s %s is declared", (method, path) => {
    const declared = operationsOf(specOf(vendor).doc).map((o) => `${o.method} ${o.path}`);
    expect(declared).toContain(`${method} ${path}`);
  });
});

test("awork's 'create task schedules from a task by id' is declared at the path of awork's definition, and the inferred path is gone", () => {
  const ops = operationsOf(specOf("awork").doc).filter((o) => o.method === "post" && o.path !== "/api/v1/taskschedules");
  expect(ops.map((o) => [o.path, o.operation["x-taskmock-source"]])).toEqual([["/api/v1/taskschedules/bytaskid/{taskId}", "vendor-definition"]]);
});
