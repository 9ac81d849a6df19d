// Spaaza refuses a body property its pages do not list (the spec's info.x-taskmock-unknown-
// properties: refuse, inferred: no Spaaza source says it ignores them): the habit of GETting a
// task, changing one field and sending it all back is a 400 naming each property the Update a Task
// page does not take; nothing changes, and a strict mock answers the same.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { errorOf, spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, state } = spaazaClient(() => app);

const NOT_TAKEN = ["id", "chain", "state", "logs", "version", "result"];

describe("GET, change one field, send it back", () => {
  test.each([false, true])("strict %s: the PUT is 400 invalid_request naming every property the page does not take; nothing changes", async (strict) => {
    app = mockOf("spaaza", { strict });
    const before = await state();
    const read = (await send("GET", "/tasks/12321")).body;
    const res = await send("PUT", "/tasks/12321", { ...read, desc: "changed" });
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toEqual({
      code: 900,
      name: "invalid_request",
      description: NOT_TAKEN.map((field) => `/body: must NOT have additional property '${field}'`).join("; "),
    });
    expect(await state()).toEqual(before);
    // The journal holds them as violations (the client's break), never as ignored warnings.
    const journal = (await send("GET", "/__admin/requests?vendor=spaaza&operationId=updateTask", undefined, null)).body;
    expect(journal.requests[0].warnings).toBeUndefined();
    expect(journal.requests[0].violations.map((v: { rule: string }) => v.rule)).toEqual(NOT_TAKEN.map(() => "additionalProperties"));
  });

  test("the same task with only the fields the page takes is updated", async () => {
    const { desc, target, trigger, debug } = (await send("GET", "/tasks/12321")).body;
    const res = await send("PUT", "/tasks/12321", { desc: `${desc} (changed)`, target, trigger, debug });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 12321, desc: `${desc} (changed)`, version: 2 });
  });
});
