// The hot path under node:http: a request to a vendor goes from Node's message straight to the
// engine and back, without the web Request and Response that Hono's adapter builds (they cost
// more than the whole pipeline for a small write). Everything else, and any request this path
// does not read exactly as the web URL would (percent-encoding, dot segments, a chunked or
// oversized body), goes to the Hono app, which answers it the same way.
import type { RequestListener, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type * as HonoNodeServer from "@hono/node-server";
import { PROBLEM_CONTENT_TYPE, problem } from "../engine/problem.js";
import type { EngineRequest, EngineResponse } from "../engine/vendor.js";
import { headersOf, type MockApp, queryOf, readDirectly } from "./app.js";

/** A path the WHATWG URL parser leaves as it is: no %, no dot segment, nothing it would encode. */
const PLAIN_PATH = /^\/(?!\.)(?:[A-Za-z0-9\-_~!$&'()*+,;=:@]|\/(?!\.)|\.)*$/;
const PLAIN_QUERY = /^[^#\s]*$/;

// Hono's node adapter is loaded on the first request that needs it, not at start.
const require = createRequire(import.meta.url);

export function nodeListener(app: MockApp): RequestListener {
  let honoListener: RequestListener | undefined;
  const viaHono: RequestListener = (incoming, outgoing) => {
    honoListener ??= (require("@hono/node-server") as typeof HonoNodeServer).getRequestListener(app.fetch);
    return honoListener(incoming, outgoing);
  };
  const { mock } = app;
  const failed = (outgoing: ServerResponse, error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    mock.services.report(`taskmock bug: ${failure.stack ?? failure.message}`);
    if (outgoing.headersSent || outgoing.destroyed) return;
    send(outgoing, {
      status: 500,
      headers: { "content-type": PROBLEM_CONTENT_TYPE },
      body: problem("internal-error", 500, failure.message),
    });
  };
  const answers = coalescedWrites(failed);
  return (incoming, outgoing) => {
    const url = incoming.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const search = mark === -1 ? "" : url.slice(mark + 1);
    const target = PLAIN_PATH.test(path) && PLAIN_QUERY.test(search) && incoming.httpVersionMajor === 1 ? mock.vendorAt(path) : undefined;
    // A chunked or oversized body goes to the Hono app, which reads and limits it.
    const body = target ? readDirectly(incoming) : undefined;
    if (!target || !body) {
      void viaHono(incoming, outgoing);
      return;
    }
    body.then(
      ({ text: bodyText }) => {
        const request: EngineRequest = {
          method: incoming.method ?? "GET",
          path: path.slice(target.prefix.length) || "/",
          query: search === "" ? {} : queryOf(new URLSearchParams(search)),
          headers: headersOf(incoming.rawHeaders),
          bodyText,
        };
        // A throw before the engine's promise (a vendor's scheduled work, run first) is a failure like any other.
        return mock.answer(target.vendor, request).then(
          (response) => answers.write(outgoing, response),
          (error: unknown) => failed(outgoing, error),
        );
      },
      // The client went away before its body arrived: nobody is left to answer.
      () => outgoing.destroy(),
    ).catch((error: unknown) => failed(outgoing, error));
  };
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
function coalescedWrites(failed: (outgoing: ServerResponse, error: unknown) => void) {
  let waiting: [ServerResponse, EngineResponse][] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    for (const [outgoing, response] of batch) {
      try {
        send(outgoing, response);
      } catch (error) {
        failed(outgoing, error); // an answer Node refuses to write (a header it rejects): the others still go
      }
    }
  };
  return {
    write(outgoing: ServerResponse, response: EngineResponse): void {
      if (waiting.push([outgoing, response]) === 1) setImmediate(flush);
    },
  };
}

function send(outgoing: ServerResponse, response: EngineResponse): void {
  if (response.drop) {
    outgoing.socket?.destroy();
    return;
  }
  if (response.body === undefined) {
    outgoing.writeHead(response.status, response.headers);
    outgoing.end();
    return;
  }
  const text = JSON.stringify(response.body);
  outgoing.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(text) });
  outgoing.end(text);
}
