// The pipeline with a small inline spec and a fake vendor: stage order, forced responses,
// validation in the vendor's shape, and the response check that refuses to send a breach.
import { en, Faker } from "@faker-js/faker";
import { beforeEach, describe, expect, test } from "vitest";
import { createClock } from "../../src/engine/clock.js";
import { FaultRules } from "../../src/engine/faults.js";
import { Journal } from "../../src/engine/journal.js";
import type { OpenApiDocument } from "../../src/engine/openapi.js";
import { compileSpec } from "../../src/engine/operation.js";
import { RateLimiter } from "../../src/engine/rateLimit.js";
import type { EngineRequest, HandlerResult, VendorAdapter } from "../../src/engine/vendor.js";
import { type PipelineServices, runPipeline, type VendorRuntime } from "../../src/pipeline/index.js";
import { Store, StoreBase } from "../../src/store/store.js";

const error = { type: "object", required: ["oops"], additionalProperties: false, properties: { oops: { type: "string" } } };
const errorResponse = (name: string) => ({
  description: name,
  content: { "application/json": { schema: error, examples: { [name]: { value: { oops: name } } } } },
});

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1", "x-taskmock-vendor": "toy" },
  security: [{ bearer: [] }],
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
      get: {
        operationId: "getThing",
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Thing" },
                examples: { first: { value: { id: 1, name: "one" } }, second: { value: { id: 2, name: "two" } } },
              },
            },
          },
          "400": errorResponse("bad"),
          "401": errorResponse("unauthorized"),
          "404": errorResponse("missing"),
          "429": errorResponse("slow down"),
          "503": errorResponse("down"),
        },
      },
      put: {
        operationId: "putThing",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples: { ok: { value: { id: 1, name: "x" } } } },
            },
          },
          "400": errorResponse("bad"),
          "401": errorResponse("unauthorized"),
          "403": errorResponse("forbidden"),
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Thing: {
        type: "object",
        additionalProperties: false,
        required: ["id", "name"],
        properties: { id: { type: "integer" }, name: { type: "string", maxLength: 10 } },
      },
    },
    responses: { RouteNotFound: errorResponse("nowhere"), MethodNotAllowed: errorResponse("nope") },
  },
};

let handlerResult: HandlerResult = { status: 200, body: { id: 1, name: "one" } };
let calls = 0;
const adapter: VendorAdapter = {
  name: "toy",
  errorBody: (e) => ({ oops: `${e.kind}: ${e.message}` }),
  messages: { "missing-credential": "no token", "unknown-credential": "bad token", "read-only": "read only" },
  handlers: {
    getThing: () => {
      calls++;
      return handlerResult;
    },
    putThing: (c) => {
      calls++;
      // Stored first, then answered: the response check decides whether the write is kept.
      c.state.collection("things").put({ ...(c.body as object), id: c.params["id"] });
      return "error" in handlerResult ? handlerResult : { status: 200, body: c.body };
    },
  },
};

const reports: string[] = [];
let services: PipelineServices & { journal: Journal };
let rt: VendorRuntime;
const handleRequest = (runtime: VendorRuntime, with_: PipelineServices, req: EngineRequest) => runPipeline(runtime, with_, req);

beforeEach(() => {
  handlerResult = { status: 200, body: { id: 1, name: "one" } };
  calls = 0;
  reports.length = 0;
  const faker = new Faker({ locale: [en] });
  faker.seed(1);
  const journal = new Journal(10);
  services = {
    clock: createClock(new Date("2026-01-01T00:00:00Z")),
    journal,
    record: (entry) => journal.record(entry),
    committed: () => {},
    runFault: () => false,
    strict: false,
    rateLimiter: undefined,
    faults: new FaultRules(),
    faker,
    random: () => 0.5,
    sleep: async () => {},
    report: (line) => reports.push(line),
    maintenance: new Map(),
  };
  rt = {
    spec: compileSpec("toy", doc),
    adapter,
    tokens: new Map([
      ["admin", { credential: "admin", role: "admin" }],
      ["ro", { credential: "ro", role: "readonly" }],
    ]),
    state: new Store(new StoreBase({}, { things: "id" })),
  };
});

const request = (over: Partial<EngineRequest> = {}): EngineRequest => ({
  method: "GET",
  path: "/things/1",
  query: {},
  headers: { authorization: "Bearer admin" },
  bodyText: undefined,
  ...over,
});

