// The client's integration tests, written once and run against the mock two ways: in-process
// (no port) and over a port (the CLI, as CI runs it). The last two tests ask the mock whether
// the client kept the contract (verify) and how much of it the tests reached (coverage).
import { expect, test } from "vitest";
import { ApiError, aworkClient, omniClient } from "./clients.js";
import { refreshBeforeTask } from "./plan.js";

export interface MockUnderTest {
  /** The mock's base URL for a vendor: `http://127.0.0.1:4010/omni`. */
  baseUrl(vendor: "omni" | "awork"): string;
  /** Routes the client in-process; undefined over a port. */
  fetch?: (request: Request) => Promise<Response>;
  /** Calls the mock's admin API. */
  admin(path: string, init?: RequestInit): Promise<Response>;
}

export const CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const SEED_SCHEDULE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/** The awork fixture's user and task (the seed's shared id). */
const AWORK_SEED = "123e4567-e89b-12d3-a456-426614174000";

export function clientTests(mock: () => MockUnderTest): void {
  const omni = (token = "taskmock-admin") =>
    omniClient({ baseUrl: mock().baseUrl("omni"), token, retryDelayMs: () => 0, ...fetchOf(mock()) });
  const awork = () => aworkClient({ baseUrl: mock().baseUrl("awork"), token: "taskmock-admin", retryDelayMs: () => 0, ...fetchOf(mock()) });

  test("lists an Omni connection's schedules", async () => {
    const schedules = await omni().list(CONNECTION);
    expect(schedules.map((s) => s.scheduleId)).toContain(SEED_SCHEDULE);
  });

  test("creates, reads, updates and deletes an Omni schedule", async () => {
    const created = await omni().create(CONNECTION, { schedule: "00 09 * * ? *", timezone: "America/New_York" });
    expect(created).toMatchObject({ connectionId: CONNECTION, schedule: "00 09 * * ? *", description: "At 09:00 AM EST" });
    expect(await omni().get(CONNECTION, created.scheduleId)).toEqual(created);
    const updated = await omni().update(CONNECTION, created.scheduleId, { schedule: "00 18 ? * MON-FRI *", timezone: "Europe/London" });
    expect(updated.description).toContain("06:00 PM");
    await omni().remove(CONNECTION, created.scheduleId);
    const gone = await omni()
      .get(CONNECTION, created.scheduleId)
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ApiError);
    expect(gone).toMatchObject({ status: 404, body: { error: "Not Found" } });
  });

  test("a read-only token may not write: the client surfaces Omni's 403", async () => {
    const refused = await omni("taskmock-readonly")
      .create(CONNECTION, { schedule: "00 09 * * ? *", timezone: "UTC" })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, body: { error: "Forbidden" } });
  });

  test("retries Omni's 503 once (a fault rule answers 503 one time)", async () => {
    const fault = await mock().admin("/__admin/faults", {
      method: "POST",
      body: JSON.stringify({ vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503, times: 1 }),
    });
    expect(fault.status).toBe(201);
    expect((await omni().list(CONNECTION)).length).toBeGreaterThan(0);
    // The client saw the 503, and its one retry got the list: the last two reads in the journal.
    const journal = await mock().admin("/__admin/requests?operationId=listSchemaRefreshSchedules");
    const { requests } = (await journal.json()) as { requests: { status: number }[] };
    expect(requests.slice(-2).map((entry) => entry.status)).toEqual([503, 200]);
  });

  test("creates, pages, updates and deletes an awork task schedule", async () => {
    const input = { taskId: AWORK_SEED, userId: AWORK_SEED, startDate: "2026-03-02T09:00:00Z", endDate: "2026-03-02T11:30:00Z" };
    const created = await awork().create(input);
    expect(created).toMatchObject({ ...input, plannedDuration: 9000 });
    const page = await awork().list(1, 2);
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const moved = await awork().update(created.id, { endDate: "2026-03-02T10:00:00Z" });
    expect(moved.plannedDuration).toBe(3600);
    await awork().remove(created.id);
    await expect(awork().get(created.id)).rejects.toMatchObject({ status: 404 });
  });

  test("surfaces awork's validation errors (a fault rule forces the 400 for a valid request)", async () => {
    await mock().admin("/__admin/faults", {
      method: "POST",
      body: JSON.stringify({ vendor: "awork", operationId: "createTaskSchedule", status: 400, times: 1 }),
    });
    const input = { taskId: AWORK_SEED, userId: AWORK_SEED, startDate: "2026-03-02T09:00:00Z", endDate: "2026-03-02T10:00:00Z" };
    const refused = await awork()
      .create(input)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, body: { code: expect.any(String) } });
  });

  test("plans an Omni refresh an hour before an awork task schedule, once", async () => {
    const first = await refreshBeforeTask(omni(), awork(), CONNECTION, AWORK_SEED);
    expect(first).toMatchObject({ schedule: "00 08 * * ? *", timezone: "UTC", description: "At 08:00 AM UTC" });
    const again = await refreshBeforeTask(omni(), awork(), CONNECTION, AWORK_SEED);
    expect(again.scheduleId).toBe(first.scheduleId);
  });

  test("verify: no request of the client broke the contract", async () => {
    const report = (await (await mock().admin("/__admin/verify")).json()) as { ok: boolean; requests: number; violations: unknown[] };
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.requests).toBeGreaterThan(15);
  });

  test("coverage: every Omni operation and most of awork's were reached", async () => {
    const res = await mock().admin("/__admin/coverage?vendor=omni,awork&min-operations=80&min-statuses=20");
    const report = (await res.json()) as {
      vendors: { vendor: string; operations: { reached: number; total: number } }[];
      thresholds: { ok: boolean; failures: string[] };
    };
    expect(report.vendors.map((v) => [v.vendor, v.operations.reached, v.operations.total])).toEqual([
      ["omni", 5, 5],
      ["awork", 5, 6],
    ]);
    expect(report.thresholds).toMatchObject({ ok: true, failures: [] });
  });
}

function fetchOf(mock: MockUnderTest): { fetch?: (request: Request) => Promise<Response> } {
  return mock.fetch ? { fetch: mock.fetch } : {};
}
