// A team's own data: `serve --fixtures DIR` starts the vendors whose file is in DIR from it (the
// others from the package), checked as the package's fixtures are; `--watch` reloads a changed
// file in every session, and a bad edit is reported while the last good data stays.
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createMockServer, type ReloadEvent, StartupError, startMockServer } from "../../src/index.js";
import { runCli, startCli } from "../helpers/cli.js";
import { json, request } from "../helpers/http.js";
import { mockOf } from "../helpers/mock.js";
import { ROOT } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

const EXAMPLE = `${ROOT}examples/team-fixtures`;
const TEAM = { authorization: "Bearer team-admin" };
const PACKAGE = { authorization: "Bearer taskmock-admin" };
const WAREHOUSE = "5d2c7e1a-3b4f-4c6d-8e9f-0a1b2c3d4e5f";
const LAKEHOUSE = "9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const TEAM_SCHEDULE = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
/** The package's own Omni connection and schedule (its docs' example objects). */
const SEED_CONNECTION = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
const schedulesOf = (connection: string) => `/omni/api/v1/connections/${connection}/schedules`;

interface OmniFixture {
  tokens: Record<string, unknown>[];
  collections: Record<string, { schema: string; key: string; records: Record<string, unknown>[] }>;
}

const example = (): OmniFixture => JSON.parse(readFileSync(join(EXAMPLE, "omni.json"), "utf8"));

