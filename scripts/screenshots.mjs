// The README's pictures of the dashboard: `npm run screenshots` (or `-- --out DIR`). Builds nothing
// itself (the npm script builds dist/ first). Starts the built mock on a free port with a fixed
// seed and clock, plays some traffic into it (requests that keep and that break the contract, a
// forced answer, a fault rule, a maintenance window, a Spaaza task run by a day of mock time, a
// second session), then photographs every view at 1280×800 and the traffic on a phone (390×844)
// with the same headless Chromium the tests drive (test/helpers/browser.mjs). Stops both, and
// removes the browser's profile, whatever happens. The browser draws text with the machine's
// fonts: Huawei's fixtures have Chinese task names, which need a CJK font (Debian:
// fonts-wqy-microhei, which the committed pictures were taken with), or they show as boxes.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startMockServer } from "../dist/index.js";
import { launchBrowser } from "../test/helpers/browser.mjs";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const OUT = resolve(values.out ?? "docs");

/** Each picture: file, view, viewport, and what to do on the page before it is taken. */
const SHOTS = [
  { file: "dashboard-traffic.png", view: "traffic", open: (page) => page.click("tr.entry.breaks[data-vendor=awork]") },
  { file: "dashboard-contract.png", view: "contract" },
  {
    file: "dashboard-state.png",
    view: "state",
    open: async (page) => {
      await page.click("#state-vendors button:nth-child(3)");
      await page.waitForSelector("#state-collections[data-vendor=spaaza]");
      await page.type("#state-search", "users export");
    },
  },
  { file: "dashboard-clock.png", view: "clock" },
  { file: "dashboard-faults.png", view: "faults" },
  { file: "dashboard-sessions.png", view: "sessions" },
  { file: "dashboard-phone.png", view: "traffic", width: 390, height: 844 },
];

const ADMIN = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };
const HUAWEI = { "x-auth-token": "taskmock-admin" };
const OMNI = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const SEED = "123e4567-e89b-12d3-a456-426614174000";

/** Traffic a client under test might have sent. */
async function play(url) {
  const send = async (path, init = {}) => {
    const res = await fetch(`${url}${path}`, init);
    await res.arrayBuffer();
    return res;
  };
  const post = (path, body, headers = ADMIN) => send(path, { method: "POST", headers, body: JSON.stringify(body) });
  await send(OMNI, { headers: ADMIN });
  await send(`${OMNI}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { method: "PUT", headers: ADMIN, body: JSON.stringify({ schedule: "00 18 ? * * *", timezone: "Europe/London" }) });
  await send("/huawei/v1/0605767d1b0010c12fc8c00df5ae9e6b/schedule-task", { headers: HUAWEI });
  await send("/crego/tasks/schedules/4/", { headers: ADMIN });
  await post("/awork/api/v1/taskschedules", { taskId: SEED, userId: SEED, startDate: "2026-01-05T09:00:00Z", endDate: "2026-01-05T10:00:00Z" });
  await send("/awork/api/v1/taskschedules?pageSize=5", { headers: { ...ADMIN, prefer: "code=429" } });
  await post("/awork/api/v1/taskschedules", { taskId: 42, startDate: "tomorrow", endDate: "2026-01-05T10:00:00Z" });
  await post("/spaaza/tasks", {
    chain: 1764,
    desc: "Users export for the CRM",
    target: { action: "export", export_index: "users", export_format: "csv" },
    trigger: { once: "2026-01-05T09:30:00Z" },
  }, SPAAZA);
  await post("/__admin/faults", { vendor: "omni", operationId: "listSchemaRefreshSchedules", status: 503, times: 2 }, {});
  await send(OMNI, { headers: ADMIN });
  await send(`${OMNI}/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { headers: { authorization: "Bearer wrong-token" } });
  await post("/__admin/clock", { advance: "P1D" }, {});
  await send("/spaaza/tasks?status=DONE", { headers: SPAAZA });
  await post("/__admin/maintenance", { vendor: "huawei", retryAfter: 30, until: "2026-01-07T00:00:00Z" }, {});
  await send("/__sessions/ci-worker-1/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules", { headers: ADMIN });
  await send("/__sessions/ci-worker-2/awork/api/v1/taskschedules", { headers: ADMIN });
}

const server = await startMockServer({ port: 0, seed: 1, clock: "2026-01-05T09:00:00Z", report: () => {} });
const profile = mkdtempSync(join(tmpdir(), "taskmock-screenshots-"));
let browser;
try {
  await play(server.url);
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser(profile);
  for (const shot of SHOTS) {
    const page = await browser.newPage();
    await page.setViewport({ width: shot.width ?? 1280, height: shot.height ?? 800 });
    await page.goto(`${server.url}/__admin/ui#${shot.view}`);
    await page.waitForSelector(`body[data-ready][data-view=${shot.view}]:not([data-loading])`);
    if (shot.open) await shot.open(page);
    // Let the last layout and paint settle.
    await new Promise((done) => setTimeout(done, 200));
    await page.screenshot({ path: join(OUT, shot.file) });
    await page.close();
    console.log(join(OUT, shot.file));
  }
} finally {
  await browser?.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
