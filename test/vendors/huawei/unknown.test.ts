// Body members the contract does not take: Huawei refuses them (info.x-taskmock-unknown-properties,
// an inference: no Huawei source says otherwise), strict or not. The habit "GET the task, change
// one field, send it back" through the one update operation (PATCH) shows what that means: the
// detail is refused for its id alone, and without it the rest is taken as it is.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { doc, huaweiClient, type Json, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, listed } = huaweiClient(() => app);
const lastEntry = async (): Promise<Json> => (await json(request(app, "/__admin/requests"))).requests.at(-1);

test("the spec records the policy as an inference, with its reason", () => {
  expect(doc.info["x-taskmock-unknown-properties"]).toMatchObject({ policy: "refuse", "x-taskmock-source": "inferred", why: expect.stringContaining("no official client") });
});

describe.each([
  ["by default", {}],
  ["with strict: true", { strict: true }],
])("GET a task, change one field, PATCH it back (%s)", (_name, options) => {
  beforeEach(() => {
    app = mockOf("huawei", options);
  });

  test("the detail sent back is refused for its id alone, a contract violation, and nothing changes", async () => {
    const detail = (await call("GET", taskPath(SEED))).body;
    const res = await call("PATCH", taskPath(SEED), { body: { ...detail, description: "changed" } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: "WKS.00211102", error_msg: "The parameter is invalid. id: is not a known property" });
    const entry = await lastEntry();
    expect(entry.violations).toEqual([expect.objectContaining({ pointer: "/id", rule: "additionalProperties" })]);
    expect(entry.warnings).toBeUndefined();
    expect((await call("GET", taskPath(SEED))).body).toEqual(detail);
  });

  test("without its id the detail is taken as it is, target_name included, and the change applied", async () => {
    const { id: _, ...detail } = (await call("GET", taskPath(SEED))).body;
    const res = await call("PATCH", taskPath(SEED), { body: { ...detail, description: "changed" } });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe("changed");
    expect((await call("GET", taskPath(SEED))).body).toEqual({ id: SEED, ...detail, description: "changed" });
  });

  test("a list item sent back is refused for each field only the server writes", async () => {
    const item = await listed(SEED);
    const res = await call("PATCH", taskPath(SEED), { body: { ...item, description: "changed" } });
    expect(res.status).toBe(400);
    const entry = await lastEntry();
    expect(entry.violations.map((v: { pointer: string }) => v.pointer).sort()).toEqual(
      ["/create_time", "/id", "/last_status", "/next_execution_time", "/task_cron", "/update_time"],
    );
  });
});

test("an unknown member of a create body is refused too, named in error_msg", async () => {
  const res = await call("POST", tasksPath(), {
    body: { task_name: "x", task_type: "RESTART_SERVER", scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989" }], is_enable: false },
  });
  expect(res.status).toBe(400);
  expect(res.body.error_msg).toBe("The parameter is invalid. is_enable: is not a known property");
});
