// The CLI over a real socket: it starts, prints where and how to call it, answers, and stops
// on SIGTERM; bad flags exit 2 with a reason.
import { expect, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";

test("taskmock serve --vendor huawei prints its tokens and its AK/SK key pairs", async () => {
  const cli = await startCli(["serve", "--port", "0", "--vendor", "huawei"]);
  try {
    expect(cli.output()).toContain("X-Auth-Token: taskmock-admin (admin)");
    expect(cli.output()).toContain("AK/SK TASKMOCKADMINAK00001 / taskmock-admin-secret-key-00000000000000 (admin)");
    expect(cli.output()).toContain("AK/SK TASKMOCKREADAK000001 / taskmock-readonly-secret-key-00000000000 (readonly)");
    expect((await fetch(`${cli.url}/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task`, { headers: { "x-auth-token": "taskmock-admin" } })).status).toBe(200);
  } finally {
    expect(await cli.stop("SIGTERM")).toBe(0);
  }
});

test("taskmock serve --vendor awork listens, answers, and stops on SIGTERM", async () => {
  const cli = await startCli(["serve", "--port", "0", "--vendor", "awork", "--seed", "1", "--clock", "2026-01-01T00:00:00Z"]);
  try {
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.output()).toContain("Authorization: Bearer taskmock-admin (admin)");
    const res = await fetch(`${cli.url}/api/v1/taskschedules/123e4567-e89b-12d3-a456-426614174000`, {
      headers: { authorization: "Bearer taskmock-admin" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ plannedDuration: 3600 });
    expect((await fetch(`${cli.url}/__admin/health`)).status).toBe(200);
  } finally {
    expect(await cli.stop("SIGTERM")).toBe(0);
  }
});

test("--rate-limits turns the documented limits on: awork's answers carry its rate-limit headers", async () => {
  const read = async (args: string[]) => {
    const cli = await startCli(["serve", "--port", "0", "--vendor", "awork", ...args]);
    try {
      const res = await fetch(`${cli.url}/api/v1/taskschedules`, { headers: { authorization: "Bearer taskmock-admin" } });
      return { status: res.status, limit: res.headers.get("ratelimit-limit") };
    } finally {
      await cli.stop();
    }
  };
  expect(await read([])).toEqual({ status: 200, limit: null });
  const limited = await read(["--rate-limits"]);
  expect(limited.status).toBe(200);
  expect(Number(limited.limit)).toBeGreaterThan(0);
});

test("a dropped-connection fault closes the socket without an answer", async () => {
  const cli = await startCli(["serve", "--port", "0", "--vendor", "awork"]);
  try {
    await fetch(`${cli.url}/__admin/faults`, { method: "POST", body: JSON.stringify({ drop: true, times: 1 }) });
    await expect(fetch(`${cli.url}/api/v1/taskschedules`, { headers: { authorization: "Bearer taskmock-admin" } })).rejects.toThrow();
    expect((await fetch(`${cli.url}/api/v1/taskschedules`, { headers: { authorization: "Bearer taskmock-admin" } })).status).toBe(200);
  } finally {
    await cli.stop();
  }
});

test("--no-admin turns the admin API off; PORT and HOST come from the environment", async () => {
  const cli = await startCli(["serve", "--vendor", "awork", "--no-admin"], { env: { PORT: "0", HOST: "127.0.0.1" } });
  try {
    expect((await fetch(`${cli.url}/__admin/health`)).status).toBe(404);
  } finally {
    await cli.stop();
  }
});

test("--journal-mb bounds what the journal holds: past it the oldest entries go", async () => {
  const cli = await startCli(["serve", "--port", "0", "--vendor", "awork", "--journal-mb", "1"]);
  try {
    const body = JSON.stringify({ pad: "x".repeat(100 * 1024) });
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${cli.url}/api/v1/taskschedules`, {
        method: "POST",
        headers: { authorization: "Bearer taskmock-admin", "content-type": "application/json" },
        body,
      });
      expect(res.status).toBe(400);
    }
    const { total, requests } = (await (await fetch(`${cli.url}/__admin/requests`)).json()) as { total: number; requests: { body: string }[] };
    // Each body is kept cut at 64 KiB: a megabyte holds about fifteen of them, not thirty.
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThan(20);
    expect(requests.every((r) => r.body.endsWith("characters]"))).toBe(true);
  } finally {
    await cli.stop();
  }
});

test.each([
  [["serve", "--journal-mb", "0"], "--journal-mb must be a whole number from 1 to 65536"],
  [["serve", "--port", "http"], "--port must be a whole number"],
  [["serve", "--vendor", "stripe"], "--vendor must be one of crego, huawei, spaaza, omni, awork"],
  [["serve", "--colour"], "Unknown option '--colour'"],
  [["frobnicate"], 'unknown command "frobnicate"'],
])("taskmock %j exits 2: %s", async (args, message) => {
  const { code, output } = await runCli(args);
  expect(code).toBe(2);
  expect(output).toContain(message);
});

test("taskmock --help prints the usage and exits 0", async () => {
  const { code, output } = await runCli(["--help"]);
  expect(code).toBe(0);
  expect(output).toContain("Usage: taskmock serve [options]");
});

test("taskmock serve prints a credential of several headers (Spaaza's admin session) as those headers, and they answer", async () => {
  const cli = await startCli(["serve", "--port", "0", "--vendor", "spaaza", "--seed", "1", "--clock", "2026-01-01T00:00:00Z"]);
  try {
    expect(cli.output()).toContain(
      "X-Spaaza-Session-User-Id: 7001, X-Spaaza-Session-Key: taskmock-session-key, X-Spaaza-Session-Chain-Id: 1764 (admin)",
    );
    expect(cli.output()).toContain("Authorization: Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret (admin)");
    const res = await fetch(`${cli.url}/tasks/12345`, {
      headers: { "X-Spaaza-Session-User-Id": "7001", "X-Spaaza-Session-Key": "taskmock-session-key", "X-Spaaza-Session-Chain-Id": "1764" },
    });
    expect(res.status).toBe(200);
  } finally {
    expect(await cli.stop("SIGTERM")).toBe(0);
  }
});
