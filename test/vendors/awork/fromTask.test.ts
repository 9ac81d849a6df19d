// awork's "Creates task schedules from a task by id" (POST /api/v1/taskschedules/bytaskid/{taskId},
// awork's definition, vendor-refs row A1): one schedule per assignee over the task's start and due
// dates, 204; a task without both dates or without an assignee is a 400; several assignees need
// createSchedulesForAllAssignees=true. The path taskmock had inferred before is gone.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { aworkClient, BASE, SEED } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("awork");
});
const { send, state } = aworkClient(() => app);

interface Task {
  id: string;
  name: string;
  startOn: string | null;
  dueOn: string | null;
  assigneeIds: string[];
}
interface Schedule {
  id: string;
  taskId: string;
  userId: string;
  startDate: string;
  endDate: string;
  plannedDuration: number;
  createdBy: string;
  createdOn: string;
}

const FROM_TASK = `${BASE}/bytaskid`;

async function taskNamed(name: string): Promise<Task> {
  const task = ((await state()).tasks as Task[]).find((t) => t.name === name);
  if (!task) throw new Error(`no fixture task ${name}`);
  return task;
}

async function schedulesOf(taskId: string): Promise<Schedule[]> {
  const res = await send("GET", `${BASE}?filterby=${encodeURIComponent(`taskId eq guid'${taskId}'`)}&orderby=createdOn,id`);
  return res.body as Schedule[];
}

describe("awork: task schedules from a task by id", () => {
  test("a task with one assignee: 204 without a body, one schedule over the task's dates for that user", async () => {
    const task = await taskNamed("Prepare kickoff workshop");
    expect(task).toMatchObject({ id: SEED, assigneeIds: [SEED] });
    const before = await schedulesOf(task.id);

    const res = await send("POST", `${FROM_TASK}/${task.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    const created = (await schedulesOf(task.id)).filter((s) => !before.some((b) => b.id === s.id));
    expect(created).toEqual([
      expect.objectContaining({
        taskId: task.id,
        userId: SEED,
        startDate: task.startOn,
        endDate: task.dueOn,
        plannedDuration: (Date.parse(task.dueOn as string) - Date.parse(task.startOn as string)) / 1000,
        createdBy: SEED,
        createdOn: "2026-01-01T00:00:00.000Z",
      }),
    ]);
    // The opt-in changes nothing for one assignee; calling again creates the schedule again.
    expect((await send("POST", `${FROM_TASK}/${task.id}?createSchedulesForAllAssignees=true`)).status).toBe(204);
    expect(await schedulesOf(task.id)).toHaveLength(before.length + 2);
  });

  test("a task with two assignees needs createSchedulesForAllAssignees=true; then one schedule each, in the task's order", async () => {
    const task = await taskNamed("Draft homepage wireframes");
    expect(task.assigneeIds).toHaveLength(2);
    const before = await state();

    for (const query of ["", "?createSchedulesForAllAssignees=false"]) {
      const refused = await send("POST", `${FROM_TASK}/${task.id}${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body).toMatchObject({
        code: "invalid-operation",
        description: `The task ${task.id} has 2 assignees: set createSchedulesForAllAssignees=true to create a task schedule for each.`,
        link: "https://developers.awork.com/error-handling",
      });
    }
    expect(await state()).toEqual(before);

    const known = new Set((await schedulesOf(task.id)).map((s) => s.id));
    expect((await send("POST", `${FROM_TASK}/${task.id}?createSchedulesForAllAssignees=true`)).status).toBe(204);
    const created = (await schedulesOf(task.id)).filter((s) => !known.has(s.id));
    expect(created.map((s) => [s.userId, s.startDate, s.endDate])).toEqual(task.assigneeIds.map((userId) => [userId, task.startOn, task.dueOn]));
  });

  test.each([
    ["Weekly status report", "needs a start date and a due date"],
    ["Send the monthly invoices", "needs a start date and a due date"],
    ["Sort the backlog", "has no assignee"],
  ])("%s cannot be scheduled: 400 invalid-operation (%s), nothing changes", async (name, reason) => {
    const task = await taskNamed(name);
    const before = await state();
    const res = await send("POST", `${FROM_TASK}/${task.id}?createSchedulesForAllAssignees=true`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "invalid-operation", description: expect.stringContaining(reason) });
    expect(res.body.validationErrors).toBeUndefined();
    expect(await state()).toEqual(before);
  });

  test("an unknown task is 404, a task id or an opt-in of the wrong type 400 naming it", async () => {
    const unknown = await send("POST", `${FROM_TASK}/00000000-0000-4000-8000-0000000000ff`);
    expect(unknown).toMatchObject({ status: 404, body: { code: "not-found" } });
    const notUuid = await send("POST", `${FROM_TASK}/nope`);
    expect(notUuid).toMatchObject({ status: 400, body: { code: "validation-failed", validationErrors: [{ property: "TaskId" }] } });
    const notBoolean = await send("POST", `${FROM_TASK}/${SEED}?createSchedulesForAllAssignees=yes`);
    expect(notBoolean).toMatchObject({
      status: 400,
      body: { code: "validation-failed", validationErrors: [{ property: "CreateSchedulesForAllAssignees" }] },
    });
  });

  test("the path taskmock inferred before awork's definition was known is gone: 404 like any unknown path", async () => {
    const res = await send("POST", `/api/v1/tasks/${SEED}/taskschedules`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not-found", description: `No awork endpoint at /api/v1/tasks/${SEED}/taskschedules` });
  });
});
