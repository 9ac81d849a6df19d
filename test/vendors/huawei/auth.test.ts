// Huawei's sign-in as the API gateway does it (src/vendors/huawei/auth.ts, vendor-refs H14, H15):
// an X-Auth-Token, or an AK/SK signature (SDK-HMAC-SHA256, computed here by the official SDK's own
// signer) over the path as sent, prefix included; the fixture's key pairs with their roles;
// X-Sdk-Date within 15 minutes of the real time, whatever the mock's clock says; and the
// gateway's 401 APIGW.0301 for every refusal.
import { beforeEach, describe, expect, test } from "vitest";
import type { TokenRecord } from "../../../src/engine/vendor.js";
import type { MockApp } from "../../../src/index.js";
import { readFixtureFile } from "../../../src/store/fixtures.js";
import { huaweiAuthenticate } from "../../../src/vendors/huawei/auth.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { fixtureFileOf } from "../../helpers/specs.js";
import { batchPath, huaweiClient, restartDaily, SEED, taskPath, tasksPath } from "./client.js";
import { ADMIN_KEY, READONLY_KEY, type Signing, sdkDate, signedHeaders } from "./signing.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf();
});
const { state } = huaweiClient(() => app);

const HOST = "127.0.0.1:4010";
const MINUTE = 60_000;