describe("pipeline", () => {
  test("a valid request reaches the handler and its checked answer is sent", async () => {
    const res = await handleRequest(rt, services, request());
    expect(res).toMatchObject({ status: 200, body: { id: 1, name: "one" } });
    expect(calls).toBe(1);
    expect(services.journal.entries()[0]).toMatchObject({ operationId: "getThing", status: 200, outcome: "handled", violations: [] });
  });

  test("an answer that breaks the spec is never sent: 500 problem+json, reported, journaled", async () => {
    handlerResult = { status: 200, body: { id: 1, name: "far too long a name" } };
    const res = await handleRequest(rt, services, request());
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      type: "urn:taskmock:problem:response-violation",
      violations: [{ pointer: "/name", rule: "maxLength" }],
    });
    expect(reports).toHaveLength(1);
    expect(services.journal.entries()[0]?.outcome).toBe("response-violation");
  });

  test("a status the operation does not document is a breach too", async () => {
    handlerResult = { status: 409, body: { oops: "conflict" } };
    const res = await handleRequest(rt, services, request());
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ violations: [{ rule: "status" }] });
  });

  test("security comes before Prefer: no token is 401 even when a 503 is asked for", async () => {
    const res = await handleRequest(rt, services, request({ headers: { prefer: "code=503" } }));
    expect(res).toMatchObject({ status: 401, body: { oops: "unauthorized: no token" } });
    expect(calls).toBe(0);
  });

  test.each([
    ["Bearer nobody", 401, "unauthorized: bad token"],
    ["Basic YWRtaW4=", 401, "unauthorized: bad token"],
    ["Bearer", 401, "unauthorized: bad token"],
  ])("credential %j answers %d", async (authorization, status, oops) => {
    const res = await handleRequest(rt, services, request({ headers: { authorization } }));
    expect(res).toMatchObject({ status, body: { oops } });
  });

  test("a read-only token reads, but its write is 403 before validation", async () => {
    expect((await handleRequest(rt, services, request({ headers: { authorization: "Bearer ro" } }))).status).toBe(200);
    const res = await handleRequest(rt, services, request({ method: "PUT", headers: { authorization: "Bearer ro" }, bodyText: "{" }));
    expect(res).toMatchObject({ status: 403, body: { oops: "forbidden: read only" } });
  });

  test("Prefer picks the status and the named example, without calling the handler", async () => {
    const res = await handleRequest(rt, services, request({ headers: { authorization: "Bearer admin", prefer: "example=second" } }));
    expect(res).toMatchObject({ status: 200, body: { id: 2, name: "two" } });
    const down = await handleRequest(rt, services, request({ headers: { authorization: "Bearer admin", prefer: "code=503" } }));
    expect(down).toMatchObject({ status: 503, body: { oops: "down" } });
    expect(calls).toBe(0);
    expect(services.journal.entries().every((e) => e.forced)).toBe(true);
  });

  test("Prefer dynamic=true generates a body that fits the schema", async () => {
    const res = await handleRequest(rt, services, request({ query: { __dynamic: "true" } }));
    expect(res.status).toBe(200);
    expect(rt.spec.byId.get("getThing")?.responses.get(200)?.validate(res.body)).toEqual([]);
  });

  test("a Prefer header that cannot be read is a problem saying so", async () => {
    const res = await handleRequest(rt, services, request({ headers: { authorization: "Bearer admin", prefer: "code=abc" } }));
    expect(res).toMatchObject({ status: 400, headers: { "content-type": "application/problem+json" }, body: { type: "urn:taskmock:problem:bad-preference" } });
    expect(calls).toBe(0);
  });

  test("an undocumented forced status, or an unknown example, is a problem listing what is documented", async () => {
    const res = await handleRequest(rt, services, request({ headers: { authorization: "Bearer admin", prefer: "code=418" } }));
    expect(res).toMatchObject({
      status: 400,
      body: { type: "urn:taskmock:problem:undocumented-status", documented: [200, 400, 401, 404, 429, 503] },
    });
    const unknown = await handleRequest(
      rt,
      services,
      request({ headers: { authorization: "Bearer admin", prefer: "code=200, example=third" } }),
    );
    expect(unknown).toMatchObject({ status: 400, body: { type: "urn:taskmock:problem:unknown-example", examples: ["first", "second"] } });
  });

  test("every violation of a request is reported at once, in the vendor's shape", async () => {
    const res = await handleRequest(
      rt,
      services,
      request({
        method: "PUT",
        path: "/things/0",
        headers: { authorization: "Bearer admin", "content-type": "application/json" },
        bodyText: '{"name": 5, "extra": 1}',
      }),
    );
    expect(res.status).toBe(400);
    const oops = (res.body as { oops: string }).oops;
    for (const part of ["path/id must be >= 1", "body/id is required", "body/name must be string", "body/extra is not a known property"])
      expect(oops).toContain(part);
    expect(calls).toBe(0);
  });

  test.each([
    ["malformed JSON", { "content-type": "application/json" }, "{", "body is not valid JSON"],
    [
      "a wrong content type",
      { "content-type": "text/plain" },
      '{"id":1,"name":"x"}',
      'header/content-type must be application/json, not "text/plain"',
    ],
    ["no body", {}, undefined, "body a JSON body is required"],
  ])("%s is a 400 that names it", async (_name, headers, bodyText, message) => {
    const res = await handleRequest(
      rt,
      services,
      request({ method: "PUT", headers: { authorization: "Bearer admin", ...headers }, bodyText }),
    );
    expect(res.status).toBe(400);
    expect((res.body as { oops: string }).oops).toContain(message);
    expect(calls).toBe(0);
  });

  test("a body over the limit is a 400", async () => {
    const res = await handleRequest(rt, services, request({ method: "PUT", bodyText: undefined, bodyTooLarge: true }));
    expect(res).toMatchObject({ status: 400, body: { oops: "validation: body is larger than 1 MiB" } });
  });

  test("unknown paths and methods answer in the vendor's shape, 405 with Allow", async () => {
    expect(await handleRequest(rt, services, request({ path: "/nothing" }))).toMatchObject({
      status: 404,
      body: { oops: "route-not-found: No toy endpoint at /nothing" },
    });
    const res = await handleRequest(rt, services, request({ method: "DELETE" }));
    expect(res).toMatchObject({ status: 405, headers: { allow: "GET, PUT" } });
    expect(services.journal.entries().map((e) => e.violations[0]?.rule)).toEqual(["route", "method"]);
  });

  test("a fault rule answers its documented status, and can drop the connection", async () => {
    services.faults.add({ operationId: "getThing", status: 503, times: 1 });
    expect((await handleRequest(rt, services, request())).status).toBe(503);
    expect((await handleRequest(rt, services, request())).status).toBe(200);
    services.faults.add({ path: "/things/*", drop: true });
    expect(await handleRequest(rt, services, request())).toMatchObject({ drop: true });
  });

  test("a latency rule waits, then answers normally", async () => {
    const waits: number[] = [];
    services.sleep = async (ms) => {
      waits.push(ms);
    };
    services.faults.add({ latencyMs: 250 });
    expect((await handleRequest(rt, services, request())).status).toBe(200);
    expect(waits).toEqual([250]);
  });

  test("the journal redacts credentials and stamps the mock clock's time", async () => {
    await handleRequest(rt, services, request());
    expect(services.journal.entries()[0]).toMatchObject({ time: "2026-01-01T00:00:00.000Z", headers: { authorization: "[redacted]" } });
  });

  test("a maintenance window answers 503 with Retry-After until it ends, before credentials are looked at", async () => {
    services.maintenance.set("toy", { retryAfter: 30, until: new Date("2026-01-01T01:00:00Z") });
    expect(await handleRequest(rt, services, request())).toMatchObject({ status: 503, headers: { "retry-after": "30" } });
    expect(await handleRequest(rt, services, request({ headers: {} }))).toMatchObject({ status: 503, body: { oops: expect.stringContaining("maintenance") } });
    services.clock.advance(3_600_000);
    expect((await handleRequest(rt, services, request())).status).toBe(200);
  });

  test("with rate limits on, the vendor's limit answers 429 past it, per credential, until the window turns", async () => {
    services.rateLimiter = new RateLimiter();
    rt.adapter = {
      ...adapter,
      rateLimits: { limits: [{ name: "minute", windowMs: 60_000, max: 2 }], headers: (r) => ({ "x-left": String(r[0]?.remaining) }) },
    };
    expect(await handleRequest(rt, services, request())).toMatchObject({ status: 200, headers: { "x-left": "1" } });
    expect(await handleRequest(rt, services, request())).toMatchObject({ status: 200, headers: { "x-left": "0" } });
    expect(await handleRequest(rt, services, request())).toMatchObject({ status: 429, headers: { "x-left": "0", "retry-after": "60" } });
    expect((await handleRequest(rt, services, request({ headers: { authorization: "Bearer ro" } }))).status).toBe(200);
    services.clock.advance(60_000);
    expect((await handleRequest(rt, services, request())).status).toBe(200);
  });
});

