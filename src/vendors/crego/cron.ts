// One crontab field checked the way django-celery-beat's validators check it (python-crontab's
// grammar with its stricter ranges): lists, `*`, values, names, `a-b` ranges and `/n` steps; the
// values a valid field stands for, which the scheduled runs count with; and the crontab's time
// zone checked against zoneinfo's names (isIanaZone).
// cron-parser is not used: it accepts what django-celery-beat refuses (`L`, `#`, `?`, `W`, 7 as
// Sunday), and it parses whole expressions, not one field.
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
    const reason = checkPart(part, range);
    if (reason) return { ok: false, reason };
  }
  return { ok: true };
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
    const [body = "", step] = part.split("/");
    let from = range.min;
    let to = range.max;
    if (body !== "*") {
      const [low = "", high] = body.split("-");
      from = readValue(low, range) as number;
      to = high === undefined ? from : (readValue(high, range) as number);
    }
    for (let value = from; value <= to; value += step === undefined ? 1 : Number(step)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
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
    const step = slash[1] as string;
    // A step is a plain number from 1 to the field's maximum (`*/0` and `*/60` for minutes are refused).
    if (!/^\d+$/.test(step)) return `step "${step}" is not a number`;
    const n = Number(step);
    if (n < 1 || n > range.max) return `step ${n} is not between 1 and ${range.max}`;
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
