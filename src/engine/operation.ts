// Compiles a spec into its operations, once at start: routes, parameter and body validators,
// documented statuses with their examples and response validators. Nothing here walks the spec
// per request. Each ajv validator is compiled the first time a request needs it and kept: a start
// pays only for the routes (compiling every validator of five specs took most of a second), and
// the test suite compiles every one of them (test/engine/lazy-compile.test.ts).
import type { ValidateFunction } from "ajv/dist/2020.js";
import {
  deref,
  type HeaderObject,
  HTTP_METHODS,
  type JsonSchema,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  type SecurityRequirement,
  type SecuritySchemeObject,
} from "./openapi.js";
import { joinItems, listSchema, matchItems } from "./checkedItems.js";
import { createRouter, type Router } from "./router.js";
import { createSchemaCompiler, type SchemaCompiler, toViolations, type Violation } from "./schemaCompiler.js";

export interface CompiledResponse {
  status: number;
  /** Whether the status carries a JSON body (204 does not). */
  hasBody: boolean;
  /** The `application/json` schema, when there is one. */
  schema: JsonSchema | undefined;
  /** Named examples, the default first. */
  examples: Map<string, unknown>;
  /** Headers the response documents (lower-case name → schema). */
  headers: Map<string, JsonSchema>;
  validate(body: unknown): Violation[];
  /**
   * Checks a body as `validate` does and, when it passes, serialises it: its JSON text (the same
   * as JSON.stringify's), or, for a page of checked records (checkedItems.ts), that text's UTF-8
   * bytes joined from the records' own, the page then frozen.
   */
  check(body: unknown): { violations: Violation[]; text?: string; bytes?: Buffer; recycle?: () => void };
}

export interface SecurityScheme {
  name: string;
  /**
   * `bearer`: the Authorization header's Bearer credential; `header`: a named header's value;
   * `headers`: a requirement naming several API-key headers, all needed together (Spaaza's
   * admin session), whose credential is one `Name: value` line per header, in the
   * requirement's order, with the names as the spec spells them.
   */
  kind: "bearer" | "header" | "headers";
  /** The (first) header, in lower case. */
  header: string;
  /** kind `headers`: every header of the requirement, as the spec spells them. */
  headers?: string[];
}

export interface CompiledOperation {
  vendor: string;
  operationId: string;
  method: string;
  template: string;
  source: string;
  /** Any one of these schemes may authenticate; empty when the operation is open. */
  security: SecurityScheme[];
  /** Documented statuses, ascending. */
  statuses: number[];
  responses: Map<number, CompiledResponse>;
  requestBody: { required: boolean; mediaTypes: string[] } | undefined;
  raw: OperationObject;
  /** Checks path, query and header parameters; answers them coerced to their schema types. */
  validateParameters(input: ParameterInput): ParameterResult;
  validateBody(body: unknown): Violation[];
}

export interface ParameterInput {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
}

export interface ParameterResult {
  violations: Violation[];
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

export interface CompiledSpec {
  vendor: string;
  doc: OpenApiDocument;
  operations: CompiledOperation[];
  byId: Map<string, CompiledOperation>;
  router: Router<CompiledOperation>;
  compiler: SchemaCompiler;
  /**
   * The vendor's server ignores body properties its contract does not take, instead of refusing
   * them (`info.x-taskmock-unknown-properties.policy: ignore`).
   */
  ignoresUnknown: boolean;
  /** The router's own answers: no such path, and path known but method not. */
  routeNotFound: CompiledResponse;
  methodNotAllowed: CompiledResponse;
}

export function compileSpec(vendor: string, doc: OpenApiDocument): CompiledSpec {
  const compiler = createSchemaCompiler(doc);
  const paramCompiler = createSchemaCompiler(doc, { coerceTypes: true });
  const operations: CompiledOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const params = [...(item.parameters ?? []), ...(raw.parameters ?? [])].map((p) => deref<ParameterObject>(doc, p));
      operations.push(compileOperation(vendor, doc, compiler, paramCompiler, template, method, raw, params));
    }
  }
  const router = createRouter(operations.map((op) => ({ template: op.template, method: op.method, route: op })));
  const shared = (name: string, status: number): CompiledResponse => {
    const raw = doc.components?.responses?.[name];
    if (!raw) throw new Error(`${vendor}: components.responses.${name} is required (the router answers with it)`);
    return compileResponse(doc, compiler, status, deref<ResponseObject>(doc, raw));
  };
  return {
    vendor,
    doc,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    router,
    compiler,
    ignoresUnknown: unknownPolicy(vendor, doc) === "ignore",
    routeNotFound: shared("RouteNotFound", 404),
    methodNotAllowed: shared("MethodNotAllowed", 405),
  };
}

