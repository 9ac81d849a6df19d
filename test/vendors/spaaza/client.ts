// Spaaza as the tests call it: the fixtures' credentials and ids, the bodies the tests send, and
// calls with a bearer token through the shared request helper (the production Node listener),
// answers read as status, headers and body.
import { expect } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { request } from "../../helpers/http.js";

export { CLOCK } from "../../helpers/mock.js";

/** A privileged token of chain 1764, the default of every call. */
export const C1764 = "00000000-0000-4000-8000-000000001764:taskmock-secret";
/** A privileged token of chain 1765. */
export const C1765 = "00000000-0000-4000-8000-000000001765:taskmock-secret";
/** A token of chain 1764 that is not privileged. */
export const READONLY = "00000000-0000-4000-8000-000000000000:taskmock-readonly";
export const NEVER_RUN = "0001-01-01T00:00:00Z";
/** The highest id in the fixtures (task 12390): a new task is 12391. */
export const NEXT_ID = 12391;

export const createBody = {
  chain: 1764,
  desc: "Wallet ledger export for analytics warehouse",
  target: { action: "export", export_index: "wallet-ledger", export_format: "csv" },
  trigger: { once: "2026-05-26T12:00:00Z" },
};
export const seedUpdate = {
  desc: "Updated wallet ledger export",
  target: { action: "export", export_index: "wallet-ledger", export_format: "json" },
  trigger: { once: "2026-05-27T10:00:00Z" },
};
export const segment = (chain_id: number, rules: unknown[] = [{ field_name: "country", field_type: "string", operator: "is", value: "NL" }]) => ({
  entity: "people",
  index: "users",
  join: "all",
  chain_id,
  rules,
});
/** A wallet-ledger export of a chain, due at `once`. */
export const exportBody = (once: string, extra: Record<string, unknown> = {}, chain = 1764) => ({
  chain,
  desc: "Wallet ledger export for analytics warehouse",
  target: { action: "export", export_index: "wallet-ledger", export_format: "csv" },
  trigger: { once },
  ...extra,
});

export interface Task {
  id: number;
  chain: number;
  desc: string;
  state: { code: string; last_run_date: string; last_modified: string; created_date: string };
  trigger: { once: string; segment?: unknown; segment_id?: number };
  target: { action: string; export_index: string; export_format: string };
  logs: { timestamp: string; level: string; message: string }[] | null;
  debug: string;
  version: number;
  result: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export type Body = any;

export const errorOf = (body: Body) => body.error as { code: number; name: string; description: string };
export const errorName = (body: Body) => (body.error as { name: string }).name;

/**
 * Calls on the mock `app()` returns when called: a test file keeps one `let app`, built afresh
 * in its beforeEach (or replaced inside a test), and these always reach the current one.
 */
export function spaazaClient(app: () => MockApp) {
  /** A JSON body sent with chain 1764's token unless `credential` says otherwise (null: none). */
  const send = async (method: string, path: string, payload?: unknown, credential: string | null = C1764) => {
    const res = await request(app(), path, {
      method,
      headers: { "content-type": "application/json", ...(credential === null ? {} : { authorization: `Bearer ${credential}` }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  };
  /** Spaaza's whole state, as /__admin/state shows it. */
  const state = async () => (await send("GET", "/__admin/state/spaaza")).body as { tasks: Task[] };
  return {
    send,
    state,
    tasks: async () => (await state()).tasks,
    /** Moves the mock's clock through the admin API (which must accept the move). */
    advance: async (duration: string) => expect((await send("POST", "/__admin/clock", { advance: duration })).status).toBe(200),
    /** A task with all its logs (up to 100). */
    task: async (id: number, credential = C1764) => (await send("GET", `/tasks/${id}?log_limit=100`, undefined, credential)).body as Task,
    /** A new task (the create must succeed). */
    create: async (body: unknown, credential = C1764) => {
      const res = await send("POST", "/tasks", body, credential);
      expect(res.status).toBe(200);
      return res.body as Task;
    },
  };
}
