// The calendar arithmetic of a schedule (src/vendors/huawei/calendar.ts), held to cron-parser as
// the reference: the runs a clock move finds walking back from its end are those that
// next_execution_time steps through, a WEEK or MONTH calendar fires where cron-parser's iterator
// does, and a wall-clock time in a zone is the instant cron-parser gives, around offset changes too.
import { CronExpressionParser } from "cron-parser";
import { describe, expect, test } from "vitest";
import { runsAfter, runsBetween, type Schedule, wallClockInstant } from "../../../src/vendors/huawei/calendar.js";

describe("the walk back over a clock move", () => {
  test("a jump's runs (found walking back from its end) are the runs next_execution_time steps through, across daylight-saving changes", () => {
    const shapes = [
      { scheduled_type: "DAY", day_interval: 1 },
      { scheduled_type: "DAY", day_interval: 3, scheduled_date: "2025-03-02" },
      { scheduled_type: "WEEK", week_list: "1,7" },
      { scheduled_type: "MONTH", month_list: "3,10,11", date_list: "1,8,25,29,L" },
    ] as const;
    // Both zones change their clocks in these windows (Berlin 29 March and 25 October, New York 8 March and 1 November).
    const windows = [
      ["2026-03-01T00:00:00Z", "2026-04-02T00:00:00Z"],
      ["2026-10-20T00:00:00Z", "2026-11-05T00:00:00Z"],
    ] as const;
    for (const time_zone of ["Europe/Berlin", "America/New_York"])
      for (const scheduled_time of ["02:30:00", "01:30:00", "00:00:00"])
        for (const shape of shapes)
          for (const [from, to] of windows) {
            const schedule = { ...shape, time_zone, scheduled_time } as Schedule;
            const back = runsBetween(schedule, new Date(from), new Date(to), 1000, "2025-06-01").map((r) => r.toISOString());
            const forward = runsAfter(schedule, new Date(from), 100, "2025-06-01")
              .filter((r) => r <= new Date(to))
              .map((r) => r.toISOString());
            expect(back, `${JSON.stringify(schedule)} ${from}`).toEqual(forward);
            expect(back.length).toBeGreaterThan(0);
          }
  });
});

