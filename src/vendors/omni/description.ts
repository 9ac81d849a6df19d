// The `description` Omni derives from a schedule: cronstrue's English text with the zone's
// abbreviation, taken at the write, after every time of day ("At 06:00 PM GMT").
import { createRequire } from "node:module";
import type cronstrueModule from "cronstrue";
import { memoized } from "../../engine/memo.js";
import { zoneAbbreviation } from "../zones.js";

const TIME_OF_DAY = /\b\d{2}:\d{2} [AP]M\b/;
const EVERY_TIME_OF_DAY = new RegExp(TIME_OF_DAY.source, "g");

export type Described = { ok: true; description: string } | { ok: false; reason: string };

// cronstrue is loaded on the first description, not at start (a fifth of the server's start-up
// went to loading libraries that only some requests use).
const require = createRequire(import.meta.url);
type Cronstrue = typeof cronstrueModule;
let cronstrue: Cronstrue | undefined;

/** cronstrue's text cut after each time of day, where the zone goes; `timed` false when it has none. */
type Text = { ok: true; text: string; timed: boolean; cuts: string[] } | { ok: false; reason: string };

/** The text in pieces that end with a time of day (and the rest): the description joins them with the zone. */
function cutAfterTimes(text: string): string[] {
  const cuts: string[] = [];
  let from = 0;
  for (const match of text.matchAll(EVERY_TIME_OF_DAY)) {
    const end = match.index + match[0].length;
    cuts.push(text.slice(from, end));
    from = end;
  }
  cuts.push(text.slice(from));
  return cuts;
}

/**
 * cronstrue's answer per expression, remembered: clients write the same few schedules over and
 * over, and cronstrue's parse is most of an Omni write. Invariant: the text (and where its times of
 * day end) is a pure function of the expression (the zone is added after), so the memo is keyed by
 * the expression alone; bounded.
 */
const textOf = memoized("omni cron text", (schedule): Text => {
  try {
    // The CommonJS module itself, which is what `import cronstrue from "cronstrue"` gives.
    cronstrue ??= require("cronstrue") as Cronstrue;
    // AWS numbers days of the week 1-7 from Sunday, as cronstrue does with this option.
    const text = cronstrue.toString(schedule, { dayOfWeekStartIndexZero: false, throwExceptionOnParseError: true });
    return { ok: true, text, timed: TIME_OF_DAY.test(text), cuts: cutAfterTimes(text) };
  } catch (error) {
    return { ok: false, reason: String(error instanceof Error ? error.message : error) };
  }
});

/** Why cronstrue cannot word an expression (checkCron passed), or undefined when it can: a rule of the request alone. */
export function undescribable(schedule: string): string | undefined {
  const described = textOf(schedule);
  return described.ok ? undefined : described.reason;
}

/** Describes a checked expression; cronstrue's refusal comes back as a reason, not a throw. */
export function describeSchedule(schedule: string, timeZone: string, at: Date): Described {
  const described = textOf(schedule);
  if (!described.ok) return described;
  const zone = zoneAbbreviation(timeZone, at);
  // A text with no time of day ("Every 15 minutes") carries the zone at its end instead.
  const description = described.timed ? described.cuts.join(` ${zone}`) : `${described.text} (${zone})`;
  return { ok: true, description };
}
