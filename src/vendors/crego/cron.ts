// One crontab field checked the way django-celery-beat's validators check it (python-crontab's
// grammar with its stricter ranges): lists, `*`, values, names, `a-b` ranges and `/n` steps; the
// values a valid field stands for, which the scheduled runs count with; and the crontab's time
// zone checked against zoneinfo's names (isIanaZone).
// cron-parser is not used: it accepts what django-celery-beat refuses (`L`, `#`, `?`, `W`), and it
// parses whole expressions, not one field. Sunday is 0 or 7 in day_of_week (conflict
// crego-day-of-week-seven), read the way python-crontab, django-celery-beat's validator, reads 7.
import { listedSpelling, resolveZone } from "../zones.js";

export type CronField = "minute" | "hour" | "day_of_week" | "day_of_month" | "month_of_year";

interface FieldRange {
  min: number;
  max: number;
  /** Names a value may be written as (lower case), mapped to their number. */
  names?: Record<string, number>;
}

const WEEKDAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

export const CRON_FIELDS: Record<CronField, FieldRange> = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  day_of_week: { min: 0, max: 6, names: WEEKDAYS },
  day_of_month: { min: 1, max: 31 },
  month_of_year: { min: 1, max: 12, names: MONTHS },
};

export type CronCheck = { ok: true } | { ok: false; reason: string };

/** Whether `text` is a valid value of one crontab field; the reason names the part that is not. */
export function checkCronField(field: CronField, text: string): CronCheck {
  const range = CRON_FIELDS[field];
  for (const part of text.split(",")) {
    const reason = field === "day_of_week" ? checkWeekdayPart(part) : checkPart(part, range);
    if (reason) return { ok: false, reason };
  }
  return { ok: true };
}

// Sunday as 7 (the model's help text: "Sunday is 0 or 7, Monday is 1"), as python-crontab reads a
// day_of_week part: `7` alone is Sunday; a range ending at 7 runs to Saturday and adds Sunday
// (`5-7` is Friday to Sunday), except `1-7`, which is every day; a range starting at 7 starts at
// Sunday (`7-2` is Sunday to Tuesday); a step of 7 (`*/7`) stands for Sunday alone, whatever comes
// before it. Every other part is read as in the other fields.

/** The days a day_of_week part stands for, or why it is not one. */
function weekdayPart(part: string): number[] | string {
  const range = CRON_FIELDS.day_of_week;
  const slash = part.split("/");
  if (slash.length === 2 && slash[1] === "7" && slash[0] !== "") return [0];
  const [body = "", step] = slash;
  const dash = body.split("-");
  const seven = (text: string) => text === "7";
  if (slash.length <= 2 && dash.length === 2 && (seven(dash[0] as string) || seven(dash[1] as string))) {
    const stepReason = step === undefined ? undefined : checkStep(step, range);
    if (stepReason) return stepReason;
    const from = seven(dash[0] as string) ? 0 : readValue(dash[0] as string, range);
    if (typeof from === "string") return from;
    const every = step === undefined ? 1 : Number(step);
    if (!seven(dash[1] as string)) {
      const to = readValue(dash[1] as string, range);
      if (typeof to === "string") return to;
      if (to < from) return `range ${dash[0]}-${dash[1]} runs backwards`;
      return stepped(from, to, every);
    }
    // Up to 7: Saturday, then Sunday on its own; from Monday that is every day, stepped from Sunday.
    return from === 1 ? stepped(0, 6, every) : [...stepped(from, 6, every), 0];
  }
  if (seven(part)) return [0];
  const reason = checkPart(part, range);
  if (reason) return reason;
  return expandPart(part, range);
}

function checkWeekdayPart(part: string): string | undefined {
  const days = weekdayPart(part);
  return typeof days === "string" ? days : undefined;
}

function stepped(from: number, to: number, every: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to; value += every) out.push(value);
  return out;
}

/** A step is a plain number from 1 to the field's maximum (steps of 0, and of 60 for minutes, are refused). */
function checkStep(step: string, range: FieldRange): string | undefined {
  if (!/^\d+$/.test(step)) return `step "${step}" is not a number`;
  const n = Number(step);
  if (n < 1 || n > range.max) return `step ${n} is not between 1 and ${range.max}`;
  return undefined;
}

/**
 * The values a field stands for, ascending (every 15 minutes as a minute: 0, 15, 30, 45; `mon-fri`: 1 to 5);
 * undefined when the field does not check.
 */
export function expandCronField(field: CronField, text: string): number[] | undefined {
  if (!checkCronField(field, text).ok) return undefined;
  const range = CRON_FIELDS[field];
  const values = new Set<number>();
  for (const part of text.split(",")) {
    for (const value of field === "day_of_week" ? (weekdayPart(part) as number[]) : expandPart(part, range)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

/** The values of one checked part (`*`, a value, a range, each with an optional step). */
function expandPart(part: string, range: FieldRange): number[] {
  const [body = "", step] = part.split("/");
  let from = range.min;
  let to = range.max;
  if (body !== "*") {
    const [low = "", high] = body.split("-");
    from = readValue(low, range) as number;
    to = high === undefined ? from : (readValue(high, range) as number);
  }
  return stepped(from, to, step === undefined ? 1 : Number(step));
}

/**
 * Whether a name is one of django-celery-beat's timezone choices: zoneinfo's names, which are
 * case-sensitive, where Intl matches any case ("utc", "asia/kolkata"). So a zone Intl knows,
 * each segment starting with a capital letter as every IANA name does, and not a known name
 * written in another case.
 */
export function isIanaZone(name: string): boolean {
  const resolved = resolveZone(name);
  if (resolved === undefined || !name.split("/").every((segment) => /^[A-Z]/.test(segment))) return false;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return false;
  const listed = listedSpelling(name);
  return listed === undefined || listed === name;
}

function checkPart(part: string, range: FieldRange): string | undefined {
  if (part === "") return "empty list item";
  // python-crontab reads a part as a range as soon as it has `/` or `-` after its first character.
  if (part === "*" || part.indexOf("/") > 0 || part.indexOf("-") > 0) return checkRange(part, range);
  const value = readValue(part, range);
  return typeof value === "string" ? value : undefined;
}

function checkRange(part: string, range: FieldRange): string | undefined {
  let body = part;
  const slash = part.split("/");
  if (slash.length === 2) {
    body = slash[0] as string;
    const reason = checkStep(slash[1] as string, range);
    if (reason) return reason;
  } else if (slash.length > 2) {
    return `"${part}" has more than one step`;
  }
  if (body === "*") return undefined;
  const dash = body.split("-");
  if (dash.length !== 2) return `"${part}" is not a value, a range or * with a step`;
  const from = readValue(dash[0] as string, range);
  if (typeof from === "string") return from;
  const to = readValue(dash[1] as string, range);
  if (typeof to === "string") return to;
  if (to < from) return `range ${dash[0]}-${dash[1]} runs backwards`;
  return undefined;
}

/** A number or a name in the field's range, or why it is not. */
function readValue(text: string, range: FieldRange): number | string {
  const name = text.toLowerCase();
  let value: number | undefined;
  if (/^\d+$/.test(text)) value = Number(text);
  // Own keys only: `constructor` is not a weekday.
  else if (range.names && Object.hasOwn(range.names, name)) value = range.names[name];
  if (value === undefined) return `"${text}" is not a number${range.names ? " or a name" : ""}`;
  if (value < range.min || value > range.max) return `${value} is not between ${range.min} and ${range.max}`;
  return value;
}
