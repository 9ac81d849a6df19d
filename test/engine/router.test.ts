// The router: concrete paths before templates, the most specific match owns the path (405 with
// its methods), 404 otherwise.
import { describe, expect, test } from "vitest";
import { createRouter } from "../../src/engine/router.js";

const router = createRouter(
  [
    ["GET", "/v1/{project_id}/schedule-task"],
    ["POST", "/v1/{project_id}/schedule-task"],
    ["GET", "/v1/{project_id}/schedule-task/{task_id}"],
    ["PATCH", "/v1/{project_id}/schedule-task/{task_id}"],
    ["POST", "/v1/{project_id}/schedule-task/future-executions"],
    ["POST", "/v1/{project_id}/schedule-task/actions/batch-delete"],
    ["GET", "/tasks/schedules/"],
    ["GET", "/tasks/{task_name}/"],
  ].map(([method, template]) => ({ method: method as string, template: template as string, route: `${method} ${template}` })),
);

describe("router", () => {
  test.each([
    ["GET", "/v1/p1/schedule-task", "GET /v1/{project_id}/schedule-task", { project_id: "p1" }],
    ["PATCH", "/v1/p1/schedule-task/t-9", "PATCH /v1/{project_id}/schedule-task/{task_id}", { project_id: "p1", task_id: "t-9" }],
    ["POST", "/v1/p1/schedule-task/future-executions", "POST /v1/{project_id}/schedule-task/future-executions", { project_id: "p1" }],
    ["GET", "/tasks/schedules/", "GET /tasks/schedules/", {}],
    ["GET", "/tasks/reports.generate/", "GET /tasks/{task_name}/", { task_name: "reports.generate" }],
    ["GET", "/v1/p%20x/schedule-task", "GET /v1/{project_id}/schedule-task", { project_id: "p x" }],
  ])("%s %s → %s", (method, path, route, params) => {
    expect(router.match(method, path)).toEqual({ kind: "found", route, params });
  });

  test.each([
    ["DELETE", "/v1/p1/schedule-task", ["GET", "POST"]],
    ["PUT", "/v1/p1/schedule-task/actions/batch-delete", ["POST"]],
    ["POST", "/tasks/schedules/", ["GET"]],
    ["PATCH", "/tasks/schedules/", ["GET"]],
    ["GET", "/v1/p1/schedule-task/future-executions", ["POST"]],
  ])("%s %s → 405 allowing %j", (method, path, allow) => {
    expect(router.match(method, path)).toEqual({ kind: "method-not-allowed", allow });
  });

  test.each([
    ["GET", "/v1/p1/schedule-task/t1/extra"],
    ["GET", "/tasks/schedules"],
    ["GET", "/v1//schedule-task"],
    ["GET", "/v1/%E0%A4%A/schedule-task"],
    ["GET", "/"],
  ])("%s %s → 404", (method, path) => {
    expect(router.match(method, path)).toEqual({ kind: "not-found" });
  });
});
