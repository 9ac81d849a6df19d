// Omni schema refresh schedules: CRUD over the schedules of a connection, with the EventBridge
// cron and IANA zone checked and the description derived from both at every write.

import type { RateLimitPolicy } from "../../engine/rateLimit.js";
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { Store } from "../../store/store.js";
import { compareBy, fail, notFound, ok, ruleViolation } from "../common.js";
import type { VendorModule } from "../types.js";
import { checkCron } from "./cron.js";
import { describeSchedule } from "./description.js";
import { CRON_RULE, MESSAGES, omniErrorBody, TIMEZONE_RULE } from "./errors.js";
import { isTimeZone } from "./zone.js";

interface Schedule {
  [key: string]: unknown;
  scheduleId: string;
  connectionId: string;
  schedule: string;
  timezone: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

interface ScheduleInput {
  schedule: string;
  timezone: string;
}

type Context = HandlerContext<Store>;

const CONNECTION_NOT_FOUND = "Connection not found";
const SCHEDULE_NOT_FOUND = "Schedule not found";

const schedules = (c: Context) => c.state.collection<Schedule>("schedules");

/** Oldest first, ties by id: the list's documented order, whatever the insertion order. */
const byAge = compareBy<Schedule>([{ read: (s) => Date.parse(s.createdAt) }, { read: (s) => s.scheduleId }]);

/** The path's connection, or the 404 every schedule path answers for an unknown one. */
function connectionOf(c: Context): { id: string } | { refused: HandlerResult } {
  const id = c.params["connectionId"] as string;
  return c.state.collection("connections").has(id) ? { id } : { refused: notFound(CONNECTION_NOT_FOUND) };
}

/** The path's schedule; one of another connection is not found, as Omni scopes ids by connection. */
function scheduleOf(c: Context): { schedule: Schedule } | { refused: HandlerResult } {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection;
  const schedule = schedules(c).get(c.params["scheduleId"] as string);
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
  const zoneOk = isTimeZone(input.timezone);
  let description: string | undefined;
  if (!cronReason && zoneOk) {
    const described = describeSchedule(input.schedule, input.timezone, at);
    if (described.ok) description = described.description;
    else cronReason = described.reason;
  }
  if (cronReason)
    violations.push(ruleViolation("/schedule", `Invalid cron expression: ${JSON.stringify(input.schedule)}. ${cronReason}`, CRON_RULE));
  if (!zoneOk) {
    violations.push(
      ruleViolation(
        "/timezone",
        `Invalid timezone: ${JSON.stringify(input.timezone)} is not a valid IANA timezone identifier`,
        TIMEZONE_RULE,
      ),
    );
  }
  if (description === undefined || violations.length > 0) {
    return { refused: fail(400, "validation", violations.map((v) => v.message).join("; "), { violations }) };
  }
  return { description };
}

function listSchemaRefreshSchedules(c: Context): HandlerResult {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection.refused;
  const own = schedules(c)
    .all()
    .filter((s) => s.connectionId === connection.id)
    .sort(byAge);
  return ok(200, { schedules: own });
}

function createSchemaRefreshSchedule(c: Context): HandlerResult {
  const connection = connectionOf(c);
  if ("refused" in connection) return connection.refused;
  const input = c.body as ScheduleInput;
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
  return ok(201, schedules(c).put(schedule));
}

function getSchemaRefreshSchedule(c: Context): HandlerResult {
  const found = scheduleOf(c);
  return "refused" in found ? found.refused : ok(200, found.schedule);
}

function updateSchemaRefreshSchedule(c: Context): HandlerResult {
  const found = scheduleOf(c);
  if ("refused" in found) return found.refused;
  const input = c.body as ScheduleInput;
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
  return ok(200, schedules(c).put(updated));
}

function deleteSchemaRefreshSchedule(c: Context): HandlerResult {
  const found = scheduleOf(c);
  if ("refused" in found) return found.refused;
  schedules(c).delete(found.schedule.scheduleId);
  return ok(200, { success: true });
}

/**
 * 60 requests per minute per API key (Omni's default; the raised 500 is not simulated), applied
 * only with --rate-limits. Omni documents no rate-limit headers, so answers under the limit carry
 * none; the engine adds Retry-After to the 429, which the spec allows.
 */
const rateLimits: RateLimitPolicy = {
  limits: [{ name: "minute", windowMs: 60_000, max: 60 }],
  headers: () => ({}),
};

// No onClock: a schema refresh schedule's runs are not visible through this API (no field records
// a run, nothing disables a schedule), so moving the clock changes nothing Omni would show.

export const omni: VendorModule = {
  name: "omni",
  specFile: "omni.yaml",
  fixtureFile: "omni.json",
  adapter: {
    name: "omni",
    errorBody: omniErrorBody,
    messages: { ...MESSAGES },
    rateLimits,
    handlers: {
      listSchemaRefreshSchedules,
      createSchemaRefreshSchedule,
      getSchemaRefreshSchedule,
      updateSchemaRefreshSchedule,
      deleteSchemaRefreshSchedule,
    },
  },
};
