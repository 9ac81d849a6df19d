// The journal as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format browsers'
// devtools and HTTP tools open: one entry per request with its answer as sent.
import { STATUS_CODES } from "node:http";
import type { JournalEntry } from "./journal.js";

type Pairs = { name: string; value: string }[];

const pairs = (record: Record<string, string | string[]>): Pairs =>
  Object.entries(record).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: one })));

const text = (body: unknown): string | undefined => (body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body));

/**
 * `base(entry)` is the URL a request reached, up to the vendor's own path (the server's origin, the
 * session's and the vendor's prefixes).
 */
export function harOf(entries: JournalEntry[], base: (entry: JournalEntry) => string, creator: { name: string; version: string }) {
  return {
    log: {
      version: "1.2",
      creator,
      entries: entries.map((entry) => {
        const search = new URLSearchParams(pairs(entry.query).map(({ name, value }): [string, string] => [name, value])).toString();
        const requestText = text(entry.body);
        const answer = entry.response;
        const answerText = text(answer?.body);
        const mimeType = answer?.headers["content-type"] ?? "";
        return {
          startedDateTime: entry.time,
          time: entry.durationMs,
          request: {
            method: entry.method,
            url: `${base(entry)}${entry.path}${search ? `?${search}` : ""}`,
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: pairs(entry.headers),
            queryString: pairs(entry.query),
            ...(requestText === undefined ? {} : { postData: { mimeType: entry.headers["content-type"] ?? "", text: requestText } }),
            headersSize: -1,
            bodySize: requestText === undefined ? 0 : Buffer.byteLength(requestText),
          },
          response: {
            // A dropped connection (a fault rule) has no answer: status 0, as browsers record one.
            status: entry.status,
            statusText: STATUS_CODES[entry.status] ?? "",
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: pairs(answer?.headers ?? {}),
            content: {
              size: answerText === undefined ? 0 : Buffer.byteLength(answerText),
              mimeType,
              ...(answerText === undefined ? {} : { text: answerText }),
            },
            redirectURL: "",
            headersSize: -1,
            bodySize: answerText === undefined ? 0 : Buffer.byteLength(answerText),
          },
          cache: {},
          timings: { send: 0, wait: entry.durationMs, receive: 0 },
          comment: entry.violations.length > 0 ? `taskmock: ${entry.violations.length} contract violation(s)` : "",
        };
      }),
    },
  };
}
