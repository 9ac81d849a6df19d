// The rules of a task body that its schema cannot state, as a client meets them
// (src/vendors/huawei/rules.ts): each a 400 WKS.00211102 whose error_msg names the field, on
// create, PATCH (checked on the merged task) and future-executions alike.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { FOREIGN_SERVER, futurePath, huaweiClient, NIGHTLY, restartDaily, SEED, SERVER, taskPath, tasksPath, UNKNOWN } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call } = huaweiClient(() => app);

const { day_interval: _, ...noInterval } = restartDaily;
/** annual_reinstall_jan: MONTH, month_list 1, date_list 2. */
const ANNUAL = "fdec6e2d-2d45-4111-abe2-bc019fdb6ab9";

/** What a broken rule answers: 400 with this error_msg (`is`), or one containing `has`. */
type Want = { is: string } | { has: string };

/** [rule: case, method, path, body, want]: each body breaks the rules error_msg names. */
const RULES: [string, string, string, unknown, Want][] = [
  [
    "each scheduled_type needs its fields: DAY, day_interval",
    "POST",
    tasksPath(),
    noInterval,
    { is: "The parameter is invalid. day_interval: is required when scheduled_type is DAY" },
  ],
  [
    "each scheduled_type needs its fields: MONTH, month_list and date_list",
    "POST",
    futurePath,
    { scheduled_type: "MONTH", scheduled_time: "01:00:00" },
    {
      is: "The parameter is invalid. month_list: is required when scheduled_type is MONTH; date_list: is required when scheduled_type is MONTH",
    },
  ],
  [
    "each scheduled_type needs its fields: FIXED_TIME, scheduled_date",
    "POST",
    futurePath,
    { scheduled_type: "FIXED_TIME", scheduled_time: "01:00:00" },
    { is: "The parameter is invalid. scheduled_date: is required when scheduled_type is FIXED_TIME" },
  ],
  [
    "each scheduled_type needs its fields: checked on the merged task (NIGHTLY has no month fields)",
    "PATCH",
    taskPath(NIGHTLY),
    { scheduled_type: "MONTH" },
    { has: "month_list: is required when scheduled_type is MONTH" },
  ],
  [
    "scheduled_time is required: \"\" is no value",
    "POST",
    tasksPath(),
    { ...restartDaily, scheduled_time: "" },
    { is: "The parameter is invalid. scheduled_time: is required" },
  ],
  [
    "formats from the definitions' descriptions: week_list days 1 to 7, quoted",
    "POST",
    futurePath,
    { scheduled_type: "WEEK", week_list: "1,8", scheduled_time: "01:00:00" },
    { is: 'The parameter is invalid. week_list: "1,8" is not a comma-separated list of days 1 to 7 (1 is Sunday)' },
  ],
  [
    "formats: month_list months 1 to 12, on PATCH",
    "PATCH",
    taskPath(SEED),
    { month_list: "0,13" },
    { is: 'The parameter is invalid. month_list: "0,13" is not a comma-separated list of months 1 to 12' },
  ],
  [
    "formats: date_list days 1 to 31 or L",
    "PATCH",
    taskPath(SEED),
    { date_list: "1, 2" },
    { is: 'The parameter is invalid. date_list: "1, 2" is not a comma-separated list of days 1 to 31 or L' },
  ],
  [
    "formats: scheduled_date a real yyyy-MM-dd, scheduled_time HH:mm:ss",
    "POST",
    futurePath,
    { scheduled_type: "FIXED_TIME", scheduled_date: "2026-02-30", scheduled_time: "9:00" },
    {
      is: 'The parameter is invalid. scheduled_date: "2026-02-30" is not a day the calendar has; scheduled_time: "9:00" is not a time as HH:mm:ss',
    },
  ],
  [
    "time_zone must be an IANA zone the runtime knows: a made-up name",
    "POST",
    tasksPath(),
    { ...restartDaily, time_zone: "Mars/Olympus_Mons" },
    { is: 'The parameter is invalid. time_zone: "Mars/Olympus_Mons" is not an IANA time zone name' },
  ],
  [
    "time_zone must be an IANA zone the runtime knows: an offset",
    "POST",
    futurePath,
    { scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", time_zone: "+08:00" },
    { has: 'time_zone: "+08:00" is not an IANA time zone name' },
  ],
  [
    "a month schedule that can never fire is refused",
    "POST",
    futurePath,
    { scheduled_type: "MONTH", month_list: "2,4", date_list: "31", scheduled_time: "01:00:00" },
    { is: 'The parameter is invalid. date_list: "31" names no day that the months 2,4 have, so the task would never run' },
  ],
  [
    "targets must exist in the project: a server of another project",
    "POST",
    tasksPath(),
    { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: FOREIGN_SERVER }] },
    { is: `The parameter is invalid. target_infos/0/target_id: no SERVER "${FOREIGN_SERVER}" in this project` },
  ],
  [
    "targets must exist in the project, by type: a server named as a group",
    "PATCH",
    taskPath(SEED),
    { target_infos: [{ target_type: "SERVER_GROUP", target_id: SERVER }] },
    { is: `The parameter is invalid. target_infos/0/target_id: no SERVER_GROUP "${SERVER}" in this project` },
  ],
  [
    "targets must appear once",
    "POST",
    tasksPath(),
    {
      ...restartDaily,
      target_infos: [
        { target_type: "SERVER", target_id: SERVER },
        { target_type: "SERVER", target_id: SERVER },
      ],
    },
    { is: `The parameter is invalid. target_infos: lists SERVER "${SERVER}" more than once` },
  ],
  [
    "several broken rules are named together",
    "POST",
    tasksPath(),
    { ...restartDaily, scheduled_type: "WEEK", time_zone: "Nowhere/City" },
    { is: 'The parameter is invalid. week_list: is required when scheduled_type is WEEK; time_zone: "Nowhere/City" is not an IANA time zone name' },
  ],
  [
    "a PATCH that clears what its scheduled_type needs is refused whatever the task",
    "PATCH",
    taskPath(NIGHTLY),
    { scheduled_type: "WEEK", week_list: "", scheduled_time: "" },
    { is: "The parameter is invalid. scheduled_time: is required; week_list: is required when scheduled_type is WEEK" },
  ],
  [
    "a PATCH that gives a whole MONTH schedule that can never fire",
    "PATCH",
    taskPath(SEED),
    { scheduled_type: "MONTH", month_list: "2", date_list: "30,31" },
    { is: 'The parameter is invalid. date_list: "30,31" names no day that the months 2 have, so the task would never run' },
  ],
  [
    "a PATCH's month schedule is checked on the merged task too (annual_reinstall_jan is a MONTH task)",
    "PATCH",
    taskPath(ANNUAL),
    { month_list: "2", date_list: "30" },
    { is: 'The parameter is invalid. date_list: "30" names no day that the months 2 have, so the task would never run' },
  ],
  [
    "targets must appear once, on PATCH too",
    "PATCH",
    taskPath(SEED),
    {
      target_infos: [
        { target_type: "SERVER_GROUP", target_id: SERVER },
        { target_type: "SERVER_GROUP", target_id: SERVER },
      ],
    },
    { is: `The parameter is invalid. target_infos: lists SERVER_GROUP "${SERVER}" more than once` },
  ],
];

