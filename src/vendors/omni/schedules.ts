// The handlers of Omni's one resource, schema refresh schedules: CRUD over the schedules of a
// connection, with the description derived from the cron and the zone at every write (both were
// checked with the request, rules.ts).
import type { HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/omni.js";
import type { State } from "../../store/store.js";
import { compareBy, notFound, type OperationContext, ok } from "../common.js";
import { describeSchedule } from "./description.js";
import { CONNECTION_NOT_FOUND, SCHEDULE_NOT_FOUND } from "./errors.js";
import { connections, type Schedule, schedules } from "./records.js";

type ScheduleInput = components["schemas"]["ScheduleCreate"] | components["schemas"]["ScheduleUpdate"];
type Context<Id extends keyof operations> = OperationContext<operations[Id]>;
/** The operations on one schedule: their path names a connection and a schedule. */
type OneSchedule = Context<"getSchemaRefreshSchedule" | "updateSchemaRefreshSchedule" | "deleteSchemaRefreshSchedule">;

/** Oldest first, ties by id: the list's documented order, whatever the insertion order. */
const byAge = compareBy<Schedule>([{ read: (s) => Date.parse(s.createdAt) }, { read: (s) => s.scheduleId }]);

/** The path's connection, or the 404 every schedule path answers for an unknown one. */
function connectionOf(c: { state: State; params: { connectionId: string } }): { id: string } | { refused: HandlerResult } {
  const id = c.params.connectionId;
  return connections(c.state).has(id) ? { id } : { refused: notFound(CONNECTION_NOT_FOUND) };
}

/** The path's schedule; one of another connection is not found, as Omni scopes ids by connection. */
function scheduleOf(c: OneSchedule): { schedule: Schedule } | { refused: HandlerResult } {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection;
  const schedule = schedules(c.state).get(c.params.scheduleId);
  if (!schedule || schedule.connectionId !== connection.id) return { refused: notFound(SCHEDULE_NOT_FOUND) };
  return { schedule };
}

/**
 * The description for this instant. The request rules (rules.ts) refused every cron expression
 * cronstrue cannot word and every zone Intl does not know, so this cannot fail.
 */
function describeInput(input: ScheduleInput, at: Date): string {
  const described = describeSchedule(input.schedule, input.timezone, at);
  if (!described.ok) throw new Error(`omni: ${JSON.stringify(input.schedule)} passed the request rules but cannot be described: ${described.reason}`);
  return described.description;
}

function listSchemaRefreshSchedules(c: Context<"listSchemaRefreshSchedules">): HandlerResult {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection.refused;
  const own = schedules(c.state)
    .all()
    .filter((s) => s.connectionId === connection.id)
    .sort(byAge);
  return ok(200, { schedules: own });
}

function createSchemaRefreshSchedule(c: Context<"createSchemaRefreshSchedule">): HandlerResult {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection.refused;
  const input = c.body;
  const at = c.clock.now();
  const description = describeInput(input, at);
  const stamp = at.toISOString();
  const schedule: Schedule = {
    scheduleId: c.faker.string.uuid(),
    connectionId: connection.id,
    // Both stored exactly as sent: no canonical zone, no normalised cron.
    schedule: input.schedule,
    timezone: input.timezone,
    description,
    createdAt: stamp,
    updatedAt: stamp,
    disabledAt: null,
  };
  return ok(201, schedules(c.state).put(schedule));
}

function getSchemaRefreshSchedule(c: Context<"getSchemaRefreshSchedule">): HandlerResult {
  const found = scheduleOf(c);
  return "refused" in found ? found.refused : ok(200, found.schedule);
}

function updateSchemaRefreshSchedule(c: Context<"updateSchemaRefreshSchedule">): HandlerResult {
  const found = scheduleOf(c);
  if ("refused" in found) return found.refused;
  const input = c.body;
  const at = c.clock.now();
  const description = describeInput(input, at);
  // PUT replaces what a client may set; ids, createdAt and disabledAt are the server's.
  const updated: Schedule = {
    ...found.schedule,
    schedule: input.schedule,
    timezone: input.timezone,
    description,
    updatedAt: at.toISOString(),
  };
  return ok(200, schedules(c.state).put(updated));
}

function deleteSchemaRefreshSchedule(c: Context<"deleteSchemaRefreshSchedule">): HandlerResult {
  const found = scheduleOf(c);
  if ("refused" in found) return found.refused;
  schedules(c.state).delete(found.schedule.scheduleId);
  return ok(200, { success: true });
}

/** Every operation of the spec, each typed for its operation (index.ts hands them to typedHandlers). */
export const scheduleHandlers = {
  listSchemaRefreshSchedules,
  createSchemaRefreshSchedule,
  getSchemaRefreshSchedule,
  updateSchemaRefreshSchedule,
  deleteSchemaRefreshSchedule,
};
