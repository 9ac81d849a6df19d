// Huawei's sign-in, as the API gateway in front of the service does it (VendorAdapter.authenticate):
// an X-Auth-Token of the fixture, or an AK/SK request signature, SDK-HMAC-SHA256, the only kind the
// official SDKs send, checked against the fixture's key pairs (a token whose secret_key is the SK).
// A refusal is the gateway's 401 APIGW.0301 with its documented message ("Common Errors Related to
// IAM Authentication Information" of the API Request Signing Guide).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Authentication, CredentialProblem, EngineRequest, TokenRecord } from "../../engine/vendor.js";
import { CODES, SIGN_IN } from "./errors.js";

/** How far X-Sdk-Date may be from the real time (the signing guide: "within 15 minutes"). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const ALGORITHM = "SDK-HMAC-SHA256";
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9A-Fa-f]+)\s*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** A key pair of the fixture: its credential is the AK, its secret_key the SK. */
const secretOf = (token: TokenRecord): string | undefined => (typeof token["secret_key"] === "string" ? token["secret_key"] : undefined);

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Percent-encoding as the SDKs sign: every byte but A-Z a-z 0-9 - _ . ~, in upper-case hex. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The path as signed: each segment percent-encoded, a "/" at the end. */
function canonicalUri(path: string): string {
  const uri = path.split("/").map((segment) => encode(decode(segment))).join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/** The query as signed: keys sorted, a key's values sorted, `key=value` encoded, joined by "&". */
function canonicalQuery(search: string): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(search)) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  return [...byKey.keys()]
    .sort()
    .flatMap((key) => (byKey.get(key) as string[]).sort().map((value) => `${encode(key)}=${encode(value)}`))
    .join("&");
}

/** The signature the request should carry with this SK (the SDKs' AKSKSigner, recomputed over what arrived). */
export function expectedSignature(request: EngineRequest, signedHeaders: string, sdkDate: string, secret: string): string {
  const names = signedHeaders.split(";").map((name) => name.toLowerCase());
  const headers = names.map((name) => `${name}:${(request.headers[name] ?? "").trim()}\n`).join("");
  const payload = request.headers["x-sdk-content-sha256"] ?? sha256(request.bodyText ?? "");
  const canonical = [request.method, canonicalUri(`${request.prefix ?? ""}${request.path}`), canonicalQuery(request.search ?? ""), headers, names.join(";"), payload].join("\n");
  return createHmac("sha256", secret).update(`${ALGORITHM}\n${sdkDate}\n${sha256(canonical)}`, "utf8").digest("hex");
}

/** X-Sdk-Date `yyyyMMddTHHmmssZ` as epoch ms; NaN when it is not one. */
function sdkDateMs(text: string): number {
  const m = SDK_DATE.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCDate() === d && back.getUTCHours() === h ? ms : Number.NaN;
}

function refuse(header: string, credential: CredentialProblem, message: string): Authentication {
  return { error: { status: 401, kind: "unauthorized", message, credential, code: CODES.signIn }, header };
}

/**
 * VendorAdapter.authenticate. A request with an X-Auth-Token is signed in by it (whatever else it
 * carries); one without, by its AK/SK signature. The signature covers the path as the client
 * sent it, prefix included (`/huawei/v1/…`, or `/v1/…` with the vendor at the root), and
 * X-Sdk-Date must be within 15 minutes of the real time (`now`), not of the mock's clock.
 */
export function huaweiAuthenticate(request: EngineRequest, tokens: ReadonlyMap<string, TokenRecord>, now: () => number = Date.now): Authentication {
  const token = request.headers["x-auth-token"]?.trim();
  if (token) {
    const record = tokens.get(token);
    if (!record || secretOf(record) !== undefined) return refuse("x-auth-token", "unknown", SIGN_IN.unknownToken);
    return { principal: record, header: "x-auth-token" };
  }
  const authorization = request.headers["authorization"]?.trim();
  if (!authorization) return refuse("x-auth-token", "missing", SIGN_IN.noCredential);
  if (!authorization.toUpperCase().startsWith(ALGORITHM)) return refuse("authorization", "malformed", SIGN_IN.noCredential);
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) {
    return refuse("authorization", "malformed", `${SIGN_IN.badSignature}, Authorization is not "${ALGORITHM} Access=<AK>, SignedHeaders=<names>, Signature=<hex>"`);
  }
  const [, ak, signedHeaders, signature] = parts as unknown as [string, string, string, string];
  const key = tokens.get(ak);
  const secret = key && secretOf(key);
  if (!key || secret === undefined) return refuse("authorization", "unknown", SIGN_IN.unknownKey(ak));
  const sdkDate = request.headers["x-sdk-date"]?.trim();
  if (!sdkDate) return refuse("authorization", "malformed", `${SIGN_IN.badSignature}, the request has no X-Sdk-Date`);
  const at = sdkDateMs(sdkDate);
  if (Number.isNaN(at)) return refuse("authorization", "malformed", `${SIGN_IN.badSignature}, X-Sdk-Date ${JSON.stringify(sdkDate)} is not yyyyMMddTHHmmssZ`);
  if (Math.abs(at - now()) > MAX_CLOCK_SKEW_MS) {
    return refuse("authorization", "unknown", `${SIGN_IN.badSignature}, X-Sdk-Date ${sdkDate} is more than 15 minutes from the time now`);
  }
  const expected = Buffer.from(expectedSignature(request, signedHeaders, sdkDate, secret), "utf8");
  const given = Buffer.from(signature.toLowerCase(), "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return refuse("authorization", "unknown", `${SIGN_IN.badSignature}, the signature does not match the request (SignedHeaders ${signedHeaders})`);
  }
  return { principal: key, header: "authorization" };
}
