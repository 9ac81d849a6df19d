// The journal is a ring buffer: bounded, oldest first, filterable, redacting credentials.
import { expect, test } from "vitest";
import { Journal, redactHeaders } from "../../src/engine/journal.js";

const entry = (status: number, vendor = "omni", invalid = false) => ({
  at: Date.parse("2026-01-01T00:00:00.000Z"),
  vendor,
  operationId: "op",
  method: "GET",
  path: "/",
  query: {},
  headers: {},
  body: undefined,
  status,
  outcome: "handled" as const,
  violations: invalid ? [{ location: "body", pointer: "/", rule: "json", message: "bad" }] : [],
  forced: false,
  negotiation: { kind: "none", asked401: false } as const,
  durationMs: 0,
});

test("keeps the newest entries up to its capacity, oldest first", () => {
  const journal = new Journal(3);
  for (const status of [200, 201, 202, 203, 204]) journal.record(entry(status));
  expect(journal.size).toBe(3);
  expect(journal.entries().map((e) => e.status)).toEqual([202, 203, 204]);
  expect(journal.entries().map((e) => e.id)).toEqual([3, 4, 5]);
});

test("filters by vendor, status and validity", () => {
  const journal = new Journal(10);
  journal.record(entry(200, "omni"));
  journal.record(entry(400, "awork", true));
  journal.record(entry(200, "awork"));
  expect(journal.entries({ vendor: "awork" })).toHaveLength(2);
  expect(journal.entries({ status: 200 })).toHaveLength(2);
  expect(journal.entries({ invalid: true }).map((e) => e.status)).toEqual([400]);
  journal.clear();
  expect(journal.entries()).toEqual([]);
});

test("credentials never reach the journal", () => {
  expect(redactHeaders({ Authorization: "Bearer x", "x-auth-token": "t", accept: "*/*" })).toEqual({
    Authorization: "[redacted]",
    "x-auth-token": "[redacted]",
    accept: "*/*",
  });
});

test("a header named as a secret (…-Key, …-Token, …-Secret) is redacted too; the session's user and chain ids are not", () => {
  expect(
    redactHeaders({
      "x-spaaza-session-key": "k",
      "x-spaaza-session-user-id": "7001",
      "x-spaaza-session-chain-id": "1764",
      "X-Api-Key": "a",
      "x-access-token": "b",
      "x-client-secret": "c",
      "x-keyboard": "d",
    }),
  ).toEqual({
    "x-spaaza-session-key": "[redacted]",
    "x-spaaza-session-user-id": "7001",
    "x-spaaza-session-chain-id": "1764",
    "X-Api-Key": "[redacted]",
    "x-access-token": "[redacted]",
    "x-client-secret": "[redacted]",
    "x-keyboard": "d",
  });
});

test("an entry read from the journal has its ISO time and redacted headers, the same object each read", () => {
  const journal = new Journal(5);
  journal.record({ ...entry(200), at: Date.parse("2026-03-04T05:06:07.089Z"), headers: { authorization: "Bearer secret", accept: "*/*" } });
  const [read] = journal.entries();
  expect(read).toMatchObject({ id: 1, time: "2026-03-04T05:06:07.089Z", headers: { authorization: "[redacted]", accept: "*/*" } });
  expect(JSON.stringify(journal.entries())).not.toContain("secret");
  expect(journal.entries()[0]).toBe(read);
});

test("bounded in bytes too: past the bound the oldest entries go, the newest always stays; clear gives it all back", () => {
  const journal = new Journal(100, 10_000);
  const sized = (status: number, length: number) => ({ ...entry(status), body: "x".repeat(length) });
  for (const status of [200, 201, 202]) journal.record(sized(status, 3000));
  expect(journal.entries().map((e) => e.status)).toEqual([200, 201, 202]);
  journal.record(sized(203, 3000));
  expect(journal.entries().map((e) => e.status)).toEqual([201, 202, 203]);
  expect(journal.bytes).toBeLessThanOrEqual(10_000);
  journal.record(sized(204, 50_000));
  expect(journal.entries().map((e) => e.status)).toEqual([204]);
  journal.clear();
  expect(journal.bytes).toBe(0);
  expect(journal.entries()).toEqual([]);
});

test("an entry keeps the answer sent: its headers and its body's JSON (a cut text as text), counted in the byte bound", () => {
  const journal = new Journal(10, 10_000);
  journal.record({ ...entry(200), response: { headers: { "content-type": "application/json" }, text: '{"id":7,"tags":["a"]}' } });
  journal.record({ ...entry(204), response: { headers: {}, text: undefined } });
  journal.record({ ...entry(200), response: { headers: {}, text: "[1,2…[taskmock: body cut at 4 of 9 characters]" } });
  const [json, none, cut] = journal.entries();
  expect(json?.response).toEqual({ headers: { "content-type": "application/json" }, body: { id: 7, tags: ["a"] } });
  expect(none?.response).toEqual({ headers: {}, body: undefined });
  expect(cut?.response?.body).toBe("[1,2…[taskmock: body cut at 4 of 9 characters]");
  journal.record({ ...entry(201), response: { headers: {}, text: "x".repeat(20_000) } });
  expect(journal.entries().map((e) => e.status)).toEqual([201]);
});

test("subscribers hear of each entry kept and of a clear, after the change, until they unsubscribe; one that throws is dropped", async () => {
  const journal = new Journal(2);
  const heard: string[] = [];
  const stop = journal.subscribe((change) => heard.push(change.kind === "recorded" ? `${change.entry.id}:${change.entry.status}` : "cleared"));
  journal.subscribe(() => {
    throw new Error("a broken listener");
  });
  expect(journal.subscribers).toBe(2);
  journal.record(entry(200));
  expect(heard).toEqual([]); // not inside record(): whoever records finishes first
  await Promise.resolve();
  expect(heard).toEqual(["1:200"]);
  expect(journal.subscribers).toBe(1);
  journal.record(entry(404));
  journal.clear();
  await Promise.resolve();
  expect(heard).toEqual(["1:200", "2:404", "cleared"]);
  stop();
  expect(journal.subscribers).toBe(0);
  journal.record(entry(500));
  await Promise.resolve();
  expect(heard).toHaveLength(3);
});
