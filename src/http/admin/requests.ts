// /__admin/requests: the journal (WireMock's request log), filtered; DELETE empties it.
import { harOf } from "../../engine/har.js";
import type { JournalFilter } from "../../engine/journal.js";
import { packageVersion } from "../../paths.js";
import { type AdminApp, fail } from "./common.js";

/** How often an idle stream sends a comment. */
const KEEP_ALIVE_MS = 15_000;

export function requests(app: AdminApp): void {
  app.get("/__admin/requests", (c) => {
    const mock = c.var.mock;
    const filter: JournalFilter = {};
    const vendor = c.req.query("vendor");
    const operationId = c.req.query("operationId");
    const status = c.req.query("status");
    const invalid = c.req.query("invalid");
    if (vendor !== undefined) filter.vendor = vendor;
    if (operationId !== undefined) filter.operationId = operationId;
    if (status !== undefined) {
      if (!/^\d{3}$/.test(status)) return fail(c, "admin-bad-request", 400, `status=${status} is not an HTTP status`);
      filter.status = Number(status);
    }
    if (invalid !== undefined) {
      if (invalid !== "true" && invalid !== "false") return fail(c, "admin-bad-request", 400, "invalid must be true or false");
      filter.invalid = invalid === "true";
    }
    const format = c.req.query("format") ?? "json";
    if (format !== "json" && format !== "har") return fail(c, "admin-bad-request", 400, "format must be json or har");
    const entries = mock.journal.entries(filter);
    if (format === "har") {
      // Each request's URL as the client reached it: this server, the session's prefix, the vendor's.
      const origin = new URL(c.req.url).origin;
      const session = c.req.param("session");
      const prefix = `${origin}${session === undefined ? "" : `/__sessions/${session}`}`;
      const base = (entry: { vendor: string }) => (c.var.sessions.rootVendor ? prefix : `${prefix}/${entry.vendor}`);
      return c.json(harOf(entries, base, { name: "taskmock", version: packageVersion() }), 200, { "content-type": "application/json" });
    }
    return c.json({ total: entries.length, capacity: mock.journal.capacity, requests: entries });
  });
  // Server-sent events: each request the journal keeps from now on (`event: request`, the entry as
  // GET /__admin/requests shows it) and each clear (`event: cleared`), until the client goes.
  app.get("/__admin/requests/stream", (c) => {
    const { journal } = c.var.mock;
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop(); // the stream was closed under us
          }
        };
        const unsubscribe = journal.subscribe((change) =>
          send(change.kind === "recorded" ? `event: request\ndata: ${JSON.stringify(change.entry)}\n\n` : "event: cleared\ndata: {}\n\n"),
        );
        // A comment now and then: a client gone without a word is found out at the next write.
        const beat = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
        beat.unref();
        stop = () => {
          unsubscribe();
          clearInterval(beat);
        };
        c.req.raw.signal.addEventListener("abort", () => stop(), { once: true });
        send(`: taskmock journal, ${journal.size} entries kept\nretry: 1000\n\n`);
      },
      cancel: () => stop(),
    });
    return c.body(body, 200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
  });
  app.delete("/__admin/requests", (c) => {
    const mock = c.var.mock;
    mock.clearRequests();
    return c.body(null, 204);
  });
}
