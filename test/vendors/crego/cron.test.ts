// Crontab fields and time zones checked as django-celery-beat's validators check them (cron.ts),
// a table per rule.
import { describe, expect, test } from "vitest";
import { type CronField, checkCronField, expandCronField, isIanaZone } from "../../../src/vendors/crego/cron.js";
import { allSpecs } from "../../helpers/specs.js";

describe("crontab field grammar (django-celery-beat's validators)", () => {
  const cases: [CronField, string, boolean][] = [
    ["minute", "*", true],
    ["minute", "0", true],
    ["minute", "59", true],
    ["minute", "60", false],
    ["minute", "*/15", true],
    ["minute", "*/59", true],
    ["minute", "*/60", false],
    ["minute", "*/0", false],
    ["minute", "0-30/10", true],
    ["minute", "0,15,30,45", true],
    ["minute", "5/10", false],
    ["minute", "1,,2", false],
    ["minute", "", false],
    ["minute", "-5", false],
    ["minute", "5-", false],
    ["minute", "1-2-3", false],
    ["minute", "*/5/2", false],
    ["minute", "*-5", false],
    ["minute", "30-10", false],
    ["minute", "05", true],
    ["hour", "23", true],
    ["hour", "24", false],
    ["hour", "8-20", true],
    ["hour", "9-18/3", true],
    ["hour", "*/24", false],
    ["day_of_week", "0", true],
    ["day_of_week", "6", true],
    ["day_of_week", "7", true],
    ["day_of_week", "8", false],
    ["day_of_week", "1-5", true],
    ["day_of_week", "mon", true],
    ["day_of_week", "MON-Fri", true],
    ["day_of_week", "mon,thu", true],
    ["day_of_week", "sun-sat", true],
    ["day_of_week", "fri-mon", false],
    ["day_of_week", "monday", false],
    ["day_of_week", "constructor", false],
    ["day_of_week", "*/mon", false],
    ["day_of_week", "5L", false],
    ["day_of_month", "1", true],
    ["day_of_month", "31", true],
    ["day_of_month", "0", false],
    ["day_of_month", "32", false],
    ["day_of_month", "1,15", true],
    ["day_of_month", "*/31", true],
    ["month_of_year", "1", true],
    ["month_of_year", "12", true],
    ["month_of_year", "0", false],
    ["month_of_year", "13", false],
    ["month_of_year", "*/3", true],
    ["month_of_year", "jan-mar", true],
    ["month_of_year", "Dec", true],
    ["month_of_year", "mar-jan", false],
    ["month_of_year", "mon", false],
  ];
  test.each(cases)("%s %j valid: %s", (field, text, valid) => {
    expect(checkCronField(field, text).ok).toBe(valid);
  });

  test.each([
    ["7", [0]],
    ["0,7", [0]],
    ["5-7", [0, 5, 6]],
    ["1-7", [0, 1, 2, 3, 4, 5, 6]],
    ["7-2", [0, 1, 2]],
    ["3-7/2", [0, 3, 5]],
    ["*/7", [0]],
    ["mon-fri/7", [0]],
    ["sat,7", [0, 6]],
  ])("crego-day-of-week-seven: day_of_week %j is the days %j (Sunday is 0 or 7, as python-crontab reads it)", (text, days) => {
    expect(checkCronField("day_of_week", text)).toEqual({ ok: true });
    expect(expandCronField("day_of_week", text)).toEqual(days);
  });

  test.each(["8", "7-8", "/7", "5-7-1", "7-7-7", "*/8"])("day_of_week %j is still refused", (text) => {
    expect(checkCronField("day_of_week", text).ok).toBe(false);
  });

  test("the reason names the offending part", () => {
    expect(checkCronField("hour", "1,25")).toEqual({ ok: false, reason: "25 is not between 0 and 23" });
    expect(checkCronField("minute", "*/0")).toEqual({ ok: false, reason: "step 0 is not between 1 and 59" });
  });

  test.each([
    ["Asia/Kolkata", true],
    ["Asia/Calcutta", true],
    ["Europe/Kyiv", true],
    ["UTC", true],
    ["Etc/UTC", true],
    ["America/Port-au-Prince", true],
    ["utc", false],
    ["asia/kolkata", false],
    ["Asia/Kolkatta", false],
    ["GMT+5", false],
    ["", false],
  ])("time zone %j is IANA: %s", (zone, valid) => {
    expect(isIanaZone(zone)).toBe(valid);
  });
});

describe("the spec's crontab examples (vendor-refs C2)", () => {
  const schemas = allSpecs().find((s) => s.vendor === "crego")?.doc.components?.schemas as Record<string, { description?: string }>;
  test.each([
    ["CrontabMonthOfYear", "month_of_year"],
    ["CrontabDayOfWeek", "day_of_week"],
  ] as const)("%s's examples are values django-celery-beat takes (months 1-12, not \"0,6\")", (schema, field) => {
    const text = (schemas[schema]?.description ?? "").split("example:")[1] ?? "";
    const examples = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(checkCronField(field, example), example).toEqual({ ok: true });
  });
});
