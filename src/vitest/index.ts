// taskmock/vitest: each test file its own session of the one server the global setup started
// (taskmock/vitest/setup), in the way MSW's setupServer is used. `useTaskmock()` at the top of a
// test file answers the session (its base URL per vendor and its admin calls) and registers the
// hooks: the session is created before the file's tests, brought back to its start before each
// test, and checked against the contract after the last one. Test files run in parallel against
// one server without seeing each other's records, clock, journal or fault rules.
import { createHash } from "node:crypto";
import { relative } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, inject } from "vitest";
import { connectSession, sessionClient, sessionUrls, type TaskmockSession } from "../http/client.js";
import type { TaskmockProvided } from "./provided.js";

export type { TaskmockProvided } from "./provided.js";
export type { TaskmockSession } from "../http/client.js";

export interface UseTaskmockOptions {
  /** The session's id; default: one of this test file's own (its path, a hash of it, and the worker). */
  id?: string;
  /**
   * Before each test, bring the session back to its start (default true): records back to the
   * fixtures, the journal empty, no fault rule, no maintenance window, and the clock back to the
   * server's fixed start (a real-time clock is left as it is).
   */
  reset?: boolean;
  /**
   * After the file's last test, fail when a request of the file broke the contract (default
   * true; `{ strict: true }` counts ignored body properties too). The record verify reads
   * survives the resets.
   */
  verify?: boolean | { strict?: boolean };
}

/** This test file's session of the server taskmock/vitest/setup started. Call it once, at the top of a test file. */
export function useTaskmock(options: UseTaskmockOptions = {}): TaskmockSession {
  const provided = inject("taskmock") as TaskmockProvided | undefined;
  if (!provided) throw new Error('taskmock/vitest: no taskmock server; add "taskmock/vitest/setup" (or a global setup file of your own) to test.globalSetup');
  const id = options.id ?? fileSessionId(provided.root);
  const session = sessionClient({ origin: provided.url, id, ...sessionUrls(provided.url, id, provided.vendors, provided.rootVendor) });

  beforeAll(async () => {
    // Created explicitly: an id that went (deleted, expired) starts afresh instead of answering 410.
    await connectSession(provided.url, id);
  });
  if (options.reset !== false) beforeEach(() => restart(session, provided.clock));
  if (options.verify !== false) {
    const strict = typeof options.verify === "object" && options.verify.strict === true;
    afterAll(async () => {
      const report = await session.verify({ strict });
      if (!report.ok) throw new Error(`taskmock: the requests of ${id} broke the contract\n${await session.verifyText({ strict })}`);
    });
  }
  return session;
}

/** The session back to its start: no fault rule or maintenance window, the clock at its start, the records reset. */
export async function restart(session: TaskmockSession, clock?: string): Promise<void> {
  await Promise.all([session.faults.clear(), session.maintenance.clear(), clock === undefined ? undefined : session.clock.set(clock)]);
  // After the clock: a reset starts the scheduled work's timeline over from the clock's time.
  await session.reset();
}

/** A session id of this test file: readable, unique per file (a hash of its path) and per worker (a file run again gets a fresh one). */
export function fileSessionId(root: string): string {
  const path = expect.getState().testPath ?? "";
  const name = relative(root, path) || path;
  const readable = name.replace(/\.[cm]?[jt]sx?$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(-36);
  const hash = createHash("sha256").update(path).digest("hex").slice(0, 8);
  return `${readable}-${hash}-w${process.env["VITEST_WORKER_ID"] ?? "0"}`.slice(-64);
}