describe("the calendar walk against cron-parser", () => {
  /** The runs cron-parser's iterator gives a WEEK or MONTH schedule in its zone: the reference runsAfter keeps to. */
  function cronRuns(schedule: Schedule, after: Date, count: number): string[] {
    const [hour, minute, second] = schedule.scheduled_time.split(":").map(Number);
    const days =
      schedule.scheduled_type === "WEEK"
        ? `* * ${(schedule.week_list ?? "").split(",").map((d) => Number(d) - 1).join(",")}`
        : `${schedule.date_list} ${schedule.month_list} *`;
    let from = after;
    if (schedule.scheduled_date !== undefined) {
      const firstDay = new Date(wallClockInstant(schedule.scheduled_date, "00:00:00", schedule.time_zone).getTime() - 1);
      if (firstDay > from) from = firstDay;
    }
    const expire = schedule.expire_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.expire_time);
    const iterator = CronExpressionParser.parse(`${second} ${minute} ${hour} ${days}`, { tz: schedule.time_zone, currentDate: from });
    const runs: string[] = [];
    while (runs.length < count) {
      const run = iterator.next().toDate();
      if (run.getTime() > expire) break;
      runs.push(run.toISOString());
    }
    return runs;
  }

  test("runsAfter finds a WEEK or MONTH schedule's runs where cron-parser's iterator does, across offset changes, leap days, scheduled_date and expire_time", () => {
    const shapes = [
      { scheduled_type: "WEEK", week_list: "1,7" },
      { scheduled_type: "WEEK", week_list: "2,3,4,5,6" },
      { scheduled_type: "WEEK", week_list: "4", scheduled_date: "2026-03-20" },
      { scheduled_type: "MONTH", month_list: "3,10,11", date_list: "1,8,25,29,L" },
      { scheduled_type: "MONTH", month_list: "2", date_list: "29" },
      { scheduled_type: "MONTH", month_list: "1,4,7,10", date_list: "L", expire_time: "2027-08-01T00:00:00Z" },
      { scheduled_type: "MONTH", month_list: "1,2,3,4,5,6,7,8,9,10,11,12", date_list: "31" },
    ] as const;
    let compared = 0;
    for (const time_zone of ["Europe/Berlin", "America/New_York", "Asia/Shanghai", "America/Sao_Paulo"])
      for (const scheduled_time of ["02:30:00", "00:00:00", "23:59:59"])
        for (const shape of shapes)
          for (const after of ["2026-03-01T00:00:00Z", "2026-10-20T00:00:00Z", "2018-10-30T00:00:00Z"]) {
            const schedule = { ...shape, time_zone, scheduled_time } as Schedule;
            const found = runsAfter(schedule, new Date(after), 8, "2025-06-01").map((r) => r.toISOString());
            expect(found, `${JSON.stringify(schedule)} after ${after}`).toEqual(cronRuns(schedule, new Date(after), 8));
            compared += found.length;
          }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("wall-clock times in a zone", () => {
  /** What cron-parser answers, the reference wallClockInstant keeps to: the first matching instant from 15 hours before the UTC date. */
  function cronInstant(date: string, time: string, timeZone: string): string {
    const [, month, day] = date.split("-").map(Number);
    const [hour, minute, second] = time.split(":").map(Number);
    const currentDate = new Date(Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000);
    return CronExpressionParser.parse(`${second} ${minute} ${hour} ${day} ${month} *`, { tz: timeZone, currentDate }).next().toISOString() ?? "";
  }

  /** An answer, or the error thrown instead (cron-parser gives up on a date that never happens, Apia's 30 December 2011). */
  function outcome(answer: () => string): string {
    try {
      return answer();
    } catch (error) {
      return `throws ${(error as Error).message}`;
    }
  }

  /** The local dates either side of each change of the zone's UTC offset in a year, looked at day by day. */
  function changeDates(timeZone: string, year: number): string[] {
    const offset = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    const dates = new Set<string>();
    let previous: string | undefined;
    for (let day = Date.UTC(year, 0, 1, 12); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
      const now = offset.format(day).split(", ")[1];
      if (previous !== undefined && now !== previous)
        for (const d of [-2, -1, 0, 1]) dates.add(new Date(day + d * 86_400_000).toISOString().slice(0, 10));
      previous = now;
    }
    return [...dates];
  }

  test("wallClockInstant answers as cron-parser does around offset changes, skipped and repeated times included", () => {
    const zones: [string, number][] = [
      ["Europe/Berlin", 2026],
      ["America/New_York", 2026],
      ["America/Sao_Paulo", 2018], // changed at midnight
      ["Pacific/Apia", 2011], // skipped 30 December
      ["Africa/Casablanca", 2026], // off for Ramadan
      ["Europe/Dublin", 2026], // negative daylight saving in the rules
      ["Pacific/Chatham", 2026], // +12:45 / +13:45
    ];
    const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}:00`);
    times.push("02:59:59", "01:15:30");
    let compared = 0;
    for (const [zone, year] of zones) {
      const dates = changeDates(zone, year);
      expect(dates.length, zone).toBeGreaterThan(0);
      for (const date of dates)
        for (const time of times) {
          expect(outcome(() => wallClockInstant(date, time, zone).toISOString()), `${date} ${time} ${zone}`).toBe(
            outcome(() => cronInstant(date, time, zone)),
          );
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  test("where cron-parser gives up on a time that happens (Lord Howe, the day its clocks went back in 2026), the shortcut answers it", () => {
    // cron-parser throws "loop limit exceeded" for whole hours on 5 April 2026 there, hours after the change.
    expect(outcome(() => cronInstant("2026-04-05", "09:00:00", "Australia/Lord_Howe"))).toMatch(/^throws/);
    expect(wallClockInstant("2026-04-05", "09:00:00", "Australia/Lord_Howe").toISOString()).toBe("2026-04-04T22:30:00.000Z");
  });
});
