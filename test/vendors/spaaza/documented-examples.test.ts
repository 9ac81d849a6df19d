// Item 1 of issue 13: every request Spaaza's docs and our spec show (each operation with its path
// and query parameters' examples, each named request body example, the seed's PUT included, with
// only their documented violations corrected) is answered the documented success on a fresh mock,
// by the chain's access token and by an admin session of that chain alike: no inferred rule
// refuses it. Task 12345 is in the state the docs show it in for each page (conflict
// spaaza-task-12345-across-pages): the download URL page's task has run, so it is executed first.
import { expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";
import { documentedRequests } from "../../helpers/documented-requests.js";
import { mockOf } from "../../helpers/mock.js";

const requests = documentedRequests("spaaza");

/** The chain a request acts for: a create names it; everything else is chain 1764's (task 12345). */
const chainOf = (body: unknown) => ((body as { chain?: number } | undefined)?.chain ?? 1764) as 1764 | 1765;

const credentials = {
  token: (chain: number): Record<string, string> => ({ authorization: `Bearer 00000000-0000-4000-8000-00000000${chain}:taskmock-secret` }),
  session: (chain: number): Record<string, string> => ({
    "X-Spaaza-Session-User-Id": "7001",
    "X-Spaaza-Session-Key": "taskmock-session-key",
    "X-Spaaza-Session-Chain-Id": String(chain),
  }),
};

/** What the docs show before a page's request: the download URL page's task 12345 is DONE. */
async function asTheDocsShow(app: MockApp, operationId: string, headers: Record<string, string>) {
  if (operationId === "getTaskDownloadUrl") expect((await request(app, "/tasks/12345/execute", { method: "POST", headers })).status).toBe(200);
}

test("every Spaaza operation has a documented request to replay", () => {
  expect(new Set(requests.map((r) => r.operationId)).size).toBe(7);
});

test.each(requests.flatMap((r) => (["token", "session"] as const).map((way) => [r.operationId, r.example ?? "-", way, r] as const)))(
  "%s, example %s, with the chain's %s: the documented status",
  async (operationId, _example, way, { method, url, body, status }) => {
    const app = mockOf("spaaza");
    const headers = credentials[way](chainOf(body));
    await asTheDocsShow(app, operationId, headers);
    const res = await request(app, url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, await res.clone().text()).toBe(status);
  },
);
