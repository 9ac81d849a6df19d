// Spaaza Services API tasks: each operation × documented status.
import { expect } from "vitest";
import type { Scenario, VendorScenarios } from "./types.js";

const ADMIN = "00000000-0000-4000-8000-000000001764:taskmock-secret";
const READONLY = "00000000-0000-4000-8000-000000000000:taskmock-readonly";
/** The seed's task: READY, version 2, chain 1764. */
const SEED = 12345;
/** A DONE wallet-ledger csv export of chain 1764 (conflict spaaza-export-file-index-name: Wallet_). */
const DONE = 12360;
/** An INPROGRESS task of chain 1764. */
const RUNNING = 12370;
/** A task of chain 1765: "not found" for chain 1764's token. */
const OTHER_CHAIN = 12322;
const seedUpdate = {
  desc: "Updated wallet ledger export",
  target: { action: "export", export_index: "wallet-ledger", export_format: "json" },
  trigger: { once: "2026-05-27T10:00:00Z" },
};
const createBody = {
  chain: 1764,
  desc: "Wallet ledger export for analytics warehouse",
  target: { action: "export", export_index: "wallet-ledger", export_format: "csv" },
  trigger: { once: "2026-05-26T12:00:00Z" },
};
const error = (code: number, name: string) => ({ result: { code: 2, status: "error" }, error: { code, name } });

/** No credential answers 401 and a token that is not privileged 403, on every operation. */
function auth(operationId: string, method: string, path: string, body?: unknown): Scenario[] {
  return [
    {
      operationId,
      status: 401,
      via: "natural",
      name: "no credential",
      method,
      path,
      token: null,
      ...(body ? { body } : {}),
      expect: error(910, "authentication_required"),
    },
    {
      operationId,
      status: 403,
      via: "natural",
      name: "a token that is not privileged",
      method,
      path,
      token: READONLY,
      ...(body ? { body } : {}),
      expect: error(912, "permission_denied"),
    },
  ];
}

