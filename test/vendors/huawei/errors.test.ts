// Huawei's error body as a client sees it (src/vendors/huawei/errors.ts): error_code per failure
// (the definitions' WKS codes, the API gateway's APIGW codes with request_id), error_msg from the
// error's fields: as many violations as fit in 255 characters, the most useful first, values
// quoted, never a regular expression; X-Request-Id on every answer; the 404 of an unknown project
// on every operation, and bad input that changes nothing.
import { beforeEach, describe, expect, test } from "vitest";
import type { VendorError } from "../../../src/engine/vendor.js";
import type { MockApp } from "../../../src/index.js";
import { huaweiErrorBody, violationsMessage } from "../../../src/vendors/huawei/errors.js";
import { mockOf } from "../../helpers/mock.js";
import { EXECUTION, futurePath, huaweiClient, RUNNING, restartDaily, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, state, admin } = huaweiClient(() => app);

describe("the project of the path", () => {
  test("an unknown project answers 404 WKS.00211902, the definitions' code, on every operation", async () => {
    const none = "ffffffffffffffffffffffffffffffff";
    const answers = await Promise.all([
      call("GET", tasksPath(none)),
      call("POST", tasksPath(none), { body: restartDaily }),
      call("GET", taskPath(SEED, none)),
      call("PATCH", taskPath(SEED, none), { body: { is_enable: false } }),
      call("DELETE", taskPath(SEED, none)),
      call("POST", `${tasksPath(none)}/actions/batch-delete`, { body: { items: [SEED] } }),
      call("POST", `${tasksPath(none)}/future-executions`, {
        body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00" },
      }),
      call("GET", `${taskPath(SEED, none)}/execute-history`),
      call("GET", `${taskPath(EXECUTION, none)}/execute-detail`),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 404, body: { error_code: "WKS.00211902", error_msg: `The project does not exist: no project "${none}".` } });
    }
  });

  test("huawei-not-found-code: an unknown task and an unknown execution are 404 WKS.00211902 quoting the id", async () => {
    const unknown = "00000000-0000-4000-8000-0000000000ff";
    expect((await call("GET", taskPath(unknown))).body).toEqual({
      error_code: "WKS.00211902",
      error_msg: `The scheduled task does not exist: no task "${unknown}" in this project.`,
    });
    expect((await call("GET", `${taskPath(unknown)}/execute-detail`)).body).toEqual({
      error_code: "WKS.00211902",
      error_msg: `The scheduled task execution record does not exist: no execution "${unknown}" in this project.`,
    });
  });
});