/** What the vendor's server does with a body property its contract does not take: refuse it (the default) or ignore it. */
function unknownPolicy(vendor: string, doc: OpenApiDocument): "ignore" | "refuse" {
  const declared = doc.info["x-taskmock-unknown-properties"] as { policy?: unknown } | undefined;
  const policy = declared?.policy ?? "refuse";
  if (policy !== "ignore" && policy !== "refuse") throw new Error(`${vendor}: info.x-taskmock-unknown-properties.policy must be ignore or refuse`);
  return policy;
}

function compileOperation(
  vendor: string,
  doc: OpenApiDocument,
  compiler: SchemaCompiler,
  paramCompiler: SchemaCompiler,
  template: string,
  method: string,
  raw: OperationObject,
  params: ParameterObject[],
): CompiledOperation {
  const operationId = raw.operationId ?? `${method}${template}`;
  const responses = new Map<number, CompiledResponse>();
  for (const [code, response] of Object.entries(raw.responses)) {
    if (!/^\d{3}$/.test(code)) continue;
    responses.set(Number(code), compileResponse(doc, compiler, Number(code), deref<ResponseObject>(doc, response)));
  }
  const byLocation = (location: ParameterObject["in"]) => params.filter((p) => p.in === location);
  const validators = {
    path: parameterValidator(doc, paramCompiler, byLocation("path"), false),
    query: parameterValidator(doc, paramCompiler, byLocation("query"), false),
    header: parameterValidator(doc, paramCompiler, byLocation("header"), true),
  };
  const arrayQueryParams = new Set(
    byLocation("query")
      .filter(
        (p) => typeof p.schema === "object" && deref<Record<string, unknown>>(doc, p.schema as Record<string, unknown>)["type"] === "array",
      )
      .map((p) => p.name),
  );
  const body = raw.requestBody ? deref<RequestBodyObject>(doc, raw.requestBody) : undefined;
  const bodySchema = body?.content["application/json"]?.schema;
  const bodyValidator = bodySchema === undefined ? undefined : once(() => compiler.compile(bodySchema));

  return {
    vendor,
    operationId,
    method: method.toUpperCase(),
    template,
    source: String(raw["x-taskmock-source"] ?? "inferred"),
    security: securityOf(doc, raw.security ?? doc.security ?? []),
    statuses: [...responses.keys()].sort((a, b) => a - b),
    responses,
    requestBody: body ? { required: body.required === true, mediaTypes: Object.keys(body.content) } : undefined,
    raw,
    validateParameters(input) {
      const query: Record<string, unknown> = {};
      for (const name in input.query) {
        if (name.startsWith("__")) continue; // Prism's __code/__example/__dynamic
        const value = input.query[name];
        query[name] = Array.isArray(value) && !arrayQueryParams.has(name) ? value[0] : value;
      }
      const path: Record<string, unknown> = { ...input.path };
      // The headers are copied only for a validator to coerce (an operation without header parameters has none).
      const violations = concat(
        validators.path("path", path),
        validators.query("query", query),
        validators.header === NO_PARAMETERS ? NONE_FOUND : validators.header("header", { ...input.headers }),
      );
      return { violations, path, query };
    },
    validateBody(value) {
      if (!bodyValidator) return NONE_FOUND;
      const validate = bodyValidator();
      return validate(value) ? NONE_FOUND : toViolations("body", validate.errors);
    },
  };
}

/** What a path, query or header parameter's number must look like before it is read as one. */
const NUMBER_TEXT = {
  integer: /^-?\d{1,16}$/,
  number: /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/,
} as const;

