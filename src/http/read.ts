// The one reader: an HTTP request (from Node's message in production, from a web Request for the
// in-process `fetch` entry) becomes the engine's plain request the same way: the path as the WHATWG
// URL parser normalises it, the query with repeated names as arrays, the headers as the web
// Headers class holds them, the body up to MAX_BODY_BYTES.
import type { IncomingMessage } from "node:http";
import { StringDecoder } from "node:string_decoder";
import type { EngineRequest } from "../engine/vendor.js";

/** Largest request body read, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A path the WHATWG URL parser leaves as it is: no %, no dot segment, nothing it would encode. */
const PLAIN_PATH = /^\/(?!\.)(?:[A-Za-z0-9\-_~!$&'()*+,;=:@]|\/(?!\.)|\.)*$/;

/** The path and query of a request target (`/a/b?x=1`), the path normalised as the web URL does it. */
export function splitTarget(target: string): { path: string; search: string } {
  const hash = target.indexOf("#");
  const clean = hash === -1 ? target : target.slice(0, hash);
  const mark = clean.indexOf("?");
  const path = mark === -1 ? clean : clean.slice(0, mark);
  const search = mark === -1 ? "" : clean.slice(mark + 1);
  if (PLAIN_PATH.test(path)) return { path, search };
  // Rare: percent-encoding, dot segments, characters the parser encodes. It decides.
  const url = new URL(clean, "http://taskmock.invalid");
  return { path: url.pathname, search: url.search.slice(1) };
}

/** The query of a request without one (shared: a request's query is only read). */
const NO_QUERY: Record<string, string | string[]> = Object.freeze({});

/** The query as the engine reads it: a name sent more than once becomes an array. */
function queryOf(search: string): Record<string, string | string[]> {
  if (search === "") return NO_QUERY;
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const prior = query[key];
    query[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return query;
}

/**
 * The headers as the web Request's Headers hold them: names in lower case, in sorted order,
 * values trimmed of HTTP whitespace, repeats joined with ", " ("; " for cookie), the last
 * set-cookie kept (Headers lists each one and the record keeps the last).
 */
export function headersOf(raw: string[]): Record<string, string> {
  // Names and values side by side in one array (name, value, name, value, …).
  const flat: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name.charCodeAt(0) === 58 /* ":" */) continue;
    flat.push(name, trimHttpWhitespace(raw[i + 1] as string));
  }
  // Sorted by name, stably (the repeats of a name stay in the order they came, next to each
  // other): an insertion sort of the pairs for the handful of headers a request has, Array.sort past that.
  if (flat.length > 32) {
    const pairs: [string, string][] = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      flat[2 * i] = (pairs[i] as [string, string])[0];
      flat[2 * i + 1] = (pairs[i] as [string, string])[1];
    }
  } else
    for (let i = 2; i < flat.length; i += 2) {
      const name = flat[i] as string;
      const value = flat[i + 1] as string;
      let j = i - 2;
      while (j >= 0 && (flat[j] as string) > name) {
        flat[j + 2] = flat[j] as string;
        flat[j + 3] = flat[j + 1] as string;
        j -= 2;
      }
      flat[j + 2] = name;
      flat[j + 3] = value;
    }
  const headers: Record<string, string> = {};
  let previous: string | undefined;
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i] as string;
    const value = flat[i + 1] as string;
    headers[name] = name !== previous || name === "set-cookie" ? value : `${headers[name]}${name === "cookie" ? "; " : ", "}${value}`;
    previous = name;
  }
  return headers;
}

const isSpace = (code: number) => code === 9 || code === 10 || code === 13 || code === 32;

