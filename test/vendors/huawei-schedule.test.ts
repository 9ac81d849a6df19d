// Huawei Workspace scheduled runs driven by the mock's clock: each fire time a clock move passes
// adds an execution (WAITING at the fire time, RUNNING a second later, SUCCESS two minutes after
// that) with one sub-task per target server, a SERVER_GROUP expanded to its servers; the task's
// last_status follows it; DELETE answers 409 while it runs. Disabled and expired tasks do not
// run, FIXED_TIME runs once, a long jump stays bounded. Also the realism a client can switch on:
// maintenance windows (503 + Retry-After) and the absence of documented rate limits.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CronExpressionParser } from "cron-parser";
import { beforeEach, describe, expect, test } from "vitest";
import { createMock, createMockServer, type MockApp } from "../../src/index.js";
import { type Row, Store, StoreBase } from "../../src/store/store.js";
import { huawei } from "../../src/vendors/huawei/index.js";
import { MAX_RUNS_PER_MOVE, schedule } from "../../src/vendors/huawei/runs.js";
import { runsAfter, runsBetween, type Schedule, wallClockInstant } from "../../src/vendors/huawei/schedule.js";
import { ROOT } from "../helpers/specs.js";
import { request } from "../helpers/http.js";

const PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";
const SERVER = "3f791197-d166-4c8e-81e4-38c40ffc1989"; // aps-design-01
const SERVER_2 = "90a847da-7bbd-439b-a2f9-dd084669b67f"; // aps-design-02
const DESIGN_GROUP = "0b6f7b0e-2c7d-4a43-9d0a-2f1c8e5a9b31"; // sg-design-tools
const EMPTY_GROUP = "18353da2-7983-4f34-82c8-f2f06b8ae4bb"; // sg-marketing: no server
const RUNNING_TASK = "532d64f9-6ebf-452e-9196-d14e7a06ab01";
const RUNNING_EXECUTION = "57ea3705-00f9-4777-96ba-f98710690745";
const DISABLED_WEEKLY = "6161003a-6754-454b-af56-7095169f2f91";
const EXPIRED_DAILY = "318f1f5a-5f8e-4064-8c23-2d5dbb1eedc3"; // 06:30 Shanghai, expires 2026-01-31T15:59:59Z
const LATE_WEEKLY = "466eee4d-0e44-4f4f-97f4-d7ddc1652aba"; // Sundays 01:00 Shanghai, created 2026-02-01T02:00Z
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const START = "2026-01-01T00:00:00Z"; // 08:00 on Thursday in Shanghai

const tasksPath = `/v1/${PROJECT}/schedule-task`;
const taskPath = (id: string) => `${tasksPath}/${id}`;

