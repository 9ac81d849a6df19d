// Whole fuzz cases for one operation: the request (method, path with parameters from the fixtures
// or bent, query, credentials, Prefer, content type, body), an optional fault rule set before it,
// and an optional read-back (a GET of the same path) that shows what the first request left.
// Cases are plain data: fast-check shrinks them, the runner sends them, curl.mjs prints them.
import fc from "fast-check";
import { bodyArb, HOSTILE_UNICODE, hostileBodyArb, invalidBodyArb, malformedBodyArb, mangle, NUMERIC_LOOKALIKES, validBodyArb } from "./bodies.mjs";
import { route } from "./model.mjs";
import { valueArb } from "./schema.mjs";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** `arb` in `percent` of the cases, null otherwise (null is what shrinking goes to). */
const sometimes = (percent, arb) => fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary: arb });

/** A path or query value as URL text; a lone surrogate becomes its (invalid) three-byte UTF-8. */
export function encode(value) {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((c) => {
        const u = c.charCodeAt(0);
        if (c.length > 1 || u < 0xd800 || u > 0xdfff) return encodeURIComponent(c);
        return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
      })
      .join("");
  }
}

/** Parameter values that are not what they seem, as URL text. */
const SPECIAL_PARAMS = [
  ...NUMERIC_LOOKALIKES.map(encode),
  "-1", "0", "2147483647", "2147483648", "9007199254740993", "99999999999999999999999", "1.5",
  "%00", "%", "%zz", "%ED%A0%80", "%2F", "..", "%2e%2e", ".", "abc", "null", "undefined", "true", "%7B%7D", "a".repeat(300),
  ...HOSTILE_UNICODE.map(encode),
];

function valueTextArb(op, param, pool) {
  const generated = valueArb(op.model.doc, param.schema, op.model.pool, param.name).map((v) => encode(typeof v === "string" ? v : JSON.stringify(v)));
  // The fixture's values first: what a failing case shrinks to.
  const fromPool = pool.length === 0 ? [] : [{ weight: 7, arbitrary: fc.constantFrom(...pool).map((v) => encode(String(v))) }];
  const bent = pool.length === 0 ? [] : [{ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...pool), fc.nat(), fc.constantFrom("case", "cut", "double", "unicode")).map(([v, m, how]) => encode(mangle(String(v), m, how))) }];
  return fc.oneof(...fromPool, { weight: 3, arbitrary: generated }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_PARAMS) }, ...bent);
}

const PATH_BENDS = ["toggle-slash", "double-slash", "backslash", "dot-segment", "dot-dot", "upper", "encoded-literal"];

/** The path bent the way a hurried client or an attacker bends it (some still route, as the URL parser normalises). */
function bend(path, how) {
  switch (how) {
    case "toggle-slash":
      return path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    case "double-slash":
      return path.replace("/", "//");
    case "backslash":
      return path.replace(/\/(?=[^/]*$)/, "\\");
    case "dot-segment":
      return path.replace(/\/([^/]+)$/, "/./$1");
    case "dot-dot":
      return `${path}/..`;
    case "upper":
      return path.toUpperCase();
    default:
      return path.replace(/\/([a-z])/, (_, c) => `/%${c.charCodeAt(0).toString(16)}`);
  }
}

function queryArb(op) {
  const params = op.queryParams.map((p) =>
    sometimes(
      30,
      fc.tuple(fc.constant(p.name), valueTextArb(op, p, []), fc.nat({ max: 20 })).map(([name, value, twice]) => (twice === 0 ? [[name, value], [name, "2"]] : [[name, value]])),
    ),
  );
  // Names the mock did not document, prototype names among them (twice: a repeated name becomes an array).
  const unknown = sometimes(
    10,
    fc.constantFrom([["unknown", "1"]], [["vendorr", "omni"]], [["__proto__", "x"]], [["__proto__", "a"], ["__proto__", "b"]], [["constructor", "x"], ["constructor", "y"]], [["page[size]", "5"]]),
  );
  return fc.tuple(fc.tuple(...params), unknown).map(([chosen, extra]) => [...chosen.filter(Boolean).flat(), ...(extra ?? [])]);
}

