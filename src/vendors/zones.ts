// IANA time zones, for every vendor: whether the runtime knows a name (Intl, whose ICU data
// cron-parser's luxon reads too), the name Intl resolves it to, an instant's wall clock in a zone,
// and a zone's short name at an instant.
//
// Building an Intl.DateTimeFormat costs far more than using one, so each zone's formatters are
// built once and kept, keyed by the zone's canonical name: the zones Intl knows are a fixed set of
// a few hundred, so nothing a client sends grows these maps past it. The names clients send
// (any case, any alias) are resolved through a bounded memo.
import { memoized } from "../engine/memo.js";

/** The zone Intl resolves a name to (`asia/kolkata` → `Asia/Kolkata`, `US/Eastern` → `America/New_York`), or undefined if Intl knows no such zone. */
export const resolveZone: (name: string) => string | undefined = memoized("zone name", (name) => {
  // Intl also takes offsets such as "+05:00" on newer runtimes; those are not zone names.
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}, 2000);

/** Whether Intl knows the name as a time zone (in any case, aliases included). */
export function isKnownZone(name: string): boolean {
  return resolveZone(name) !== undefined;
}

/** The canonical names Intl lists, keyed in lower case (to tell a known name written in another case). */
let listed: Map<string, string> | undefined;

/** The name as Intl lists it when it differs from `name` only in letter case; undefined when Intl lists no such name. */
export function listedSpelling(name: string): string | undefined {
  listed ??= new Map(Intl.supportedValuesOf("timeZone").map((zone) => [zone.toLowerCase(), zone]));
  return listed.get(name.toLowerCase());
}

export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** Built once per zone Intl knows (like a compiled validator): keyed by canonical zone name, bounded by Intl's list of zones. */
interface ZoneFormatters {
  wallClock: Intl.DateTimeFormat;
  short?: Intl.DateTimeFormat;
}

const zones = new Map<string, ZoneFormatters>();

/** How many zones have formatters built: at most the zones Intl knows, whatever names clients send. */
export function zonesHeld(): number {
  return zones.size;
}

function formattersOf(name: string): ZoneFormatters | undefined {
  const zone = resolveZone(name);
  if (zone === undefined) return undefined;
  let formatters = zones.get(zone);
  if (!formatters) {
    const wallClock = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters = { wallClock };
    zones.set(zone, formatters);
  }
  return formatters;
}

/**
 * Instants converted lately (the clock's reading, the next run every daily task shares), by
 * `<epoch ms> <zone>`. Invariant: a pure function of the instant and the zone (the runtime's zone
 * data does not change while it runs); the parts are shared, so nobody changes them.
 */
const recentWallClocks = memoized(
  "zone wall clock",
  (key): WallClock => {
    const space = key.indexOf(" ");
    const zone = key.slice(space + 1);
    const formatters = formattersOf(zone);
    if (!formatters) throw new Error(`wallClock: ${zone} is not a time zone`);
    return formatParts(formatters.wallClock, new Date(Number(key.slice(0, space))));
  },
  4096,
);

/** The wall-clock fields of an instant in a zone Intl knows (shared: the caller must not change them). */
export function wallClock(instant: Date, zone: string): WallClock {
  return recentWallClocks(`${instant.getTime()} ${zone}`);
}

/** en-US's `MM/dd/y, HH:mm:ss`, the text format() gives for the wall-clock formatter. */
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

function formatParts(format: Intl.DateTimeFormat, instant: Date): WallClock {
  // format() costs a third of formatToParts(), and its text is the parts joined: read them back
  // from it, and ask formatToParts() only when the text has another shape.
  const m = FORMATTED.exec(format.format(instant));
  if (m) {
    const [, month, day, year, hour, minute, second] = m as unknown as [string, string, string, string, string, string, string];
    return { year: year.padStart(4, "0"), month, day, hour, minute, second };
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: String(parts["year"]).padStart(4, "0"),
    month: String(parts["month"]),
    day: String(parts["day"]),
    hour: String(parts["hour"]),
    minute: String(parts["minute"]),
    second: String(parts["second"]),
  };
}

/**
 * Short names by `<minute since the epoch> <zone>`. Invariant: zones change their short name only
 * on a whole minute (every offset change in the tz database falls on one), so every instant of a
 * minute has the minute's name.
 */
const abbreviations = memoized("zone abbreviation by minute", (key) => {
  const space = key.indexOf(" ");
  const zone = key.slice(space + 1);
  const formatters = formattersOf(zone);
  if (!formatters) return zone;
  formatters.short ??= new Intl.DateTimeFormat("en-US", { timeZone: resolveZone(zone), timeZoneName: "short" });
  return formatters.short.formatToParts(new Date(Number(key.slice(0, space)) * 60_000)).find((p) => p.type === "timeZoneName")?.value ?? zone;
});

/** en-US's short name of a zone at an instant (EST in January and EDT in July for New York); the name itself when Intl knows no such zone. */
export function zoneAbbreviation(zone: string, at: Date): string {
  return abbreviations(`${Math.floor(at.getTime() / 60_000)} ${zone}`);
}
