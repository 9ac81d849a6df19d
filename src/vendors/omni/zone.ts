// IANA time zones as Omni accepts them: whatever Intl knows (canonical zones and tz links such as
// US/Eastern), and the short name of a zone at an instant (GMT, EDT, GMT+9).

/** Whether Intl accepts the name as a time zone; the name is stored as sent, never canonicalised. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** en-US's short name of the zone at that instant: EST in January and EDT in July for New York. */
export function zoneAbbreviation(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}
