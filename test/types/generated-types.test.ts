// The generated types describe the seed pages' own requests and responses: each seed example,
// typed with src/generated/<vendor>.ts, compiles (npm run typecheck), a wrong field does not
// (@ts-expect-error fails the typecheck if the error disappears), and at run time the same
// values fit the spec's schemas, so types and schemas agree.
import { describe, expect, test } from "vitest";
import { createSchemaCompiler } from "../../src/engine/schemaCompiler.js";
import type { components as Awork } from "../../src/generated/awork.js";
import type { components as Crego } from "../../src/generated/crego.js";
import type { components as Huawei } from "../../src/generated/huawei.js";
import type { components as Omni } from "../../src/generated/omni.js";
import { allSpecs } from "../helpers/specs.js";

const cregoRequest: Crego["schemas"]["ScheduleReplace"] = {
  name: "Daily Report Generation",
  task: "reports.tasks.generate_report",
  interval: { every: 1, period: "days" },
  crontab: { minute: "0", hour: "9", day_of_week: "1-5", day_of_month: "*", month_of_year: "*", timezone: "UTC" },
  args: ["daily", "financial"],
  kwargs: { report_type: "daily", include_charts: true },
  headers: {},
  expires: "2019-08-24T14:15:22Z",
  expires_at: "2019-08-24T14:15:22Z",
  one_off: false,
  start_time: "2019-08-24T14:15:22Z",
  enabled: true,
  description: "Generate daily financial reports",
};
const cregoResponse: Crego["schemas"]["Schedule"] = {
  id: 1,
  ...cregoRequest,
  interval: { id: 1, every: 1, period: "days" },
  crontab: { id: 1, minute: "0", hour: "9", day_of_week: "1-5", day_of_month: "*", month_of_year: "*", timezone: "UTC" },
  total_run_count: 45,
  last_run_at: "2019-08-24T14:15:22Z",
  date_changed: "2019-08-24T14:15:22Z",
};
// @ts-expect-error: period is an enum of days, hours, minutes, seconds, microseconds
const cregoWrongPeriod: Crego["schemas"]["IntervalInput"] = { every: 1, period: "weeks" };

const huaweiRequest: Huawei["schemas"]["ScheduleTaskUpdate"] = {
  scheduled_type: "DAY",
  day_interval: 1,
  week_list: "1,2,7",
  month_list: "1,3,12",
  date_list: "1,2,28,L",
  time_zone: "Asia/Shanghai",
  scheduled_date: "2022-12-23",
  scheduled_time: "09:00:00",
  expire_time: "2027-03-07T10:40:43.858Z",
  task_name: "Scheduled_Startup_Task",
  task_type: "RESTART_SERVER",
  schedule_task_policy: { enforcement_enable: false },
  description: "Used for power-on and power-off",
  is_enable: true,
  target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989" }],
};
// @ts-expect-error: the seed's lower-case "day" is not in the enum (conflict huawei-scheduled-type-case)
const huaweiWrongCase: Huawei["schemas"]["ScheduleTaskUpdate"] = { scheduled_type: "day" };

const omniRequest: Omni["schemas"]["ScheduleUpdate"] = { schedule: "00 18 ? * * *", timezone: "Europe/London" };
const omniResponse: Omni["schemas"]["Schedule"] = {
  scheduleId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
  connectionId: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
  schedule: "00 18 ? * * *",
  timezone: "Europe/London",
  description: "At 06:00 PM GMT",
  createdAt: "2025-01-15T10:30:00.000Z",
  updatedAt: "2025-01-15T11:00:00.000Z",
  disabledAt: null,
};
// @ts-expect-error: timezone is required
const omniMissingZone: Omni["schemas"]["ScheduleUpdate"] = { schedule: "00 18 ? * * *" };

const aworkRequest: Awork["schemas"]["TaskScheduleCreate"] = {
  taskId: "123e4567-e89b-12d3-a456-426614174000",
  userId: "123e4567-e89b-12d3-a456-426614174000",
  startDate: "2022-03-01T09:00:00Z",
  endDate: "2022-03-01T10:00:00Z",
};
const aworkResponse: Awork["schemas"]["TaskSchedule"] = {
  id: "123e4567-e89b-12d3-a456-426614174000",
  createdOn: "2022-03-11T15:33:47.100Z",
  createdBy: "123e4567-e89b-12d3-a456-426614174000",
  updatedOn: "2022-03-11T21:15:00.100Z",
  updatedBy: "123e4567-e89b-12d3-a456-426614174000",
  userId: "123e4567-e89b-12d3-a456-426614174000",
  taskId: "123e4567-e89b-12d3-a456-426614174000",
  startDate: "2022-03-01T09:00:00Z",
  endDate: "2022-03-01T10:00:00Z",
  plannedDuration: 3600,
};
// @ts-expect-error: plannedDuration is a number of seconds
const aworkWrongType: Awork["schemas"]["TaskSchedule"] = { ...aworkResponse, plannedDuration: "1h" };

const TYPED: Record<string, [string, unknown][]> = {
  crego: [
    ["ScheduleReplace", cregoRequest],
    ["Schedule", cregoResponse],
  ],
  huawei: [["ScheduleTaskUpdate", huaweiRequest]],
  omni: [
    ["ScheduleUpdate", omniRequest],
    ["Schedule", omniResponse],
  ],
  awork: [
    ["TaskScheduleCreate", aworkRequest],
    ["TaskSchedule", aworkResponse],
  ],
};

const WRONG: Record<string, [string, unknown]> = {
  crego: ["IntervalInput", cregoWrongPeriod],
  huawei: ["ScheduleTaskUpdate", huaweiWrongCase],
  omni: ["ScheduleUpdate", omniMissingZone],
  awork: ["TaskSchedule", aworkWrongType],
};

describe.each(Object.keys(TYPED))("%s", (vendor) => {
  const spec = allSpecs().find((s) => s.vendor === vendor);
  const compiler = spec ? createSchemaCompiler(spec.doc) : undefined;

  test.each(TYPED[vendor] ?? [])("the seed's %s, typed with the generated types, fits the schema", (schema, value) => {
    const validate = compiler?.compileRef(`#/components/schemas/${schema}`);
    expect(validate?.(value), JSON.stringify(validate?.errors)).toBe(true);
  });

  test("the value the types refuse, the schema refuses too", () => {
    const [schema, value] = WRONG[vendor] ?? ["", undefined];
    expect(compiler?.compileRef(`#/components/schemas/${schema}`)(value)).toBe(false);
  });
});
