// The operations measured: the same spec file, operation, headers and body for every server.
// taskmock serves each vendor under its prefix; Prism serves one spec at its root.
import { send } from "./servers.mjs";

const OMNI_SCHEDULE = "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules/a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const BEARER = { authorization: "Bearer taskmock-admin" };
const JSON_BODY = { "content-type": "application/json" };
const HUAWEI_PROJECT = "0605767d1b0010c12fc8c00df5ae9e6b";

/** awork's seed task and user (fixtures/awork.json): a schedule for them is a valid create. */
const AWORK_TASK = "123e4567-e89b-12d3-a456-426614174000";
export const AWORK_RECORDS = 1000;

export const OPERATIONS = [
  {
    id: "omni-put",
    title: "Omni PUT (write + derived description)",
    short: "Omni PUT",
    vendor: "omni",
    spec: "omni.yaml",
    method: "PUT",
    path: OMNI_SCHEDULE,
    headers: { ...BEARER, ...JSON_BODY },
    body: JSON.stringify({ schedule: "00 18 ? * * *", timezone: "Europe/London" }),
    status: 200,
    primary: true,
  },
  {
    id: "awork-list",
    title: `awork list, ${AWORK_RECORDS} records, page of 100`,
    short: "awork list (1,000 records, page 100)",
    vendor: "awork",
    spec: "awork.yaml",
    method: "GET",
    path: "/api/v1/taskschedules?page=1&pageSize=100",
    headers: { ...BEARER },
    status: 200,
    /** Tops the store up to AWORK_RECORDS task schedules through the API (idempotent). */
    async setup(base) {
      const probe = await send(base, { method: "GET", path: "/awork/api/v1/taskschedules?pageSize=1", headers: BEARER });
      const have = Number(probe.headers["aw-totalitems"] ?? 0);
      const start = Date.parse("2026-01-05T08:00:00Z");
      const jobs = [];
      for (let i = have; i < AWORK_RECORDS; i++) {
        const startDate = new Date(start + i * 3_600_000).toISOString();
        const endDate = new Date(start + i * 3_600_000 + 1_800_000).toISOString();
        jobs.push({ startDate, endDate });
      }
      // Ten at a time: bounded, and quick.
      for (let i = 0; i < jobs.length; i += 10) {
        const answers = await Promise.all(
          jobs.slice(i, i + 10).map((dates) =>
            send(base, {
              method: "POST",
              path: "/awork/api/v1/taskschedules",
              headers: { ...BEARER, ...JSON_BODY },
              body: JSON.stringify({ taskId: AWORK_TASK, userId: AWORK_TASK, ...dates }),
            }),
          ),
        );
        const refused = answers.find((a) => a.status !== 200);
        if (refused) throw new Error(`awork seed create answered ${refused.status}: ${refused.body}`);
      }
      const check = await send(base, { method: "GET", path: "/awork/api/v1/taskschedules?pageSize=1", headers: BEARER });
      if (Number(check.headers["aw-totalitems"]) !== AWORK_RECORDS) throw new Error(`awork holds ${check.headers["aw-totalitems"]} schedules`);
    },
  },
  {
    id: "huawei-create",
    title: "Huawei create",
    short: "Huawei create",
    vendor: "huawei",
    spec: "huawei-workspace.yaml",
    method: "POST",
    path: `/v1/${HUAWEI_PROJECT}/schedule-task`,
    headers: { "x-auth-token": "taskmock-admin", ...JSON_BODY },
    body: JSON.stringify({
      task_name: "nightly_restart_aps01",
      task_type: "RESTART_SERVER",
      scheduled_type: "DAY",
      day_interval: 1,
      scheduled_time: "03:00:00",
      time_zone: "Asia/Shanghai",
      description: "Restart the design tools server every night",
      schedule_task_policy: { enforcement_enable: false },
      target_infos: [{ target_type: "SERVER", target_id: "3f791197-d166-4c8e-81e4-38c40ffc1989" }],
    }),
    status: 200,
    /** Every create adds a task: the stores go back to their fixtures after each round. */
    async cleanup(base) {
      const answer = await send(base, { method: "POST", path: "/__admin/reset" });
      if (answer.status !== 200) throw new Error(`reset answered ${answer.status}`);
    },
  },
  {
    id: "invalid-400",
    title: "invalid request (Omni PUT, 400)",
    short: "invalid request (400)",
    vendor: "omni",
    spec: "omni.yaml",
    method: "PUT",
    path: OMNI_SCHEDULE,
    headers: { ...BEARER, ...JSON_BODY },
    body: JSON.stringify({ schedule: 5 }),
    status: 400,
  },
];

/** The request as a server of this kind receives it (taskmock and its layer alone serve each vendor under its prefix). */
export function requestFor(operation, kind) {
  return {
    method: operation.method,
    path: kind === "taskmock" || kind === "layer" ? `/${operation.vendor}${operation.path}` : operation.path,
    headers: operation.headers,
    ...(operation.body === undefined ? {} : { body: operation.body }),
    status: operation.status,
  };
}

/** The probe for "start to first valid answer": a read of Omni's schedules (taskmock with all five specs). */
export const START_PROBE = {
  method: "GET",
  path: "/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules",
  headers: BEARER,
  status: 200,
};
