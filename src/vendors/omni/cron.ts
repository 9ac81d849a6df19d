// AWS EventBridge 6-field cron validation (minute hour day-of-month month day-of-week year), as
// Omni's schedules accept it. Pure: an expression in, the first reason it is refused (or none) out.

import { memoized } from "../../engine/memo.js";

export type CronCheck = { ok: true } | { ok: false; reason: string };

export const FIELD_ORDER = "minute hour day-of-month month day-of-week year";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  name: string;
  min: number;
  max: number;
  /** Upper-case names standing for min, min + 1, …: usable wherever a number is. */
  names?: string[];
  /** `/` allowed (every field but day-of-week). */
  step: boolean;
  /** `?` allowed (the two day fields). */
  question: boolean;
}

const FIELDS: Field[] = [
  { name: "minute", min: 0, max: 59, step: true, question: false },
  { name: "hour", min: 0, max: 23, step: true, question: false },
  { name: "day-of-month", min: 1, max: 31, step: true, question: true },
  { name: "month", min: 1, max: 12, names: MONTHS, step: true, question: false },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, step: false, question: true },
  { name: "year", min: 1970, max: 2199, step: true, question: false },
];

const DAY_OF_MONTH = 2;
const DAY_OF_WEEK = 4;

/**
 * Checks an expression against every EventBridge rule; the reason names the field and the value.
 * Each verdict is remembered (clients write the same few expressions again and again): a pure
 * function of the expression, keyed by it, bounded.
 */
export const checkCron: (expression: string) => CronCheck = memoized("omni cron verdict", judge);

function judge(expression: string): CronCheck {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) return { ok: false, reason: `Expected 6 fields in AWS EventBridge format: ${FIELD_ORDER}` };
  for (const [index, field] of FIELDS.entries()) {
    const reason = checkField(parts[index] as string, field);
    if (reason) return { ok: false, reason: `${field.name} field: ${reason}` };
  }
  const domAsks = parts[DAY_OF_MONTH] === "?";
  const dowAsks = parts[DAY_OF_WEEK] === "?";
  if (domAsks && dowAsks) return { ok: false, reason: "Only one of the day-of-month and day-of-week fields may be ?" };
  if (!domAsks && !dowAsks) return { ok: false, reason: "Use ? in either the day-of-month or the day-of-week field" };
  return { ok: true };
}

function checkField(text: string, field: Field): string | undefined {
  if (text === "?") return field.question ? undefined : "? is allowed only in day-of-month and day-of-week";
  const special = checkSpecial(text, field);
  if (special !== "none") return special;
  const items = text.split(",");
  for (const item of items) {
    const reason = checkItem(item, field);
    if (reason) return reason;
  }
  return undefined;
}

/**
 * L, W and #: each is the field's whole expression (Quartz's reading, which EventBridge follows:
 * they do not combine with lists, ranges or steps). Answers "none" when the text uses none of them.
 */
function checkSpecial(text: string, field: Field): string | undefined | "none" {
  const isDom = field.name === "day-of-month";
  const isDow = field.name === "day-of-week";
  const usesHash = text.includes("#");
  // WED holds a W (and is judged as a name), but no day or month name holds an L.
  const usesW = text.replaceAll("WED", "").includes("W");
  const usesL = (isDom || isDow) && text.includes("L");
  if (!usesHash && !usesW && !usesL) return "none";
  if (usesHash && !isDow) return "# is allowed only in day-of-week";
  if (usesW && !isDom) return "W is allowed only in day-of-month";
  if (isDom) {
    if (text === "L") return undefined;
    const weekday = /^(\d+)W$/.exec(text);
    if (weekday) return inRange(Number(weekday[1]), field, weekday[1] as string);
    return `${text} is not valid: use L alone or <1-31>W alone (e.g. 15W)`;
  }
  // day-of-week
  if (text === "L") return undefined;
  if (usesHash) {
    if (text.includes(",")) return "an expression with # must be the field's only expression";
    const nth = /^([0-9A-Z]+)#([0-9]+)$/.exec(text);
    if (!nth) return `${text} is not valid: use <day>#<1-5> (e.g. 3#2, MON#1)`;
    const day = fieldValue(nth[1] as string, field);
    if (typeof day === "string") return day;
    const n = Number(nth[2]);
    if (n < 1 || n > 5) return `${nth[2]} in ${text} is outside 1-5 (the week of the month)`;
    return undefined;
  }
  const last = /^([0-9A-Z]+)L$/.exec(text);
  if (!last) return `${text} is not valid: use L alone or <day>L alone (e.g. 6L, FRIL)`;
  const day = fieldValue(last[1] as string, field);
  return typeof day === "string" ? day : undefined;
}

// One list item: `*`, `*/n`, `v`, `v-v`, `v/n`, `v-v/n`.
function checkItem(item: string, field: Field): string | undefined {
  if (item === "") return "has an empty list item";
  const slash = item.split("/");
  if (slash.length > 2) return `${item} has more than one /`;
  const [base, increment] = slash as [string, string | undefined];
  if (increment !== undefined) {
    if (!field.step) return "/ is not allowed";
    if (!/^\d+$/.test(increment) || Number(increment) < 1) return `the increment in ${item} must be a positive integer`;
  }
  if (base === "*") return undefined;
  if (base === "?") return "? must be the field's only expression";
  const bounds = base.split("-");
  if (bounds.length > 2) return `${item} is not a range <a>-<b>`;
  const values: number[] = [];
  for (const bound of bounds) {
    const value = fieldValue(bound, field);
    if (typeof value === "string") return value;
    values.push(value);
  }
  const [from, to] = values as [number, number | undefined];
  if (to !== undefined && from > to)
    return `the range ${base} runs backwards (no wrap-around; the first value must not be greater than the second)`;
  return undefined;
}

/** A number (leading zeros allowed) or an upper-case name, within the field's range; else why not. */
function fieldValue(text: string, field: Field): number | string {
  if (/^\d+$/.test(text)) return inRange(Number(text), field, text) ?? Number(text);
  const index = field.names?.indexOf(text) ?? -1;
  if (index >= 0) return field.min + index;
  const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
  if (text === "") return `a value is missing (use ${field.min}-${field.max}${names})`;
  return `${text} is not a value of this field (use ${field.min}-${field.max}${names})`;
}

function inRange(value: number, field: Field, text: string): string | undefined {
  return value < field.min || value > field.max ? `${text} is outside ${field.min}-${field.max}` : undefined;
}