describe("schedule and target rules", () => {
  test.each(RULES)("%s", async (_rule, method, path, body, want) => {
    const res = await call(method, path, { body });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe("WKS.00211102");
    if ("is" in want) expect(res.body.error_msg).toBe(want.is);
    else expect(res.body.error_msg).toContain(want.has);
  });
});

describe("every violation at once: the schema's and the rules', in one answer", () => {
  // Before: when the schema check failed, the rules were not looked at, so a client fixed one
  // violation only to meet the next.
  test("create: a pattern the schema refuses, a needed field and a zone, together", async () => {
    const body = { ...restartDaily, task_name: "a b", scheduled_type: "WEEK", time_zone: "Mars/Base" };
    const res = await call("POST", tasksPath(), { body });
    expect(res.status).toBe(400);
    expect(res.body.error_msg).toBe(
      "The parameter is invalid. week_list: is required when scheduled_type is WEEK; " +
        'task_name: "a b" may only hold letters, digits, Chinese characters, _ and -; time_zone: "Mars/Base" is not an IANA time zone name',
    );
  });

  test("PATCH: a wrong type beside a bad format and zone", async () => {
    const res = await call("PATCH", taskPath(SEED), { body: { is_enable: "yes", week_list: "0", time_zone: "UTC+8" } });
    expect(res.body.error_msg).toBe(
      'The parameter is invalid. is_enable: must be a boolean, not a string; week_list: "0" is not a comma-separated list of days 1 to 7 (1 is Sunday); ' +
        'time_zone: "UTC+8" is not an IANA time zone name',
    );
    // Nothing changed.
    expect((await call("GET", taskPath(SEED))).body).toMatchObject({ week_list: "1,2,7", time_zone: "Asia/Shanghai" });
  });

  test("future-executions: the seed's lower-case scheduled_type beside a time and a zone", async () => {
    const res = await call("POST", futurePath, { body: { scheduled_type: "day", day_interval: 1, scheduled_time: "9:00", time_zone: "Mars/Base" } });
    expect(res.body.error_msg).toBe(
      'The parameter is invalid. scheduled_type: "day" is not one of FIXED_TIME, DAY, WEEK, MONTH; scheduled_time: "9:00" is not a time as HH:mm:ss; ' +
        'time_zone: "Mars/Base" is not an IANA time zone name',
    );
  });

  test("a rule does not repeat what the schema said of the same field", async () => {
    const long = `1${",2".repeat(128)}`;
    const res = await call("POST", futurePath, { body: { scheduled_type: "WEEK", week_list: long, scheduled_time: "01:00:00", time_zone: "" } });
    expect(res.body.error_msg).toBe("The parameter is invalid. week_list: must be at most 255 characters (it has 257); time_zone: must not be empty");
  });

  test("a list far longer than the schema allows is the schema's 400, not a crash of a rule that reads it", async () => {
    const month_list = `1${",1".repeat(400_000)}`;
    const res = await call("POST", futurePath, { body: { scheduled_type: "MONTH", month_list, date_list: "31", scheduled_time: "01:00:00" } });
    expect(res.status).toBe(400);
    expect(res.body.error_msg).toBe(`The parameter is invalid. month_list: must be at most 255 characters (it has ${month_list.length})`);
  });

  test("fields of the wrong type are the schema's alone: the rules skip them, nothing crashes", async () => {
    const body = { scheduled_type: 5, week_list: [1], date_list: {}, scheduled_time: 9, time_zone: null, target_infos: "x", task_name: "a", task_type: "RESTART_SERVER" };
    const res = await call("POST", tasksPath(), { body });
    expect(res.status).toBe(400);
    const { violations } = (await json(request(app, "/__admin/requests"))).requests.at(-1);
    expect(violations.map((v: { pointer: string; rule: string }) => `${v.pointer} ${v.rule}`)).toEqual([
      "/scheduled_type type",
      "/scheduled_type enum",
      "/week_list type",
      "/date_list type",
      "/time_zone type",
      "/scheduled_time type",
      "/target_infos type",
    ]);
    for (const other of [null, 7, "text", [restartDaily]]) expect((await call("POST", tasksPath(), { body: other })).status).toBe(400);
  });

  test("the most useful first within 255 characters, the rules' violations ranked with the schema's", async () => {
    const body = { scheduled_type: "MONTH", task_name: "x y", week_list: "8", time_zone: "Mars/Base", colour: 1, target_infos: [] };
    const res = await call("POST", tasksPath(), { body });
    const message: string = res.body.error_msg;
    expect(message.length).toBeLessThanOrEqual(255);
    expect(message).toBe(
      "The parameter is invalid. task_type: is required; scheduled_time: is required; month_list: is required when scheduled_type is MONTH; " +
        "date_list: is required when scheduled_type is MONTH; and 5 more",
    );
    // The five that did not fit: the name's pattern, week_list's format, the zone, the empty list, the unknown property.
    const { violations } = (await json(request(app, "/__admin/requests"))).requests.at(-1);
    expect(violations.map((v: { pointer: string }) => v.pointer).sort()).toEqual(
      ["/colour", "/date_list", "/month_list", "/scheduled_time", "/target_infos", "/task_name", "/task_type", "/time_zone", "/week_list"],
    );
  });
});

