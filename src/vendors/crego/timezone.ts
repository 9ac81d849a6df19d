// Whether a name is an IANA time zone, as django-celery-beat's timezone choices (zoneinfo's names,
// case-sensitive) would have it, answered from the runtime's ICU data rather than a copied list.

/** Canonical zones Intl lists, keyed in lower case, to catch a known name written in the wrong case. */
let canonical: Map<string, string> | undefined;

function canonicalNames(): Map<string, string> {
  canonical ??= new Map(Intl.supportedValuesOf("timeZone").map((name) => [name.toLowerCase(), name]));
  return canonical;
}

export function isIanaZone(name: string): boolean {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // ICU matches names case-insensitively ("utc", "asia/kolkata"); zoneinfo does not. Every IANA name
  // starts each segment with a capital letter, and a name that differs from a known one only in
  // case is refused.
  if (!name.split("/").every((segment) => /^[A-Z]/.test(segment))) return false;
  const lower = name.toLowerCase();
  if (resolved.toLowerCase() === lower && resolved !== name) return false;
  const listed = canonicalNames().get(lower);
  return listed === undefined || listed === name;
}
