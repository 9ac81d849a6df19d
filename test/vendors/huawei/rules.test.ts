// The rules of a task body that its schema cannot state, as a client meets them
// (src/vendors/huawei/rules.ts): each a 400 WKS.00211102 whose error_msg names the field, on
// create, PATCH (checked on the merged task) and future-executions alike.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { FOREIGN_SERVER, futurePath, huaweiClient, NIGHTLY, restartDaily, SEED, SERVER, taskPath, tasksPath, UNKNOWN } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call } = huaweiClient(() => app);

const { day_interval: _, ...noInterval } = restartDaily;

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
    "list values must not repeat: week_list",
    "POST",
    futurePath,
    { scheduled_type: "WEEK", week_list: "2,3,2", scheduled_time: "01:00:00" },
    { is: "The parameter is invalid. week_list: must not repeat a value (2)" },
  ],
  [
    "list values must not repeat: date_list, on PATCH",
    "PATCH",
    taskPath(SEED),
    { date_list: "L,1,L" },
    { is: "The parameter is invalid. date_list: must not repeat a value (L)" },
  ],
  [
    "time_zone must be an IANA zone the runtime knows: a made-up name",
    "POST",
    tasksPath(),
    { ...restartDaily, time_zone: "Mars/Olympus_Mons" },
    { is: 'The parameter is invalid. time_zone: is not an IANA time zone name: "Mars/Olympus_Mons"' },
  ],
  [
    "time_zone must be an IANA zone the runtime knows: an offset",
    "POST",
    futurePath,
    { scheduled_type: "DAY", day_interval: 1, scheduled_time: "01:00:00", time_zone: "+08:00" },
    { has: "time_zone: is not an IANA time zone name" },
  ],
  [
    "a month schedule that can never fire is refused",
    "POST",
    futurePath,
    { scheduled_type: "MONTH", month_list: "2,4", date_list: "31", scheduled_time: "01:00:00" },
    { is: "The parameter is invalid. date_list: names no day that the months 2,4 have, so the task would never run" },
  ],
  [
    "targets must exist in the project: a server of another project",
    "POST",
    tasksPath(),
    { ...restartDaily, target_infos: [{ target_type: "SERVER", target_id: FOREIGN_SERVER }] },
    { is: `The parameter is invalid. target_infos/0/target_id: no SERVER ${FOREIGN_SERVER} in this project` },
  ],
  [
    "targets must exist in the project, by type: a server named as a group",
    "PATCH",
    taskPath(SEED),
    { target_infos: [{ target_type: "SERVER_GROUP", target_id: SERVER }] },
    { is: `The parameter is invalid. target_infos/0/target_id: no SERVER_GROUP ${SERVER} in this project` },
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
    { is: `The parameter is invalid. target_infos: lists SERVER ${SERVER} more than once` },
  ],
  [
    "several broken rules are named together",
    "POST",
    tasksPath(),
    {
      ...restartDaily,
      scheduled_type: "WEEK",
      time_zone: "Nowhere/City",
      target_infos: [{ target_type: "SERVER", target_id: UNKNOWN }],
    },
    {
      is: `The parameter is invalid. week_list: is required when scheduled_type is WEEK; time_zone: is not an IANA time zone name: "Nowhere/City"; target_infos/0/target_id: no SERVER ${UNKNOWN} in this project`,
    },
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

describe("conflict decisions", () => {
  test("huawei-expire-before-schedule: expire_time must follow scheduled_date at scheduled_time in the zone", async () => {
    const body = { ...restartDaily, scheduled_date: "2026-03-01", expire_time: "2026-03-01T01:00:00Z" };
    // 2026-03-01 03:00 in Shanghai is 2026-02-28T19:00Z: the expiry 01:00Z is six hours after it.
    expect((await call("POST", tasksPath(), { body })).status).toBe(200);
    const early = await call("POST", tasksPath(), { body: { ...body, expire_time: "2026-02-28T19:00:00Z" } });
    expect(early.body.error_msg).toBe(
      "The parameter is invalid. expire_time: must be later than scheduled_date 2026-03-01 03:00:00 (Asia/Shanghai)",
    );
    // The same wall-clock time in Lisbon is eight hours later, so the same expiry is too early there.
    const lisbon = await call("POST", tasksPath(), { body: { ...body, time_zone: "Europe/Lisbon" } });
    expect(lisbon.body.error_msg).toContain("expire_time: must be later than scheduled_date 2026-03-01 03:00:00 (Europe/Lisbon)");
    // Checked on the merged task: the seed's scheduled_date 2022-12-23 stays.
    const patched = await call("PATCH", taskPath(SEED), { body: { expire_time: "2022-03-07T10:40:43.858Z" } });
    expect(patched.body.error_msg).toContain("expire_time: must be later than scheduled_date 2022-12-23 09:00:00 (Asia/Shanghai)");
  });
});
