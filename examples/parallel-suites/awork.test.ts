// awork's task schedules: this file deletes the seed schedule the plan file reads, forces awork's
// 400 for every create, and sets its clock years ahead.
import { expect, test } from "vitest";
import { useTaskmock } from "taskmock/vitest";
import { AWORK_SEED, aworkOf, START } from "./clients.js";

const tm = useTaskmock();
const awork = aworkOf(tm);
const input = { taskId: AWORK_SEED, userId: AWORK_SEED, startDate: "2026-03-02T09:00:00Z", endDate: "2026-03-02T11:30:00Z" };

test("deletes the seed schedule: gone in this session", async () => {
  await awork.remove(AWORK_SEED);
  await expect(awork.get(AWORK_SEED)).rejects.toMatchObject({ status: 404 });
});

test("creates one, stamped with the session's clock, and sees it in the count", async () => {
  const before = (await awork.list(1, 1)).total;
  const created = await awork.create(input);
  expect(created).toMatchObject({ plannedDuration: 9000, createdOn: START });
  expect((await awork.list(1, 1)).total).toBe(before + 1);
});

test("years later by the session's clock", async () => {
  await tm.clock.set("2031-06-01T12:00:00Z");
  expect((await awork.create(input)).createdOn).toBe("2031-06-01T12:00:00.000Z");
});

test("surfaces awork's validation error: a fault rule forces the 400 for every create", async () => {
  await tm.faults.add({ vendor: "awork", operationId: "createTaskSchedule", status: 400 });
  for (let i = 0; i < 3; i++) await expect(awork.create(input)).rejects.toMatchObject({ status: 400, body: { code: expect.any(String) } });
  // The forced answers are the test's choice, not the client's fault: the contract held.
  expect(await tm.verify()).toMatchObject({ ok: true });
});
