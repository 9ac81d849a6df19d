// The handlers of Omni's one resource, schema refresh schedules: CRUD over the schedules of a
// connection, with the EventBridge cron and IANA zone checked and the description derived from
// both at every write.
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerResult } from "../../engine/vendor.js";
import type { components, operations } from "../../generated/omni.js";
import type { State } from "../../store/store.js";
import { compareBy, fail, notFound, type OperationContext, ok, ruleViolation } from "../common.js";
import { isKnownZone } from "../zones.js";
import { checkCron } from "./cron.js";
import { describeSchedule } from "./description.js";
import { CRON_RULE, cronRefusal, TIMEZONE_RULE, zoneRefusal } from "./errors.js";
import { connections, type Schedule, schedules } from "./records.js";

type ScheduleInput = components["schemas"]["ScheduleCreate"] | components["schemas"]["ScheduleUpdate"];
type Context<Id extends keyof operations> = OperationContext<operations[Id]>;
/** The operations on one schedule: their path names a connection and a schedule. */
type OneSchedule = Context<"getSchemaRefreshSchedule" | "updateSchemaRefreshSchedule" | "deleteSchemaRefreshSchedule">;

const CONNECTION_NOT_FOUND = "Connection not found";
const SCHEDULE_NOT_FOUND = "Schedule not found";

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
 * The checks a schema cannot make, both reported at once: the full EventBridge grammar, the zone
 * Intl knows. On success, the description for this instant.
 */
function describeInput(input: ScheduleInput, at: Date): { description: string } | { refused: HandlerResult } {
  const violations: Violation[] = [];
  const cron = checkCron(input.schedule);
  let cronReason = cron.ok ? undefined : cron.reason;
  // Whatever Intl knows, in any case and aliases included; stored as sent, never canonicalised.
  const zoneOk = isKnownZone(input.timezone);
  let description: string | undefined;
  if (!cronReason && zoneOk) {
    const described = describeSchedule(input.schedule, input.timezone, at);
    if (described.ok) description = described.description;
    else cronReason = described.reason;
  }
  if (cronReason) {
    violations.push(
      ruleViolation("/schedule", cronRefusal(input.schedule, cronReason), CRON_RULE, "body", {
        params: { reason: cronReason },
        value: input.schedule,
      }),
    );
  }
  if (!zoneOk) {
    violations.push(ruleViolation("/timezone", zoneRefusal(input.timezone), TIMEZONE_RULE, "body", { value: input.timezone }));
  }
  if (description === undefined || violations.length > 0) {
    return { refused: fail(400, "validation", violations.map((v) => v.message).join("; "), { violations }) };
  }
  return { description };
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
  const derived = describeInput(input, at);
  if ("refused" in derived) return derived.refused;
  const stamp = at.toISOString();
  const schedule: Schedule = {
    scheduleId: c.faker.string.uuid(),
    connectionId: connection.id,
    // Both stored exactly as sent: no canonical zone, no normalised cron.
    schedule: input.schedule,
    timezone: input.timezone,
    description: derived.description,
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
  const derived = describeInput(input, at);
  if ("refused" in derived) return derived.refused;
  // PUT replaces what a client may set; ids, createdAt and disabledAt are the server's.
  const updated: Schedule = {
    ...found.schedule,
    schedule: input.schedule,
    timezone: input.timezone,
    description: derived.description,
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
