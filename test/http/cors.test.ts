// CORS, on by default for vendor routes as in Prism: a browser's preflight is answered, and every
// answer to a request with an Origin lets the page read it. `--no-cors` (cors: false) turns it off.
import { describe, expect, test } from "vitest";
import { request } from "../helpers/http.js";
import { mockOf } from "../helpers/mock.js";
import { runCli } from "../helpers/cli.js";

const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const ORIGIN = "http://localhost:5173";

describe("CORS", () => {
  test("a preflight is answered 204 with the methods, the headers asked for and the origin", async () => {
    const res = await request(mockOf(), OMNI, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "access-control-allow-origin": ORIGIN,
      "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": "authorization, content-type",
      "access-control-allow-credentials": "true",
    });
  });

  test("an answer to a request with an Origin, an error included, lets the page read it and its headers", async () => {
    const app = mockOf("awork");
    const ok = await request(app, "/api/v1/taskschedules", { headers: { origin: ORIGIN, authorization: "Bearer taskmock-admin" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(ok.headers.get("vary")).toContain("Origin");
    const refused = await request(app, "/api/v1/taskschedules", { headers: { origin: ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    // Without an Origin (not a browser), nothing is added.
    expect((await request(app, "/api/v1/taskschedules")).headers.get("access-control-allow-origin")).toBeNull();
  });

  test("an OPTIONS that is no preflight goes through the contract (405: the vendors document no OPTIONS)", async () => {
    const res = await request(mockOf(), OMNI, { method: "OPTIONS", headers: { authorization: "Bearer taskmock-admin" } });
    expect(res.status).toBe(405);
  });

  test("cors: false answers a preflight as any OPTIONS, and adds no header", async () => {
    const app = mockOf(undefined, { cors: false });
    const res = await request(app, OMNI, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "GET" } });
    expect(res.status).toBe(405);
    const get = await request(app, OMNI, { headers: { origin: ORIGIN, authorization: "Bearer taskmock-admin" } });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("taskmock --version prints the package's version", async () => {
    const { version } = (await import("../../package.json", { with: { type: "json" } })).default as { version: string };
    expect(await runCli(["--version"])).toEqual({ code: 0, output: `taskmock ${version}\n` });
  });
});