/**
 * The fixture tokens of the operation's first scheme, the one the fuzzer sends: a credential of
 * several headers (Spaaza's admin session, one "Name: value" line each) belongs to another.
 */
const firstSchemeTokens = (tokens) => tokens.filter((t) => !t.credential.includes("\n"));

/** Credentials: the fixture's admin and read-only tokens, none, the wrong scheme, an unknown token. */
function authArb(op, adminOnly) {
  const scheme = op.compiled.security[0];
  if (!scheme) return fc.constant({ intent: "open", headers: {} });
  const tokens = firstSchemeTokens(op.model.tokens);
  const admins = tokens.filter((t) => t.role === "admin").map((t) => t.credential);
  if (adminOnly) return fc.constantFrom(...admins).map((t) => ({ intent: "admin", headers: { [scheme.header]: scheme.kind === "bearer" ? `Bearer ${t}` : t } }));
  const readonly = tokens.filter((t) => t.role === "readonly").map((t) => t.credential);
  const bearer = scheme.kind === "bearer";
  const put = (value) => ({ [scheme.header]: bearer ? `Bearer ${value}` : value });
  const unknown = fc.oneof(fc.constantFrom("not-a-token", "taskmock-admin2", "TASKMOCK-ADMIN", "00000000-0000-4000-8000-000000001764:wrong"), fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,40}$/)).filter(
    (t) => !op.model.tokens.some((k) => k.credential === t),
  );
  return fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...admins).map((t) => ({ intent: "admin", headers: put(t) })) },
    { weight: 3, arbitrary: fc.constantFrom(...admins).map((t) => ({ intent: "admin", headers: { [scheme.header]: bearer ? `bearer ${t}` : t } })) },
    { weight: 8, arbitrary: fc.constantFrom(...(readonly.length > 0 ? readonly : admins)).map((t) => ({ intent: readonly.length > 0 ? "readonly" : "admin", headers: put(t) })) },
    { weight: 6, arbitrary: fc.constant({ intent: "refused", headers: {} }) },
    { weight: 6, arbitrary: unknown.map((t) => ({ intent: "refused", headers: put(t) })) },
    {
      weight: 5,
      arbitrary: fc.constantFrom(...admins).chain((t) =>
        fc.constantFrom(
          { intent: "refused", headers: { [scheme.header]: bearer ? `Basic ${t}` : `Bearer ${t}` } },
          { intent: "refused", headers: { [scheme.header]: bearer ? t : "" } },
          { intent: "refused", headers: { [scheme.header]: bearer ? "Bearer" : " " } },
          { intent: "refused", headers: { [scheme.header]: bearer ? `Bearer ${t} extra` : `${t} extra` } },
          { intent: "refused", headers: bearer ? { "x-auth-token": t } : { authorization: `Bearer ${t}` } },
        ),
      ),
    },
  );
}

const CONTENT_TYPES = [
  ["application/json", 80], ["application/json; charset=utf-8", 3], ["APPLICATION/JSON", 1], ["application/vnd.api+json", 1], ["text/plain", 2],
  ["application/x-www-form-urlencoded", 1], [undefined, 2], ["application/xml", 1], ["application/json; charset=utf-16", 1],
  ["multipart/form-data; boundary=x", 1], ["application/jsonp", 1], ["json", 1], ["", 1],
];
const contentTypeArb = fc.oneof(...CONTENT_TYPES.map(([type, weight]) => ({ weight, arbitrary: fc.constant(type) })));

const UNDOCUMENTED = [100, 199, 202, 204, 206, 299, 302, 304, 418, 422, 451, 501, 502, 504, 599];
const BAD_PREFER = ["code=abc", "code=2000", "code=", "code=20", "code=600", "code=099", "code=2e2", "code=+200", "code= 200x", "dynamic=maybe", "dynamic="];
const IGNORED_PREFER = ["respond-async", "wait=10", "return=minimal", "handling=strict", "odd-token", ""];

