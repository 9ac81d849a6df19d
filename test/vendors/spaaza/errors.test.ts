// Spaaza's error body (errors.ts) as a client reads it: the spec's code/name pairs for
// authentication, routing, and each kind of bad input (invalid_target, invalid_trigger,
// invalid_json, invalid_request), with every violation named in the description.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { C1764, createBody, errorOf, seedUpdate, spaazaClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send, state } = spaazaClient(() => app);

describe("spaaza tasks: authentication and the error body", () => {
  test("spaaza-error-body-shape and spaaza-error-status-codes: 401 for no or an unknown credential", async () => {
    const none = await send("GET", "/tasks", undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      result: { code: 2, status: "error" },
      error: {
        code: 910,
        name: "authentication_required",
        description:
          "Authentication required: send Authorization: Bearer {access_token_id}:{token_secret}, or an admin session's X-Spaaza-Session-User-Id, X-Spaaza-Session-Key and X-Spaaza-Session-Chain-Id",
      },
    });
    for (const credential of ["00000000-0000-4000-8000-000000001764:wrong", "not-a-token"]) {
      const res = await send("GET", "/tasks", undefined, credential);
      expect(res.status).toBe(401);
      expect(errorOf(res.body)).toMatchObject({ code: 911, name: "invalid_access_token" });
    }
  });

  test.each([
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["a bare Bearer", "Bearer"],
    ["a token without the Bearer scheme", C1764],
  ])("an Authorization that is not Bearer <credential> (%s) is 401 authentication_required, as the spec's bearerAuth says", async (_name, value) => {
    const res = await request(app, "/tasks", { headers: { authorization: value } });
    expect(res.status).toBe(401);
    expect(errorOf(await res.json())).toEqual({
      code: 910,
      name: "authentication_required",
      description:
        "Authentication required: send Authorization: Bearer {access_token_id}:{token_secret}, or an admin session's X-Spaaza-Session-User-Id, X-Spaaza-Session-Key and X-Spaaza-Session-Chain-Id",
    });
  });

  test("spaaza-admin-session-headers: admin session headers naming no session answer 401 invalid_session", async () => {
    const res = await request(app, "/tasks", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Spaaza-Session-User-Id": "42",
        "X-Spaaza-Session-Key": "abc",
        "X-Spaaza-Session-Chain-Id": "1764",
        "X-Spaaza-API-Version": "1.4.0",
      },
      body: JSON.stringify(createBody),
    });
    expect(res.status).toBe(401);
    expect(errorOf(await res.json())).toMatchObject({ code: 914, name: "invalid_session" });
  });

  test("an unknown path is route_not_found; a known path with another method is method_not_allowed with Allow", async () => {
    const route = await send("GET", "/tasks/12345/logs");
    expect(route.status).toBe(404);
    expect(errorOf(route.body)).toMatchObject({ code: 930, name: "route_not_found" });
    const method = await send("PATCH", "/tasks/12345", { desc: "x" });
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("DELETE, GET, PUT");
    expect(errorOf(method.body)).toMatchObject({ code: 931, name: "method_not_allowed" });
  });
});

describe("spaaza tasks: trigger rules and bad input", () => {
  test("an invalid export_format is invalid_target; a mix of fields is invalid_request naming each", async () => {
    const target = await send("PUT", "/tasks/12345", { target: { ...seedUpdate.target, export_format: "xml" } });
    expect(errorOf(target.body)).toEqual({
      code: 902,
      name: "invalid_target",
      description: '/target/export_format: must be one of "csv", "json"',
    });
    const mixed = await send("PUT", "/tasks/12345", { desc: "", target: { ...seedUpdate.target, export_format: "xml" } });
    expect(errorOf(mixed.body)).toMatchObject({ code: 900, name: "invalid_request" });
    expect(errorOf(mixed.body).description).toContain("/desc: ");
    expect(errorOf(mixed.body).description).toContain("/target/export_format: ");
    const empty = await send("PUT", "/tasks/12345", {});
    expect(errorOf(empty.body)).toMatchObject({ code: 900, name: "invalid_request" });
  });

  test.each([
    ["malformed JSON", "{", "application/json", 901, "invalid_json"],
    ["a wrong content type", JSON.stringify(seedUpdate), "text/plain", 900, "invalid_request"],
    ["an unknown field", JSON.stringify({ ...seedUpdate, colour: "red" }), "application/json", 900, "invalid_request"],
    ["no body", "", "application/json", 900, "invalid_request"],
  ])("%s is a 400 and changes nothing", async (_name, raw, type, code, name) => {
    const before = await state();
    const res = await request(app, "/tasks/12345", {
      method: "PUT",
      headers: { authorization: `Bearer ${C1764}`, "content-type": type },
      ...(raw === "" ? {} : { body: raw }),
    });
    expect(res.status).toBe(400);
    expect(errorOf(await res.json())).toMatchObject({ code, name });
    expect(await state()).toEqual(before);
  });
});

describe("spaaza PUT: version, last_modified and validation (issue 4)", () => {
  test("PUT names the invalid part: export_index and export_format invalid_target, once invalid_trigger", async () => {
    const index = await send("PUT", "/tasks/12366", { target: { action: "export", export_index: "orders", export_format: "csv" } });
    expect(index.body.error).toMatchObject({
      code: 902,
      name: "invalid_target",
      description: expect.stringContaining("/target/export_index"),
    });
    const once = await send("PUT", "/tasks/12366", { trigger: { once: "2026-12-24" } });
    expect(once.body.error).toMatchObject({
      code: 903,
      name: "invalid_trigger",
      description: '/trigger/once: must match format "date-time"',
    });
  });
});
