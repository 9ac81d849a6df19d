// The slice of the OpenAPI 3.1 object model the engine reads (https://spec.openapis.org/oas/v3.1.0).
// Plain data: a parsed YAML document, typed only as far as the engine looks into it.

export type JsonSchema = Record<string, unknown> | boolean;

export interface ReferenceObject {
  $ref: string;
}

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | ReferenceObject>;
}

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | ReferenceObject>;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | ReferenceObject>;
}

export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject | ReferenceObject;
  responses: Record<string, ResponseObject | ReferenceObject>;
  security?: SecurityRequirement[];
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = {
  parameters?: (ParameterObject | ReferenceObject)[];
} & Partial<Record<HttpMethod, OperationObject>>;

export interface SecuritySchemeObject {
  type: "http" | "apiKey" | "oauth2" | "openIdConnect" | "mutualTLS";
  scheme?: string;
  name?: string;
  in?: "header" | "query" | "cookie";
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; "x-taskmock-vendor"?: string; [key: string]: unknown };
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, ResponseObject | ReferenceObject>;
    parameters?: Record<string, ParameterObject | ReferenceObject>;
    examples?: Record<string, ExampleObject | ReferenceObject>;
    requestBodies?: Record<string, RequestBodyObject | ReferenceObject>;
    headers?: Record<string, HeaderObject | ReferenceObject>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
  security?: SecurityRequirement[];
  [extension: `x-${string}`]: unknown;
}

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string";
}

/** Follows local `#/...` references (RFC 6901 pointers) until a non-reference object is reached. */
export function deref<T>(doc: OpenApiDocument, value: T | ReferenceObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
    if (seen.has(ref)) throw new Error(`circular $ref: ${ref}`);
    seen.add(ref);
    current = pointer(doc, ref.slice(1));
  }
  return current as T;
}

/** Resolves a JSON pointer (RFC 6901) inside a document; throws when it leads nowhere. */
export function pointer(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const raw of path.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null || !(key in node)) {
      throw new Error(`$ref target not found: #${path}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
