// Crego's stored records, typed from the spec (src/generated/crego.ts): the scheduled tasks
// (django-celery-beat PeriodicTasks, each holding its interval and crontab rows) and the
// registered Celery tasks; their two collections; and the per-operation context handlers take.
import type { components, operations } from "../../generated/crego.js";
import type { Collection, Row, State } from "../../store/store.js";
import type { OperationContext } from "../common.js";

type Schemas = components["schemas"];

/** A scheduled task as stored and answered (collection `schedules`, keyed by id). */
export type Schedule = Schemas["Schedule"] & Row;
/** A registered Celery task as stored and answered (collection `tasks`, keyed by name). */
export type Task = Schemas["Task"] & Row;
/** The interval and crontab rows a scheduled task holds (django-celery-beat's own tables). */
export type Interval = Schemas["Interval"];
export type Crontab = Schemas["Crontab"];

/** One operation's context: its parameters, query and body typed from the spec. */
export type Op<Id extends keyof operations> = OperationContext<operations[Id]>;

/** Whatever reads the state: a handler's context or the scheduler's. */
type Reads = { state: State };

export const schedules = (c: Reads): Collection<Schedule> => c.state.collection<Schedule>("schedules");
export const tasks = (c: Reads): Collection<Task> => c.state.collection<Task>("tasks");
