// Huawei Workspace scheduled runs driven by the mock's clock (src/vendors/huawei/schedule.ts): each
// fire time a clock move passes adds an execution (WAITING at the fire time, RUNNING a second
// later, SUCCESS two minutes after that) with one sub-task per target server, a SERVER_GROUP
// expanded to its servers; the task's last_status follows it; DELETE answers 409 while it runs.
// Disabled and expired tasks do not run, FIXED_TIME runs once, a long jump stays bounded, a clock
// set back re-runs nothing, and dueAfter says when each record next has work.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { createMock, type MockApp } from "../../../src/index.js";
import { type Row, Store, StoreBase } from "../../../src/store/store.js";
import { huawei } from "../../../src/vendors/huawei/index.js";
import { MAX_RUNS_PER_MOVE, schedule } from "../../../src/vendors/huawei/schedule.js";
import { request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { ROOT } from "../../helpers/specs.js";
import {
  DISABLED_WEEKLY,
  daily,
  EMPTY_GROUP,
  EXPIRED_DAILY,
  huaweiClient,
  type Json,
  LATE_WEEKLY,
  PROJECT,
  RUNNING,
  RUNNING_EXECUTION,
  SERVER,
  SERVER_2,
  SERVER_GROUP,
  START,
  taskPath,
  tasksPath,
  UUID,
} from "./client.js";
import { tempDir } from "../../helpers/temp.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("huawei");
});
const { call, advance, setClock, admin, listed, history, details, create } = huaweiClient(() => app);

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
    expect((await call("POST", `${tasksPath()}/actions/batch-delete`, { body: { items: [id] } })).status).toBe(200);
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
    expect((await call("PATCH", taskPath(id), { body: { description: "changed while running" } })).body.last_status).toBe("WAITING");
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
    const announced = await call("POST", `${tasksPath()}/future-executions`, {
      body: {
        scheduled_type: "WEEK",
        week_list: "2,4,6",
        scheduled_time: "07:30:00",
        time_zone: "Europe/Berlin",
      },
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
    expect((await call("PATCH", taskPath(id), { body: { is_enable: false } })).status).toBe(200);
    await advance("P3D");
    expect(await history(id)).toEqual([]);
    expect((await listed(id)).last_status).toBe("WAITING");
    expect((await call("PATCH", taskPath(id), { body: { is_enable: true } })).status).toBe(200);
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
    expect((await call("PATCH", taskPath(id), { body: { expire_time: "2026-02-01T00:00:00Z" } })).status).toBe(200);
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
    expect((await call("PATCH", taskPath(id), { body: { scheduled_time: "10:50:00" } })).status).toBe(200);
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

describe("targets and fixtures", () => {
  /** The fixtures with aps-design-01..04 in sg-design-tools (Server.server_group_id). */
  function groupedFixtures(): string {
    const fixture = JSON.parse(readFileSync(join(ROOT, "fixtures", "huawei.json"), "utf8"));
    for (const server of fixture.collections.servers.records[PROJECT] as { name: string; server_group_id?: string }[]) {
      if (server.name.startsWith("aps-design-")) server.server_group_id = SERVER_GROUP;
    }
    const dir = tempDir("taskmock-huawei-");
    writeFileSync(join(dir, "huawei.json"), JSON.stringify(fixture));
    return dir;
  }

  test("a SERVER_GROUP target runs on the servers whose server_group_id is the group, each server once", async () => {
    const grouped = mockOf("huawei", { fixtureDir: groupedFixtures() });
    const g = huaweiClient(() => grouped);
    const id = await g.create({
      ...daily,
      target_infos: [
        { target_type: "SERVER", target_id: SERVER_2 },
        { target_type: "SERVER_GROUP", target_id: SERVER_GROUP },
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
    const later = mockOf("huawei", { clock: "2026-05-22T03:59:00Z" });
    const l = huaweiClient(() => later);
    expect((await l.call("DELETE", taskPath(RUNNING))).status).toBe(409);
    await l.advance("PT1M");
    expect((await l.history(RUNNING))[0]).toMatchObject({ id: RUNNING_EXECUTION, status: "RUNNING" });
    await l.advance("PT1M");
    expect((await l.history(RUNNING))[0]).toMatchObject({
      id: RUNNING_EXECUTION,
      status: "SUCCESS",
      success_count: 3,
      excuting_count: 0,
      end_time: "2026-05-22T04:00:00.312Z",
    });
    expect((await l.details(RUNNING_EXECUTION)).map((d) => d.status)).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
    expect((await l.listed(RUNNING)).last_status).toBe("SUCCESS");
    expect((await l.call("DELETE", taskPath(RUNNING))).status).toBe(200);
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
});

describe("the real-time clock", () => {
  test("with no --clock, a fire time that real time passes runs at the next request", async () => {
    const live = mockOf("huawei", { clock: undefined });
    const l = huaweiClient(() => live);
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