describe("refusals of the request and of the state, as the journal and verify keep them", () => {
  const lastEntry = async () => (await json(request(app, "/__admin/requests"))).requests.at(-1);

  test("a rule over the body alone is a contract violation of the request", async () => {
    await call("POST", tasksPath(), { body: { ...restartDaily, time_zone: "Mars/Base" } });
    const entry = await lastEntry();
    expect(entry.violations).toEqual([expect.objectContaining({ location: "body", pointer: "/time_zone", rule: "timeZone", value: "Mars/Base" })]);
    expect(entry.refusals).toBeUndefined();
  });

  test("a target the project lacks, or a merged PATCH that cannot be, is a refusal of the state", async () => {
    const res = await call("POST", tasksPath(), { body: { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: UNKNOWN }] } });
    expect(res.body.error_msg).toBe(`The parameter is invalid. target_infos/0/target_id: no SERVER "${UNKNOWN}" in this project`);
    const created = await lastEntry();
    expect(created.violations).toEqual([]);
    expect(created.refusals).toEqual([expect.objectContaining({ pointer: "/target_infos/0/target_id", rule: "exists", value: UNKNOWN })]);

    expect((await call("PATCH", taskPath(NIGHTLY), { body: { scheduled_type: "MONTH" } })).status).toBe(400);
    const patched = await lastEntry();
    expect(patched.violations).toEqual([]);
    expect(patched.refusals.map((v: { pointer: string }) => v.pointer)).toEqual(["/month_list", "/date_list"]);

    const report = await json(request(app, "/__admin/verify?vendor=huawei"));
    expect(report).toMatchObject({ ok: true, breaking: 0 });
    expect(report.refusals).toHaveLength(3);
  });

  test("a target is looked up only once the body passes: a body that breaks a rule is refused for that alone", async () => {
    const body = { ...restartDaily, week_list: "8", target_infos: [{ target_type: "SERVER", target_id: UNKNOWN }] };
    const res = await call("POST", tasksPath(), { body });
    expect(res.body.error_msg).toBe('The parameter is invalid. week_list: "8" is not a comma-separated list of days 1 to 7 (1 is Sunday)');
  });
});

