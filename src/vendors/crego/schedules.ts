// Scheduled tasks (django-celery-beat PeriodicTasks): the paged list, reads, and PUT/PATCH with
// django-celery-beat's model rules that need the stored records (unique name, a schedule left
// after a PATCH's merge, interval/crontab get-or-create, enabled=false clearing last_run_at,
// date_changed). The rules over the request alone are request rules (rules.ts).
import type { Violation } from "../../engine/schemaCompiler.js";
import type { HandlerContext, HandlerResult } from "../../engine/vendor.js";
import type { components } from "../../generated/crego.js";
import { fail, ok, ruleViolation } from "../common.js";
import { INVALID_PAGE, NAME_TAKEN, NO_SCHEDULE, RULES, SCHEDULE_NOT_FOUND } from "./errors.js";
import { pageNumberOf, pageSizeOf } from "./paging.js";
import { CLIENT_TIMES, timeViolation } from "./rules.js";
import { drfDateTime, drfNow } from "./time.js";
import { type Crontab, type Interval, type Op, type Schedule, schedules } from "./records.js";

type Schemas = components["schemas"];
type Changes = Schemas["SchedulePatch"];
type CrontabInput = Partial<Schemas["CrontabInput"]>;

export function listSchedules(c: Op<"listSchedules">): HandlerResult {
  // DRF's page_size: a bad one falls back to the default, a big one is cut (conflict crego-page-size-drf).
  const size = pageSizeOf(c.query.page_size);
  // Sorted once until the next write (the id never changes in place): a page is then a slice.
  const collection = schedules(c);
  const all = collection.memo("by id", () => collection.list().sort((a, b) => a.id - b.id));
  const totalPages = Math.max(1, Math.ceil(all.length / size));
  // DRF's page-number pagination (conflict crego-invalid-page-404): the first page always exists
  // (empty when there is nothing); any page it cannot use, a number past the end included, is a
  // 404 "Invalid page.".
  const current = pageNumberOf(c.query.page, totalPages);
  if (current === undefined) return fail(404, "not-found", INVALID_PAGE);
  const page: Schemas["SchedulePage"] = {
    count: all.length,
    total_pages: totalPages,
    current_page: current,
    has_previous: current > 1,
    has_next: current < totalPages,
    previous_page: current > 1 ? current - 1 : null,
    next_page: current < totalPages ? current + 1 : null,
    results: all.slice((current - 1) * size, current * size),
  };
  return ok(200, page);
}

export function getSchedule(c: Op<"getSchedule">): HandlerResult {
  const schedule = schedules(c).get(c.params.id);
  return schedule ? ok(200, schedule) : fail(404, "not-found", SCHEDULE_NOT_FOUND);
}

/** PATCH: only the fields sent change; a sent interval or crontab replaces the stored one whole. */
export function updateSchedule(c: Op<"updateSchedule">): HandlerResult {
  const existing = schedules(c).get(c.params.id);
  if (!existing) return fail(404, "not-found", SCHEDULE_NOT_FOUND);
  return save(c, existing, c.body);
}

/** PUT: every writable field is sent (the schema requires them), so the same merge replaces them all. */
export function replaceSchedule(c: Op<"replaceSchedule">): HandlerResult {
  const existing = schedules(c).get(c.params.id);
  if (!existing) return fail(404, "not-found", SCHEDULE_NOT_FOUND);
  return save(c, existing, c.body);
}

/**
 * What needs the stored records, in DRF's order: the name's uniqueness (a field check), then the
 * object-level check after the merge (an interval or a crontab left). The rules over the request
 * alone (crontab fields, zone, date-times, a PUT's schedule) ran beside the schema (rules.ts).
 */
function save(c: Pick<HandlerContext, "state" | "clock">, existing: Schedule, changes: Changes): HandlerResult {
  const all = schedules(c).list();
  if (changes.name !== undefined && all.some((s) => s.id !== existing.id && s.name === changes.name)) {
    const violations = [ruleViolation("/name", NAME_TAKEN, RULES.nameTaken, "body", { value: changes.name })];
    return fail(400, "validation", `/name: ${NAME_TAKEN}`, { violations });
  }
  // The client's date-times as DRF stores and writes them back: UTC, microseconds, one format.
  const times: Partial<Record<(typeof CLIENT_TIMES)[number], string | null>> = {};
  for (const field of CLIENT_TIMES) {
    const sent = changes[field];
    if (typeof sent !== "string") continue;
    const text = drfDateTime(sent);
    // The request rule refused any date-time Django cannot hold; kept as a refusal should one pass.
    if (text === undefined) {
      const violation = timeViolation(field, sent) as Violation;
      return fail(400, "validation", `${violation.pointer}: ${violation.message}`, { violations: [violation] });
    }
    times[field] = text;
  }

  const crontabInput = changes.crontab ? withCrontabDefaults(changes.crontab) : changes.crontab;
  const interval: Interval | null =
    changes.interval === undefined
      ? existing.interval
      : changes.interval && { id: intervalId(all, changes.interval), every: changes.interval.every, period: changes.interval.period };
  const crontab: Crontab | null =
    crontabInput === undefined ? existing.crontab : crontabInput && { id: crontabId(all, crontabInput), ...crontabInput };
  // Conflict crego-one-schedule-fields: the refusal names both fields, as the model's check names
  // the fields it is about. A PATCH that sends one as null is checked here, against the stored other.
  if (!interval && !crontab) {
    const violations = ["/interval", "/crontab"].map((at) => ruleViolation(at, NO_SCHEDULE, RULES.noSchedule, "body", { value: null }));
    return fail(400, "validation", NO_SCHEDULE, { violations });
  }

  const updated: Schedule = { ...existing, ...changes, ...times, interval, crontab, date_changed: drfNow(c.clock.now()) };
  // django-celery-beat's PeriodicTask.save(): a disabled task forgets when it last ran.
  if (!updated.enabled) updated.last_run_at = null;
  return ok(200, schedules(c).put(updated));
}

/** django-celery-beat's field defaults for an omitted crontab field: `*`, and UTC. */
function withCrontabDefaults(input: CrontabInput): Omit<Crontab, "id"> {
  return {
    minute: input.minute ?? "*",
    hour: input.hour ?? "*",
    day_of_week: input.day_of_week ?? "*",
    day_of_month: input.day_of_month ?? "*",
    month_of_year: input.month_of_year ?? "*",
    timezone: input.timezone ?? "UTC",
  };
}

/*
 * Interval and crontab schedules are rows of their own in django-celery-beat, reused by every
 * task with the same values (`from_schedule`'s get-or-create). The fixture stores them inside
 * the scheduled tasks, so the known rows are those the scheduled tasks hold now.
 */

function intervalId(all: Schedule[], input: Schemas["IntervalInput"]): number {
  const same = all.find((s) => s.interval?.every === input.every && s.interval.period === input.period);
  return same?.interval?.id ?? nextId(all.map((s) => s.interval?.id));
}

function crontabId(all: Schedule[], input: Omit<Crontab, "id">): number {
  const same = all.find((s) => {
    const stored = s.crontab;
    return stored !== null && (Object.keys(input) as (keyof typeof input)[]).every((key) => stored[key] === input[key]);
  });
  return same?.crontab?.id ?? nextId(all.map((s) => s.crontab?.id));
}

function nextId(ids: (number | undefined)[]): number {
  return ids.reduce<number>((max, id) => Math.max(max, id ?? 0), 0) + 1;
}
