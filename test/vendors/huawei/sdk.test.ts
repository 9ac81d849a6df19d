// Huawei's official Node SDK against the mock over a real HTTP server (port 0): the npm package
// @huaweicloud/huaweicloud-sdk-core signs every request with the fixture's key pairs (AK/SK, the
// only sign-in the SDKs have) and sends WorkspaceAppClient's request options for every
// schedule-task operation (signing.ts); every answer, success or error, matches the API Explorer
// definitions' schema for its status; errors surface as the SDK's exceptions with the request id.
import { ClientRequestException } from "@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException.js";
import { ServerResponseException } from "@huaweicloud/huaweicloud-sdk-core/exception/ServerResponseException.js";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../../src/index.js";
import { CLOCK } from "../../helpers/mock.js";
import { EXECUTION, restartDaily, SEED, SERVER, SERVER_GROUP, UNKNOWN } from "./client.js";
import { definitionErrors } from "./definitions.js";
import { ADMIN_KEY, READONLY_KEY, sdkClient, workspaceApp } from "./signing.js";

let server: RunningMockServer;
let root: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 7, clock: CLOCK, report: () => {} });
  root = await startMockServer({ port: 0, seed: 7, clock: CLOCK, report: () => {}, vendor: "huawei" });
});
afterAll(async () => {
  await server.close();
  await root.close();
});

type Answer = Record<string, unknown> & { httpStatusCode: number };

/** One SDK call: the answer as HcClient returns it (the JSON body plus httpStatusCode), checked against the definitions. */
async function send(client: HcClient, operationId: keyof typeof workspaceApp, options: object): Promise<Answer> {
  const answer = (await client.sendRequest(options as Parameters<HcClient["sendRequest"]>[0])) as unknown as Answer;
  const { httpStatusCode, ...body } = answer;
  expect(definitionErrors(operationId, httpStatusCode, Object.keys(body).length === 0 ? undefined : body)).toEqual([]);
  return answer;
}

