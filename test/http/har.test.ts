// The journal as HAR 1.2 (GET /__admin/requests?format=har), which browsers' devtools and HTTP
// tools open: each request with its URL as the client reached it and the answer as sent.
import { describe, expect, test } from "vitest";
import { json, request } from "../helpers/http.js";
import { mockOf } from "../helpers/mock.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";

describe("HAR", () => {
  test("every request and its answer, in HAR 1.2's fields, credentials redacted", async () => {
    const app = mockOf();
    const listed = await request(app, `${OMNI}?x=1`, { headers: ADMIN });
    const sent = await listed.text();
    await request(app, OMNI, { method: "POST", headers: { ...ADMIN, "content-type": "application/json" }, body: '{"schedule": "61 9 ? * * *", "timezone": "UTC"}' });
    const har = await json(request(app, "/__admin/requests?format=har"));
    expect(har.log).toMatchObject({ version: "1.2", creator: { name: "taskmock" } });
    const [get, post] = har.log.entries;
    expect(get).toMatchObject({
      startedDateTime: "2026-01-01T00:00:00.000Z",
      request: { method: "GET", url: `http://localhost${OMNI}?x=1`, httpVersion: "HTTP/1.1", queryString: [{ name: "x", value: "1" }], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: "OK", content: { mimeType: "application/json", text: sent, size: Buffer.byteLength(sent) } },
      cache: {},
    });
    expect(get.request.headers).toContainEqual({ name: "authorization", value: "[redacted]" });
    expect(get.timings.wait).toBe(get.time);
    expect(post).toMatchObject({
      request: { method: "POST", postData: { mimeType: "application/json", text: '{"schedule":"61 9 ? * * *","timezone":"UTC"}' } },
      response: { status: 400, statusText: "Bad Request" },
      comment: "taskmock: 1 contract violation(s)",
    });
    expect(JSON.parse(post.response.content.text)).toMatchObject({ status: 400 });
  });

  test("a session's requests carry the session's prefix; an unknown format is a 400", async () => {
    const app = mockOf();
    await request(app, `/__sessions/w1${OMNI}`, { headers: ADMIN });
    const har = await json(request(app, "/__sessions/w1/__admin/requests?format=har"));
    expect(har.log.entries[0].request.url).toBe(`http://localhost/__sessions/w1${OMNI}`);
    expect((await request(app, "/__admin/requests?format=csv")).status).toBe(400);
  });
});