describe("transactions", () => {
  const put = (name: string) => request({ method: "PUT", headers: { authorization: "Bearer admin", "content-type": "application/json" }, bodyText: JSON.stringify({ id: 1, name }) });

  test("a success that passes the response check commits the handler's write", async () => {
    expect((await handleRequest(rt, services, put("kept"))).status).toBe(200);
    expect(rt.state.dump()).toEqual({ things: [{ id: 1, name: "kept" }] });
  });

  test("a response-check failure after the handler wrote leaves the state as it was", async () => {
    handlerResult = { status: 200, body: { id: 1, name: "far too long a name" } };
    // The handler stores, then answers a body that breaks the spec (maxLength 10).
    rt.adapter = { ...adapter, handlers: { ...adapter.handlers, putThing: (c) => {
      c.state.collection("things").put({ id: 1, name: "written" });
      return handlerResult;
    } } };
    const res = await handleRequest(rt, services, put("x"));
    expect(res.status).toBe(500);
    expect(services.journal.entries()[0]?.outcome).toBe("response-violation");
    expect(rt.state.dump()).toEqual({ things: [] });
  });

  test("an error answer keeps none of the handler's writes", async () => {
    handlerResult = { error: { status: 400, kind: "validation", message: "no" } };
    expect((await handleRequest(rt, services, put("refused"))).status).toBe(400);
    expect(rt.state.dump()).toEqual({ things: [] });
  });

  test("a stored record cannot be changed in place: the attempt is a bug, answered 500, and nothing changes", async () => {
    await handleRequest(rt, services, put("kept"));
    rt.adapter = { ...adapter, handlers: { ...adapter.handlers, getThing: (c) => {
      const thing = c.state.collection("things").get(1) as { name: string };
      thing.name = "changed";
      return { status: 200, body: thing };
    } } };
    await expect(handleRequest(rt, services, request())).rejects.toThrow(TypeError);
    expect(rt.state.dump()).toEqual({ things: [{ id: 1, name: "kept" }] });
  });
});

