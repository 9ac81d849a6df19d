// What a stored task shows (src/vendors/huawei/records.ts): task_cron and next_execution_time
// derived at the mock's clock in the task's zone, and the two projections of a task (a list item
// has the state fields, the detail the targets).
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { DISABLED_WEEKLY, FIXED_ONCE, huaweiClient, OTHER_PROJECT, restartDaily, SEED, taskPath, tasksPath } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, setClock, listed } = huaweiClient(() => app);

describe("derived fields", () => {
  test("task_cron per scheduled_type, in Quartz syntax without leading zeros", async () => {
    const crons = Object.fromEntries(
      (await call("GET", `${tasksPath()}?limit=100`)).body.items.map((t: { id: string; task_cron: string }) => [t.id, t.task_cron]),
    );
    expect(crons[FIXED_ONCE]).toBe("0 0 1 12 9 ? 2026");
    expect(crons["972c2e5b-c6b9-4d94-a1a2-13dddc47a5f6"]).toBe("0 30 21 ? * 6,7");
    expect(crons["5e34d429-2ee7-4c96-b4a3-1ce87f22a917"]).toBe("0 0 23 L 3,6,9,12 ?");
    expect(crons["03becae1-ae16-4566-a77f-f89b13df4251"]).toBe("0 0 4 */3 * ?");
    const month = await call("PATCH", taskPath(SEED), { body: { scheduled_type: "MONTH", scheduled_time: "07:08:09" } });
    expect(month.body.task_cron).toBe("9 8 7 1,2,28,L 1,3,12 ?");
  });

  test("next_execution_time is recomputed at the mock's clock on every read", async () => {
    const items = Object.fromEntries((await call("GET", `${tasksPath()}?limit=100`)).body.items.map((t: { id: string }) => [t.id, t]));
    expect(items[SEED].next_execution_time).toBe("2026-01-01 09:00:00"); // the fixture stored 2024-12-26
    expect(items[FIXED_ONCE].next_execution_time).toBe("2026-09-12 01:00:00");
    expect(items["5e34d429-2ee7-4c96-b4a3-1ce87f22a917"].next_execution_time).toBe("2026-03-31 23:00:00"); // L of March
    expect(items["43b6a1d0-6fc7-4767-976a-88317ab9ef08"].next_execution_time).toBe("2026-01-28 22:30:00"); // 28,L
    expect(items["5eed49b9-f4a2-4b86-a41b-0549141896cc"]).not.toHaveProperty("next_execution_time"); // FIXED_TIME in the past
    expect(items[DISABLED_WEEKLY]).not.toHaveProperty("next_execution_time"); // disabled
    await setClock("2026-01-01T01:00:00Z"); // 09:00 in Shanghai: that run is not strictly after it
    expect((await listed(SEED)).next_execution_time).toBe("2026-01-02 09:00:00");
  });

  test("next_execution_time is the wall-clock time in the task's own zone", async () => {
    // Berlin weekdays at 07:45; 2026-01-01T00:00Z is 01:00 on Thursday in Berlin.
    expect((await listed("63b273b7-ae6f-4619-b329-4110897870f1", OTHER_PROJECT)).next_execution_time).toBe("2026-01-01 07:45:00");
    const lisbon = await call("PATCH", taskPath(SEED), { body: { time_zone: "Europe/Lisbon", scheduled_time: "00:30:00" } });
    // 00:00Z is midnight in Lisbon: today's 00:30 is still ahead.
    expect(lisbon.body.next_execution_time).toBe("2026-01-01 00:30:00");
  });

  test("DAY counts day_interval from scheduled_date, else from the creation date in the zone", async () => {
    // restart_every_3_days_cad: every 3 days from 2026-01-05, which is also its first date.
    expect((await listed("03becae1-ae16-4566-a77f-f89b13df4251")).next_execution_time).toBe("2026-01-05 04:00:00");
    await setClock("2026-01-06T00:00:00Z");
    expect((await listed("03becae1-ae16-4566-a77f-f89b13df4251")).next_execution_time).toBe("2026-01-08 04:00:00");
    await setClock("2026-01-01T00:00:00Z");
    // Created on 2026-01-01 (Shanghai) at 08:00: day 0's 07:00 has passed, so day 2.
    const early = await call("POST", tasksPath(), { body: { ...restartDaily, day_interval: 2, scheduled_time: "07:00:00" } });
    expect(early.body.next_execution_time).toBe("2026-01-03 07:00:00");
    const late = await call("POST", tasksPath(), { body: { ...restartDaily, day_interval: 2, scheduled_time: "09:00:00" } });
    expect(late.body.next_execution_time).toBe("2026-01-01 09:00:00");
  });
});

describe("conflict decisions", () => {
  test("huawei-expire-before-schedule: after expire_time a task has no next_execution_time", async () => {
    const expiring = "318f1f5a-5f8e-4064-8c23-2d5dbb1eedc3"; // daily 06:30, expires 2026-01-31T15:59:59Z
    expect((await listed(expiring)).next_execution_time).toBe("2026-01-02 06:30:00");
    await setClock("2026-01-30T22:00:00Z"); // 06:00 on the 31st in Shanghai: the last run is ahead
    expect((await listed(expiring)).next_execution_time).toBe("2026-01-31 06:30:00");
    await setClock("2026-01-30T23:00:00Z"); // 07:00: the next daily run would be after the expiry
    expect(await listed(expiring)).not.toHaveProperty("next_execution_time");
  });

  test("huawei-show-task-fields: the detail has targets and no state; list items the reverse", async () => {
    const detail = (await call("GET", taskPath(SEED))).body;
    for (const field of ["is_enable", "last_status", "task_cron", "next_execution_time", "create_time", "update_time"])
      expect(detail).not.toHaveProperty(field);
    const item = await listed(SEED);
    expect(item).not.toHaveProperty("target_infos");
    expect(item).toMatchObject({ is_enable: true, last_status: "WAITING", task_cron: "0 0 9 */1 * ?" });
  });
});
