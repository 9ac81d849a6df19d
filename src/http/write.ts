// The one writer: an engine answer becomes HTTP the same way for Node's response (production) and
// a web Response (the in-process `fetch` entry): the status, the headers, the body as JSON text.
import type { ServerResponse } from "node:http";
import { PROBLEM_CONTENT_TYPE, problem } from "../engine/problem.js";
import type { EngineResponse } from "../engine/vendor.js";

/** The text of an answer: its JSON text as the pipeline made it, or none. */
export function bodyText(response: EngineResponse): string | undefined {
  if (response.body === undefined) return undefined;
  return response.bodyText ?? response.bodyBytes?.toString() ?? JSON.stringify(response.body);
}

/** Node leaves out the body of an answer to HEAD by itself; its content-length stays GET's. */
export function writeNode(outgoing: ServerResponse, response: EngineResponse): void {
  if (response.drop) {
    outgoing.socket?.destroy();
    return;
  }
  const passed = response.passthrough;
  if (passed) {
    outgoing.writeHead(response.status, passed.statusText, passed.headers);
    outgoing.end(passed.bytes);
    return;
  }
  const bytes = response.bodyBytes;
  if (bytes !== undefined) {
    outgoing.writeHead(response.status, { ...response.headers, "content-length": bytes.length });
    // Once Node reports the bytes written, their memory may be reused (engine/checkedItems.ts).
    outgoing.end(bytes, response.recycle);
    return;
  }
  const text = bodyText(response);
  if (text === undefined) {
    outgoing.writeHead(response.status, response.headers);
    outgoing.end();
    return;
  }
  outgoing.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(text) });
  outgoing.end(text);
}

/** A web Response (the in-process `fetch` entry); a HEAD request's answer has the headers and no body. */
export function toWebResponse(response: EngineResponse, method = "GET"): Response {
  if (response.drop) return Response.error();
  const passed = response.passthrough;
  if (passed) {
    const headers = new Headers();
    for (let i = 0; i < passed.headers.length; i += 2) headers.append(passed.headers[i] as string, passed.headers[i + 1] as string);
    const empty = method === "HEAD" || response.status === 204 || response.status === 304 || passed.bytes.length === 0;
    return new Response(empty ? null : new Uint8Array(passed.bytes), { status: response.status, statusText: passed.statusText, headers });
  }
  const bytes = response.bodyBytes;
  if (bytes !== undefined) {
    const headers = { ...response.headers, "content-length": String(bytes.length) };
    const copy = method === "HEAD" ? null : new Uint8Array(bytes);
    response.recycle?.(); // copied: the page's memory may be reused (engine/checkedItems.ts)
    return new Response(copy, { status: response.status, headers });
  }
  const text = bodyText(response);
  const headers = text === undefined ? response.headers : { ...response.headers, "content-length": String(Buffer.byteLength(text)) };
  return new Response(method === "HEAD" ? null : (text ?? null), { status: response.status, headers });
}

/** taskmock's answer to its own bug: a 500 problem. */
export function internalError(error: unknown): EngineResponse {
  const failure = error instanceof Error ? error : new Error(String(error));
  return { status: 500, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: problem("internal-error", 500, failure.message) };
}

/**
 * The answers ready in one turn of the event loop, written together at its end (setImmediate runs
 * after the poll phase, which has read every connection that had something to read). Written one
 * by one, between one request's engine work and the next, each answer finds a client that went
 * back to sleep, and waking it is the kernel's work inside the socket write: profiled with perf
 * under 50 connections, an Omni PUT's socket write took 12 µs more CPU than the same write of a
 * fixed answer, about what the engine itself took. Written together, the first answer wakes the
 * client and the rest find it awake. A lone request waits only for the rest of its turn.
 */
export function coalescedWrites(failed: (outgoing: ServerResponse, error: unknown) => void) {
  let waiting: [ServerResponse, EngineResponse][] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    for (const [outgoing, response] of batch) {
      try {
        writeNode(outgoing, response);
      } catch (error) {
        failed(outgoing, error); // an answer Node refuses to write (a header it rejects): the others still go
      }
    }
  };
  return (outgoing: ServerResponse, response: EngineResponse): void => {
    if (waiting.push([outgoing, response]) === 1) setImmediate(flush);
  };
}
