// awork's stored records: task schedules and the tasks and users they refer to, typed from the
// spec's schemas, their collections, and what a schedule derives (plannedDuration) or records
// (who wrote it).
import type { HandlerContext } from "../../engine/vendor.js";
import type { components } from "../../generated/awork.js";
import type { Collection, State } from "../../store/store.js";

type Schemas = components["schemas"];
export type TaskSchedule = Schemas["TaskSchedule"];
export type Task = Schemas["Task"];
export type User = Schemas["User"];

export const taskSchedules = (state: State): Collection<TaskSchedule> => state.collection<TaskSchedule>("taskSchedules");
export const tasks = (state: State): Collection<Task> => state.collection<Task>("tasks");
export const users = (state: State): Collection<User> => state.collection<User>("users");

/** A task schedule's properties as the schema spells them: what filterby and orderby may name. */
export const SCHEDULE_FIELDS: (keyof TaskSchedule)[] = [
  "id",
  "createdOn",
  "createdBy",
  "updatedOn",
  "updatedBy",
  "userId",
  "taskId",
  "startDate",
  "endDate",
  "plannedDuration",
];

/** The token's user: who creates and updates. */
export const actor = (c: Pick<HandlerContext, "principal">): string => String(c.principal?.["userId"]);

/**
 * The instant (epoch ms) of a date-time the schema took: Date.parse, except that a leap second
 * (`23:59:60Z`, which RFC 3339 and the schema's format allow but Date.parse refuses) is the next
 * second. NaN only for what is not a date-time at all.
 */
export function instant(text: string): number {
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed)) return parsed;
  const leap = /^(.*[Tt ]\d{2}:\d{2}:)60(.*)$/.exec(text);
  return leap ? Date.parse(`${leap[1]}59${leap[2]}`) + 1000 : Number.NaN;
}

/** Seconds of planned work between two instants (the seed: 09:00 to 10:00 gives 3600). */
export function plannedDuration(startDate: string, endDate: string): number {
  return Math.floor((instant(endDate) - instant(startDate)) / 1000);
}
