// awork's error object (errors.ts) as a client reads it: the members of the Error Handling page and of awork's definition, and the
// validationErrors entries with PascalCase property names.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, SEED } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("awork");
});
const { send } = aworkClient(() => app);

describe("awork's error object", () => {
  test("conflict awork-create-required-fields: the seed's {} is a 400 invalid-model naming each field", async () => {
    const res = await send("POST", BASE, {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid-model");
    expect(res.body.validationErrors).toEqual([
      { property: "TaskId", message: "'TaskId' should not be empty." },
      { property: "StartDate", message: "'StartDate' should not be empty." },
      { property: "EndDate", message: "'EndDate' should not be empty." },
      { property: "UserId", message: "'UserId' should not be empty." },
    ]);
  });

  test("awork-error-space-field: the error object has the members of the current page and of awork's definition, no space", async () => {
    const res = await send("GET", `${BASE}/00000000-0000-4000-8000-0000000000ff`);
    expect(Object.keys(res.body).sort()).toEqual(["code", "description", "details", "link", "traceId"]);
  });

  test("A5: every error carries link and a traceId (32 hex digits), whoever answers: router, security, validation, handler", async () => {
    const answers = [
      await send("GET", "/api/v1/taskschedule"),
      await send("PATCH", `${BASE}/${SEED}`, {}),
      await send("GET", BASE, undefined, {}),
      await send("GET", `${BASE}?pageSize=0`),
      await send("GET", `${BASE}/00000000-0000-4000-8000-0000000000ff`),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [404, "not-found"],
      [405, "method-not-allowed"],
      [401, "workspaceid-missing"],
      [400, "validation-failed"],
      [404, "not-found"],
    ]);
    for (const { body } of answers) {
      expect(body.link).toMatch(/^https:\/\/developers\.awork\.com\//);
      expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    // Each error its own trace id; the same error again, the same one (a seeded run answers the same bytes).
    expect(new Set(answers.map((a) => a.body.traceId)).size).toBe(answers.length);
    expect((await send("GET", "/api/v1/taskschedule")).body.traceId).toBe(answers[0]?.body.traceId);
  });
});