/** The parameters whose schema is a number (or a list of them): their key and kind. */
function numericParameters(doc: OpenApiDocument, params: ParameterObject[], key: (name: string) => string) {
  const out: { key: string; kind: "integer" | "number" }[] = [];
  for (const p of params) {
    let schema = p.schema === undefined ? {} : deref<Record<string, unknown>>(doc, p.schema as Record<string, unknown>);
    if (schema["type"] === "array" && typeof schema["items"] === "object") schema = deref<Record<string, unknown>>(doc, schema["items"] as Record<string, unknown>);
    const types = ([] as unknown[]).concat(schema["type"] ?? []);
    if (types.includes("string")) continue;
    if (types.includes("integer")) out.push({ key: key(p.name), kind: "integer" });
    else if (types.includes("number")) out.push({ key: key(p.name), kind: "number" });
  }
  return out;
}

/**
 * Numbers in paths, queries and headers are read strictly: decimal text, finite, an integer
 * within ±2^53 (ajv's coercion alone would read `0x10` as 16, `1e400` as Infinity and `Infinity`
 * as a number that passes every bound). A value that is not is a violation naming the parameter
 * in ajv's words ("must be integer"), and is left out of what ajv coerces.
 */
function strictNumbers(location: string, numeric: { key: string; kind: "integer" | "number" }[], values: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const { key, kind } of numeric) {
    const value = values[key];
    if (value === undefined) continue;
    const bad = (Array.isArray(value) ? value : [value]).find(
      (text) => typeof text === "string" && (!NUMBER_TEXT[kind].test(text) || !Number.isFinite(Number(text)) || (kind === "integer" && !Number.isSafeInteger(Number(text)))),
    );
    if (bad === undefined) continue;
    delete values[key];
    out.push({
      location,
      pointer: `/${key}`,
      rule: "type",
      message: `must be ${kind}`,
      params: { type: kind },
      value: bad,
    });
  }
  return out;
}

/** The validator of a location without parameters, and what it finds (shared: nobody changes it). */
const NONE_FOUND: Violation[] = Object.freeze([]) as unknown as Violation[];
const NO_PARAMETERS = (): Violation[] => NONE_FOUND;

function parameterValidator(
  doc: OpenApiDocument,
  compiler: SchemaCompiler,
  params: ParameterObject[],
  caseInsensitive: boolean,
): (location: string, values: Record<string, unknown>) => Violation[] {
  if (params.length === 0) return NO_PARAMETERS;
  const key = (name: string) => (caseInsensitive ? name.toLowerCase() : name);
  const numeric = numericParameters(doc, params, key);
  const schema = {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema ?? {}])),
    required: params.filter((p) => p.required || p.in === "path").map((p) => key(p.name)),
  };
  const validator = once((): ValidateFunction => compiler.compile(schema));
  return (location, values) => {
    const refused = numeric.length === 0 ? NONE_FOUND : strictNumbers(location, numeric, values);
    const validate = validator();
    const found = validate(values) ? NONE_FOUND : toViolations(location, validate.errors);
    if (refused.length === 0) return found;
    // A refused value was left out: ajv's "is required" for it says nothing more.
    const named = new Set(refused.map((v) => v.pointer));
    return [...refused, ...found.filter((v) => !named.has(v.pointer))];
  };
}