/** Prefer (or its query fallbacks __code, __example, __dynamic): documented and undocumented codes, known and unknown examples, dynamic, garbage. */
function preferArb(op) {
  const statuses = op.compiled.statuses;
  const names = [...op.examples.keys()];
  const undocumented = UNDOCUMENTED.filter((s) => !statuses.includes(s));
  const unknownName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,15}$/).filter((n) => !op.examples.has(n));
  const exampleName = names.length > 0 ? fc.oneof(fc.constantFrom(...names), unknownName) : unknownName;
  const structured = fc.oneof(
    fc.constantFrom(...statuses).map((s) => [["code", String(s)]]),
    fc.constantFrom(...undocumented).map((s) => [["code", String(s)]]),
    exampleName.map((e) => [["example", e]]),
    fc.tuple(fc.constantFrom(...statuses), exampleName).map(([s, e]) => [["code", String(s)], ["example", e]]),
    fc.tuple(fc.constantFrom("true", "false"), fc.option(fc.constantFrom(...statuses))).map(([d, s]) => [...(s === null ? [] : [["code", String(s)]]), ["dynamic", d]]),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(structured, fc.boolean(), fc.nat({ max: 5 })).map(([parts, quoted, q]) => ({ kind: "structured", parts, quoted, via: q === 0 ? "query" : "header" })) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_PREFER).map((raw) => ({ kind: "bad", raw, via: "header" })) },
    { weight: 1, arbitrary: fc.constantFrom(...IGNORED_PREFER).map((raw) => ({ kind: "ignored", raw, via: "header" })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((raw) => ({ kind: "any", raw, via: "header" })) },
  );
}

/** Headers a client may add that the mock should not care about. */
const extraHeaderArb = sometimes(
  5,
  fc.constantFrom(["accept", "application/xml"], ["accept", "*/*;q=0"], ["x-http-method-override", "DELETE"], ["cookie", "a=b"], ["origin", "http://evil.example"], ["x-request-id", "r".repeat(8000)], ["accept-encoding", "gzip"]),
);

/**
 * The first request of a case for `op`. Most cases bend one thing and keep the rest as a
 * well-behaved client sends it (an admin token, fixture ids, JSON, a valid body), so that the bent
 * part reaches the code behind it; some bend everything at once.
 */
