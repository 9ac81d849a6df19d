// Huawei's error body as a client sees it (src/vendors/huawei/errors.ts): error_code per failure,
// error_msg from the error's fields (never its English message), cut to 255 characters, the 404
// of an unknown project on every operation, and bad input that changes nothing.
import { beforeEach, describe, expect, test } from "vitest";
import type { VendorError } from "../../../src/engine/vendor.js";
import type { MockApp } from "../../../src/index.js";
import { huaweiErrorBody } from "../../../src/vendors/huawei/errors.js";
import { mockOf } from "../../helpers/mock.js";
import { EXECUTION, huaweiClient, restartDaily, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, state } = huaweiClient(() => app);

describe("the project of the path", () => {
  test("an unknown project answers 404 WKS.00000404 on every operation", async () => {
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
    for (const answer of answers) expect(answer).toMatchObject({ status: 404, body: { error_code: "WKS.00000404" } });
  });
});

describe("bad input changes nothing", () => {
  test("malformed JSON, a wrong content-type and an unknown field are 400s and leave the state as it was", async () => {
    const before = await state();
    const malformed = await call("POST", tasksPath(), { raw: '{"task_name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_msg).toMatch(/^The parameter is invalid\. body: is not valid JSON/);
    const wrongType = await call("PATCH", taskPath(SEED), { raw: JSON.stringify({ is_enable: false }), contentType: "text/plain" });
    expect(wrongType.body.error_msg).toBe('The parameter is invalid. content-type: must be application/json, not "text/plain"');
    const unknown = await call("PATCH", taskPath(SEED), { body: { is_enable: false, colour: "red" } });
    expect(unknown.body.error_msg).toBe("The parameter is invalid. colour: is not a known property");
    const ruleBroken = await call("PATCH", taskPath(SEED), { body: { is_enable: false, week_list: "1,1" } });
    expect(ruleBroken.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe("error bodies", () => {
  test("401s name the cause", async () => {
    expect((await call("GET", tasksPath(), { token: null })).body).toEqual({
      error_code: "WKS.00000401",
      error_msg: "Authentication failed. The request has no X-Auth-Token.",
    });
    expect((await call("GET", tasksPath(), { token: "expired" })).body).toEqual({
      error_code: "WKS.00000401",
      error_msg: "Authentication failed. The token is invalid or expired.",
    });
  });

  test("the router's 404 and 405 in Huawei's shape", async () => {
    const route = await call("GET", "/v1/nothing-here");
    expect(route).toMatchObject({ status: 404, body: { error_code: "WKS.00000404" } });
    expect(route.body.error_msg).toMatch(/^The requested resource does not exist\./);
    const method = await call("PUT", taskPath(SEED));
    expect(method).toMatchObject({ status: 405, body: { error_code: "WKS.00000405" } });
    expect(method.body.error_msg).toBe(
      "The method specified in the request is not allowed for this resource. PUT is not allowed; this resource allows DELETE, GET, PATCH.",
    );
    expect(method.headers.get("allow")).toBe("DELETE, GET, PATCH");
  });

  const rendered: [string, VendorError, string][] = [
    [
      "no token",
      { status: 401, kind: "unauthorized", message: "not read", credential: "missing" },
      "Authentication failed. The request has no X-Auth-Token.",
    ],
    [
      "an unknown token",
      { status: 401, kind: "unauthorized", message: "not read", credential: "unknown" },
      "Authentication failed. The token is invalid or expired.",
    ],
    [
      "a malformed token (an X-Auth-Token is taken as it is)",
      { status: 401, kind: "unauthorized", message: "not read", credential: "malformed" },
      "Authentication failed. The token is invalid or expired.",
    ],
    [
      "a method the path does not allow",
      { status: 405, kind: "method-not-allowed", message: "not read", method: "POST", allow: ["DELETE", "GET"] },
      "The method specified in the request is not allowed for this resource. POST is not allowed; this resource allows DELETE, GET.",
    ],
  ];
  test.each(rendered)("error_msg comes from the error's fields, not its English message: %s", (_name, error, message) => {
    expect(huaweiErrorBody(error).error_msg).toBe(message);
  });

  test("error_msg is cut to its 255 characters", async () => {
    const body = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unknown_field_number_${i}`, i]));
    const res = await call("PATCH", taskPath(SEED), { body });
    expect(res.status).toBe(400);
    expect(res.body.error_msg).toHaveLength(255);
    expect(res.body.error_msg.endsWith("…")).toBe(true);
  });
});
