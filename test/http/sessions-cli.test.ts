// taskmock serve's session bounds, as the README states them: --max-sessions (past it the least
// recently used idle session goes) and --session-ttl (an idle session expires); a request to a
// session that went answers 410 naming it and why.
import { expect, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";

test("--max-sessions 2 --session-ttl PT1S: the least recently used session is evicted, an idle one expires, each answers 410 saying why", async () => {
  const cli = await startCli(["serve", "--port", "0", "--max-sessions", "2", "--session-ttl", "PT1S"]);
  try {
    const clock = (id: string) => fetch(`${cli.url}/__sessions/${id}/__admin/clock`);
    expect((await clock("a")).status).toBe(200);
    // The default session and a make two: b takes a's place.
    expect((await clock("b")).status).toBe(200);
    const evicted = await clock("a");
    expect(evicted.status).toBe(410);
    expect(evicted.headers.get("content-type")).toBe("application/problem+json");
    expect(await evicted.json()).toMatchObject({ session: "a", reason: "evicted" });
    expect(await (await fetch(`${cli.url}/__admin/sessions`)).json()).toMatchObject({ max: 2, ttlSeconds: 1 });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await clock("b");
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ session: "b", reason: "expired" });
    // Created again on purpose, it is a fresh session.
    expect((await fetch(`${cli.url}/__admin/sessions`, { method: "POST", body: JSON.stringify({ id: "b" }) })).status).toBe(201);
    expect((await clock("b")).status).toBe(200);
  } finally {
    await cli.stop();
  }
});

test.each([
  [["serve", "--max-sessions", "0"], "--max-sessions must be a whole number from 1 to 1000000"],
  [["serve", "--session-ttl", "30m"], '--session-ttl must be a duration such as PT30M or PT2H, not "30m"'],
])("taskmock %j exits 2: %s", async (args, message) => {
  const { code, output } = await runCli(args);
  expect(code).toBe(2);
  expect(output).toContain(message);
});
