// Omni's schedules: this file creates and deletes schedules, breaks the list with fault rules and
// a maintenance window, and moves its clock, while the other files read the same connection.
import { expect, test } from "vitest";
import { useTaskmock } from "taskmock/vitest";
import { ApiError } from "../schedule-sync/clients.js";
import { CONNECTION, FIXTURE_SCHEDULES, omniOf, SEED_SCHEDULE, START } from "./clients.js";

const tm = useTaskmock();
const omni = omniOf(tm);

test("creates three schedules, stamped with this session's clock", async () => {
  for (const hour of ["06", "07", "08"]) {
    const created = await omni.create(CONNECTION, { schedule: `00 ${hour} * * ? *`, timezone: "UTC" });
    expect(created.createdAt).toBe(START);
  }
  expect(await omni.list(CONNECTION)).toHaveLength(FIXTURE_SCHEDULES + 3);
});

test("each test starts from the fixtures: the last test's schedules are gone, the seed is back", async () => {
  await omni.remove(CONNECTION, SEED_SCHEDULE);
  expect(await omni.list(CONNECTION)).toHaveLength(FIXTURE_SCHEDULES - 1);
  await tm.reset("omni");
  expect((await omni.get(CONNECTION, SEED_SCHEDULE)).scheduleId).toBe(SEED_SCHEDULE);
});

test("a month later, an update is stamped a month later", async () => {
  expect(await tm.clock.advance("P30D")).toEqual(new Date("2026-01-31T00:00:00Z"));
  const updated = await omni.update(CONNECTION, SEED_SCHEDULE, { schedule: "00 18 ? * MON-FRI *", timezone: "Europe/London" });
  expect(updated.updatedAt).toBe("2026-01-31T00:00:00.000Z");
});

test("the client retries one 503 and gets the list", async () => {
  await tm.faults.add({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503, times: 1 });
  expect(await omni.list(CONNECTION)).toHaveLength(FIXTURE_SCHEDULES);
  expect((await tm.requests({ operationId: "listSchemaRefreshSchedules" })).map((r) => r.status)).toEqual([503, 200]);
});

test("a fault rule without a limit: the client gives up after its one retry", async () => {
  await tm.faults.add({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503 });
  const refused = await omni.list(CONNECTION).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect(refused).toMatchObject({ status: 503 });
});

test("a maintenance window: every Omni call answers 503 until it ends", async () => {
  await tm.maintenance.open("omni", { retryAfter: 1, until: "2026-01-01T01:00:00Z" });
  await expect(omni.get(CONNECTION, SEED_SCHEDULE)).rejects.toMatchObject({ status: 503 });
  await tm.clock.advance("PT1H");
  expect((await omni.get(CONNECTION, SEED_SCHEDULE)).scheduleId).toBe(SEED_SCHEDULE);
});
