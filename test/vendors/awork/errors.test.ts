// awork's error object (errors.ts) as a client reads it: the Error Handling page's members and the
// validationErrors entries with PascalCase property names.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("awork");
});
const { send } = aworkClient(() => app);

describe("awork's error object", () => {
  test("conflict awork-create-required-fields: the seed's {} is a 400 naming each field", async () => {
    const res = await send("POST", BASE, {});
    expect(res.status).toBe(400);
    expect(res.body.validationErrors).toEqual([
      { property: "TaskId", message: "'TaskId' should not be empty." },
      { property: "StartDate", message: "'StartDate' should not be empty." },
      { property: "EndDate", message: "'EndDate' should not be empty." },
      { property: "UserId", message: "'UserId' should not be empty." },
    ]);
  });

  test("awork-error-space-field: the error object has the current page's members, no space", async () => {
    const res = await send("GET", `${BASE}/00000000-0000-4000-8000-0000000000ff`);
    expect(Object.keys(res.body).sort()).toEqual(["code", "description", "details", "link"]);
  });
});
