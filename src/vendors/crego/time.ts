// Crego's date-times in the one format Django REST Framework writes them (DateTimeField's
// to_representation: Python's isoformat() in UTC, "+00:00" written "Z"): seconds always, a
// fraction only when it is not zero, and then all six digits of the microseconds
// ("2019-08-24T14:15:22Z", "2026-01-01T00:00:00.250000Z"). The server's own times (date_changed,
// last_run_at) and the client's (expires, expires_at, start_time) alike.

/** The Schedule and Task schemas' pattern for a date-time in an answer. */
export const DRF_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;

/** An instant to the microsecond: epoch milliseconds and the microseconds beyond them (0-999). */
export interface Instant {
  ms: number;
  micros: number;
}

/** DRF's text for an instant. */
export function drfText({ ms, micros }: Instant): string {
  const iso = new Date(ms).toISOString();
  const fraction = (((ms % 1000) + 1000) % 1000) * 1000 + micros;
  return fraction === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${String(fraction).padStart(6, "0")}Z`;
}

/** DRF's text for the mock clock's time (milliseconds). */
export function drfNow(date: Date): string {
  return drfText({ ms: date.getTime(), micros: 0 });
}

// RFC 3339 as the request schema's date-time format takes it (t or T, z or Z, an offset with or
// without its colon or minutes); the fraction may have any number of digits.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * A client's date-time as DRF reads it and then writes it back: in UTC, with microseconds (Django
 * keeps the first six digits of a fraction). Undefined where Django cannot make a datetime of it
 * (a leap second, a year before 1), which DRF answers "Datetime has wrong format".
 */
export function drfDateTime(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (second > 59 || year < 1) return undefined;
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  const offset = m[8] === undefined ? 0 : (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? "0")) * 60_000;
  const digits = (m[7] ?? "").slice(0, 6).padEnd(6, "0");
  const ms = at.getTime() - offset + Math.floor(Number(digits) / 1000);
  if (new Date(ms).getUTCFullYear() < 1) return undefined;
  return drfText({ ms, micros: Number(digits) % 1000 });
}