export const suite: VendorScenarios = {
  vendor: "spaaza",
  auth: (credential) => ({ authorization: `Bearer ${credential}` }),
  admin: ADMIN,
  readonly: READONLY,
  scenarios: [
    // GET /tasks
    {
      operationId: "listTasks",
      status: 200,
      via: "natural",
      name: "the List Tasks page's sample query",
      method: "GET",
      path: "/tasks",
      query: "status=DONE&action=export",
      expect: expect.arrayContaining([
        expect.objectContaining({
          id: 12321,
          chain: 1764,
          state: expect.objectContaining({ code: "DONE" }),
          result: "Transaction_Export-12321.csv",
        }),
      ]),
    },
    {
      operationId: "listTasks",
      status: 400,
      via: "natural",
      name: "status is not a state code",
      method: "GET",
      path: "/tasks",
      query: "status=FINISHED",
      expect: {
        ...error(900, "invalid_request"),
        error: { description: '/query/status: must be one of "READY", "INPROGRESS", "DONE", "ERROR"' },
      },
    },
    {
      operationId: "listTasks",
      status: 401,
      via: "natural",
      name: "an unknown token",
      method: "GET",
      path: "/tasks",
      token: "00000000-0000-4000-8000-000000009999:nope",
      expect: error(911, "invalid_access_token"),
    },
    ...auth("listTasks", "GET", "/tasks"),

    // POST /tasks
    {
      operationId: "createTask",
      status: 200,
      via: "natural",
      name: "the Create a Task page's sample request",
      method: "POST",
      path: "/tasks",
      body: createBody,
      expect: {
        id: 12391,
        chain: 1764,
        state: { code: "READY", last_run_date: "0001-01-01T00:00:00Z", created_date: "2026-01-01T00:00:00Z" },
        logs: null,
        debug: "",
        version: 1,
        result: "",
      },
    },
    {
      operationId: "createTask",
      status: 400,
      via: "natural",
      name: "an unknown export_index is invalid_target",
      method: "POST",
      path: "/tasks",
      body: { ...createBody, target: { ...createBody.target, export_index: "orders" } },
      expect: { ...error(902, "invalid_target"), error: { description: expect.stringContaining("/target/export_index: must be one of") } },
    },
    {
      operationId: "createTask",
      status: 400,
      via: "natural",
      name: "a segment of another chain is invalid_trigger",
      method: "POST",
      path: "/tasks",
      body: {
        ...createBody,
        trigger: {
          once: "2026-12-01T07:00:00Z",
          segment: {
            entity: "people",
            index: "users",
            join: "all",
            chain_id: 1765,
            rules: [{ field_name: "country", field_type: "string", operator: "is", value: "NL" }],
          },
        },
      },
      expect: {
        ...error(903, "invalid_trigger"),
        error: { description: "/trigger/segment/chain_id: must be the task's chain 1764, not 1765" },
      },
    },
    {
      operationId: "createTask",
      status: 400,
      via: "natural",
      name: "missing fields are invalid_request",
      method: "POST",
      path: "/tasks",
      body: { chain: 1764, target: createBody.target },
      expect: {
        ...error(900, "invalid_request"),
        error: { description: "/body: must have required property 'desc'; /body: must have required property 'trigger'" },
      },
    },
    {
      operationId: "createTask",
      status: 403,
      via: "natural",
      name: "a task for another chain",
      method: "POST",
      path: "/tasks",
      body: { ...createBody, chain: 1765 },
      expect: {
        ...error(913, "chain_not_permitted"),
        error: { description: "This token belongs to chain 1764 and may not create tasks for chain 1765" },
      },
    },
    ...auth("createTask", "POST", "/tasks", createBody),

    // GET /tasks/{id}
    {
      operationId: "getTask",
      status: 200,
      via: "natural",
      name: "the seed's task as the mock starts with it",
      method: "GET",
      path: `/tasks/${SEED}`,
      expect: { id: SEED, desc: "Updated wallet ledger export", version: 2, logs: null, state: { code: "READY" } },
    },
    {
      operationId: "getTask",
      status: 400,
      via: "natural",
      name: "log_limit is zero",
      method: "GET",
      path: `/tasks/${DONE}`,
      query: "log_limit=0",
      expect: { ...error(900, "invalid_request"), error: { description: "/query/log_limit: must be >= 1" } },
    },
    {
      operationId: "getTask",
      status: 404,
      via: "natural",
      name: "another chain's task",
      method: "GET",
      path: `/tasks/${OTHER_CHAIN}`,
      expect: { ...error(920, "task_not_found"), error: { description: `No task exists with ID ${OTHER_CHAIN} for chain 1764` } },
    },
    ...auth("getTask", "GET", `/tasks/${SEED}`),

    // PUT /tasks/{id} (the seed)
    {
      operationId: "updateTask",
      status: 200,
      via: "natural",
      name: "the seed's request, as documented",
      method: "PUT",
      path: `/tasks/${SEED}`,
      body: seedUpdate,
      expect: { id: SEED, ...seedUpdate, version: 3, state: { code: "READY", last_modified: "2026-01-01T00:00:00Z" } },
    },
    {
      operationId: "updateTask",
      status: 200,
      via: "natural",
      name: "a task that has run is updated and READY again (conflict spaaza-put-started-task)",
      method: "PUT",
      path: `/tasks/${DONE}`,
      body: { desc: "Run it again" },
      expect: { id: DONE, desc: "Run it again", logs: null, result: "", state: { code: "READY", last_run_date: "0001-01-01T00:00:00Z" } },
    },
    {
      operationId: "updateTask",
      status: 400,
      via: "natural",
      name: "chain cannot be changed",
      method: "PUT",
      path: `/tasks/${SEED}`,
      body: { chain: 1765 },
      expect: { ...error(900, "invalid_request"), error: { description: "/body: must NOT have additional property 'chain'" } },
    },
    {
      operationId: "updateTask",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "PUT",
      path: "/tasks/99999",
      body: seedUpdate,
      expect: error(920, "task_not_found"),
    },
    ...auth("updateTask", "PUT", `/tasks/${SEED}`, seedUpdate),

    // DELETE /tasks/{id}
    { operationId: "deleteTask", status: 204, via: "natural", name: "deletes", method: "DELETE", path: `/tasks/${SEED}` },
    {
      operationId: "deleteTask",
      status: 400,
      via: "natural",
      name: "id not an integer",
      method: "DELETE",
      path: "/tasks/abc",
      expect: { ...error(900, "invalid_request"), error: { description: "/path/id: must be integer" } },
    },
    {
      operationId: "deleteTask",
      status: 404,
      via: "natural",
      name: "another chain's task",
      method: "DELETE",
      path: `/tasks/${OTHER_CHAIN}`,
      expect: error(920, "task_not_found"),
    },
    ...auth("deleteTask", "DELETE", `/tasks/${SEED}`),

    // POST /tasks/{id}/execute
    {
      operationId: "executeTask",
      status: 200,
      via: "natural",
      name: "runs the seed's task to DONE",
      method: "POST",
      path: `/tasks/${SEED}/execute`,
      expect: {
        code: "DONE",
        last_run_date: "2026-01-01T00:00:00Z",
        last_modified: "2026-01-01T00:00:00Z",
        created_date: "2026-05-26T11:59:00Z",
      },
    },
    {
      operationId: "executeTask",
      status: 400,
      via: "natural",
      name: "an INPROGRESS task (conflict spaaza-execute-synchronous)",
      method: "POST",
      path: `/tasks/${RUNNING}/execute`,
      expect: error(906, "task_in_progress"),
    },
    {
      operationId: "executeTask",
      status: 404,
      via: "natural",
      name: "unknown id",
      method: "POST",
      path: "/tasks/99999/execute",
      expect: error(920, "task_not_found"),
    },
    ...auth("executeTask", "POST", `/tasks/${SEED}/execute`),

    // GET /tasks/{id}/download_url
    {
      operationId: "getTaskDownloadUrl",
      status: 200,
      via: "natural",
      name: "a DONE wallet-ledger export",
      method: "GET",
      path: `/tasks/${DONE}/download_url`,
      expect: {
        url: expect.stringMatching(/^https:\/\/taskmock-exports\.s3\.eu-west-1\.amazonaws\.com\/1764\/Wallet_Export-12360\.csv\?/),
      },
    },
    {
      operationId: "getTaskDownloadUrl",
      status: 400,
      via: "natural",
      name: "a READY task (conflict spaaza-download-not-done)",
      method: "GET",
      path: `/tasks/${SEED}/download_url`,
      expect: {
        ...error(905, "task_not_done"),
        error: { description: "Task 12345 is READY; a download URL exists only for a DONE export task" },
      },
    },
    {
      operationId: "getTaskDownloadUrl",
      status: 404,
      via: "natural",
      name: "another chain's task",
      method: "GET",
      path: `/tasks/${OTHER_CHAIN}/download_url`,
      expect: error(920, "task_not_found"),
    },
    ...auth("getTaskDownloadUrl", "GET", `/tasks/${DONE}/download_url`),
  ],
};
