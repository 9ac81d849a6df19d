// The client under test is schedule-sync's (../schedule-sync/clients.ts), pointed at this test
// file's session: nothing in it knows about sessions, only its base URL changes.
import type { TaskmockSession } from "taskmock/vitest";
import { aworkClient, omniClient } from "../schedule-sync/clients.js";

export const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
export const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/** The awork fixture's task schedule, user and task (the seed's shared id). */
export const AWORK_SEED = "123e4567-e89b-12d3-a456-426614174000";
/** The Omni fixtures hold 7 schedules of CONNECTION. */
export const FIXTURE_SCHEDULES = 7;
/** The server's clock at the start of every test (globalSetup.ts). */
export const START = "2026-01-01T00:00:00.000Z";

export const omniOf = (tm: TaskmockSession, token = "taskmock-admin") => omniClient({ baseUrl: tm.url("omni"), token, retryDelayMs: () => 0 });
export const aworkOf = (tm: TaskmockSession) => aworkClient({ baseUrl: tm.url("awork"), token: "taskmock-admin", retryDelayMs: () => 0 });