/** A temp copy of the example folder, changed as the test says. */
function teamDir(change: (fixture: OmniFixture) => void = () => {}): string {
  const dir = tempDir("taskmock-team-");
  cpSync(EXAMPLE, dir, { recursive: true });
  const fixture = example();
  change(fixture);
  writeFileSync(join(dir, "omni.json"), JSON.stringify(fixture, null, 2));
  return dir;
}

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("--fixtures DIR (in process: ownFixtureDir)", () => {
  test("the example folder's Omni records and tokens answer; the other vendors keep the package's", async () => {
    const app = mockOf(undefined, { ownFixtureDir: EXAMPLE });
    const warehouse = await json(request(app, schedulesOf(WAREHOUSE), { headers: TEAM }));
    expect(warehouse.schedules.map((s: { scheduleId: string }) => s.scheduleId)).toEqual([TEAM_SCHEDULE]);
    expect(await json(request(app, schedulesOf(LAKEHOUSE), { headers: TEAM }))).toEqual({ schedules: [] });
    // Omni's data is the team's alone: the package's connection and token are not there.
    expect((await request(app, schedulesOf(SEED_CONNECTION), { headers: TEAM })).status).toBe(404);
    expect((await request(app, schedulesOf(WAREHOUSE), { headers: PACKAGE })).status).toBe(401);
    expect((await request(app, schedulesOf(WAREHOUSE), { headers: { authorization: "Bearer team-readonly" } })).status).toBe(200);
    // awork, Crego, Huawei and Spaaza have no file in the folder: the package's records and tokens.
    expect((await request(app, "/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000", { headers: PACKAGE })).status).toBe(200);
    expect((await request(app, "/crego/tasks/schedules/1/", { headers: PACKAGE })).status).toBe(200);
    expect(app.sessions.definition("omni")?.fixtureFile).toBe(join(EXAMPLE, "omni.json"));
    expect(app.sessions.definition("awork")?.fixtureFile).toMatch(/fixtures\/awork\.json$/);
    // Writes and resets work on the team's data as on the package's.
    const created = await request(app, schedulesOf(LAKEHOUSE), {
      method: "POST",
      headers: { ...TEAM, "content-type": "application/json" },
      body: JSON.stringify({ schedule: "00 06 * * ? *", timezone: "UTC" }),
    });
    expect(created.status).toBe(201);
    expect((await json(request(app, schedulesOf(LAKEHOUSE), { headers: TEAM }))).schedules).toHaveLength(1);
    expect((await request(app, "/__admin/reset", { method: "POST" })).status).toBe(200);
    expect(await json(request(app, schedulesOf(LAKEHOUSE), { headers: TEAM }))).toEqual({ schedules: [] });
  });

  test("a record that breaks its schema stops the start, naming the file, the record and the field", () => {
    const dir = teamDir((f) => {
      const record = f.collections["schedules"]?.records[0];
      if (record) record["timezone"] = 5;
    });
    const start = () => createMockServer({ ownFixtureDir: dir });
    expect(start).toThrow(StartupError);
    expect(start).toThrow(`${join(dir, "omni.json")}: schedules[0] (scheduleId "${TEAM_SCHEDULE}"): field /timezone must be string`);
  });

  test("a file without one of the vendor's collections, or with one it does not have, stops the start", () => {
    const missing = teamDir((f) => {
      delete f.collections["connections"];
    });
    expect(() => createMockServer({ ownFixtureDir: missing })).toThrow(
      `${join(missing, "omni.json")}: collection "connections" is missing (as in ${join(ROOT, "fixtures", "omni.json")}: {"schema":"Connection","key":"id", "records": []} for none)`,
    );
    const extra = teamDir((f) => {
      f.collections["folders"] = { schema: "Connection", key: "id", records: [] };
      const schedules = f.collections["schedules"];
      if (schedules) schedules.key = "connectionId";
    });
    expect(() => createMockServer({ ownFixtureDir: extra })).toThrow(/collection "schedules" must be \{"schema":"Schedule","key":"scheduleId"\}/);
    expect(() => createMockServer({ ownFixtureDir: extra })).toThrow(/collection "folders" is not one of the vendor's \(connections, schedules\)/);
  });

  test("a folder that does not exist, or holds no vendor's file, stops the start", () => {
    const dir = tempDir("taskmock-team-");
    expect(() => createMockServer({ ownFixtureDir: join(dir, "nope") })).toThrow(`--fixtures ${join(dir, "nope")}: no such folder`);
    writeFileSync(join(dir, "omini.json"), "{}");
    expect(() => createMockServer({ ownFixtureDir: dir })).toThrow(/holds no fixture file of the vendors served \(crego\.json, huawei\.json, spaaza\.json, omni\.json, awork\.json\)/);
    // With one vendor served, only its file counts.
    expect(() => createMockServer({ vendor: "awork", ownFixtureDir: EXAMPLE })).toThrow(/holds no fixture file of the vendors served \(awork\.json\)/);
  });
});

describe("--watch (in process: startMockServer's watch)", () => {
  test("an edit reloads the vendor in every session, the journal, verify record, clock and faults kept; a bad edit is reported and the last good data stays", async () => {
    const dir = teamDir();
    const file = join(dir, "omni.json");
    const events: ReloadEvent[] = [];
    const server = await startMockServer({ port: 0, ownFixtureDir: dir, watch: true, onReload: (event) => events.push(event) });
    try {
      const get = (path: string, session?: string) =>
        fetch(`${server.url}${path}`, { headers: { ...TEAM, ...(session ? { "x-taskmock-session": session } : {}) } });
      const names = async (session?: string) =>
        ((await (await get(schedulesOf(WAREHOUSE), session)).json()) as { schedules: { description: string }[] }).schedules.map((s) => s.description);
      // A write in the default session, one in a session of its own, and a request that breaks the contract.
      const write = (session?: string) =>
        fetch(`${server.url}${schedulesOf(LAKEHOUSE)}`, {
          method: "POST",
          headers: { ...TEAM, "content-type": "application/json", ...(session ? { "x-taskmock-session": session } : {}) },
          body: JSON.stringify({ schedule: "00 06 * * ? *", timezone: "UTC" }),
        });
      expect((await write()).status).toBe(201);
      expect((await write("worker-1")).status).toBe(201);
      const breach = await fetch(`${server.url}${schedulesOf(WAREHOUSE)}`, { method: "POST", headers: { ...TEAM, "content-type": "application/json" }, body: "{}" });
      expect(breach.status).toBe(400);
      expect(await names()).toEqual(["At 07:00 AM GMT+1, Monday through Friday"]);
      // The clock set and a fault rule in place, which the reload leaves as they are.
      const admin = (path: string, body: unknown) => fetch(`${server.url}/__admin/${path}`, { method: "POST", body: JSON.stringify(body) });
      expect((await admin("clock", { set: "2026-06-01T00:00:00Z" })).status).toBe(200);
      expect((await admin("faults", { vendor: "awork", status: 503 })).status).toBe(201);
      const journal = ((await (await fetch(`${server.url}/__admin/requests`)).json()) as { total: number }).total;
      expect(journal).toBe(3);

      // The team adds a schedule: the next GET answers it, in every session, and the writes are gone.
      const added = example();
      const first = added.collections["schedules"]?.records[0];
      added.collections["schedules"]?.records.push({ ...first, scheduleId: "7e6d5c4b-3a29-4817-8615-243342516071", description: "Added by the team" });
      const good = JSON.stringify(added);
      writeFileSync(file, good);
      await until("the reload", () => events.length === 1);
      expect(events).toEqual([{ vendor: "omni", file, ok: true }]);
      for (const session of [undefined, "worker-1", "worker-2"]) {
        expect(await names(session)).toEqual(["At 07:00 AM GMT+1, Monday through Friday", "Added by the team"]);
        expect(((await (await get(schedulesOf(LAKEHOUSE), session)).json()) as { schedules: unknown[] }).schedules).toEqual([]);
      }
      // The journal, the verify record, the clock and the fault rules stay: the bad request is still reported.
      expect(((await (await fetch(`${server.url}/__admin/requests`)).json()) as { total: number }).total).toBeGreaterThan(journal);
      const verify = (await (await fetch(`${server.url}/__admin/verify`)).json()) as { ok: boolean; requests: number };
      expect(verify.ok).toBe(false);
      expect(verify.requests).toBeGreaterThan(journal);
      expect(await (await fetch(`${server.url}/__admin/clock`)).json()).toEqual({ now: "2026-06-01T00:00:00.000Z", fixed: true });
      expect(((await (await fetch(`${server.url}/__admin/faults`)).json()) as { faults: unknown[] }).faults).toHaveLength(1);

      // A bad edit: reported with the file, the record and the field; the last good data answers.
      const bad = example();
      const record = bad.collections["schedules"]?.records[0];
      if (record) record["createdAt"] = "yesterday";
      writeFileSync(file, JSON.stringify(bad));
      await until("the refusal", () => events.length === 2);
      expect(events[1]).toEqual({
        vendor: "omni",
        file,
        ok: false,
        problems: [`${file}: schedules[0] (scheduleId "${TEAM_SCHEDULE}"): field /createdAt must match format "date-time"`],
      });
      expect(await names()).toEqual(["At 07:00 AM GMT+1, Monday through Friday", "Added by the team"]);
      expect(await names("worker-3")).toEqual(["At 07:00 AM GMT+1, Monday through Friday", "Added by the team"]);
      // Not JSON at all, then the file taken away: refused too, the data kept.
      writeFileSync(file, "{ half an edit");
      await until("the second refusal", () => events.length === 3);
      expect(events[2]).toMatchObject({ ok: false, problems: [expect.stringContaining(`${file}: cannot be read as JSON`)] });
      rmSync(file);
      await until("the third refusal", () => events.length === 4);
      expect(events[3]).toEqual({ vendor: "omni", file, ok: false, problems: [`${file}: was removed; omni keeps the data it has`] });
      expect(await names()).toHaveLength(2);
      // The file put back as it was served: said to be fine again, and nothing is reset.
      expect((await write()).status).toBe(201);
      writeFileSync(file, good);
      await until("the file back", () => events.length === 5);
      expect(events[4]).toEqual({ vendor: "omni", file, ok: true, unchanged: true });
      expect(((await (await get(schedulesOf(LAKEHOUSE))).json()) as { schedules: unknown[] }).schedules).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test("an editor's save in several writes, or renamed over the file, is read once, when it is whole", async () => {
    const dir = teamDir();
    const file = join(dir, "omni.json");
    const events: ReloadEvent[] = [];
    const server = await startMockServer({ port: 0, ownFixtureDir: dir, watch: true, onReload: (event) => events.push(event) });
    try {
      const f = example();
      const connection = f.collections["connections"]?.records[1];
      if (connection) connection["name"] = "Renamed";
      const text = JSON.stringify(f, null, 2);
      // Half the file, then the rest 20 ms later: each write is an event; the half alone is not JSON.
      writeFileSync(file, text.slice(0, text.length / 2));
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeFileSync(file, text);
      await until("the reload", () => events.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events).toEqual([{ vendor: "omni", file, ok: true }]);
      expect(server.app.mock.state("omni")["connections"]).toContainEqual({ id: LAKEHOUSE, name: "Renamed", dialect: "databricks" });
      // A save to a file beside it, renamed over it (as many editors save): one reload too.
      if (connection) connection["name"] = "Renamed again";
      writeFileSync(`${file}.swp`, JSON.stringify(f));
      renameSync(`${file}.swp`, file);
      await until("the second reload", () => events.length > 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events).toEqual([
        { vendor: "omni", file, ok: true },
        { vendor: "omni", file, ok: true },
      ]);
      expect(server.app.mock.state("omni")["connections"]).toContainEqual({ id: LAKEHOUSE, name: "Renamed again", dialect: "databricks" });
    } finally {
      await server.close();
    }
  });

  test("a vendor's file added to the folder while the server runs switches it from the package's data to the file's", async () => {
    const dir = teamDir();
    const events: ReloadEvent[] = [];
    const server = await startMockServer({ port: 0, ownFixtureDir: dir, watch: true, onReload: (event) => events.push(event) });
    try {
      const task = `${server.url}/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000`;
      expect((await fetch(task, { headers: PACKAGE })).status).toBe(200);
      const awork = JSON.parse(readFileSync(join(ROOT, "fixtures", "awork.json"), "utf8")) as OmniFixture;
      for (const seed of Object.values(awork.collections)) seed.records = [];
      writeFileSync(join(dir, "awork.json"), JSON.stringify(awork));
      await until("the reload", () => events.length > 0);
      expect(events).toEqual([{ vendor: "awork", file: join(dir, "awork.json"), ok: true }]);
      expect((await fetch(task, { headers: PACKAGE })).status).toBe(404);
    } finally {
      await server.close();
    }
    // Closed, the server watches no more.
    writeFileSync(join(dir, "omni.json"), "{ after close");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(1);
  });

  test("watch without ownFixtureDir is refused", async () => {
    await expect(startMockServer({ port: 0, watch: true })).rejects.toThrow("--watch needs --fixtures DIR");
  });
});

describe("taskmock serve --fixtures DIR [--watch]", () => {
  test("starts from the folder's files, and says which vendors' data came from it", async () => {
    const cli = await startCli(["serve", "--port", "0", "--fixtures", "examples/team-fixtures"]);
    try {
      await until("the banner", () => cli.output().includes("  data "));
      expect(cli.output()).toContain(`  data    omni from ${EXAMPLE}, the others from the package`);
      expect(cli.output()).toMatch(/omni +http:\S+\/omni {2}Authorization: Bearer team-admin \(admin\)/);
      expect((await fetch(`${cli.url}${schedulesOf(WAREHOUSE)}`, { headers: TEAM })).status).toBe(200);
      expect((await fetch(`${cli.url}${schedulesOf(SEED_CONNECTION)}`, { headers: TEAM })).status).toBe(404);
      expect((await fetch(`${cli.url}/awork/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000`, { headers: PACKAGE })).status).toBe(200);
    } finally {
      await cli.stop();
    }
  });

  test("a bad file stops the start with exit 1, naming the file, the record and the field", async () => {
    const dir = teamDir((f) => {
      const record = f.collections["connections"]?.records[1];
      if (record) record["dialect"] = "excel";
    });
    const run = await runCli(["serve", "--port", "0", "--fixtures", dir]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`taskmock: bad fixture, taskmock cannot start:\n  ${join(dir, "omni.json")}: connections[1] (id "${LAKEHOUSE}"): field /dialect must be one of "athena", "bigquery", "clickhouse", "databricks", "mssql", "mysql", "postgres", "redshift", "snowflake", "trino"`);
    expect(await runCli(["serve", "--port", "0", "--watch"])).toMatchObject({ code: 2, output: expect.stringContaining("--watch needs --fixtures DIR") });
  });

  test("with --watch, an edit answers the next GET; a bad edit is reported on stderr and the last good data kept", async () => {
    const dir = teamDir();
    const file = join(dir, "omni.json");
    const cli = await startCli(["serve", "--port", "0", "--fixtures", dir, "--watch"]);
    let stderr = "";
    cli.child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await until("the banner", () => cli.output().includes(`watching ${dir}`));
      const connections = async () => {
        const res = await fetch(`${cli.url}/__admin/state/omni`);
        return ((await res.json()) as { connections: { name: string }[] }).connections.map((c) => c.name);
      };
      expect(await connections()).toEqual(["Team Warehouse", "Team Lakehouse"]);
      const renamed = example();
      const record = renamed.collections["connections"]?.records[0];
      if (record) record["name"] = "Team Warehouse (EU)";
      writeFileSync(file, JSON.stringify(renamed, null, 2));
      await until("the reload", () => cli.output().includes(`taskmock: ${file} reloaded: omni's records reset to it in every session`));
      expect(await connections()).toEqual(["Team Warehouse (EU)", "Team Lakehouse"]);

      const bad = example();
      delete bad.collections["connections"]?.records[1]?.["dialect"];
      writeFileSync(file, JSON.stringify(bad));
      await until("the refusal", () => stderr.includes("not reloaded"));
      expect(stderr).toContain(
        `taskmock: ${file} not reloaded, omni keeps its last good data:\n  ${file}: connections[1] (id "${LAKEHOUSE}"): field /dialect is required`,
      );
      expect(await connections()).toEqual(["Team Warehouse (EU)", "Team Lakehouse"]);
      expect((await fetch(`${cli.url}${schedulesOf(WAREHOUSE)}`, { headers: TEAM })).status).toBe(200);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