function compileResponse(doc: OpenApiDocument, compiler: SchemaCompiler, status: number, response: ResponseObject): CompiledResponse {
  const media: MediaTypeObject | undefined = response.content?.["application/json"];
  const examples = new Map<string, unknown>();
  for (const [name, example] of Object.entries(media?.examples ?? {})) examples.set(name, deref(doc, example).value);
  if (media?.example !== undefined && examples.size === 0) examples.set("default", media.example);
  const schema = media?.schema;
  const validator = schema === undefined ? undefined : once(() => compiler.compile(schema));
  const hasBody = response.content !== undefined && Object.keys(response.content).length > 0;
  // A list of one `$ref` (a page of records): its envelope and each item apart, an item known valid not checked again (checkedItems.ts).
  const list = listSchema(schema);
  const listValidators = list === undefined ? undefined : once(() => ({ envelope: compiler.compile(list.envelope), item: compiler.compileRef(list.itemRef) }));
  return {
    status,
    hasBody,
    schema,
    examples,
    headers: new Map(
      Object.entries(response.headers ?? {}).map(([name, header]) => [
        name.toLowerCase(),
        deref<HeaderObject>(doc, header).schema ?? { type: "string" },
      ]),
    ),
    validate(body) {
      return check(body, false).violations;
    },
    check(body) {
      return check(body, true);
    },
  };
  /** The body's violations and, when there are none and `serialise` is set, its text or bytes. */
  function check(body: unknown, serialise: boolean): { violations: Violation[]; text?: string; bytes?: Buffer; recycle?: () => void } {
    if (!hasBody)
      return { violations: body === undefined ? NONE_FOUND : [{ location: "response", pointer: "/", rule: "no-content", message: `status ${status} has no body` }] };
    if (listValidators && Array.isArray(body)) {
      const { envelope, item } = listValidators();
      const items = envelope(body) ? matchItems(item, body) : "invalid";
      if (items !== "invalid") {
        if (!serialise) return { violations: NONE_FOUND };
        if (items === "valid") return { violations: [], text: JSON.stringify(body) };
        // The page, like its records, can never change from here: its bytes stay its text.
        Object.freeze(body);
        const page = joinItems(items);
        return { violations: [], bytes: page.bytes, recycle: page.recycle };
      }
      // A breach: the whole schema's validator names it, as it always has.
    }
    if (validator) {
      const validate = validator();
      if (!validate(body)) return { violations: toViolations("response", validate.errors) };
    }
    return serialise && body !== undefined ? { violations: [], text: JSON.stringify(body) } : { violations: NONE_FOUND };
  }
}

/**
 * Compiles every validator of a spec now instead of on first use: for a spec taskmock does not
 * ship (its own are all compiled by a test), so that a schema ajv refuses stops the start.
 */
export function compileValidators(spec: CompiledSpec): CompiledSpec {
  for (const operation of spec.operations) {
    operation.validateParameters({ path: {}, query: {}, headers: {} });
    operation.validateBody({});
    for (const response of operation.responses.values()) {
      response.validate(response.hasBody ? {} : undefined);
      if (response.hasBody) response.validate([]); // a list's envelope and item validators (checkedItems.ts)
    }
  }
  spec.routeNotFound.validate({});
  spec.methodNotAllowed.validate({});
  return spec;
}

/** Makes the value on the first call and answers the same one after (a compile that throws is tried again). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** The violations of three checks, without copying when (as usual) none has any. */
function concat(a: Violation[], b: Violation[], c: Violation[]): Violation[] {
  if (b.length === 0 && c.length === 0) return a;
  if (a.length === 0 && c.length === 0) return b;
  if (a.length === 0 && b.length === 0) return c;
  return [...a, ...b, ...c];
}

/**
 * Each requirement is one way in. A requirement naming several schemes needs them all: taskmock
 * serves that for API-key headers (one `headers` scheme, all of them sent together).
 */
function securityOf(doc: OpenApiDocument, requirements: SecurityRequirement[]): SecurityScheme[] {
  const schemes: SecurityScheme[] = [];
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    const each = names.map((name) => {
      const scheme: SecuritySchemeObject | undefined = doc.components?.securitySchemes?.[name];
      if (!scheme) throw new Error(`security scheme ${name} is not defined`);
      return { name, scheme };
    });
    if (each.length > 1) {
      const headers = each.map(({ name, scheme }) => {
        if (scheme.type !== "apiKey" || scheme.in !== "header" || !scheme.name) {
          throw new Error(`security requirement ${names.join(" + ")}: taskmock combines only API-key headers, not ${name} (${scheme.type})`);
        }
        return scheme.name;
      });
      schemes.push({ name: names.join("+"), kind: "headers", header: (headers[0] as string).toLowerCase(), headers });
      continue;
    }
    for (const { name, scheme } of each) {
      if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") {
        schemes.push({ name, kind: "bearer", header: "authorization" });
      } else if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) {
        schemes.push({ name, kind: "header", header: scheme.name.toLowerCase() });
      } else {
        throw new Error(`security scheme ${name} (${scheme.type}) is not one taskmock serves`);
      }
    }
  }
  return schemes;
}