/** A request the SDK signed, sent to the mock (all five vendors, Huawei under /huawei) as signed unless `path` says otherwise. */
async function signed(method: string, path: string, options: Signing & { sendTo?: string; mock?: MockApp; extra?: Record<string, string> } = {}) {
  const search = new URLSearchParams(Object.entries(options.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const headers = { ...signedHeaders(method, `http://${HOST}${path}`, options), ...options.extra };
  const target = `${options.sendTo ?? path}${search ? `?${search}` : ""}`;
  const body = options.body === undefined ? {} : { body: JSON.stringify(options.body) };
  const res = await request(options.mock ?? app, target, { method, headers, ...body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
}

const huawei = (path: string) => `/huawei${path}`;

describe("an AK/SK signature signs a request in", () => {
  test("the admin key pair may do everything: list, create, PATCH, delete", async () => {
    // Before: 401 "Authentication failed. The request has no X-Auth-Token." to every signed request.
    const listed = await signed("GET", huawei(tasksPath()), { query: { limit: 2, offset: 1 } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    const created = await signed("POST", huawei(tasksPath()), { body: restartDaily });
    expect(created.status).toBe(200);
    expect((await signed("PATCH", huawei(taskPath(created.body.id)), { body: { is_enable: false } })).body.is_enable).toBe(false);
    expect((await signed("DELETE", huawei(taskPath(created.body.id)))).status).toBe(200);
  });

  test("the read-only key pair reads and calculates; a write is 403 WKS.00081102 and changes nothing", async () => {
    const key = READONLY_KEY;
    expect((await signed("GET", huawei(taskPath(SEED)), { key })).status).toBe(200);
    const future = await signed("POST", huawei(`${tasksPath()}/future-executions`), {
      key,
      body: { scheduled_type: "DAY", day_interval: 1, scheduled_time: "09:00:00" },
    });
    expect(future.status).toBe(200);
    const before = await state();
    const refused = await signed("POST", huawei(batchPath), { key, body: { items: [SEED] } });
    expect(refused).toMatchObject({ status: 403, body: { error_code: "WKS.00081102", error_msg: "User does not have permission to access this resource." } });
    expect(await state()).toEqual(before);
  });

  test("query values are signed as the SDK encodes them: spaces, Chinese, several keys in any order", async () => {
    const res = await signed("GET", huawei(tasksPath()), { query: { task_name: "定时 开机", limit: 5, offset: 0, task_type: "START_SERVER" } });
    expect(res.status).toBe(200);
  });

  test("served at the root (serve --vendor huawei), the signed path has no /huawei", async () => {
    const root = mockOf("huawei");
    expect((await signed("GET", tasksPath(), { mock: root })).status).toBe(200);
    // The same signature sent under another path is a different request.
    const moved = await signed("GET", tasksPath(), { sendTo: huawei(tasksPath()) });
    expect(moved.status).toBe(401);
  });

  test("X-Auth-Token keeps working, and decides when a request carries both", async () => {
    const token = await request(app, huawei(tasksPath()), { headers: { "x-auth-token": "taskmock-admin" } });
    expect(token.status).toBe(200);
    const both = await signed("GET", huawei(tasksPath()), { key: { ak: ADMIN_KEY.ak, sk: "wrong" }, extra: { "x-auth-token": "taskmock-admin" } });
    expect(both.status).toBe(200);
  });
});

describe("a refused sign-in is the API gateway's 401 APIGW.0301, with request_id = X-Request-Id", () => {
  const refusals: [string, string, Signing & { sendTo?: string; extra?: Record<string, string> }, string][] = [
    [
      "a wrong secret key",
      "GET",
      { key: { ak: ADMIN_KEY.ak, sk: "not-the-secret" } },
      "Incorrect IAM authentication information: verify aksk signature fail, the signature does not match the request (SignedHeaders content-type;host;x-project-id;x-sdk-date)",
    ],
    [
      "an unknown AK",
      "GET",
      { key: { ak: "NOSUCHAK000000000000", sk: ADMIN_KEY.sk } },
      "Incorrect IAM authentication information: Get secretKey failed,ak:NOSUCHAK000000000000,err:ak not exist",
    ],
    [
      "an X-Sdk-Date 16 minutes ago",
      "GET",
      { date: new Date(Date.now() - 16 * MINUTE) },
      "Incorrect IAM authentication information: verify aksk signature fail, X-Sdk-Date",
    ],
    [
      "an X-Sdk-Date 16 minutes ahead",
      "GET",
      { date: new Date(Date.now() + 16 * MINUTE) },
      "Incorrect IAM authentication information: verify aksk signature fail, X-Sdk-Date",
    ],
    [
      "a signed header changed after signing",
      "GET",
      { extra: { "x-project-id": "ffffffffffffffffffffffffffffffff" } },
      "Incorrect IAM authentication information: verify aksk signature fail, the signature does not match",
    ],
    [
      "no X-Sdk-Date",
      "GET",
      { extra: { "x-sdk-date": "" } },
      "Incorrect IAM authentication information: verify aksk signature fail, the request has no X-Sdk-Date",
    ],
    [
      "an Authorization that is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…",
      "GET",
      { extra: { authorization: "SDK-HMAC-SHA256 Access=TASKMOCKADMINAK00001" } },
      'Incorrect IAM authentication information: verify aksk signature fail, Authorization is not "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>"',
    ],
    ["another scheme", "GET", { extra: { authorization: "Bearer taskmock-admin" } }, "Incorrect IAM authentication information: x-auth-token not found"],
  ];
  test.each(refusals)("%s", async (_name, method, options, message) => {
    const res = await signed(method, huawei(tasksPath()), options);
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe("APIGW.0301");
    expect(res.body.error_msg.startsWith(message), res.body.error_msg).toBe(true);
    expect(res.body.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get("x-request-id")).toBe(res.body.request_id);
  });

  test("a body changed after signing is refused, and nothing is deleted", async () => {
    const path = huawei(batchPath);
    const headers = signedHeaders("POST", `http://${HOST}${path}`, { body: { items: ["no-such-task"] } });
    const before = await state();
    const res = await request(app, path, { method: "POST", headers, body: JSON.stringify({ items: [SEED] }) });
    expect(res.status).toBe(401);
    expect((await json(res)).error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, the signature does not match/);
    expect(await state()).toEqual(before);
  });

  test("the real time decides, not the mock's clock: 14 minutes off passes even with the clock years away", async () => {
    // mockOf's clock is 2026-01-01; the request is signed at the real time, 14 minutes ago.
    expect((await signed("GET", huawei(tasksPath()), { date: new Date(Date.now() - 14 * MINUTE) })).status).toBe(200);
    const at = Date.parse("2030-06-01T12:00:00Z");
    const headers = signedHeaders("GET", `http://${HOST}/v1/p/schedule-task`, { date: new Date(at - 15 * MINUTE) });
    const base = { method: "GET", path: "/v1/p/schedule-task", query: {}, headers, bodyText: undefined, prefix: "", search: "" };
    expect("principal" in huaweiAuthenticate(base, fixtureTokens(), () => at)).toBe(true);
    expect("error" in huaweiAuthenticate(base, fixtureTokens(), () => at + 1)).toBe(true);
    expect(sdkDate(new Date(at))).toBe("20300601T120000Z");
  });

  test("an AK is not a token: sent as X-Auth-Token it is refused", async () => {
    const res = await request(app, huawei(tasksPath()), { headers: { "x-auth-token": ADMIN_KEY.ak } });
    expect(res.status).toBe(401);
    expect((await json(res)).error_msg).toBe("Incorrect IAM authentication information: decrypt token fail");
  });

  test("a refused signature is a contract break in verify, at the Authorization header", async () => {
    await signed("GET", huawei(tasksPath()), { key: { ak: ADMIN_KEY.ak, sk: "wrong" } });
    const report = app.mock.verify();
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).toContain("/authorization");
  });
});

/** The fixture's Huawei tokens and key pairs, as the security stage is given them. */
function fixtureTokens(): Map<string, TokenRecord> {
  const fixture = readFixtureFile(fixtureFileOf("huawei") as string);
  return new Map(fixture.tokens.map((t) => [t.credential, t as TokenRecord]));
}
