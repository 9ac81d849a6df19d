// Item 1 of issue 13: every request Crego's docs and our spec show (each operation with its path
// and query parameters' examples, each named request body example, the seed's PUT and the docs'
// task PATCH included, with only their documented violations corrected) is answered the
// documented success on a fresh mock: no inferred rule refuses it.
import { expect, test } from "vitest";
import { request } from "../../helpers/http.js";
import { documentedRequests } from "../../helpers/documented-requests.js";
import { mockOf } from "../../helpers/mock.js";

const requests = documentedRequests("crego");

test("every Crego operation has a documented request to replay", () => {
  expect(new Set(requests.map((r) => r.operationId)).size).toBe(7);
});

test.each(requests.map((r) => [r.operationId, r.example ?? "-", r] as const))("%s, example %s: the documented status", async (_id, _example, { method, url, body, status }) => {
  const res = await request(mockOf("crego"), url, {
    method,
    headers: { authorization: "Bearer taskmock-admin", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, await res.clone().text()).toBe(status);
});
