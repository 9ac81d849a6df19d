// Item 1 of issue 13: every request Omni's docs and our spec show (each operation with its path
// parameters' examples, each named request body example, the seed's included, with only their
// documented violations corrected) is answered the documented success, on a fresh mock each, by
// the admin token and by the Organization API Key alike: no inferred rule refuses it.
import { expect, test } from "vitest";
import { request } from "../../helpers/http.js";
import { documentedRequests } from "../../helpers/documented-requests.js";
import { mockOf } from "../../helpers/mock.js";

const requests = documentedRequests("omni");

test("every Omni operation has a documented request to replay", () => {
  expect(new Set(requests.map((r) => r.operationId)).size).toBe(5);
});

test.each(requests.flatMap((r) => ["taskmock-admin", "taskmock-org-api-key"].map((token) => [r.operationId, r.example ?? "-", token, r] as const)))(
  "%s, example %s, with %s: the documented status",
  async (_id, _example, token, { method, url, body, status }) => {
    const res = await request(mockOf("omni"), url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, await res.clone().text()).toBe(status);
  },
);