function stepArb(op) {
  const others = METHODS.filter((m) => m !== op.method);
  const anyMethod = fc.oneof(
    { weight: 40, arbitrary: fc.constant(op.method) },
    { weight: op.method === "GET" ? 3 : 0, arbitrary: fc.constant("HEAD") },
    { weight: 2, arbitrary: fc.constantFrom(...others) },
  );
  const wrongMethod = fc.constantFrom(...(op.method === "GET" ? ["HEAD", ...others] : others));
  const fixtureValues = pathValuesArb(op, false);
  const anyValues = pathValuesArb(op, true);
  const canonical = {
    method: fc.constant(op.method),
    values: fixtureValues,
    bend: fc.constant(null),
    query: fc.constant([]),
    auth: authArb(op, true),
    prefer: fc.constant(null),
    contentType: fc.constant("application/json"),
    body: op.body ? validBodyArb(op) : fc.constant(undefined),
    extra: fc.constant(null),
  };
  const bent = (changes) => fc.record({ ...canonical, ...changes });
  const modes = [
    { weight: 12, arbitrary: bent({}) },
    { weight: 12, arbitrary: bent({ values: anyValues, query: queryArb(op) }) },
    { weight: 7, arbitrary: bent({ auth: authArb(op, false) }) },
    { weight: 10, arbitrary: bent({ prefer: preferArb(op) }) },
    { weight: 4, arbitrary: bent({ method: wrongMethod }) },
    { weight: 4, arbitrary: bent({ bend: fc.constantFrom(...PATH_BENDS), extra: extraHeaderArb }) },
    {
      weight: 12,
      arbitrary: bent({
        method: anyMethod,
        values: anyValues,
        bend: sometimes(5, fc.constantFrom(...PATH_BENDS)),
        query: queryArb(op),
        auth: authArb(op, false),
        prefer: sometimes(20, preferArb(op)),
        contentType: contentTypeArb,
        body: bodyArb(op),
        extra: sometimes(5, extraHeaderArb),
      }),
    },
  ];
  if (op.body) {
    modes.push(
      { weight: 14, arbitrary: bent({ body: invalidBodyArb(op) }) },
      { weight: 20, arbitrary: bent({ body: hostileBodyArb(op) }) },
      { weight: 4, arbitrary: bent({ body: malformedBodyArb(op) }) },
      { weight: 4, arbitrary: bent({ contentType: contentTypeArb }) },
    );
  } else {
    modes.push({ weight: 2, arbitrary: bent({ body: bodyArb(op) }) });
  }
  return fc.oneof(...modes).map((r) => {
    const params = Object.fromEntries(op.pathParams.map((p, i) => [p.name, r.values[i]]));
    let path = `/${op.segments.map((s) => ("literal" in s ? s.literal : params[s.param])).join("/")}`;
    if (r.bend) path = bend(path, r.bend);
    const headers = { ...r.auth.headers };
    const query = [...r.query];
    if (r.prefer) {
      if (r.prefer.kind !== "structured") headers["prefer"] = r.prefer.raw;
      else if (r.prefer.via === "query") for (const [k, v] of r.prefer.parts) query.push([`__${k}`, encode(v)]);
      else headers["prefer"] = r.prefer.parts.map(([k, v]) => (r.prefer.quoted && k === "example" ? `${k}="${v}"` : `${k}=${v}`)).join(", ");
    }
    if (r.body && r.contentType !== undefined) headers["content-type"] = r.contentType;
    if (r.extra) headers[r.extra[0]] = r.extra[1];
    return { method: r.method, path, query, headers, body: r.body, auth: r.auth.intent, prefer: r.prefer ?? undefined };
  });
}

/** Path parameter values: a fixture record's (together, where there are several), or any (bent, generated, special). */
function pathValuesArb(op, bent) {
  const names = op.pathParams.map((p) => p.name);
  const combo = op.pathCombos.length === 0 ? undefined : fc.constantFrom(...op.pathCombos).map((c) => names.map((n) => encode(String(c[n]))));
  const together = combo ? [{ weight: 3, arbitrary: combo }] : [];
  const fixture = (p) => (p.pool.length > 0 ? fc.constantFrom(...p.pool).map((v) => encode(String(v))) : valueTextArb(op, p, []));
  const apart = fc.tuple(...op.pathParams.map((p) => (bent ? valueTextArb(op, p, p.pool) : fixture(p))));
  return fc.oneof(...together, { weight: bent ? 3 : 1, arbitrary: apart });
}

/** The path a URL parser makes of the request's path (dot segments, backslashes). */
export const normalizedPath = (path) => new URL(path, "http://fuzz.invalid").pathname;

/** A whole case for `op`: `{ vendor, operationId, fault?, steps }`. */
export function caseArb(op) {
  const model = op.model;
  return fc
    .record({ first: stepArb(op), fault: sometimes(3, fc.constantFrom(...op.compiled.statuses)), readBack: fc.nat({ max: 9 }) })
    .map(({ first, fault, readBack }) => {
      const steps = [first];
      const admin = firstSchemeTokens(model.tokens).find((t) => t.role === "admin")?.credential;
      const scheme = op.compiled.security[0];
      const wanted = first.method === "GET" ? readBack === 0 : readBack < 5;
      if (wanted && route(model, "GET", normalizedPath(first.path)).kind === "found") {
        const headers = scheme && admin ? { [scheme.header]: scheme.kind === "bearer" ? `Bearer ${admin}` : admin } : {};
        steps.push({ method: "GET", path: first.path, query: [], headers, body: undefined, auth: scheme ? "admin" : "open", prefer: undefined });
      }
      return { vendor: op.vendor, operationId: op.operationId, ...(fault === null ? {} : { fault: { status: fault } }), steps };
    });
}
