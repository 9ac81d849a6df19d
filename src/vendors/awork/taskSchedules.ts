// awork task schedules: CRUD over the taskSchedules collection, pages with aw-* headers,
// orderby and filterby, plannedDuration derived from the dates, references checked, and the
// schedules created from a task's dates and assignees (awork's bytaskid operation).
import type { HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/awork.js";
import type { State } from "../../store/store.js";
import { fail, notFound, now, type OperationContext, ok, sortBy, sortedMatches } from "../common.js";
import { INVALID_OPERATION, NOT_FOUND, taskWithoutDates } from "./errors.js";
import { compileFilter } from "./filter.js";
import { actor, instant, plannedDuration, SCHEDULE_FIELDS, type TaskSchedule, taskSchedules, tasks, users } from "./records.js";
import { dateViolations, END_AFTER_START, MAX_PLANNED_SECONDS, orderOf } from "./rules.js";

/** What a schedule is made of, as a create sends it or as an update leaves it. */
type ScheduleInput = Required<components["schemas"]["TaskScheduleCreate"]>;
type Context<Id extends keyof operations> = OperationContext<operations[Id]>;

/** The Error Handling page's code for "two or more date values are in violation with each other". */
const DATE_DEPENDENCY = "date-dependency";

/**
 * A PUT that sends one date only: the schedule as it would be after the change (its other date
 * the stored one) must keep its end after its start and a span plannedDuration can hold. The
 * request rules (rules.ts) check a body with both dates; this one depends on the stored record,
 * so its refusal is one of the state.
 */
function mergedDates(sent: { startDate?: string; endDate?: string }, input: ScheduleInput): HandlerResult | undefined {
  if (sent.startDate !== undefined && sent.endDate !== undefined) return undefined;
  const violations = dateViolations("startDate", "endDate", input.startDate, input.endDate);
  const rule = violations[0]?.rule;
  if (rule === undefined) return undefined;
  const message =
    rule === END_AFTER_START
      ? `The end date ${input.endDate} must be after the start date ${input.startDate}.`
      : `The span from ${input.startDate} to ${input.endDate} is too long to plan.`;
  return fail(400, "validation", message, { code: DATE_DEPENDENCY, violations });
}

/** The references a schema cannot check: the task, and on create the user, must exist. */
function missingReference(state: State, input: { taskId: string; userId?: string }): HandlerResult | undefined {
  if (!tasks(state).has(input.taskId)) return notFound(NOT_FOUND.task(input.taskId));
  if (input.userId !== undefined && !users(state).has(input.userId)) return notFound(NOT_FOUND.user(input.userId));
  return undefined;
}

export function listTaskSchedules(c: Context<"listTaskSchedules">): HandlerResult {
  const pageNumber = c.query.page ?? 1;
  const pageSize = c.query.pageSize ?? 1000;
  const filterText = c.query.filterby;
  let predicate: ((record: TaskSchedule) => boolean) | undefined;
  if (filterText !== undefined) {
    const filter = compileFilter(filterText, { fields: SCHEDULE_FIELDS, me: actor(c), now: c.clock.now() });
    // The request rule (rules.ts) refused every filterby that does not parse, whoever asks and whenever.
    if (!filter.ok) throw new Error(`awork: filterby passed the request rule but not the handler: ${filter.message}`);
    predicate = filter.predicate;
  }
  const orderText = c.query.orderby;
  const order = orderOf(orderText);
  // The request rule (rules.ts) refused every orderby it cannot apply.
  if (!order.ok) throw new Error(`awork: orderby passed the request rule but not the handler: ${order.message}`);
  // The whole collection in this order, sorted once until the next write: a page is then a slice.
  // Invariant: the sorted list depends only on the records and the order, and the name holds the
  // whole order (each field as the schema spells it, with its direction), so one name is one list;
  // the collection drops its memos at every write, and a transaction that has written sorts afresh.
  const collection = taskSchedules(c.state);
  const sorted = collection.memo(`orderby ${order.name}`, () => sortBy(collection.list(), order.keys));
  const items = sortedMatches(sorted, () => collection.list(), order.keys, predicate);
  const pageItems = items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return ok(200, pageItems, {
    "aw-page": String(pageNumber),
    "aw-pagesize": String(pageSize),
    "aw-items": String(pageItems.length),
    "aw-totalitems": String(items.length),
  });
}

export function createTaskSchedule(c: Context<"createTaskSchedule">): HandlerResult {
  // The dates were checked with the request (rules.ts); the references need the records.
  const input = c.body;
  const refused = missingReference(c.state, input);
  if (refused) return refused;
  const at = now(c);
  const schedule: TaskSchedule = {
    id: c.faker.string.uuid(),
    createdOn: at,
    createdBy: actor(c),
    updatedOn: at,
    updatedBy: actor(c),
    userId: input.userId,
    taskId: input.taskId,
    startDate: input.startDate,
    endDate: input.endDate,
    plannedDuration: plannedDuration(input.startDate, input.endDate),
  };
  return ok(200, taskSchedules(c.state).put(schedule));
}

/**
 * awork's "Creates task schedules from a task by id": one schedule per assignee over the task's
 * start and due dates, 204. The definition's rules: the task has both dates and an assignee, and
 * several assignees need createSchedulesForAllAssignees=true. These refusals depend on the task's
 * state, not on the request's form, so they carry no violation.
 */
export function createTaskSchedulesFromTask(c: Context<"createTaskSchedulesFromTask">): HandlerResult {
  const taskId = c.params.taskId;
  const task = tasks(c.state).get(taskId);
  if (!task) return notFound(NOT_FOUND.task(taskId));
  const { startOn, dueOn, assigneeIds } = task;
  if (!startOn || !dueOn) {
    return fail(400, "validation", taskWithoutDates(taskId), { code: INVALID_OPERATION });
  }
  if (instant(dueOn) <= instant(startOn)) {
    return fail(400, "validation", `The task ${taskId} is due (${dueOn}) before it starts (${startOn}).`, { code: DATE_DEPENDENCY });
  }
  if (plannedDuration(startOn, dueOn) > MAX_PLANNED_SECONDS) {
    const message = `The task ${taskId} runs from ${startOn} to ${dueOn}, longer than plannedDuration (int32) can hold (${MAX_PLANNED_SECONDS} seconds).`;
    return fail(400, "validation", message, { code: DATE_DEPENDENCY });
  }
  if (assigneeIds.length === 0) {
    return fail(400, "validation", `The task ${taskId} has no assignee to create task schedules for.`, { code: INVALID_OPERATION });
  }
  if (assigneeIds.length > 1 && c.query.createSchedulesForAllAssignees !== true) {
    const message = `The task ${taskId} has ${assigneeIds.length} assignees: set createSchedulesForAllAssignees=true to create a task schedule for each.`;
    return fail(400, "validation", message, { code: INVALID_OPERATION });
  }
  const at = now(c);
  for (const userId of assigneeIds) {
    taskSchedules(c.state).put({
      id: c.faker.string.uuid(),
      createdOn: at,
      createdBy: actor(c),
      updatedOn: at,
      updatedBy: actor(c),
      userId,
      taskId,
      startDate: startOn,
      endDate: dueOn,
      plannedDuration: plannedDuration(startOn, dueOn),
    });
  }
  return ok(204);
}

export function getTaskSchedule(c: Context<"getTaskSchedule">): HandlerResult {
  const id = c.params.taskScheduleId;
  const schedule = taskSchedules(c.state).get(id);
  return schedule ? ok(200, schedule) : notFound(NOT_FOUND.schedule(id));
}

/** awork's TaskSchedulePutForm: each field sent replaces the stored one; the user stays. */
export function updateTaskSchedule(c: Context<"updateTaskSchedule">): HandlerResult {
  const id = c.params.taskScheduleId;
  const existing = taskSchedules(c.state).get(id);
  if (!existing) return notFound(NOT_FOUND.schedule(id));
  const input: ScheduleInput = {
    taskId: c.body.taskId ?? existing.taskId,
    startDate: c.body.startDate ?? existing.startDate,
    endDate: c.body.endDate ?? existing.endDate,
    userId: existing.userId,
  };
  const refused = mergedDates(c.body, input) ?? missingReference(c.state, input);
  if (refused) return refused;
  const updated: TaskSchedule = {
    ...existing,
    taskId: input.taskId,
    startDate: input.startDate,
    endDate: input.endDate,
    plannedDuration: plannedDuration(input.startDate, input.endDate),
    updatedOn: now(c),
    updatedBy: actor(c),
  };
  return ok(200, taskSchedules(c.state).put(updated));
}

export function deleteTaskSchedule(c: Context<"deleteTaskSchedule">): HandlerResult {
  const id = c.params.taskScheduleId;
  return taskSchedules(c.state).delete(id) ? ok(204) : notFound(NOT_FOUND.schedule(id));
}
