// Every request a spec documents, ready to replay: each operation with its path parameters'
// examples, its query parameters' examples (a GET), and each named example of its request body
// (one request per example; the vendors' own samples, with only their documented violations
// corrected, and ours). The status to expect is the operation's documented success.
import { deref, type ExampleObject, type ParameterObject, type ReferenceObject, type RequestBodyObject } from "../../src/engine/openapi.js";
import { allSpecs, operationsOf } from "./specs.js";

export interface DocumentedRequest {
  operationId: string;
  method: string;
  /** The path with its parameters' examples, and the query of a GET. */
  url: string;
  /** The request body example's name, when the operation takes a body. */
  example?: string;
  body?: unknown;
  /** The operation's documented success (its lowest 2xx status). */
  status: number;
}

export function documentedRequests(vendor: string): DocumentedRequest[] {
  const spec = allSpecs().find((s) => s.vendor === vendor);
  if (!spec) throw new Error(`no spec for ${vendor}`);
  const { doc } = spec;
  const out: DocumentedRequest[] = [];
  for (const { path, method, operation } of operationsOf(doc)) {
    const params = [...(doc.paths[path]?.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref<ParameterObject>(doc, p));
    const exampleOf = (p: ParameterObject) => {
      if (p.example === undefined) throw new Error(`${operation.operationId}: parameter ${p.name} has no example`);
      return String(p.example);
    };
    let url = path;
    for (const p of params.filter((p) => p.in === "path")) url = url.replace(`{${p.name}}`, encodeURIComponent(exampleOf(p)));
    if (method === "get") {
      const query = params.filter((p) => p.in === "query" && p.example !== undefined).map((p) => `${p.name}=${encodeURIComponent(exampleOf(p))}`);
      if (query.length > 0) url += `?${query.join("&")}`;
    }
    const status = Math.min(...Object.keys(operation.responses).map(Number).filter((s) => s >= 200 && s < 300));
    const base = { operationId: operation.operationId as string, method: method.toUpperCase(), url, status };
    if (!operation.requestBody) {
      out.push(base);
      continue;
    }
    const body = deref<RequestBodyObject>(doc, operation.requestBody);
    const examples = Object.entries(body.content["application/json"]?.examples ?? {}) as [string, ExampleObject | ReferenceObject][];
    if (examples.length === 0) throw new Error(`${operation.operationId}: its request body has no example`);
    for (const [name, example] of examples) out.push({ ...base, example: name, body: deref<ExampleObject>(doc, example).value });
  }
  return out;
}
