// Spaaza's admin authentication (vendor-refs S1): the session headers of Spaaza's official Postman
// collection (X-Spaaza-Session-User-Id, -Key, -Chain-Id; the PHP client's optional -Username),
// needed together, against the fixture's sessions; the chain they name scopes every endpoint.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { allSpecs } from "../../helpers/specs.js";
import { createBody, errorOf, seedUpdate, spaazaClient, type Task } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { state } = spaazaClient(() => app);

/** The fixture's admin session: user 7001, an admin of chains 1764 and 1765. */
const session = (chain = "1764", key = "taskmock-session-key", user = "7001") => ({
  "X-Spaaza-Session-User-Id": user,
  "X-Spaaza-Session-Key": key,
  "X-Spaaza-Session-Chain-Id": chain,
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await request(app, path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are read field by field
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

describe("spaaza-admin-session-headers: admin authentication with the session headers", () => {
  test("the Postman collection's three headers, with the fixture session, do every operation in the chain they name", async () => {
    const headers = { ...session(), "X-Spaaza-Session-Username": "admin@taskmock.test", "X-Spaaza-API-Version": "1.6.3" };
    const listed = await call("GET", "/tasks", headers);
    expect(listed.status).toBe(200);
    expect(new Set((listed.body as Task[]).map((t) => t.chain))).toEqual(new Set([1764]));
    const created = await call("POST", "/tasks", headers, createBody);
    expect(created.status).toBe(200);
    const id = created.body.id as number;
    expect((await call("GET", `/tasks/${id}`, headers)).status).toBe(200);
    expect(await call("PUT", `/tasks/${id}`, headers, seedUpdate)).toMatchObject({ status: 200, body: { version: 2 } });
    expect(await call("POST", `/tasks/${id}/execute`, headers)).toMatchObject({ status: 200, body: { code: "DONE" } });
    expect((await call("GET", `/tasks/${id}/download_url`, headers)).status).toBe(200);
    expect((await call("DELETE", `/tasks/${id}`, headers)).status).toBe(204);
  });

  test("the chain header scopes the session: chain 1765's tasks for that chain, 1764's are not found", async () => {
    const other = session("1765");
    const listed = await call("GET", "/tasks", other);
    expect(new Set((listed.body as Task[]).map((t) => t.chain))).toEqual(new Set([1765]));
    const foreign = await call("GET", "/tasks/12345", other);
    expect([foreign.status, errorOf(foreign.body).name]).toEqual([404, "task_not_found"]);
  });

  test.each([
    ["a wrong key", session("1764", "wrong-key")],
    ["an unknown user", session("1764", "taskmock-session-key", "9999")],
    ["a chain the user has no access to", session("1799")],
    ["the key without the chain", { "X-Spaaza-Session-User-Id": "7001", "X-Spaaza-Session-Key": "taskmock-session-key" }],
    ["the user without the key", { "X-Spaaza-Session-User-Id": "7001", "X-Spaaza-Session-Chain-Id": "1764" }],
  ])("%s answers 401 invalid_session, and nothing changes", async (_name, headers) => {
    const before = await state();
    for (const [method, path, body] of [
      ["GET", "/tasks", undefined],
      ["POST", "/tasks", createBody],
      ["PUT", "/tasks/12345", seedUpdate],
    ] as const) {
      const res = await call(method, path, headers, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(errorOf(res.body)).toEqual({
        code: 914,
        name: "invalid_session",
        description:
          "The admin session is not valid: send all of X-Spaaza-Session-User-Id, X-Spaaza-Session-Key and X-Spaaza-Session-Chain-Id, of a session of a user with access to that chain",
      });
    }
    expect(await state()).toEqual(before);
  });

  test("a user whose access level only lets it read reads, and a write answers 403", async () => {
    const reader = session("1764", "taskmock-session-readonly", "7002");
    expect((await call("GET", "/tasks/12345", reader)).status).toBe(200);
    const before = await state();
    const put = await call("PUT", "/tasks/12345", reader, seedUpdate);
    expect([put.status, errorOf(put.body).name]).toEqual([403, "permission_denied"]);
    expect(await state()).toEqual(before);
  });

  test("a valid bearer token still wins over a wrong session sent beside it; a valid session over a wrong bearer", async () => {
    const both = await call("GET", "/tasks/12345", {
      authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret",
      ...session("1764", "wrong-key"),
    });
    expect(both.status).toBe(200);
    const sessionOnly = await call("GET", "/tasks/12345", { authorization: "Bearer 00000000-0000-4000-8000-000000001764:wrong", ...session() });
    expect(sessionOnly.status).toBe(200);
  });

  test("the journal keeps the session key out, and the user and chain ids in", async () => {
    await call("GET", "/tasks", session());
    const journal = (await (await request(app, "/__admin/requests")).json()) as { requests: { headers: Record<string, string> }[] };
    expect(journal.requests.at(-1)?.headers).toMatchObject({
      "x-spaaza-session-key": "[redacted]",
      "x-spaaza-session-user-id": "7001",
      "x-spaaza-session-chain-id": "1764",
    });
  });
});

describe("the spec against Spaaza's official Postman collection", () => {
  const spec = allSpecs().find((s) => s.vendor === "spaaza")?.doc;

  test("S2: the staging Services API host is the spec's second server", () => {
    expect(spec?.servers?.map((s) => s.url)).toEqual(["https://{servicesApiHostname}", "https://services-test01.spaaza.com"]);
  });

  test("S1: the spec's security takes a bearer token, or the three session headers together", () => {
    expect(spec?.security).toEqual([{ bearerAuth: [] }, { sessionUserId: [], sessionKey: [], sessionChainId: [] }]);
    const schemes = spec?.components?.securitySchemes as Record<string, { type: string; in?: string; name?: string }>;
    expect(["sessionUserId", "sessionKey", "sessionChainId"].map((name) => schemes[name]?.name)).toEqual([
      "X-Spaaza-Session-User-Id",
      "X-Spaaza-Session-Key",
      "X-Spaaza-Session-Chain-Id",
    ]);
  });
});
