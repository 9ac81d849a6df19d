// The validating proxy's way to the real vendor: one request as the client sent it (its headers,
// credentials included, its body), to the upstream's base URL plus the vendor's own path and
// query; the answer back as the upstream sent it (status line, header lines, the body's bytes in
// their content encoding), and that body decoded, for the checks and the journal. Hop-by-hop
// headers (RFC 9110 §7.6.1) are a connection's own: they are not passed on either way.
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { StartupError } from "../core/definitions.js";
import type { UpstreamAnswer } from "../core/proxy.js";
import type { EngineRequest } from "../engine/vendor.js";
import { SESSION_HEADER } from "../core/sessions.js";

/** Headers of one connection, never passed on (and any the Connection header names). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** How long the upstream may stay silent before the proxy gives up on it (ms). */
export const UPSTREAM_TIMEOUT_MS = 60_000;

const DECODERS: Record<string, (bytes: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

export interface Upstream {
  /** The base URL as given, without a trailing slash. */
  readonly base: string;
  forward(request: EngineRequest): Promise<UpstreamAnswer>;
  /** Closes the kept-alive connections to the upstream. */
  close(): void;
}

/** The names the Connection header lists, in lower case: hop-by-hop too. */
function connectionNames(value: string | string[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const line of ([] as string[]).concat(value ?? [])) for (const name of line.split(",")) if (name.trim()) names.add(name.trim().toLowerCase());
  return names;
}

/** An upstream base URL (http or https, no query or fragment), read once at start. */
export function upstreamOf(base: string, timeoutMs = UPSTREAM_TIMEOUT_MS): Upstream {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new StartupError(`--upstream must be an http or https URL, not "${base}"`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new StartupError(`--upstream must be an http or https URL without a query, fragment or credentials, not "${base}"`);
  }
  const secure = url.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const prefix = url.pathname.replace(/\/+$/, "");
  return {
    base: `${url.origin}${prefix}`,
    forward(request) {
      const headers: Record<string, string> = {};
      const dropped = connectionNames(request.headers["connection"]);
      for (const name in request.headers) {
        // The Host is the upstream's; the length is the body's as sent here; the session header is taskmock's own.
        if (HOP_BY_HOP.has(name) || dropped.has(name) || name === "host" || name === "content-length" || name === SESSION_HEADER) continue;
        headers[name] = request.headers[name] as string;
      }
      const body = request.bodyText === undefined ? undefined : Buffer.from(request.bodyText, "utf8");
      if (body !== undefined) headers["content-length"] = String(body.length);
      const target = `${prefix}${request.path}${request.search ? `?${request.search}` : ""}`;
      const send = secure ? httpsRequest : httpRequest;
      return new Promise<IncomingMessage>((resolve, reject) => {
        const options = { protocol: url.protocol, hostname: url.hostname, port: url.port, method: request.method, path: target, headers, agent };
        const outgoing = send(options, resolve);
        outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
        outgoing.once("error", reject);
        outgoing.end(body);
      }).then(read(request.method));
    },
    close() {
      agent.destroy();
    },
  };
}

/** The upstream's answer, read whole. */
function read(method: string) {
  return async (incoming: IncomingMessage): Promise<UpstreamAnswer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const status = incoming.statusCode ?? 502;
    const dropped = connectionNames(incoming.headers["connection"]);
    const lines: string[] = [];
    const raw = incoming.rawHeaders;
    let length = false;
    for (let i = 0; i < raw.length; i += 2) {
      const name = (raw[i] as string).toLowerCase();
      if (HOP_BY_HOP.has(name) || dropped.has(name)) continue;
      if (name === "content-length") length = true;
      lines.push(raw[i] as string, raw[i + 1] as string);
    }
    // A body that came chunked goes on with its length (which the chunks no longer carry).
    const bodiless = method === "HEAD" || status === 204 || status === 304 || status < 200;
    if (!length && !bodiless) lines.push("Content-Length", String(bytes.length));
    const headers: Record<string, string> = {};
    for (let i = 0; i < lines.length; i += 2) {
      const name = (lines[i] as string).toLowerCase();
      headers[name] = headers[name] === undefined ? (lines[i + 1] as string) : `${headers[name]}, ${lines[i + 1]}`;
    }
    const answer: UpstreamAnswer = { status, statusText: incoming.statusMessage ?? "", rawHeaders: lines, headers, bytes, text: undefined };
    if (bytes.length === 0) return answer;
    const encodings = (headers["content-encoding"] ?? "identity")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== "" && e !== "identity");
    let decoded: Buffer = bytes;
    // Undone in the reverse of the order they were applied.
    for (const encoding of encodings.reverse()) {
      const decode = DECODERS[encoding];
      if (!decode) return { ...answer, unreadable: `its content-encoding ${encoding} is not one taskmock decodes (gzip, deflate, br): the body was not checked` };
      try {
        decoded = await decode(decoded);
      } catch (error) {
        return { ...answer, unreadable: `its ${encoding} body cannot be decoded: ${(error as Error).message}` };
      }
    }
    return { ...answer, text: decoded.toString("utf8") };
  };
}