describe("bad input changes nothing", () => {
  test("malformed JSON, a wrong content-type, an unknown field and a broken rule are 400s and leave the state as it was", async () => {
    const before = await state();
    const malformed = await call("POST", tasksPath(), { raw: '{"task_name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_msg).toMatch(/^The parameter is invalid\. body: is not valid JSON/);
    const wrongType = await call("PATCH", taskPath(SEED), { raw: JSON.stringify({ is_enable: false }), contentType: "text/plain" });
    expect(wrongType.body.error_msg).toBe('The parameter is invalid. content-type: must be application/json, not "text/plain"');
    const unknown = await call("PATCH", taskPath(SEED), { body: { is_enable: false, colour: "red" } });
    expect(unknown.body.error_msg).toBe("The parameter is invalid. colour: is not a known property");
    const ruleBroken = await call("PATCH", taskPath(SEED), { body: { is_enable: false, week_list: "1,8" } });
    expect(ruleBroken.status).toBe(400);
    expect(await state()).toEqual(before);
  });

  test("a request without a body is 400 WKS.0001, the Application Error Codes page's code", async () => {
    const res = await call("POST", tasksPath());
    expect(res).toMatchObject({ status: 400, body: { error_code: "WKS.0001", error_msg: "The request message input by the interface is empty." } });
  });
});

describe("error bodies", () => {
  test("a failed sign-in is the API gateway's 401 APIGW.0301, with the request_id of its X-Request-Id", async () => {
    const none = await call("GET", tasksPath(), { token: null });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: x-auth-token not found",
      request_id: none.headers.get("x-request-id"),
    });
    const expired = await call("GET", tasksPath(), { token: "expired" });
    expect(expired.body).toEqual({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: decrypt token fail",
      request_id: expired.headers.get("x-request-id"),
    });
    // An AK is no token: it signs requests (auth.test.ts), it is not sent as one.
    expect((await call("GET", tasksPath(), { token: "TASKMOCKADMINAK00001" })).status).toBe(401);
  });

  test("the router's 404 is the API gateway's APIGW.0101; its 405 the definitions' WKS.00000405", async () => {
    const route = await call("GET", "/v1/nothing-here");
    expect(route.status).toBe(404);
    expect(route.body).toEqual({
      error_code: "APIGW.0101",
      error_msg: "The API does not exist or has not been published in the environment.",
      request_id: route.headers.get("x-request-id"),
    });
    const method = await call("PUT", taskPath(SEED));
    expect(method).toMatchObject({ status: 405, body: { error_code: "WKS.00000405" } });
    expect(method.body.error_msg).toBe(
      "The method specified in the request is not allowed for this resource. PUT is not allowed; this resource allows DELETE, GET, PATCH.",
    );
    expect(method.headers.get("allow")).toBe("DELETE, GET, PATCH");
  });

  test("huawei-method-not-allowed: a method the path lacks is 405 WKS.00000405, not the gateway's 404", async () => {
    expect((await call("POST", taskPath(SEED), { body: {} })).body.error_code).toBe("WKS.00000405");
  });

  test("every answer carries X-Request-Id, 32 hexadecimal digits: successes and every kind of error", async () => {
    await admin("POST", "maintenance", { vendor: "huawei", retryAfter: 30 });
    const maintenance = await call("GET", tasksPath());
    await admin("DELETE", "maintenance");
    const answers = [
      await call("GET", tasksPath()),
      await call("POST", tasksPath(), { body: { ...restartDaily, task_type: "REBOOT" } }),
      await call("GET", tasksPath(), { token: null }),
      await call("PATCH", taskPath(SEED), { token: "taskmock-readonly", body: { is_enable: false } }),
      await call("GET", taskPath("00000000-0000-4000-8000-0000000000ff")),
      await call("GET", "/v1/nothing-here"),
      await call("PUT", taskPath(SEED)),
      await call("DELETE", taskPath(RUNNING)),
      maintenance,
      await call("GET", tasksPath(), { prefer: "code=503" }),
      await call("GET", tasksPath(), { prefer: "code=500" }),
      await call("GET", tasksPath(), { prefer: "code=401" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 401, 403, 404, 404, 405, 409, 503, 503, 500, 401]);
    for (const answer of answers) expect(answer.headers.get("x-request-id"), String(answer.status)).toMatch(/^[0-9a-f]{32}$/);
    expect(maintenance.body).toEqual({ error_code: "WKS.00050902", error_msg: "The service is now unavailable to process the request." });
  });

  test("a seeded mock gives the same request ids in the same order, errors included", async () => {
    const ids = async (mock: MockApp) => {
      const c = huaweiClient(() => mock).call;
      return [(await c("GET", tasksPath())).headers.get("x-request-id"), (await c("GET", "/v1/nowhere")).headers.get("x-request-id")];
    };
    expect(await ids(mockOf("huawei"))).toEqual(await ids(mockOf("huawei")));
  });

  const rendered: [string, VendorError, string][] = [
    [
      "no credential",
      { status: 401, kind: "unauthorized", message: "not read", credential: "missing" },
      "Incorrect IAM authentication information: x-auth-token not found",
    ],
    [
      "an unknown token",
      { status: 401, kind: "unauthorized", message: "not read", credential: "unknown" },
      "Incorrect IAM authentication information: decrypt token fail",
    ],
    [
      "a malformed token (an X-Auth-Token is taken as it is)",
      { status: 401, kind: "unauthorized", message: "not read", credential: "malformed" },
      "Incorrect IAM authentication information: decrypt token fail",
    ],
    [
      "a method the path does not allow",
      { status: 405, kind: "method-not-allowed", message: "not read", method: "POST", allow: ["DELETE", "GET"] },
      "The method specified in the request is not allowed for this resource. POST is not allowed; this resource allows DELETE, GET.",
    ],
    ["a maintenance window", { status: 503, kind: "unavailable", message: "not read" }, "The service is now unavailable to process the request."],
  ];
  test.each(rendered)("error_msg comes from the error's fields, not its English message: %s", (_name, error, message) => {
    expect(huaweiErrorBody(error, undefined, {}).error_msg).toBe(message);
  });
});

describe("error_msg: every violation that fits, the most useful first, no regular expression", () => {
  test("the seed's own PATCH body: each violation named, its value quoted, no pattern shown", async () => {
    // Before: 'task_name: must match pattern "^(?! +$)[\\w\\u4e00-…"' filled the message.
    const res = await call("PATCH", taskPath(SEED), {
      body: { scheduled_type: "day", task_name: "Scheduled Startup Task", target_infos: [{ target_type: "SERVER", target_id: ["x"] }] },
    });
    expect(res.body.error_msg).toBe(
      'The parameter is invalid. scheduled_type: "day" is not one of FIXED_TIME, DAY, WEEK, MONTH; ' +
        "target_infos/0/target_id: must be a string, not an array; " +
        'task_name: "Scheduled Startup Task" may only hold letters, digits, Chinese characters, _ and -',
    );
    expect(res.body.error_msg).not.toMatch(/\\[wu]|\^\(|\$\)|pattern/);
  });

  test("missing fields come first, unknown properties last; ranges and sizes say the limit and the value", async () => {
    const res = await call("POST", tasksPath(), {
      body: { task_type: "RESTART_SERVER", scheduled_type: "DAY", day_interval: 32, description: "x".repeat(256), colour: "red", target_infos: [] },
    });
    expect(res.body.error_msg).toBe(
      "The parameter is invalid. task_name: is required; scheduled_time: is required; day_interval: 32 is more than 31; " +
        "description: must be at most 255 characters (it has 256); target_infos: must list at least 1 item; colour: is not a known property",
    );
  });

  test("as many whole violations as fit in 255 characters, then how many more there are", async () => {
    // Before: the list was cut mid-violation at 254 characters and ended in "…".
    const body = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unknown_field_number_${i}`, i]));
    const res = await call("PATCH", taskPath(SEED), { body });
    expect(res.status).toBe(400);
    const message: string = res.body.error_msg;
    expect(message.length).toBeLessThanOrEqual(255);
    const shown = message.match(/unknown_field_number_\d+: is not a known property/g) ?? [];
    expect(shown.length).toBeGreaterThan(3);
    expect(message.endsWith(`; and ${20 - shown.length} more`)).toBe(true);
  });

  test("one long violation is shortened, never the whole message", () => {
    const long = { location: "body", pointer: `/${"a".repeat(300)}`, rule: "additionalProperties", message: "is not a known property" };
    const text = violationsMessage("The parameter is invalid.", [long, { location: "body", pointer: "/b", rule: "required", message: "is required" }]);
    expect(text.length).toBeLessThanOrEqual(255);
    expect(text.startsWith("The parameter is invalid. b: is required; aaaa")).toBe(true);
  });

  test("query parameters: the value quoted, task_type's allowed values listed", async () => {
    const res = await call("GET", `${tasksPath()}?limit=500&offset=-1&task_type=RESTART`);
    expect(res.body.error_msg).toBe(
      'The parameter is invalid. task_type: "RESTART" is not one of RESTART_SERVER, START_SERVER, STOP_SERVER, REINSTALL_OS, UPGRADE_ACCESS_AGENT; offset: -1 is less than 0; limit: 500 is more than 100',
    );
  });

  test("batch delete: an id listed twice is quoted", async () => {
    const res = await call("POST", `${tasksPath()}/actions/batch-delete`, { body: { items: [SEED, SEED] } });
    expect(res.body.error_msg).toBe(`The parameter is invalid. items: lists "${SEED}" more than once`);
  });

  test("future-executions: an empty expire_time is not a date-time there", async () => {
    const res = await call("POST", futurePath, { body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", expire_time: "" } });
    expect(res.body.error_msg).toBe('The parameter is invalid. expire_time: "" is not a date-time such as 2027-03-07T10:40:43.858Z');
  });
});
