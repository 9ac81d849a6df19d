// IANA time zones as Omni accepts them: whatever Intl knows (canonical zones and tz links such as
// US/Eastern), and the short name of a zone at an instant (GMT, EDT, GMT+9).

// Building an Intl.DateTimeFormat costs far more than using one (it was most of an Omni write's
// time under load), so each zone's formatter is built once; the zone set is bounded by Intl's.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterOf(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" });
    } catch {
      formatter = null;
    }
    // Unknown names are not remembered: a client sending random names must not grow the map.
    if (formatter) formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl accepts the name as a time zone; the name is stored as sent, never canonicalised. */
export function isTimeZone(name: string): boolean {
  return formatterOf(name) !== null;
}

/**
 * Each known zone's short name in the last minute asked about. Zones change their short name only
 * on a whole minute (every offset change in the tz database falls on one), so writes within the
 * same minute share one formatToParts, which costs as much as the rest of an Omni write.
 */
const lastMinute = new Map<string, { minute: number; name: string }>();

/** en-US's short name of the zone at that instant: EST in January and EDT in July for New York. */
export function zoneAbbreviation(timeZone: string, at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const known = lastMinute.get(timeZone);
  if (known?.minute === minute) return known.name;
  const formatter = formatterOf(timeZone);
  const name = formatter?.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  if (formatter) lastMinute.set(timeZone, { minute, name });
  return name;
}