describe("conflict decisions", () => {
  test("huawei-expire-before-schedule: an expire_time before scheduled_date is accepted; the task then never runs", async () => {
    // Before: an inferred rule refused this (400 "expire_time: must be later than scheduled_date").
    const body = { ...restartDaily, scheduled_date: "2026-03-01", expire_time: "2026-02-28T18:00:00Z" };
    const created = await call("POST", tasksPath(), { body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ expire_time: "2026-02-28T18:00:00Z" });
    expect(created.body).not.toHaveProperty("next_execution_time");
    // Checked on the merged task: the seed's scheduled_date 2022-12-23 stays, the seed's own expire_time is taken.
    const patched = await call("PATCH", taskPath(SEED), { body: { expire_time: "2022-03-07T10:40:43.858Z" } });
    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty("next_execution_time");
  });

  test("huawei-date-list-l-alone: L may be listed with other days, as the definitions' example 1,2,28,L is", async () => {
    const res = await call("POST", futurePath, { body: { scheduled_type: "MONTH", month_list: "2", date_list: "1,2,28,L", scheduled_time: "10:00:00" } });
    expect(res.status).toBe(200);
    // 2026-01-01 08:00 in Shanghai: February 2026 has 28 days, so the 28th and L are the same day.
    expect(res.body.future_executions).toEqual(["2026-02-01 10:00:00", "2026-02-02 10:00:00", "2026-02-28 10:00:00", "2027-02-01 10:00:00", "2027-02-02 10:00:00"]);
  });

  test("repeated values in a list are the same day, not an error (no source forbids them)", async () => {
    const res = await call("POST", futurePath, { body: { scheduled_type: "WEEK", week_list: "2,3,2", scheduled_time: "01:00:00" } });
    expect(res.status).toBe(200);
    expect(res.body.future_executions.slice(0, 2)).toEqual(["2026-01-05 01:00:00", "2026-01-06 01:00:00"]);
  });
});
