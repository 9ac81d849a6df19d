// Reads the response a test asks for, the way Prism does: the `Prefer` header
// (`code=404, example=notFound, dynamic=true`, RFC 7240 preferences, comma separated) or the
// query fallbacks `__code`, `__example`, `__dynamic`.

export interface Preference {
  code?: number;
  example?: string;
  dynamic?: boolean;
}

export type PreferenceResult = { ok: true; preference: Preference } | { ok: false; detail: string };

/** Nothing asked for: most requests. */
const NONE: PreferenceResult = Object.freeze({ ok: true, preference: Object.freeze({}) });

export function readPreference(header: string | null | undefined, query: Record<string, string | string[]>): PreferenceResult {
  if (!header && query["__code"] === undefined && query["__example"] === undefined && query["__dynamic"] === undefined) return NONE;
  const raw: Record<string, string> = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (key) raw[key] = value;
  }
  for (const key of ["code", "example", "dynamic"]) {
    const fallback = query[`__${key}`];
    const value = Array.isArray(fallback) ? fallback[0] : fallback;
    if (value !== undefined && raw[key] === undefined) raw[key] = value;
  }
  const preference: Preference = {};
  if (raw["code"] !== undefined) {
    if (!/^[1-5]\d\d$/.test(raw["code"])) return { ok: false, detail: `Prefer code=${raw["code"]} is not an HTTP status` };
    preference.code = Number(raw["code"]);
  }
  if (raw["example"] !== undefined) preference.example = raw["example"];
  if (raw["dynamic"] !== undefined) {
    if (raw["dynamic"] !== "true" && raw["dynamic"] !== "false") {
      return { ok: false, detail: `Prefer dynamic=${raw["dynamic"]} must be true or false` };
    }
    preference.dynamic = raw["dynamic"] === "true";
  }
  return { ok: true, preference };
}

/** True when the request asks for any particular response. */
export function isForced(preference: Preference): boolean {
  return preference.code !== undefined || preference.example !== undefined || preference.dynamic === true;
}
