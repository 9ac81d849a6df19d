// awork task schedules: CRUD over the taskSchedules collection, pages with aw-* headers,
// orderby and filterby, plannedDuration derived from the dates, references checked, and the
// schedules created from a task's dates and assignees (awork's bytaskid operation).
import type { HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/awork.js";
import type { State } from "../../store/store.js";
import { fail, notFound, now, type OperationContext, ok, ruleViolation, type SortKey, sortBy, sortedMatches } from "../common.js";
import { compileFilter } from "./filter.js";
import { actor, plannedDuration, SCHEDULE_FIELDS, type TaskSchedule, taskSchedules, tasks, users } from "./records.js";

/** What a schedule is made of, as a create sends it or as an update leaves it. */
type ScheduleInput = Required<components["schemas"]["TaskScheduleCreate"]>;
type Context<Id extends keyof operations> = OperationContext<operations[Id]>;

/** The Error Handling page's code for "an invalid filter or sort statement". */
const FILTER_OR_ORDER = "invalid-filter-or-order";

/** plannedDuration is an int32 (the spec's format): the longest span it can hold, in seconds. */
const MAX_PLANNED_SECONDS = 2_147_483_647;

/** A span plannedDuration cannot hold: a 400 naming the field that makes it, before anything is stored. */
function spanTooLong(startField: string, endField: string, start: string, end: string): HandlerResult | undefined {
  const seconds = plannedDuration(start, end);
  if (seconds <= MAX_PLANNED_SECONDS) return undefined;
  const message = `must be at most ${MAX_PLANNED_SECONDS} seconds after '${startField}': plannedDuration (int32) cannot hold ${seconds}`;
  return fail(400, "validation", `The span from ${start} to ${end} is too long to plan.`, {
    code: "date-dependency",
    violations: [ruleViolation(`/${endField}`, message, "plannedDuration", "body", { params: { limit: MAX_PLANNED_SECONDS, [startField]: start }, value: end })],
  });
}

/** The rules a schema cannot state, in the order awork's docs imply: dates, then references. */
function checkInput(state: State, input: ScheduleInput): HandlerResult | undefined {
  if (Date.parse(input.endDate) <= Date.parse(input.startDate)) {
    // awork-end-before-start: the code the Error Handling page gives this case, with the
    // validationErrors entry a client looks for.
    return fail(400, "validation", `The end date ${input.endDate} must be after the start date ${input.startDate}.`, {
      code: "date-dependency",
      violations: [
        ruleViolation("/endDate", "must be after 'StartDate'", "rule", "body", {
          params: { startDate: input.startDate },
          value: input.endDate,
        }),
      ],
    });
  }
  const tooLong = spanTooLong("startDate", "endDate", input.startDate, input.endDate);
  if (tooLong) return tooLong;
  if (!tasks(state).has(input.taskId)) return notFound(`Task ${input.taskId} was not found.`);
  if (!users(state).has(input.userId)) return notFound(`User ${input.userId} was not found.`);
  return undefined;
}

export function listTaskSchedules(c: Context<"listTaskSchedules">): HandlerResult {
  const pageNumber = c.query.page ?? 1;
  const pageSize = c.query.pageSize ?? 1000;
  const filterText = c.query.filterby;
  let predicate: ((record: TaskSchedule) => boolean) | undefined;
  if (filterText !== undefined) {
    const filter = compileFilter(filterText, { fields: SCHEDULE_FIELDS, me: actor(c), now: c.clock.now() });
    if (!filter.ok) {
      return fail(400, "validation", `The filter could not be applied: ${filter.message}`, {
        code: FILTER_OR_ORDER,
        violations: [ruleViolation("/filterby", filter.message, "filterby", "query", { value: filterText })],
      });
    }
    predicate = filter.predicate;
  }
  const orderText = c.query.orderby;
  const order = orderOf(orderText);
  if (!order.ok) {
    return fail(400, "validation", order.message, {
      code: FILTER_OR_ORDER,
      violations: [ruleViolation("/orderby", order.message, "orderby", "query", { value: orderText })],
    });
  }
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

const DATE_FIELDS = new Set(["startDate", "endDate", "createdOn", "updatedOn"]);

/**
 * `startDate desc,userId` → sort keys, and a name for that order (the fields as the schema
 * spells them, with their directions); unknown properties are refused. Default: startDate, then id.
 */
function orderOf(
  text: string | undefined,
): { ok: true; keys: SortKey<TaskSchedule>[]; name: string } | { ok: false; message: string } {
  const statements = text === undefined || text.trim() === "" ? ["startDate", "id"] : text.split(",");
  const keys: SortKey<TaskSchedule>[] = [];
  const names: string[] = [];
  for (const statement of statements) {
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(statement);
    const field = m ? SCHEDULE_FIELDS.find((f) => f.toLowerCase() === m[1]?.toLowerCase()) : undefined;
    if (!m || !field)
      return { ok: false, message: `orderby: "${statement.trim()}" is not a property of a task schedule followed by asc or desc` };
    const descending = m[2]?.toLowerCase() === "desc";
    keys.push({ read: DATE_FIELDS.has(field) ? (s) => Date.parse(s[field] as string) : (s) => s[field], descending });
    names.push(`${field} ${descending ? "desc" : "asc"}`);
  }
  return { ok: true, keys, name: names.join(",") };
}

export function createTaskSchedule(c: Context<"createTaskSchedule">): HandlerResult {
  const input = c.body;
  const refused = checkInput(c.state, input);
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
  if (!task) return notFound(`Task ${taskId} was not found.`);
  const { startOn, dueOn, assigneeIds } = task;
  if (!startOn || !dueOn) {
    return fail(400, "validation", `The task ${taskId} needs a start date and a due date to create task schedules.`, { code: "invalid-operation" });
  }
  if (Date.parse(dueOn) <= Date.parse(startOn)) {
    return fail(400, "validation", `The task ${taskId} is due (${dueOn}) before it starts (${startOn}).`, { code: "date-dependency" });
  }
  const tooLong = spanTooLong("startOn", "dueOn", startOn, dueOn);
  if (tooLong) return tooLong;
  if (assigneeIds.length === 0) {
    return fail(400, "validation", `The task ${taskId} has no assignee to create task schedules for.`, { code: "invalid-operation" });
  }
  if (assigneeIds.length > 1 && c.query.createSchedulesForAllAssignees !== true) {
    const message = `The task ${taskId} has ${assigneeIds.length} assignees: set createSchedulesForAllAssignees=true to create a task schedule for each.`;
    return fail(400, "validation", message, { code: "invalid-operation" });
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
  return schedule ? ok(200, schedule) : notFound(`Task schedule ${id} was not found.`);
}

/** awork's TaskSchedulePutForm: each field sent replaces the stored one; the user stays. */
export function updateTaskSchedule(c: Context<"updateTaskSchedule">): HandlerResult {
  const id = c.params.taskScheduleId;
  const existing = taskSchedules(c.state).get(id);
  if (!existing) return notFound(`Task schedule ${id} was not found.`);
  const input: ScheduleInput = {
    taskId: c.body.taskId ?? existing.taskId,
    startDate: c.body.startDate ?? existing.startDate,
    endDate: c.body.endDate ?? existing.endDate,
    userId: existing.userId,
  };
  const refused = checkInput(c.state, input);
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
  return taskSchedules(c.state).delete(id) ? ok(204) : notFound(`Task schedule ${id} was not found.`);
}