/** HTTP whitespace (tab, line feed, carriage return, space) off both ends, as the Headers class does. */
function trimHttpWhitespace(value: string): string {
  if (value === "" || (!isSpace(value.charCodeAt(0)) && !isSpace(value.charCodeAt(value.length - 1)))) return value;
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

export interface Body {
  text: string | undefined;
  tooLarge: boolean;
}

const NO_BODY: Body = Object.freeze({ text: undefined, tooLarge: false });
const TOO_LARGE: Body = Object.freeze({ text: undefined, tooLarge: true });

/** GET, HEAD and TRACE carry no body, as in the web Request. */
const bodiless = (method: string) => method === "GET" || method === "HEAD" || method === "TRACE";

/**
 * The body of Node's message, up to MAX_BODY_BYTES: a longer one (declared, or chunked and
 * counted as it arrives) is not kept; what is left of it is read and dropped, so the connection
 * can answer. Rejects when the client goes away before the body has arrived. `headers`: the
 * message's headers as already read (headersOf), so that Node need not make its own.
 */
export function readNodeBody(incoming: IncomingMessage, headers: Record<string, string | string[] | undefined> = incoming.headers): Promise<Body> {
  return new Promise((resolve, reject) => receiveNodeBody(incoming, headers, resolve, reject));
}

/**
 * readNodeBody with callbacks instead of a promise (the listener's path: no promise per request);
 * `received` is called at once when there is no body to wait for.
 */
export function receiveNodeBody(
  incoming: IncomingMessage,
  headers: Record<string, string | string[] | undefined>,
  received: (body: Body) => void,
  failed: (error: Error) => void,
): void {
  // No length and not chunked: HTTP/1.1 says there is no body (as the web Request has none).
  const declared = headers["content-length"];
  if (bodiless(incoming.method ?? "GET") || (declared === undefined && headers["transfer-encoding"] === undefined)) {
    received(NO_BODY);
    return;
  }
  if (Number(declared ?? "0") > MAX_BODY_BYTES) {
    incoming.resume();
    received(TOO_LARGE);
    return;
  }
  // The usual body arrives in one chunk, decoded at its end. From a second chunk on, the chunks
  // are decoded one by one (a character split between chunks is kept for the next): a long body
  // never becomes one large Buffer, which the process's allocator would keep after it is freed,
  // as resident memory the system does not get back.
  let first: Buffer | undefined;
  let decoder: StringDecoder | undefined;
  let parts: string[] | undefined;
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      first = undefined;
      parts = undefined;
      return;
    }
    if (size === chunk.length) {
      first = chunk;
      return;
    }
    if (decoder === undefined) {
      decoder = new StringDecoder("utf8");
      parts = first === undefined ? [] : [decoder.write(first)];
      first = undefined;
    }
    (parts as string[]).push(decoder.write(chunk));
  };
  const onEnd = () => {
    cleanup();
    if (size > MAX_BODY_BYTES) return received(TOO_LARGE);
    if (size === 0) return received(NO_BODY);
    if (decoder === undefined) return received({ text: (first as Buffer).toString("utf8"), tooLarge: false });
    const all = parts as string[];
    all.push(decoder.end());
    received({ text: all.join(""), tooLarge: false });
  };
  const onError = (error: Error) => {
    cleanup();
    failed(error);
  };
  const onClose = () => {
    if (incoming.readableEnded) return onEnd();
    cleanup();
    failed(new Error("Client connection prematurely closed."));
  };
  const cleanup = () => {
    incoming.off("data", onData);
    incoming.off("end", onEnd);
    incoming.off("error", onError);
    incoming.off("close", onClose);
  };
  incoming.on("data", onData);
  incoming.on("end", onEnd);
  incoming.on("error", onError);
  incoming.on("close", onClose);
}

/** The body of a web Request, up to MAX_BODY_BYTES (the in-process `fetch` entry). */
export async function readWebBody(request: Request): Promise<Body> {
  if (!request.body || bodiless(request.method)) return NO_BODY;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) {
    await request.body.cancel();
    return TOO_LARGE;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  return size === 0 ? NO_BODY : { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
}

/** The engine's request: the vendor-relative path, the query, the headers and the body. */
export function engineRequest(method: string, path: string, prefix: string, search: string, headers: Record<string, string>, body: Body): EngineRequest {
  const vendorPath = path.slice(prefix.length) || "/";
  const query = queryOf(search);
  return body.tooLarge
    ? { method, path: vendorPath, query, headers, bodyText: body.text, bodyTooLarge: true, prefix, search }
    : { method, path: vendorPath, query, headers, bodyText: body.text, prefix, search };
}