/** The exception an SDK call throws, checked against the definitions' error schema for its status. */
async function failure(client: HcClient, operationId: keyof typeof workspaceApp, options: object): Promise<ClientRequestException | ServerResponseException> {
  const error = await client.sendRequest(options as Parameters<HcClient["sendRequest"]>[0]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(error instanceof ServerResponseException ? ServerResponseException : ClientRequestException);
  const e = error as ClientRequestException;
  expect(e.requestId, "the SDK reads x-request-id from the error answer").toMatch(/^[0-9a-f]{32}$/);
  expect(definitionErrors(operationId, Number(e.httpStatusCode), { error_code: e.errorCode, error_msg: e.errorMsg })).toEqual([]);
  return e;
}

describe("the admin key pair, every operation (WorkspaceAppClient's request options)", () => {
  test("create, list, show, update, future executions, history, detail, delete, batch delete", async () => {
    const hc = sdkClient(`${server.url}/huawei`);
    // The typed model serialises expire_time, a Date, with JSON.stringify.
    const created = await send(hc, "createScheduleTask", workspaceApp.createScheduleTask({ ...restartDaily, expire_time: new Date("2027-01-01T00:00:00Z") }));
    expect(created).toMatchObject({ httpStatusCode: 200, task_name: "nightly_restart_aps01", expire_time: "2027-01-01T00:00:00.000Z", is_enable: true });
    const id = created["id"] as string;

    const listed = await send(hc, "listScheduleTasks", workspaceApp.listScheduleTasks({ limit: 100, task_type: "RESTART_SERVER" }));
    expect((listed["items"] as { id: string }[]).map((t) => t.id)).toContain(id);

    const shown = await send(hc, "showScheduleTask", workspaceApp.showScheduleTask(id));
    expect(shown["target_infos"]).toEqual([{ target_type: "SERVER", target_id: SERVER, target_name: "aps-design-01" }]);

    // The detail's targets, sent back as they came (target_name included).
    const updated = await send(hc, "updateScheduleTask", workspaceApp.updateScheduleTask(id, { is_enable: false, target_infos: shown["target_infos"] }));
    expect(updated).toMatchObject({ httpStatusCode: 200, id, is_enable: false });

    const future = await send(hc, "listFutureExecutions", workspaceApp.listFutureExecutions({ scheduled_type: "WEEK", week_list: "2,4,6", scheduled_time: "07:30:00" }));
    expect(future["future_executions"]).toHaveLength(5);

    const history = await send(hc, "listTaskExecuteHistory", workspaceApp.listTaskExecuteHistory(SEED, { limit: 2 }));
    expect(history["items"]).toHaveLength(2);
    const detail = await send(hc, "listTaskExecuteDetail", workspaceApp.listTaskExecuteDetail(EXECUTION, { offset: 0, limit: 10 }));
    expect(detail["count"]).toBe(1);

    expect(await send(hc, "deleteScheduleTask", workspaceApp.deleteScheduleTask(id))).toEqual({ httpStatusCode: 200 });
    // Unknown ids are ignored, the batch still succeeds.
    expect(await send(hc, "batchDeleteScheduleTask", workspaceApp.batchDeleteScheduleTask({ items: [UNKNOWN, SERVER_GROUP] }))).toEqual({ httpStatusCode: 200 });
    const gone = await failure(hc, "showScheduleTask", workspaceApp.showScheduleTask(id));
    expect(gone).toMatchObject({ httpStatusCode: 404, errorCode: "WKS.00211902" });
  });

  test("served at the root (serve --vendor huawei), the SDK's endpoint has no prefix and signs the same way", async () => {
    const hc = sdkClient(root.url);
    expect((await send(hc, "listScheduleTasks", workspaceApp.listScheduleTasks({ limit: 1 })))["count"]).toBe(30);
  });
});

describe("errors, as the SDK raises them", () => {
  test("a wrong secret key: ClientRequestException 401 APIGW.0301 with the request id", async () => {
    // Before: 401 WKS.00000401 "The request has no X-Auth-Token.", and requestId undefined.
    const hc = sdkClient(`${server.url}/huawei`, { ak: ADMIN_KEY.ak, sk: "not-the-secret-key" });
    const e = await failure(hc, "listScheduleTasks", workspaceApp.listScheduleTasks());
    expect(e).toBeInstanceOf(ClientRequestException);
    expect(e).toMatchObject({ httpStatusCode: 401, errorCode: "APIGW.0301" });
    expect(e.errorMsg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail/);
  });

  test("the read-only key pair: reads pass, a write is ClientRequestException 403 WKS.00081102", async () => {
    const hc = sdkClient(`${server.url}/huawei`, READONLY_KEY);
    await send(hc, "listScheduleTasks", workspaceApp.listScheduleTasks({ limit: 1 }));
    const e = await failure(hc, "deleteScheduleTask", workspaceApp.deleteScheduleTask(SEED));
    expect(e).toMatchObject({ httpStatusCode: 403, errorCode: "WKS.00081102" });
  });

  test("400 and 404 carry the code, the message and the request id", async () => {
    const hc = sdkClient(`${server.url}/huawei`);
    const bad = await failure(hc, "createScheduleTask", workspaceApp.createScheduleTask({ ...restartDaily, scheduled_type: "day" }));
    expect(bad).toMatchObject({ httpStatusCode: 400, errorCode: "WKS.00211102", errorMsg: 'The parameter is invalid. scheduled_type: "day" is not one of FIXED_TIME, DAY, WEEK, MONTH' });
    const missing = await failure(hc, "listTaskExecuteHistory", workspaceApp.listTaskExecuteHistory(UNKNOWN));
    expect(missing).toMatchObject({ httpStatusCode: 404, errorCode: "WKS.00211902" });
  });

  test("a forced 503 is a ServerResponseException with the request id", async () => {
    const hc = sdkClient(`${server.url}/huawei`);
    const options = { ...workspaceApp.listScheduleTasks(), queryParams: { __code: 503 } };
    const e = await failure(hc, "listScheduleTasks", options);
    expect(e).toBeInstanceOf(ServerResponseException);
    expect(e).toMatchObject({ httpStatusCode: 503, errorCode: "WKS.00050902" });
  });

  test("a path naming another project (not the credential's) is a 404 with the request id", async () => {
    const hc = sdkClient(`${server.url}/huawei`);
    const options = { ...workspaceApp.showScheduleTask(SEED), url: `/v1/${"f".repeat(32)}/schedule-task/{task_id}` };
    expect(await failure(hc, "showScheduleTask", options)).toMatchObject({ httpStatusCode: 404, errorCode: "WKS.00211902" });
  });
});
