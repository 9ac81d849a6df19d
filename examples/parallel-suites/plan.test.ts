// The plan across both vendors (schedule-sync's refreshBeforeTask): it reads the awork seed the
// awork file deletes and lists the Omni schedules the Omni file breaks, both at the same time.
import { expect, test } from "vitest";
import { useTaskmock } from "taskmock/vitest";
import { refreshBeforeTask } from "../schedule-sync/plan.js";
import { AWORK_SEED, aworkOf, CONNECTION, FIXTURE_SCHEDULES, omniOf, START } from "./clients.js";

const tm = useTaskmock();
const omni = omniOf(tm);
const awork = aworkOf(tm);

test("plans an Omni refresh an hour before the awork schedule, once", async () => {
  for (let run = 0; run < 3; run++) {
    const planned = await refreshBeforeTask(omni, awork, CONNECTION, AWORK_SEED);
    expect(planned).toMatchObject({ schedule: "00 08 * * ? *", timezone: "UTC", createdAt: START });
  }
  expect(await omni.list(CONNECTION)).toHaveLength(FIXTURE_SCHEDULES + 1);
});

test("after the reset the plan is made again, on a clean journal", async () => {
  expect(await omni.list(CONNECTION)).toHaveLength(FIXTURE_SCHEDULES);
  await refreshBeforeTask(omni, awork, CONNECTION, AWORK_SEED);
  expect((await tm.requests()).map((r) => `${r.vendor} ${r.operationId} ${r.status}`)).toEqual([
    "omni listSchemaRefreshSchedules 200",
    "awork getTaskSchedule 200",
    "omni listSchemaRefreshSchedules 200",
    "omni createSchemaRefreshSchedule 201",
  ]);
});

test("the records of the whole file kept the contract", async () => {
  const report = await tm.verify();
  expect(report).toMatchObject({ ok: true, violations: [] });
  expect(report.requests).toBeGreaterThan(10);
});
