// Crego's errors in Django REST Framework's shapes (errors.ts): authentication and permission
// details with the WWW-Authenticate challenge, bad input answered 400 and leaving state unchanged,
// forced errors, and schema violations in DRF's words (read-only and unknown fields by name, as
// a strict mock refuses them: by default they are ignored, see ignored.test.ts).
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { TASK_PATCH_BODY } from "../../scenarios/crego.scenarios.js";
import { ADMIN, cregoClient, READONLY, TASK } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { call, patch, state } = cregoClient(() => app);

describe("authentication, permissions and bad input", () => {
  test("401 carries DRF's detail and a WWW-Authenticate challenge", async () => {
    const none = await call("GET", "/tasks/schedules/", undefined, {});
    expect(none).toMatchObject({ status: 401, body: { detail: "Authentication credentials were not provided." } });
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(await call("GET", TASK, undefined, { authorization: "Bearer nope" })).toMatchObject({
      status: 401,
      body: { detail: "Incorrect authentication credentials." },
    });
  });

  test("a read-only token reads, and its writes are 403 and change nothing", async () => {
    const before = await state();
    expect((await call("GET", "/tasks/schedules/1/", undefined, READONLY)).status).toBe(200);
    expect((await call("GET", TASK, undefined, READONLY)).status).toBe(200);
    expect(await call("PATCH", "/tasks/schedules/1/", { enabled: false }, READONLY)).toMatchObject({
      status: 403,
      body: { detail: "You do not have permission to perform this action." },
    });
    expect(await call("PUT", TASK, TASK_PATCH_BODY, READONLY)).toMatchObject({ status: 403 });
    expect(await state()).toEqual(before);
  });

  test("malformed JSON, a wrong content-type, an empty body, a non-object body and a bad field are 400 and change nothing", async () => {
    const before = await state();
    const malformed = await call("PATCH", "/tasks/schedules/1/", '{"enabled": fals');
    expect(malformed).toMatchObject({ status: 400, body: { non_field_errors: [expect.stringMatching(/^JSON parse error - /)] } });
    const text = await call("PATCH", "/tasks/schedules/1/", '{"enabled": false}', { ...ADMIN, "content-type": "text/plain" });
    expect(text).toMatchObject({ status: 400, body: { non_field_errors: ['Unsupported media type "text/plain" in request.'] } });
    expect(await call("PUT", TASK, "")).toMatchObject({ status: 400, body: { non_field_errors: ["No data provided."] } });
    expect(await call("PATCH", TASK, [])).toMatchObject({
      status: 400,
      body: { non_field_errors: ["Invalid data. Expected a dictionary."] },
    });
    expect(await patch("/tasks/schedules/1/", { enabled: "no", colour: "red" })).toMatchObject({
      status: 400,
      body: { enabled: ["Must be a valid boolean."] },
    });
    expect(await patch(TASK, { is_active: false, priority: 300 })).toMatchObject({ status: 400 });
    expect(await state()).toEqual(before);
  });

  test("forced errors come in DRF's shapes", async () => {
    const res = await call("GET", "/tasks/schedules/", undefined, { ...ADMIN, prefer: "code=500" });
    expect(res).toMatchObject({ status: 500, body: { detail: "A server error occurred." } });
  });
});

describe("schema violations in DRF's words", () => {
  test("under strict (serve --strict), read-only fields are refused by name; unknown fields too", async () => {
    app = mockOf("crego", { strict: true });
    const res = await patch("/tasks/schedules/1/", {
      id: 9,
      last_run_at: null,
      interval: { id: 3, every: 1, period: "days" },
      colour: "red",
    });
    expect(res).toEqual(
      expect.objectContaining({
        status: 400,
        body: {
          id: ["This field is read-only."],
          last_run_at: ["This field is read-only."],
          interval: { id: ["This field is read-only."] },
          colour: ["This field is not allowed."],
        },
      }),
    );
  });

  test("schema violations speak DRF: blank, too long, wrong types, date-times", async () => {
    const res = await patch("/tasks/schedules/1/", {
      name: "",
      task: "x".repeat(201),
      enabled: "yes",
      args: {},
      kwargs: [],
      expires: "tomorrow",
      interval: "daily",
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      name: ["This field may not be blank."],
      task: ["Ensure this field has no more than 200 characters."],
      enabled: ["Must be a valid boolean."],
      args: ["Expected a list of items."],
      kwargs: ["Invalid data. Expected a dictionary."],
      expires: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],
      interval: ["Invalid data. Expected a dictionary."],
    });
  });

  test("under strict, read-only settings and the task's identity are refused by name", async () => {
    app = mockOf("crego", { strict: true });
    const res = await patch(TASK, { name: "x.y", max_retries: 5, serializer: "yaml", concurrency: 4 });
    expect(res).toEqual(
      expect.objectContaining({
        status: 400,
        body: {
          name: ["This field is read-only."],
          max_retries: ["This field is read-only."],
          serializer: ["This field is read-only."],
          concurrency: ["This field is not allowed."],
        },
      }),
    );
  });
});