describe("request rules, ignored properties, state refusals, forced answers that fit the request", () => {
  const withAdapter = (over: Partial<VendorAdapter>, docOver: Partial<OpenApiDocument> = {}): VendorRuntime => ({
    ...rt,
    spec: compileSpec("toy", { ...doc, ...docOver }),
    adapter: { ...adapter, ...over },
  });
  const put = (body: unknown, headers: Record<string, string> = {}) =>
    request({ method: "PUT", headers: { authorization: "Bearer admin", "content-type": "application/json", ...headers }, bodyText: JSON.stringify(body) });
  // A rule a schema cannot state: the name may not be "zero"; it reads only a string name.
  const noZero = (r: { body: unknown }) => {
    const name = (r.body as { name?: unknown } | undefined)?.name;
    return typeof name === "string" && name === "zero" ? [{ location: "body", pointer: "/name", rule: "notZero", message: "must not be zero", value: name }] : [];
  };

  test("a vendor's request rule runs beside the schema: one answer lists the schema's violations and the rule's", async () => {
    const toy = withAdapter({ requestRules: { putThing: noZero } });
    const res = await handleRequest(toy, services, put({ name: "zero" }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ oops: "validation: body/id is required; body/name must not be zero" });
    expect(calls).toBe(0);
    expect(services.journal.entries()[0]?.violations.map((v) => v.rule)).toEqual(["required", "notZero"]);
  });

  test("a rule's violation at a place the schema already refused is not said twice", async () => {
    const everywhere = () => [{ location: "body", pointer: "/name", rule: "notZero", message: "must not be zero" }];
    const toy = withAdapter({ requestRules: { putThing: everywhere } });
    const res = await handleRequest(toy, services, put({ id: 1, name: "far too long a name" }));
    expect(res.body).toEqual({ oops: "validation: body/name must NOT have more than 10 characters" });
  });

  test("a request rule reads any JSON: a body of the wrong type is the schema's 400, not a crash", async () => {
    const toy = withAdapter({ requestRules: { putThing: noZero } });
    for (const body of [null, 5, "zero", ["zero"], { name: ["zero"] }]) {
      expect((await handleRequest(toy, services, put(body))).status).toBe(400);
    }
  });

  test("a handler's refusal depends on the state: journaled as a refusal, not a contract violation", async () => {
    handlerResult = { error: { status: 400, kind: "validation", message: "taken", violations: [{ location: "body", pointer: "/name", rule: "unique", message: "is taken" }] } };
    const res = await handleRequest(rt, services, put({ id: 1, name: "one" }));
    expect(res).toMatchObject({ status: 400, body: { oops: "validation: taken" } });
    const entry = services.journal.entries()[0];
    expect(entry?.violations).toEqual([]);
    expect(entry?.refusals).toMatchObject([{ pointer: "/name", rule: "unique" }]);
  });

  describe("a vendor that ignores unknown body properties", () => {
    const ignoring = { info: { ...doc.info, "x-taskmock-unknown-properties": { policy: "ignore" } } };

    test("answers as if they were not sent, and journals each as a warning", async () => {
      const toy = withAdapter({}, ignoring);
      const res = await handleRequest(toy, services, put({ id: 1, name: "one", createdOn: "2026-01-01", extra: { deep: 1 } }));
      expect(res).toMatchObject({ status: 200, body: { id: 1, name: "one" } });
      expect(rt.state.collection("things").get(1)).toEqual({ id: 1, name: "one" });
      const entry = services.journal.entries()[0];
      expect(entry?.violations).toEqual([]);
      expect(entry?.warnings?.map((w) => [w.pointer, w.rule, w.value])).toEqual([
        ["/createdOn", "ignored", "2026-01-01"],
        ["/extra", "ignored", { deep: 1 }],
      ]);
    });

    test("still refuses what breaks the contract besides, naming only that", async () => {
      const toy = withAdapter({}, ignoring);
      const res = await handleRequest(toy, services, put({ name: "one", extra: true }));
      expect(res).toMatchObject({ status: 400, body: { oops: "validation: body/id is required" } });
    });

    test("with strict on, refuses them as the contract says", async () => {
      const toy = withAdapter({}, ignoring);
      const res = await handleRequest(toy, { ...services, strict: true }, put({ id: 1, name: "one", extra: true }));
      expect(res).toMatchObject({ status: 400, body: { oops: "validation: body/extra is not a known property" } });
    });

    test("a vendor that does not declare it refuses them", async () => {
      const res = await handleRequest(rt, services, put({ id: 1, name: "one", extra: true }));
      expect(res.status).toBe(400);
    });

    test("a policy other than ignore or refuse stops the start", () => {
      expect(() => compileSpec("toy", { ...doc, info: { ...doc.info, "x-taskmock-unknown-properties": { policy: "maybe" } } })).toThrow(/ignore or refuse/);
    });
  });

  test("a forced error without an example is the vendor's own, worded for the request's ids", async () => {
    const toy = withAdapter({
      forcedError: (status, r) => (status === 404 ? { status, kind: "not-found", message: `no thing ${String(r.params["id"])}` } : undefined),
    });
    const res = await handleRequest(toy, services, request({ path: "/things/12321", headers: { authorization: "Bearer admin", prefer: "code=404" } }));
    expect(res).toMatchObject({ status: 404, body: { oops: "not-found: no thing 12321" } });
    // An example asked by name is sent as documented; a status the vendor does not word keeps its example.
    const named = await handleRequest(toy, services, request({ path: "/things/12321", headers: { authorization: "Bearer admin", prefer: "example=missing" } }));
    expect(named.body).toEqual({ oops: "missing" });
    const down = await handleRequest(toy, services, request({ headers: { authorization: "Bearer admin", prefer: "code=503" } }));
    expect(down.body).toEqual({ oops: "down" });
  });

  test("a fault rule's status is worded for the request too", async () => {
    const toy = withAdapter({
      forcedError: (status, r) => (status === 404 ? { status, kind: "not-found", message: `no thing ${String(r.params["id"])}` } : undefined),
    });
    services.faults.add({ status: 404 });
    const res = await handleRequest(toy, services, request({ path: "/things/77" }));
    expect(res).toMatchObject({ status: 404, body: { oops: "not-found: no thing 77" } });
  });

  test("a generated body goes through the vendor's conform, which makes it obey the rules a schema cannot state", async () => {
    const toy = withAdapter({ conform: (_op, _status, body) => ({ ...(body as object), name: "conformed" }) });
    const res = await handleRequest(toy, services, request({ headers: { authorization: "Bearer admin", prefer: "dynamic=true" } }));
    expect(res).toMatchObject({ status: 200, body: { name: "conformed" } });
  });
});
