// AK/SK request signing as Huawei's official Node SDK does it: the SDK's own signer
// (@huaweicloud/huaweicloud-sdk-core's AKSKSigner) and its WorkspaceApp request options, for the
// tests. The WorkspaceApp client is not on npm: `workspaceApp` below builds each method's request
// options as the Node SDK's WorkspaceAppClient does (method, URL template, content type, query
// and path parameters, body; see definitions/SOURCES.md), and the core package's HcClient sends them.
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient.js";
import { Logger4jInstance } from "@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger.js";
import { PROJECT } from "./client.js";

// The SDK logs every error answer (axios' whole exception) at ERROR; the tests read the exceptions instead.
(Logger4jInstance as unknown as { level: string }).level = "off";

/** The fixture's key pairs (fixtures/huawei.json, public test keys). */
export const ADMIN_KEY = { ak: "TASKMOCKADMINAK00001", sk: "taskmock-admin-secret-key-00000000000000" };
export const READONLY_KEY = { ak: "TASKMOCKREADAK000001", sk: "taskmock-readonly-secret-key-00000000000" };

/** X-Sdk-Date for an instant: yyyyMMddTHHmmssZ. */
export function sdkDate(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

export interface Signing {
  key?: { ak: string; sk: string };
  /** The URL the signature is computed over (its host and path): default the request's own, on host 127.0.0.1:4010. */
  signedUrl?: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /** X-Sdk-Date; default the real time now. */
  date?: Date;
}

/**
 * The headers the SDK sends for a request to `url` (scheme, host and full path, prefix included):
 * content-type, host, X-Project-Id, X-Sdk-Date and Authorization, as AKSKSigner computes them.
 */
export function signedHeaders(
  method: string,
  url: string,
  { key = ADMIN_KEY, signedUrl = url, query = {}, body, date = new Date() }: Signing = {},
): Record<string, string> {
  const credential = new BasicCredentials().withAk(key.ak).withSk(key.sk).withProjectId(PROJECT);
  const request = {
    endpoint: signedUrl,
    method,
    queryParams: query,
    headers: { "content-type": "application/json", "X-Project-Id": PROJECT, "X-Sdk-Date": sdkDate(date) },
    ...(body === undefined ? {} : { data: body }),
  };
  const headers = AKSKSigner.sign(request, credential) as Record<string, string>;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** An HcClient of the SDK on an endpoint (`http://127.0.0.1:<port>/huawei`), signing with a key pair. */
export function sdkClient(endpoint: string, key = ADMIN_KEY): HcClient {
  const credential = new BasicCredentials().withAk(key.ak).withSk(key.sk).withProjectId(PROJECT);
  return new ClientBuilder((hc) => hc).withCredential(credential).withEndpoint(endpoint).build();
}

type Query = Record<string, string | number | undefined>;

/** Only the query parameters given, as the generated client adds them. */
const given = (query: Query): Record<string, string | number> =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null));

const json = "application/json";

/** WorkspaceAppClient's request options, one builder per schedule-task method. `{project_id}` is filled from the credential. */
export const workspaceApp = {
  createScheduleTask: (body: unknown) => ({ method: "POST", url: "/v1/{project_id}/schedule-task", contentType: json, queryParams: {}, pathParams: {}, headers: {}, data: body }),
  listScheduleTasks: (query: { offset?: number; limit?: number; task_name?: string; task_type?: string } = {}) => ({
    method: "GET",
    url: "/v1/{project_id}/schedule-task",
    contentType: json,
    queryParams: given(query),
    pathParams: {},
    headers: {},
  }),
  showScheduleTask: (taskId: string) => ({ method: "GET", url: "/v1/{project_id}/schedule-task/{task_id}", contentType: json, queryParams: {}, pathParams: { task_id: taskId }, headers: {} }),
  updateScheduleTask: (taskId: string, body: unknown) => ({
    method: "PATCH",
    url: "/v1/{project_id}/schedule-task/{task_id}",
    contentType: json,
    queryParams: {},
    pathParams: { task_id: taskId },
    headers: {},
    data: body,
  }),
  deleteScheduleTask: (taskId: string) => ({
    method: "DELETE",
    url: "/v1/{project_id}/schedule-task/{task_id}",
    contentType: json,
    queryParams: {},
    pathParams: { task_id: taskId },
    headers: {},
  }),
  batchDeleteScheduleTask: (body: { items: string[] }) => ({
    method: "POST",
    url: "/v1/{project_id}/schedule-task/actions/batch-delete",
    contentType: json,
    queryParams: {},
    pathParams: {},
    headers: {},
    data: body,
  }),
  listFutureExecutions: (body: unknown) => ({
    method: "POST",
    url: "/v1/{project_id}/schedule-task/future-executions",
    contentType: json,
    queryParams: {},
    pathParams: {},
    headers: {},
    data: body,
  }),
  listTaskExecuteHistory: (taskId: string, query: { offset?: number; limit?: number } = {}) => ({
    method: "GET",
    url: "/v1/{project_id}/schedule-task/{task_id}/execute-history",
    contentType: json,
    queryParams: given(query),
    pathParams: { task_id: taskId },
    headers: {},
  }),
  listTaskExecuteDetail: (executeHistoryId: string, query: { offset?: number; limit?: number } = {}) => ({
    method: "GET",
    url: "/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail",
    contentType: json,
    queryParams: given(query),
    pathParams: { execute_history_id: executeHistoryId },
    headers: {},
  }),
};
