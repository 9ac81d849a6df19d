// A small client of two vendors, Omni (schema refresh schedules) and awork (task schedules),
// written with openapi-fetch and the types taskmock exports for each vendor. Nothing in it knows
// about the mock: point `baseUrl` at the vendor in production and at taskmock in tests.
import createClient, { type Middleware } from "openapi-fetch";
import type { components as AworkComponents, paths as AworkPaths } from "taskmock/types/awork";
import type { components as OmniComponents, paths as OmniPaths } from "taskmock/types/omni";

export type OmniSchedule = OmniComponents["schemas"]["Schedule"];
export type OmniScheduleInput = OmniComponents["schemas"]["ScheduleCreate"];
export type TaskSchedule = AworkComponents["schemas"]["TaskSchedule"];
export type TaskScheduleInput = AworkComponents["schemas"]["TaskScheduleCreate"];
/** awork's update form: the task, the start and the end, each optional; a schedule keeps its user. */
export type TaskScheduleChange = AworkComponents["schemas"]["TaskScheduleUpdate"];

export interface ClientOptions {
  /** The vendor's origin, or the mock's base URL for that vendor (`http://127.0.0.1:4010/omni`). */
  baseUrl: string;
  token: string;
  /** A fetch of your own (the default is the global one); a test may route it in-process. */
  fetch?: (request: Request) => Promise<Response>;
  /** How often a 429 or 503 is retried (default 1), and how long to wait before (default: Retry-After). */
  retries?: number;
  retryDelayMs?: (retryAfterSeconds: number) => number;
}

/** A vendor's error answer, with its status and the vendor's own error body. */
export class ApiError extends Error {
  constructor(
    readonly vendor: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${vendor} answered ${status}: ${JSON.stringify(body)}`);
  }
}

/** Retries a 429 or 503 answer after the vendor's Retry-After, up to `retries` times. */
function retrying(options: ClientOptions): Middleware {
  const fetcher = options.fetch ?? ((request: Request) => fetch(request));
  return {
    async onResponse({ request, response }) {
      let answer = response;
      for (let attempt = 0; attempt < (options.retries ?? 1) && (answer.status === 429 || answer.status === 503); attempt++) {
        const seconds = Number(answer.headers.get("retry-after") ?? "1") || 1;
        const wait = options.retryDelayMs ? options.retryDelayMs(seconds) : seconds * 1000;
        await new Promise((resolve) => setTimeout(resolve, wait));
        answer = await fetcher(request.clone());
      }
      return answer;
    },
  };
}

function fail(vendor: string, response: Response, error: unknown): never {
  throw new ApiError(vendor, response.status, error);
}

export function omniClient(options: ClientOptions) {
  const client = createClient<OmniPaths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(retrying(options));
  const list = "/api/v1/connections/{connectionId}/schedules" as const;
  const one = "/api/v1/connections/{connectionId}/schedules/{scheduleId}" as const;
  return {
    async list(connectionId: string): Promise<OmniSchedule[]> {
      const { data, error, response } = await client.GET(list, { params: { path: { connectionId } } });
      return data ? data.schedules : fail("omni", response, error);
    },
    async create(connectionId: string, input: OmniScheduleInput): Promise<OmniSchedule> {
      const { data, error, response } = await client.POST(list, { params: { path: { connectionId } }, body: input });
      return data ?? fail("omni", response, error);
    },
    async get(connectionId: string, scheduleId: string): Promise<OmniSchedule> {
      const { data, error, response } = await client.GET(one, { params: { path: { connectionId, scheduleId } } });
      return data ?? fail("omni", response, error);
    },
    async update(connectionId: string, scheduleId: string, input: OmniScheduleInput): Promise<OmniSchedule> {
      const { data, error, response } = await client.PUT(one, { params: { path: { connectionId, scheduleId } }, body: input });
      return data ?? fail("omni", response, error);
    },
    async remove(connectionId: string, scheduleId: string): Promise<void> {
      const { error, response } = await client.DELETE(one, { params: { path: { connectionId, scheduleId } } });
      if (!response.ok) fail("omni", response, error);
    },
  };
}

export function aworkClient(options: ClientOptions) {
  const client = createClient<AworkPaths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(retrying(options));
  return {
    /** One page, with the total the aw-totalitems header tells. */
    async list(page = 1, pageSize = 50): Promise<{ items: TaskSchedule[]; total: number }> {
      const { data, error, response } = await client.GET("/api/v1/taskschedules", { params: { query: { page, pageSize } } });
      if (!data) fail("awork", response, error);
      return { items: data, total: Number(response.headers.get("aw-totalitems")) };
    },
    async create(input: TaskScheduleInput): Promise<TaskSchedule> {
      const { data, error, response } = await client.POST("/api/v1/taskschedules", { body: input });
      return data ?? fail("awork", response, error);
    },
    async get(taskScheduleId: string): Promise<TaskSchedule> {
      const { data, error, response } = await client.GET("/api/v1/taskschedules/{taskScheduleId}", { params: { path: { taskScheduleId } } });
      return data ?? fail("awork", response, error);
    },
    async update(taskScheduleId: string, change: TaskScheduleChange): Promise<TaskSchedule> {
      const { data, error, response } = await client.PUT("/api/v1/taskschedules/{taskScheduleId}", {
        params: { path: { taskScheduleId } },
        body: change,
      });
      return data ?? fail("awork", response, error);
    },
    async remove(taskScheduleId: string): Promise<void> {
      const { error, response } = await client.DELETE("/api/v1/taskschedules/{taskScheduleId}", { params: { path: { taskScheduleId } } });
      if (!response.ok) fail("awork", response, error);
    },
  };
}
