// A task's execution records and an execution's sub-tasks as a client reads them
// (src/vendors/huawei/executions.ts): the spec's examples, paging by offset and limit, and the
// conflict decision on the execute-detail path.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { EXECUTION, example, huaweiClient, restartDaily, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call } = huaweiClient(() => app);

describe("the spec's examples, sent as documented", () => {
  test("the documented execution records and sub-task", async () => {
    const history = await call("GET", `${taskPath(SEED)}/execute-history?limit=2`);
    expect(history.body).toEqual(example("/v1/{project_id}/schedule-task/{task_id}/execute-history", "get", "200", "twoRuns"));
    const detail = await call("GET", `${taskPath(EXECUTION)}/execute-detail`);
    expect(detail.body).toEqual(
      example("/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail", "get", "200", "failedRestart"),
    );
  });
});

describe("lists", () => {
  test("execute-history pages a task's executions, latest begin_time first", async () => {
    const res = await call("GET", `${taskPath(SEED)}/execute-history?offset=2&limit=2`);
    expect(res.body.count).toBe(6);
    expect(res.body.items.map((h: { id: string }) => h.id)).toEqual([
      "e41e2a2c-f9cf-47c5-868f-876d756fcaf3",
      "fb5afa09-fc33-4a75-8133-ec590f96866d",
    ]);
    const never = await call("POST", tasksPath(), { body: restartDaily });
    expect((await call("GET", `${taskPath(never.body.id)}/execute-history`)).body).toEqual({ count: 0, items: [] });
  });

  test("execute-detail pages an execution's sub-tasks", async () => {
    const execution = "79d48279-99db-4e4f-a990-fc2208c8fc1c";
    const first = await call("GET", `${taskPath(execution)}/execute-detail?limit=3`);
    expect(first.body.count).toBe(4);
    expect(first.body.items).toHaveLength(3);
    const rest = await call("GET", `${taskPath(execution)}/execute-detail?offset=3`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.items[0].execute_id).toBe(execution);
  });
});

describe("conflict decisions", () => {
  test("huawei-execute-detail-param: the path takes an execution id, not a task id", async () => {
    const byTask = await call("GET", `${taskPath(SEED)}/execute-detail`);
    expect(byTask).toMatchObject({ status: 404, body: { error_code: "WKS.00211902" } });
    expect(byTask.body.error_msg).toBe(`The scheduled task execution record does not exist: no execution "${SEED}" in this project.`);
    expect((await call("GET", `${taskPath(EXECUTION)}/execute-detail`)).status).toBe(200);
  });
});