/** Restart aps-design-01 every day at 03:00 in Shanghai (19:00 UTC the day before). */
const daily = {
  task_name: "nightly_restart",
  task_type: "RESTART_SERVER",
  scheduled_type: "DAY",
  day_interval: 1,
  scheduled_time: "03:00:00",
  time_zone: "Asia/Shanghai",
  target_infos: [{ target_type: "SERVER", target_id: SERVER }],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
type Json = any;

function client(app: MockApp) {
  async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { "x-auth-token": "taskmock-admin" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await request(app, path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text === "" ? undefined : JSON.parse(text)) as Json };
  }
  async function admin(method: string, path: string, body?: unknown) {
    const res = await request(app, `/__admin/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} /__admin/${path}`).toBeLessThan(300);
  }
  return {
    call,
    advance: (duration: string) => admin("POST", "clock", { advance: duration }),
    setClock: (time: string) => admin("POST", "clock", { set: time }),
    admin,
    /** A task as the list shows it (with last_status and next_execution_time). */
    async listed(id: string): Promise<Json> {
      return (await call("GET", `${tasksPath}?limit=100`)).body.items.find((t: { id: string }) => t.id === id);
    },
    /** Every execution of a task, latest first. */
    async history(id: string): Promise<Json[]> {
      return (await call("GET", `${taskPath(id)}/execute-history?limit=100`)).body.items;
    },
    async details(executionId: string): Promise<Json[]> {
      return (await call("GET", `${taskPath(executionId)}/execute-detail?limit=100`)).body.items;
    },
    async create(body: unknown): Promise<string> {
      const res = await call("POST", tasksPath, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.id;
    },
  };
}

const app = createMockServer({ vendor: "huawei", seed: 7, clock: START, report: () => {} });
const { call, advance, setClock, admin, listed, history, details, create } = client(app);

// The clock goes back first: a reset runs the scheduled work from the clock's time, and a clock
// set back runs nothing until it passes the time already run through.
beforeEach(async () => {
  await setClock(START);
  await admin("POST", "reset");
  await admin("DELETE", "maintenance");
});

describe("a run, as the clock passes a fire time", () => {
  test("advancing a day runs the task once: an execution and its sub-task, SUCCESS, and last_status", async () => {
    const id = await create(daily);
    expect(await history(id)).toEqual([]);
    await advance("P1D");
    const runs = await history(id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toEqual({
      id: expect.stringMatching(UUID),
      task_id: id,
      task_type: "RESTART_SERVER",
      status: "SUCCESS",
      scheduled_type: "DAY",
      total_count: 1,
      success_count: 1,
      failed_count: 0,
      excuting_count: 0,
      time_zone: "Asia/Shanghai",
      create_time: "2026-01-01T19:00:00.000Z",
      begin_time: "2026-01-01T19:00:01.000Z",
      end_time: "2026-01-01T19:02:01.000Z",
    });
    expect(await details(runs[0].id)).toEqual([
      {
        id: expect.stringMatching(UUID),
        execute_id: runs[0].id,
        server_id: SERVER,
        server_name: "aps-design-01",
        status: "SUCCESS",
        task_type: "RESTART_SERVER",
        time_zone: "Asia/Shanghai",
        begin_time: "2026-01-01T19:00:01.000Z",
        end_time: "2026-01-01T19:02:01.000Z",
      },
    ]);
    expect(await listed(id)).toMatchObject({ last_status: "SUCCESS", next_execution_time: "2026-01-03 03:00:00" });
  });

  test("WAITING at the fire time, RUNNING one second later (DELETE 409, batch skips it), SUCCESS two minutes after", async () => {
    const id = await create(daily);
    await setClock("2026-01-01T19:00:00Z");
    let [run] = await history(id);
    expect(run).toMatchObject({ status: "WAITING", total_count: 1, success_count: 0, excuting_count: 0 });
    expect(run).not.toHaveProperty("begin_time");
    expect((await details(run.id))[0]).toMatchObject({ status: "WAITING", server_id: SERVER });
    expect((await details(run.id))[0]).not.toHaveProperty("begin_time");
    expect((await listed(id)).last_status).toBe("WAITING");

    await advance("PT1S");
    [run] = await history(id);
    expect(run).toMatchObject({ status: "RUNNING", begin_time: "2026-01-01T19:00:01.000Z", excuting_count: 1, success_count: 0 });
    expect(run).not.toHaveProperty("end_time");
    expect((await details(run.id))[0]).toMatchObject({ status: "RUNNING", begin_time: "2026-01-01T19:00:01.000Z" });
    expect((await listed(id)).last_status).toBe("RUNNING");
    const refused = await call("DELETE", taskPath(id));
    expect(refused).toMatchObject({ status: 409, body: { error_code: "WKS.00211103" } });
    expect((await call("POST", `${tasksPath}/actions/batch-delete`, { items: [id] })).status).toBe(200);
    expect(await listed(id)).toBeDefined();

    await advance("PT1M59S");
    expect((await history(id))[0].status).toBe("RUNNING");
    await advance("PT1S");
    [run] = await history(id);
    expect(run).toMatchObject({ status: "SUCCESS", end_time: "2026-01-01T19:02:01.000Z", excuting_count: 0, success_count: 1 });
    expect((await details(run.id))[0]).toMatchObject({ status: "SUCCESS", end_time: "2026-01-01T19:02:01.000Z" });
    expect((await listed(id)).last_status).toBe("SUCCESS");

    // The next day's run makes the task WAITING again; once it is over the task can be deleted.
    await setClock("2026-01-02T19:00:00Z");
    expect((await listed(id)).last_status).toBe("WAITING");
    await advance("PT5M");
    expect((await call("DELETE", taskPath(id))).status).toBe(200);
    expect((await call("GET", `${taskPath(run.id)}/execute-detail`)).status).toBe(404);
  });

  test("small clock steps run each fire time once, as one long step does", async () => {
    const id = await create(daily);
    for (let i = 0; i < 8; i++) await advance("PT6H");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-01-02T19:00:00.000Z", "2026-01-01T19:00:00.000Z"]);
  });

  test("a PATCH during a run sets WAITING, and that run no longer moves last_status", async () => {
    const id = await create(daily);
    await setClock("2026-01-01T19:00:30Z");
    expect((await listed(id)).last_status).toBe("RUNNING");
    expect((await call("PATCH", taskPath(id), { description: "changed while running" })).body.last_status).toBe("WAITING");
    await advance("PT5M");
    expect((await history(id))[0].status).toBe("SUCCESS");
    expect((await listed(id)).last_status).toBe("WAITING");
  });

  test("runs follow the schedule in its zone, in time order across tasks, at the times future-executions announced", async () => {
    const weekly = {
      ...daily,
      task_name: "mon_wed_fri",
      scheduled_type: "WEEK",
      week_list: "2,4,6",
      scheduled_time: "07:30:00",
      time_zone: "Europe/Berlin",
    };
    delete (weekly as { day_interval?: number }).day_interval;
    const announced = await call("POST", `${tasksPath}/future-executions`, {
      scheduled_type: "WEEK",
      week_list: "2,4,6",
      scheduled_time: "07:30:00",
      time_zone: "Europe/Berlin",
    });
    const a = await create(daily);
    const b = await create(weekly);
    await advance("P14D");
    const dailyRuns = await history(a);
    expect(dailyRuns).toHaveLength(14);
    expect(dailyRuns.map((h) => h.create_time)).toEqual(
      Array.from({ length: 14 }, (_, i) => new Date(Date.parse("2026-01-01T19:00:00Z") + (13 - i) * 86_400_000).toISOString()),
    );
    // Friday 2, Monday 5, Wednesday 7, Friday 9, Monday 12, Wednesday 14 January at 07:30 in Berlin (06:30 UTC).
    const days = ["2026-01-02", "2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12", "2026-01-14"];
    expect((await history(b)).map((h) => h.create_time).reverse()).toEqual(days.map((d) => `${d}T06:30:00.000Z`));
    expect(announced.body.future_executions).toEqual(days.slice(0, 5).map((d) => `${d} 07:30:00`));
    // The store took the new executions in time order, whichever task they belong to.
    const dump = (await (await request(app, "/__admin/state/huawei")).json()) as Record<string, Record<string, Json[]>>;
    const added = (dump["execute_histories"]?.[PROJECT] ?? []).filter((h) => h.task_id === a || h.task_id === b).map((h) => h.create_time);
    expect(added).toHaveLength(20);
    expect(added).toEqual([...added].sort());
  });

  test("MONTH with L runs on the last day of each listed month, in the task's zone", async () => {
    const id = await create({ ...daily, scheduled_type: "MONTH", month_list: "1,2", date_list: "L", scheduled_time: "23:00:00" });
    await setClock("2026-03-31T00:00:00Z");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-02-28T15:00:00.000Z", "2026-01-31T15:00:00.000Z"]);
  });

  test("FIXED_TIME runs once", async () => {
    const id = await create({ ...daily, scheduled_type: "FIXED_TIME", scheduled_date: "2026-01-05", scheduled_time: "10:00:00" });
    expect((await listed(id)).task_cron).toBe("0 0 10 5 1 ? 2026");
    await advance("P30D");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-01-05T02:00:00.000Z"]);
    expect(await listed(id)).not.toHaveProperty("next_execution_time");
    await advance("P400D");
    expect(await history(id)).toHaveLength(1);
  });
});

describe("what stops runs", () => {
  test("is_enable false stops runs; enabling again resumes them", async () => {
    const id = await create(daily);
    expect((await call("PATCH", taskPath(id), { is_enable: false })).status).toBe(200);
    await advance("P3D");
    expect(await history(id)).toEqual([]);
    expect((await listed(id)).last_status).toBe("WAITING");
    expect((await call("PATCH", taskPath(id), { is_enable: true })).status).toBe(200);
    await advance("P1D");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-01-04T19:00:00.000Z"]);
    // The fixture's disabled weekly task keeps the executions it had.
    const before = (await history(DISABLED_WEEKLY)).length;
    await advance("P21D");
    expect(await history(DISABLED_WEEKLY)).toHaveLength(before);
  });

  test("expire_time stops runs: the last one is the last fire time before it, and a past expire_time runs nothing", async () => {
    const before = (await history(EXPIRED_DAILY)).length;
    await setClock("2026-03-01T00:00:00Z");
    const runs = await history(EXPIRED_DAILY);
    // 06:30 in Shanghai on 2 to 31 January; expire_time is 23:59:59 on the 31st there.
    expect(runs).toHaveLength(before + 30);
    expect(runs[0].create_time).toBe("2026-01-30T22:30:00.000Z");
    expect(await listed(EXPIRED_DAILY)).not.toHaveProperty("next_execution_time");

    const id = await create(daily);
    expect((await call("PATCH", taskPath(id), { expire_time: "2026-02-01T00:00:00Z" })).status).toBe(200);
    await advance("P7D");
    expect(await history(id)).toEqual([]);
  });

  test("no run before the task was created, and next_execution_time agrees", async () => {
    // Created on Sunday 2026-02-01 at 10:00 in Shanghai: its first Sunday 01:00 is 8 February.
    expect((await listed(LATE_WEEKLY)).next_execution_time).toBe("2026-02-08 01:00:00");
    const before = (await history(LATE_WEEKLY)).length;
    await setClock("2026-02-07T00:00:00Z");
    expect(await history(LATE_WEEKLY)).toHaveLength(before);
    await advance("P1D");
    const added = (await history(LATE_WEEKLY)).filter((h) => h.create_time < "2026-02-08");
    expect(added).toMatchObject([{ create_time: "2026-02-07T17:00:00.000Z", status: "SUCCESS" }]);
  });
});

describe("a clock move with nothing due skips the tasks, and misses no write", () => {
  test("a task created, or changed, after the clock last looked runs at its own times", async () => {
    // Two moves: the first looks at every task, the second finds nothing due.
    await advance("PT1H");
    await advance("PT1H"); // 02:00Z, 10:00 in Shanghai
    const id = await create({ ...daily, scheduled_time: "10:30:00" });
    await advance("PT40M");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-01-01T02:30:00.000Z"]);
    // Moved to 10:50 today, after a move that found nothing due.
    expect((await call("PATCH", taskPath(id), { scheduled_time: "10:50:00" })).status).toBe(200);
    await advance("PT15M");
    expect((await history(id)).map((h) => h.create_time)).toEqual(["2026-01-01T02:50:00.000Z", "2026-01-01T02:30:00.000Z"]);
    expect((await listed(id)).next_execution_time).toBe("2026-01-02 10:50:00");
  });

  test("two days in 20-minute steps end where one two-day move does, fixtures and new tasks alike", async () => {
    /** Every task's last_status, and every execution by task and time: ids come from the seeded generator in request order. */
    const outcome = async () => {
      const dump = (await (await request(app, "/__admin/state/huawei")).json()) as Record<string, Record<string, Json[]>>;
      const tasks = (dump["schedule_tasks"]?.[PROJECT] ?? []).map((t) => [t.task_name, t.last_status]);
      const runs = (dump["execute_histories"]?.[PROJECT] ?? []).map((h) => [h.task_type, h.create_time, h.status, h.begin_time, h.end_time]);
      return { tasks, runs: runs.sort() };
    };
    const schedules = [
      daily,
      { ...daily, task_name: "every_third_day", day_interval: 3, scheduled_time: "00:20:00" },
      { ...daily, task_name: "fixed", scheduled_type: "FIXED_TIME", scheduled_date: "2026-01-02", scheduled_time: "12:00:00" },
    ];
    for (const body of schedules) await create(body);
    await advance("P2D");
    const oneMove = await outcome();
    await setClock(START);
    await admin("POST", "reset");
    for (const body of schedules) await create(body);
    for (let i = 0; i < 2 * 72; i++) await advance("PT20M");
    expect(await outcome()).toEqual(oneMove);
  });
});

describe("the clock, set back and moved on", () => {
  test("a clock set back and moved forward again runs no fire time twice", async () => {
    const id = await create(daily);
    await advance("P2D");
    await setClock(START);
    await advance("P3D");
    expect((await history(id)).map((h) => h.create_time)).toEqual([
      "2026-01-03T19:00:00.000Z",
      "2026-01-02T19:00:00.000Z",
      "2026-01-01T19:00:00.000Z",
    ]);
  });

  test("a run replaces the records it moves on: a record read before it keeps what it said", () => {
    const mock = createMock({ vendors: [huawei], seed: 7, clock: "2026-05-22T03:59:00Z", report: () => {} });
    const executions = () => (mock.state("huawei")["execute_histories"] as Record<string, Row[]>)[PROJECT] ?? [];
    const before = executions().find((h) => h["id"] === RUNNING_EXECUTION);
    mock.clock.advance(120_000);
    expect(before).toMatchObject({ status: "RUNNING" });
    expect(Object.isFrozen(before)).toBe(true);
    expect(executions().find((h) => h["id"] === RUNNING_EXECUTION)).toMatchObject({ status: "SUCCESS" });
  });
});

describe("when a record next has work (dueAfter, asked by the core's scheduler)", () => {
  const state = new Store(new StoreBase({}));
  const task = {
    id: "task",
    task_name: "nightly",
    task_type: "RESTART_SERVER",
    scheduled_type: "DAY",
    day_interval: 1,
    scheduled_time: "03:00:00",
    time_zone: "Asia/Shanghai",
    is_enable: true,
    last_status: "WAITING",
    task_cron: "0 0 3 */1 * ?",
    create_time: START,
    update_time: START,
    target_infos: [],
  };
  const execution = {
    id: "execution",
    task_id: "task",
    task_type: "RESTART_SERVER",
    scheduled_type: "DAY",
    total_count: 1,
    success_count: 0,
    failed_count: 0,
    excuting_count: 0,
    time_zone: "Asia/Shanghai",
    create_time: "2026-01-01T19:00:00.000Z",
  };
  const cases: [string, string, Row, string, string | undefined][] = [
    ["an enabled task: its next fire time", "schedule_tasks", task, START, "2026-01-01T19:00:00.000Z"],
    ["a task: the fire time after the one at `after`", "schedule_tasks", task, "2026-01-01T19:00:00Z", "2026-01-02T19:00:00.000Z"],
    ["a disabled task: never", "schedule_tasks", { ...task, is_enable: false }, START, undefined],
    ["an expired task: never", "schedule_tasks", { ...task, expire_time: "2026-01-01T18:00:00Z" }, START, undefined],
    [
      "a task created later: its first fire time after its creation",
      "schedule_tasks",
      { ...task, create_time: "2026-01-05T00:00:00Z" },
      START,
      "2026-01-05T19:00:00.000Z",
    ],
    ["a WAITING execution: its start", "execute_histories", { ...execution, status: "WAITING" }, START, "2026-01-01T19:00:01.000Z"],
    [
      "a RUNNING execution: its end",
      "execute_histories",
      { ...execution, status: "RUNNING", begin_time: "2026-01-01T19:00:01.000Z" },
      "2026-01-01T19:00:01Z",
      "2026-01-01T19:02:01.000Z",
    ],
    ["a WAITING execution whose start is past: never", "execute_histories", { ...execution, status: "WAITING" }, "2026-01-02T00:00:00Z", undefined],
    ["a finished execution: never", "execute_histories", { ...execution, status: "SUCCESS" }, START, undefined],
    ["a sub-task: never (its execution moves it)", "execute_details", { id: "detail", execute_id: "execution", status: "WAITING" }, START, undefined],
    ["a server: never", "servers", { id: SERVER, name: "aps-design-01" }, START, undefined],
  ];
  test.each(cases)("%s", (_name, collection, record, after, due) => {
    const at = schedule.dueAfter(collection, record, Date.parse(after), state);
    expect(Number.isFinite(at) ? new Date(at).toISOString() : undefined).toBe(due);
  });
});

describe("batch delete", () => {
  test("takes 1 to 20 ids: an empty list is a 400 and deletes nothing", async () => {
    const id = await create(daily);
    const res = await call("POST", `${tasksPath}/actions/batch-delete`, { items: [] });
    expect(res).toMatchObject({ status: 400, body: { error_msg: "The parameter is invalid. items: must NOT have fewer than 1 items" } });
    expect(await listed(id)).toBeDefined();
    expect((await call("POST", `${tasksPath}/actions/batch-delete`, { items: [id, "no-such-task"] })).status).toBe(200);
    expect(await listed(id)).toBeUndefined();
  });
});

describe("targets and fixtures", () => {
  /** The fixtures with aps-design-01..04 in sg-design-tools (Server.server_group_id). */
  function groupedFixtures(): string {
    const fixture = JSON.parse(readFileSync(join(ROOT, "fixtures", "huawei.json"), "utf8"));
    for (const server of fixture.collections.servers.records[PROJECT] as { name: string; server_group_id?: string }[]) {
      if (server.name.startsWith("aps-design-")) server.server_group_id = DESIGN_GROUP;
    }
    const dir = mkdtempSync(join(tmpdir(), "taskmock-huawei-"));
    writeFileSync(join(dir, "huawei.json"), JSON.stringify(fixture));
    return dir;
  }

  test("a SERVER_GROUP target runs on the servers whose server_group_id is the group, each server once", async () => {
    const grouped = createMockServer({ vendor: "huawei", seed: 7, clock: START, fixtureDir: groupedFixtures(), report: () => {} });
    const g = client(grouped);
    const id = await g.create({
      ...daily,
      target_infos: [
        { target_type: "SERVER", target_id: SERVER_2 },
        { target_type: "SERVER_GROUP", target_id: DESIGN_GROUP },
      ],
    });
    const empty = await g.create({
      ...daily,
      task_name: "empty_group",
      target_infos: [{ target_type: "SERVER_GROUP", target_id: EMPTY_GROUP }],
    });
    await g.advance("P1D");
    const [run] = await g.history(id);
    expect(run).toMatchObject({ status: "SUCCESS", total_count: 4, success_count: 4, failed_count: 0, excuting_count: 0 });
    expect((await g.details(run.id)).map((d) => d.server_name)).toEqual([
      "aps-design-02",
      "aps-design-01",
      "aps-design-03",
      "aps-design-04",
    ]);
    // A group with no server: an execution with nothing to do.
    const [none] = await g.history(empty);
    expect(none).toMatchObject({ status: "SUCCESS", total_count: 0, success_count: 0 });
    expect(await g.details(none.id)).toEqual([]);
  });

  test("an execution the fixtures leave RUNNING finishes two minutes after its begin_time", async () => {
    const later = createMockServer({ vendor: "huawei", seed: 7, clock: "2026-05-22T03:59:00Z", report: () => {} });
    const l = client(later);
    expect((await l.call("DELETE", taskPath(RUNNING_TASK))).status).toBe(409);
    await l.advance("PT1M");
    expect((await l.history(RUNNING_TASK))[0]).toMatchObject({ id: RUNNING_EXECUTION, status: "RUNNING" });
    await l.advance("PT1M");
    expect((await l.history(RUNNING_TASK))[0]).toMatchObject({
      id: RUNNING_EXECUTION,
      status: "SUCCESS",
      success_count: 3,
      excuting_count: 0,
      end_time: "2026-05-22T04:00:00.312Z",
    });
    expect((await l.details(RUNNING_EXECUTION)).map((d) => d.status)).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
    expect((await l.listed(RUNNING_TASK)).last_status).toBe("SUCCESS");
    expect((await l.call("DELETE", taskPath(RUNNING_TASK))).status).toBe(200);
  });

  test(`a jump of ten years stays bounded: at most the latest ${MAX_RUNS_PER_MOVE} runs of a task`, async () => {
    const id = await create(daily);
    await advance("P3650D"); // to 2035-12-30T00:00Z
    const first = await call("GET", `${taskPath(id)}/execute-history?limit=1`);
    expect(first.body.count).toBe(MAX_RUNS_PER_MOVE);
    expect(first.body.items[0].create_time).toBe("2035-12-29T19:00:00.000Z");
    const last = await call("GET", `${taskPath(id)}/execute-history?limit=1&offset=${MAX_RUNS_PER_MOVE - 1}`);
    expect(last.body.items[0].create_time).toBe(new Date(Date.parse("2035-12-29T19:00:00Z") - 399 * 86_400_000).toISOString());
  });

  test("a jump's runs (found walking back from its end) are the runs next_execution_time steps through, across daylight-saving changes", () => {
    const shapes = [
      { scheduled_type: "DAY", day_interval: 1 },
      { scheduled_type: "DAY", day_interval: 3, scheduled_date: "2025-03-02" },
      { scheduled_type: "WEEK", week_list: "1,7" },
      { scheduled_type: "MONTH", month_list: "3,10,11", date_list: "1,8,25,29,L" },
    ] as const;
    // Both zones change their clocks in these windows (Berlin 29 March and 25 October, New York 8 March and 1 November).
    const windows = [
      ["2026-03-01T00:00:00Z", "2026-04-02T00:00:00Z"],
      ["2026-10-20T00:00:00Z", "2026-11-05T00:00:00Z"],
    ] as const;
    for (const time_zone of ["Europe/Berlin", "America/New_York"])
      for (const scheduled_time of ["02:30:00", "01:30:00", "00:00:00"])
        for (const shape of shapes)
          for (const [from, to] of windows) {
            const schedule = { ...shape, time_zone, scheduled_time } as Schedule;
            const back = runsBetween(schedule, new Date(from), new Date(to), 1000, "2025-06-01").map((r) => r.toISOString());
            const forward = runsAfter(schedule, new Date(from), 100, "2025-06-01")
              .filter((r) => r <= new Date(to))
              .map((r) => r.toISOString());
            expect(back, `${JSON.stringify(schedule)} ${from}`).toEqual(forward);
            expect(back.length).toBeGreaterThan(0);
          }
  });
});

describe("the calendar walk against cron-parser", () => {
  /** The runs cron-parser's iterator gives a WEEK or MONTH schedule in its zone: the reference runsAfter keeps to. */
  function cronRuns(schedule: Schedule, after: Date, count: number): string[] {
    const [hour, minute, second] = schedule.scheduled_time.split(":").map(Number);
    const days =
      schedule.scheduled_type === "WEEK"
        ? `* * ${(schedule.week_list ?? "").split(",").map((d) => Number(d) - 1).join(",")}`
        : `${schedule.date_list} ${schedule.month_list} *`;
    let from = after;
    if (schedule.scheduled_date !== undefined) {
      const firstDay = new Date(wallClockInstant(schedule.scheduled_date, "00:00:00", schedule.time_zone).getTime() - 1);
      if (firstDay > from) from = firstDay;
    }
    const expire = schedule.expire_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.expire_time);
    const iterator = CronExpressionParser.parse(`${second} ${minute} ${hour} ${days}`, { tz: schedule.time_zone, currentDate: from });
    const runs: string[] = [];
    while (runs.length < count) {
      const run = iterator.next().toDate();
      if (run.getTime() > expire) break;
      runs.push(run.toISOString());
    }
    return runs;
  }

  test("runsAfter finds a WEEK or MONTH schedule's runs where cron-parser's iterator does, across offset changes, leap days, scheduled_date and expire_time", () => {
    const shapes = [
      { scheduled_type: "WEEK", week_list: "1,7" },
      { scheduled_type: "WEEK", week_list: "2,3,4,5,6" },
      { scheduled_type: "WEEK", week_list: "4", scheduled_date: "2026-03-20" },
      { scheduled_type: "MONTH", month_list: "3,10,11", date_list: "1,8,25,29,L" },
      { scheduled_type: "MONTH", month_list: "2", date_list: "29" },
      { scheduled_type: "MONTH", month_list: "1,4,7,10", date_list: "L", expire_time: "2027-08-01T00:00:00Z" },
      { scheduled_type: "MONTH", month_list: "1,2,3,4,5,6,7,8,9,10,11,12", date_list: "31" },
    ] as const;
    let compared = 0;
    for (const time_zone of ["Europe/Berlin", "America/New_York", "Asia/Shanghai", "America/Sao_Paulo"])
      for (const scheduled_time of ["02:30:00", "00:00:00", "23:59:59"])
        for (const shape of shapes)
          for (const after of ["2026-03-01T00:00:00Z", "2026-10-20T00:00:00Z", "2018-10-30T00:00:00Z"]) {
            const schedule = { ...shape, time_zone, scheduled_time } as Schedule;
            const found = runsAfter(schedule, new Date(after), 8, "2025-06-01").map((r) => r.toISOString());
            expect(found, `${JSON.stringify(schedule)} after ${after}`).toEqual(cronRuns(schedule, new Date(after), 8));
            compared += found.length;
          }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("wall-clock times in a zone", () => {
  /** What cron-parser answers, the reference wallClockInstant keeps to: the first matching instant from 15 hours before the UTC date. */
  function cronInstant(date: string, time: string, timeZone: string): string {
    const [, month, day] = date.split("-").map(Number);
    const [hour, minute, second] = time.split(":").map(Number);
    const currentDate = new Date(Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000);
    return CronExpressionParser.parse(`${second} ${minute} ${hour} ${day} ${month} *`, { tz: timeZone, currentDate }).next().toISOString() ?? "";
  }

  /** An answer, or the error thrown instead (cron-parser gives up on a date that never happens, Apia's 30 December 2011). */
  function outcome(answer: () => string): string {
    try {
      return answer();
    } catch (error) {
      return `throws ${(error as Error).message}`;
    }
  }

  /** The local dates either side of each change of the zone's UTC offset in a year, looked at day by day. */
  function changeDates(timeZone: string, year: number): string[] {
    const offset = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    const dates = new Set<string>();
    let previous: string | undefined;
    for (let day = Date.UTC(year, 0, 1, 12); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
      const now = offset.format(day).split(", ")[1];
      if (previous !== undefined && now !== previous)
        for (const d of [-2, -1, 0, 1]) dates.add(new Date(day + d * 86_400_000).toISOString().slice(0, 10));
      previous = now;
    }
    return [...dates];
  }

  test("wallClockInstant answers as cron-parser does around offset changes, skipped and repeated times included", () => {
    const zones: [string, number][] = [
      ["Europe/Berlin", 2026],
      ["America/New_York", 2026],
      ["America/Sao_Paulo", 2018], // changed at midnight
      ["Pacific/Apia", 2011], // skipped 30 December
      ["Africa/Casablanca", 2026], // off for Ramadan
      ["Europe/Dublin", 2026], // negative daylight saving in the rules
      ["Pacific/Chatham", 2026], // +12:45 / +13:45
    ];
    const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}:00`);
    times.push("02:59:59", "01:15:30");
    let compared = 0;
    for (const [zone, year] of zones) {
      const dates = changeDates(zone, year);
      expect(dates.length, zone).toBeGreaterThan(0);
      for (const date of dates)
        for (const time of times) {
          expect(outcome(() => wallClockInstant(date, time, zone).toISOString()), `${date} ${time} ${zone}`).toBe(
            outcome(() => cronInstant(date, time, zone)),
          );
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  test("where cron-parser gives up on a time that happens (Lord Howe, the day its clocks went back in 2026), the shortcut answers it", () => {
    // cron-parser throws "loop limit exceeded" for whole hours on 5 April 2026 there, hours after the change.
    expect(outcome(() => cronInstant("2026-04-05", "09:00:00", "Australia/Lord_Howe"))).toMatch(/^throws/);
    expect(wallClockInstant("2026-04-05", "09:00:00", "Australia/Lord_Howe").toISOString()).toBe("2026-04-04T22:30:00.000Z");
  });
});

describe("the real-time clock", () => {
  test("with no --clock, a fire time that real time passes runs at the next request", async () => {
    const live = createMockServer({ vendor: "huawei", seed: 7, report: () => {} });
    const l = client(live);
    const fire = Math.ceil((Date.now() + 1500) / 1000) * 1000;
    const at = new Date(fire).toISOString();
    const id = await l.create({
      ...daily,
      scheduled_type: "FIXED_TIME",
      scheduled_date: at.slice(0, 10),
      scheduled_time: at.slice(11, 19),
      time_zone: "UTC",
    });
    await new Promise((resolve) => setTimeout(resolve, fire + 1_300 - Date.now()));
    expect(await l.history(id)).toMatchObject([{ status: "RUNNING", create_time: at, begin_time: new Date(fire + 1000).toISOString() }]);
    expect((await l.listed(id)).last_status).toBe("RUNNING");
  });
});

describe("realism a client test can switch on", () => {
  test("a maintenance window answers 503 WKS.00000503 with Retry-After; the clock still runs tasks meanwhile", async () => {
    const id = await create(daily);
    await admin("POST", "maintenance", { vendor: "huawei", retryAfter: 30 });
    const refused = await call("GET", tasksPath);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(refused.body.error_code).toBe("WKS.00000503");
    await advance("P1D");
    await admin("DELETE", "maintenance");
    expect((await history(id)).map((h) => h.status)).toEqual(["SUCCESS"]);
  });

  test("a maintenance window with until ends at that time on the mock's clock", async () => {
    await admin("POST", "maintenance", { vendor: "huawei", retryAfter: 60, until: "2026-01-01T01:00:00Z" });
    expect((await call("GET", tasksPath)).status).toBe(503);
    await advance("PT1H");
    expect((await call("GET", tasksPath)).status).toBe(200);
  });

  test("no rate limit is documented: with --rate-limits every request still passes, with no rate-limit headers", async () => {
    const limited = createMockServer({ vendor: "huawei", seed: 7, clock: START, rateLimits: true, report: () => {} });
    const l = client(limited);
    for (let i = 0; i < 150; i++) {
      const res = await l.call("GET", `${tasksPath}?limit=1`);
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((h) => /rate|retry/i.test(h))).toEqual([]);
    }
  });
});
