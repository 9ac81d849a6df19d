// A crontab's fires counted day by day (crontabFires.ts, through schedule.ts's crontabRuns):
// against cron-parser walking every fire time where cron-parser reads a day as zoneinfo does,
// and against Python's zoneinfo on days a zone's offset changes, where it does not.
import { CronExpressionParser } from "cron-parser";
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import type { CrontabFields } from "../../../src/vendors/crego/crontabFires.js";
import { crontabRuns, micros } from "../../../src/vendors/crego/schedule.js";
import { mockOf } from "../../helpers/mock.js";
import { cregoClient } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("crego");
});
const { patch, clock, runs } = cregoClient(() => app);

describe("crontab counting matches walking every fire time with cron-parser, where cron-parser reads a day as zoneinfo does", () => {
  /** Every fire in (after, through], one by one, with Celery's both-days rule applied as a filter. */
  function walk(fields: [string, string, string, string, string], zone: string, after: string, through: string) {
    const [minute, hour, dom, month, dow] = fields;
    const both = dom !== "*" && dow !== "*";
    const it = CronExpressionParser.parse(`${minute} ${hour} ${dom} ${month} ${both ? "*" : dow}`, { tz: zone, currentDate: after });
    const days = both ? CronExpressionParser.parse(`0 0 * * ${dow}`).fields.dayOfWeek.values.map((d) => Number(d) % 7) : undefined;
    let count = 0;
    let last: string | undefined;
    for (let fire = it.next(); fire.getTime() <= Date.parse(through); fire = it.next()) {
      if (days && !days.includes(fire.getDay())) continue;
      count++;
      last = fire.toISOString() ?? undefined;
    }
    return { count, last };
  }

  const cases: [string, [string, string, string, string, string], string, string, string][] = [
    [
      "every 5 minutes over New York's spring change",
      ["*/5", "*", "*", "*", "*"],
      "America/New_York",
      "2026-03-06T03:17:00Z",
      "2026-03-10T11:00:00Z",
    ],
    [
      "hours 0-3 over London's spring change",
      ["0,30", "0-3", "*", "*", "*"],
      "Europe/London",
      "2026-03-27T00:00:00Z",
      "2026-03-31T00:00:00Z",
    ],
    [
      "hours 0-3 over London's autumn change",
      ["0,30", "0-3", "*", "*", "*"],
      "Europe/London",
      "2026-10-23T00:00:00Z",
      "2026-10-28T00:00:00Z",
    ],
    [
      "weekdays and days of month, both",
      ["15", "8-17", "1-10", "*", "mon-wed"],
      "Asia/Kolkata",
      "2026-01-01T00:00:00Z",
      "2026-04-01T00:00:00Z",
    ],
    [
      "a quarter-hourly crontab ending mid-day",
      ["*/15", "9-18", "*", "*", "1-5"],
      "Australia/Sydney",
      "2026-03-30T10:00:00Z",
      "2026-04-10T03:07:00Z",
    ],
  ];
  test.each(cases)("%s", (_name, fields, zone, after, through) => {
    const [minute, hour, day_of_month, month_of_year, day_of_week] = fields;
    const crontab = { minute, hour, day_of_month, month_of_year, day_of_week, timezone: zone };
    const counted = crontabRuns(crontab, micros(after), micros(through));
    const walked = walk(fields, zone, after, through);
    expect(walked.count).toBeGreaterThan(0);
    expect(counted?.count).toBe(walked.count);
    expect(counted && new Date(Number(counted.last / 1000n)).toISOString()).toBe(walked.last);
  });
});

describe("on a day the offset changes, each wall-clock time fires once, as zoneinfo reads it (fold 0)", () => {
  // Expected values from Python's zoneinfo: a repeated time at its first occurrence, a skipped one
  // at the instant the offset before the change gives. cron-parser, the counting's former walker,
  // disagrees or fails on each of these.
  const every = (minute: string, hour: string, timezone: string): CrontabFields => ({
    minute,
    hour,
    day_of_month: "*",
    month_of_year: "*",
    day_of_week: "*",
    timezone,
  });
  const cases: [string, CrontabFields, string, string, number, string][] = [
    [
      "New York's repeated hour runs once (cron-parser: twice for */5)",
      every("*/5", "*", "America/New_York"),
      "2026-10-30T00:00:00Z",
      "2026-11-03T00:00:00Z",
      1140,
      "2026-11-03T00:00:00.000Z",
    ],
    ["01:30 in New York's repeated hour, at its first occurrence (EDT)", every("30", "1", "America/New_York"), "2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z", 1, "2026-11-01T05:30:00.000Z"],
    ["02:30 in New York's spring gap, at 03:30 EDT", every("30", "2", "America/New_York"), "2026-03-07T12:00:00Z", "2026-03-09T00:00:00Z", 1, "2026-03-08T07:30:00.000Z"],
    ["the day before Nuuk's change, which ends an hour early (cron-parser: skipped)", every("0,30", "1", "America/Nuuk"), "2026-03-27T12:00:00Z", "2026-03-29T12:00:00Z", 4, "2026-03-29T02:30:00.000Z"],
    ["Lord Howe's half-hour change (cron-parser: loop limit exceeded)", every("0", "2", "Australia/Lord_Howe"), "2026-04-03T00:00:00Z", "2026-04-07T00:00:00Z", 4, "2026-04-06T15:30:00.000Z"],
    ["Chatham's repeated hour (cron-parser: goes back in time, endlessly)", every("*/7", "*", "Pacific/Chatham"), "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z", 423, "2026-04-05T23:57:00.000Z"],
  ];
  test.each(cases)("%s", (_name, crontab, after, through, count, last) => {
    const counted = crontabRuns(crontab, micros(after), micros(through));
    expect(counted && { count: counted.count, last: new Date(Number(counted.last / 1000n)).toISOString() }).toEqual({ count, last });
  });

  test("a clock move over such a day finishes and counts each wall-clock time once", async () => {
    expect((await patch("/tasks/schedules/3/", { crontab: { minute: "*/7", timezone: "Pacific/Chatham" } })).status).toBe(200);
    await clock({ set: "2026-04-04T00:00:00Z" });
    const before = (await runs(3)).total_run_count;
    await clock({ advance: "P2D" });
    expect(await runs(3)).toEqual({ total_run_count: before + 423, last_run_at: "2026-04-05T23:57:00Z", enabled: true });
  });
});
