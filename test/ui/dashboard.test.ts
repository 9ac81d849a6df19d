/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The dashboard (GET /__admin/ui) in a real headless Chromium (test/helpers/browser.mjs), used as a
// person would: a server on port 0, clicks and form fields, requests sent with fetch meanwhile. After
// every test, every request the page made went to that server and nowhere else, and the page threw
// nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type RunningMockServer, startMockServer } from "../../src/index.js";
import { launchBrowser } from "../helpers/browser.mjs";
import { CLOCK } from "../helpers/mock.js";

const ADMIN = { authorization: "Bearer taskmock-admin" };
const JSON_ADMIN = { ...ADMIN, "content-type": "application/json" };
const SPAAZA = { authorization: "Bearer 00000000-0000-4000-8000-000000001764:taskmock-secret", "content-type": "application/json" };
const OMNI_LIST = "/omni/api/v1/connections/f47ac10b-58cc-4372-a567-0e02b2c3d479/schedules";
const AWORK = "/awork/api/v1/taskschedules";

let browser: Browser;
let profile: string;
let server: RunningMockServer;
let context: BrowserContext;
/** Every URL the test's pages asked for, and what they threw. */
let asked: string[];
let thrown: string[];

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "taskmock-browser-"));
  browser = await launchBrowser(profile);
});

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await startMockServer({ port: 0, seed: 7, clock: CLOCK, report: () => {} });
  context = await browser.createBrowserContext();
  asked = [];
  thrown = [];
});

afterEach(async () => {
  await context.close();
  await server.close();
  // Nothing from elsewhere: no CDN, no font service, no analytics; only this server's own paths.
  expect(asked.length).toBeGreaterThan(0);
  for (const url of asked) expect(new URL(url).origin, url).toBe(server.url);
  expect(thrown).toEqual([]);
});

/** A new tab on the dashboard (of a session, with `path`), once it has read what it shows. */
async function open(path = "/__admin/ui", width = 1280, height = 800): Promise<Page> {
  const page = await context.newPage();
  await page.setViewport({ width, height });
  page.on("request", (request) => {
    asked.push(request.url());
  });
  page.on("pageerror", (error) => {
    thrown.push(error instanceof Error ? error.message : String(error));
  });
  page.on("console", (message) => {
    if (message.type() === "error") thrown.push(message.text());
  });
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector("body[data-ready]");
  return page;
}

/** A request sent to the mock from outside the page, as a client under test would. */
function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, init);
}

async function view(page: Page, name: string): Promise<void> {
  await page.locator(`nav.views a[data-view="${name}"]`).click();
  await page.waitForSelector(`body[data-view="${name}"]:not([data-loading])`);
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

describe("the dashboard in a browser", () => {
  test("every view opens from the server alone, at 1280×800 and on a phone, without a horizontal scroll", async () => {
    await send(OMNI_LIST, { headers: ADMIN });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const page = await open("/__admin/ui", width, height);
      for (const name of ["traffic", "contract", "state", "clock", "faults", "sessions"]) {
        await view(page, name);
        expect(await page.$eval(`#view-${name}`, (el) => (el as HTMLElement).hidden), name).toBe(false);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await page.close();
    }
    const res = await send("/__admin/ui");
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
  });

  test("a request made with fetch appears in Traffic without a reload", async () => {
    const page = await open("/__admin/ui#traffic");
    await page.waitForSelector("#live[data-state=live]");
    await page.evaluate(() => {
      (window as unknown as { kept: string }).kept = "the same page";
    });
    expect(await page.$$("tr.entry")).toHaveLength(0);
    const status = await page.evaluate(async (path, headers) => (await fetch(path, { headers })).status, OMNI_LIST, ADMIN);
    expect(status).toBe(200);
    await page.waitForSelector("tr.entry[data-vendor=omni][data-status='200']");
    expect(await text(page, "tr.entry")).toContain("listSchemaRefreshSchedules");
    await send(AWORK, { headers: ADMIN });
    await page.waitForFunction(() => document.querySelectorAll("tr.entry").length === 2);
    // The newest first.
    expect(await page.$$eval("tr.entry", (rows) => rows.map((r) => (r as HTMLElement).dataset["vendor"]))).toEqual(["awork", "omni"]);
    expect(await page.evaluate(() => (window as unknown as { kept?: string }).kept)).toBe("the same page");
    // The filters narrow what is shown.
    await page.select("#traffic-filters [name=vendor]", "omni");
    expect(await page.$$eval("tr.entry", (rows) => rows.map((r) => (r as HTMLElement).dataset["vendor"]))).toEqual(["omni"]);
  });

  test("expanding a request that broke the contract shows each violation at its pointer in the body, and the answer sent", async () => {
    const body = { taskId: 5, startDate: "2022-03-01T09:00:00Z", endDate: "2022-03-01T10:00:00Z" };
    const res = await send(AWORK, { method: "POST", headers: JSON_ADMIN, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const answered = (await res.json()) as { code: string };
    await send(AWORK, { headers: ADMIN });
    const page = await open("/__admin/ui#traffic");
    await page.locator("#traffic-filters [name=invalid]").click();
    expect(await page.$$("tr.entry")).toHaveLength(1);
    await page.locator("tr.entry.breaks").click();
    const request = "tr.detail .pane:first-child .json";
    await page.waitForSelector(request);
    // A wrong value: under its own line.
    const wrong = await page.$eval(`${request} .violation[data-pointer="/taskId"]`, (el) => ({
      rule: (el as HTMLElement).dataset["rule"],
      text: (el as HTMLElement).innerText,
      line: (el.previousElementSibling as HTMLElement).dataset["pointer"],
      lineText: (el.previousElementSibling as HTMLElement).innerText,
      marked: el.previousElementSibling?.classList.contains("bad"),
    }));
    expect(wrong).toMatchObject({ rule: "type", line: "/taskId", marked: true });
    expect(wrong.lineText).toContain('"taskId": 5');
    expect(wrong.text).toContain("must be string");
    // A missing property: under the object that lacks it.
    const missing = await page.$eval(`${request} .violation[data-pointer="/userId"]`, (el) => {
      let line = el.previousElementSibling as HTMLElement;
      while (line.classList.contains("violation")) line = line.previousElementSibling as HTMLElement;
      return { rule: (el as HTMLElement).dataset["rule"], line: line.dataset["pointer"], lineText: line.innerText };
    });
    expect(missing).toEqual({ rule: "required", line: "", lineText: "{" });
    // The answer pane shows the body as sent, pretty.
    const answer = await text(page, "tr.detail .pane:last-child");
    expect(answer).toContain("400");
    expect(answer).toContain(`"code": "${answered.code}"`);
    expect(answer).toContain("content-type");
  });

  test("the verify verdict links each breach to its request; the State view finds a record", async () => {
    await send(AWORK, { method: "POST", headers: JSON_ADMIN, body: "{}" });
    const page = await open("/__admin/ui#contract");
    expect(await page.$eval("#verify-verdict", (el) => (el as HTMLElement).dataset["ok"])).toBe("false");
    await page.locator("a.breach-link").click();
    await page.waitForSelector("body[data-view=traffic] tr.entry.open + tr.detail");
    expect(await page.evaluate(() => location.hash)).toBe("#traffic/1");
    await view(page, "state");
    await page.locator("#state-vendors button:nth-child(3)").click(); // spaaza
    await page.waitForSelector("#state-collections[data-vendor=spaaza] details.collection[data-collection=tasks]");
    const records = "details.collection[data-collection=tasks] details.record";
    expect((await page.$$(records)).length).toBeGreaterThan(30);
    await page.type("#state-search", "updated wallet");
    expect(await page.$$(records)).toHaveLength(1);
    expect(await text(page, "details.collection[data-collection=tasks] > summary")).toMatch(/^tasks 1 of \d+$/);
    // Opened, as JSON.
    expect(await text(page, `${records} .json`)).toContain('"id": 12345');
    await page.type("#state-search", " nowhere");
    expect(await text(page, "#state-collections")).toBe("No record matches.");
  });

  test("adding a fault rule in the form, which offers only documented operations and statuses, makes the next request answer it", async () => {
    const page = await open("/__admin/ui#faults");
    await page.select("#fault-form [name=vendor]", "omni");
    const operations = await page.$$eval("#fault-form [name=operationId] option", (options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(operations).toEqual(["listSchemaRefreshSchedules", "createSchemaRefreshSchedule", "getSchemaRefreshSchedule", "updateSchemaRefreshSchedule", "deleteSchemaRefreshSchedule"]);
    await page.select("#fault-form [name=operationId]", "listSchemaRefreshSchedules");
    const statuses = await page.$$eval("#fault-form [name=status] option", (options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(statuses).toEqual(["200", "400", "401", "403", "404", "429", "503"]);
    await page.select("#fault-form [name=status]", "503");
    await page.type("#fault-form [name=times]", "1");
    await page.locator("#fault-form button[type=submit]").click();
    await page.waitForSelector("#fault-rows tr[data-id='1']");
    expect(await text(page, "#fault-rows tr[data-id='1']")).toContain("answers 503");
    expect((await send(OMNI_LIST, { headers: ADMIN })).status).toBe(503);
    expect((await send(OMNI_LIST, { headers: ADMIN })).status).toBe(200);
    // Used up, the rule leaves the list, live.
    await page.waitForFunction(() => !document.querySelector("#fault-rows tr[data-id='1']"));
    // A maintenance window, opened and ended from the page (only vendors documenting 503 are offered).
    const windows = await page.$$eval("#maintenance-form [name=vendor] option", (options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(windows).toEqual(["huawei", "omni"]);
    await page.select("#maintenance-form [name=vendor]", "omni");
    await page.locator("#maintenance-form button[type=submit]").click();
    await page.waitForSelector("#maintenance-rows tr[data-vendor=omni]");
    expect((await send(OMNI_LIST, { headers: ADMIN })).status).toBe(503);
    await page.locator("#maintenance-rows tr[data-vendor=omni] button").click();
    await page.waitForFunction(() => !document.querySelector("#maintenance-rows tr[data-vendor=omni]"));
    expect((await send(OMNI_LIST, { headers: ADMIN })).status).toBe(200);
    // A latency rule on any of awork's operations, then deleted.
    await page.select("#fault-form [name=vendor]", "awork");
    await page.type("#fault-form [name=latencyMs]", "5");
    await page.locator("#fault-form button[type=submit]").click();
    await page.waitForSelector("#fault-rows tr[data-id='2']");
    expect(await (await send("/__admin/faults")).json()).toMatchObject({ faults: [{ id: 2, vendor: "awork", latencyMs: 5 }] });
    await page.locator("#fault-rows tr[data-id='2'] button").click();
    await page.waitForFunction(() => !document.querySelector("#fault-rows tr[data-id='2']"));
    expect(await (await send("/__admin/faults")).json()).toEqual({ faults: [] });
  });

  test("advancing the clock a day shows a Spaaza task reach DONE on the timeline", async () => {
    const task = {
      chain: 1764,
      desc: "Users export, in an hour",
      target: { action: "export", export_index: "users", export_format: "csv" },
      trigger: { once: "2026-01-01T01:00:00Z" },
    };
    const created = await send("/spaaza/tasks", { method: "POST", headers: SPAAZA, body: JSON.stringify(task) });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: number };
    const page = await open("/__admin/ui#clock");
    const spaaza = ".timeline[data-vendor=spaaza]";
    expect(await text(page, `${spaaza} ol.due li[data-id='${id}']`)).toContain("2026-01-01 01:00:00");
    expect(await page.$(`${spaaza} ol.fired li[data-id='${id}']`)).toBeNull();
    await page.locator("#clock-presets [data-advance=P1D]").click();
    await page.waitForSelector(`${spaaza} ol.fired li[data-id='${id}'][data-status=DONE]`);
    expect(await text(page, `${spaaza} ol.fired li[data-id='${id}']`)).toContain("2026-01-01 01:01:00");
    expect(await text(page, "#clock-big")).toBe("2026-01-02 00:00:00 UTC");
    expect(await page.$(`${spaaza} ol.due li[data-id='${id}']`)).toBeNull();
    // Set to an instant.
    await page.type("#clock-set [name=set]", "2026-03-01T12:00:00Z");
    await page.locator("#clock-set button[type=submit]").click();
    await page.waitForFunction(() => document.querySelector("#clock-big")?.textContent === "2026-03-01 12:00:00 UTC");
    expect(await (await send("/__admin/clock")).json()).toMatchObject({ now: "2026-03-01T12:00:00.000Z" });
    // The other presets.
    for (const [preset, shown] of [
      ["PT1M", "2026-03-01 12:01:00 UTC"],
      ["PT1H", "2026-03-01 13:01:00 UTC"],
      ["P1W", "2026-03-08 13:01:00 UTC"],
    ]) {
      await page.locator(`#clock-presets [data-advance=${preset}]`).click();
      await page.waitForFunction((want) => document.querySelector("#clock-big")?.textContent === want, {}, shown);
    }
  });

  test("coverage cells change colour as operations are exercised, without a reload", async () => {
    const page = await open("/__admin/ui#contract");
    const cell = (status: number) => `.coverage[data-vendor=omni] td[data-operation=listSchemaRefreshSchedules][data-status='${status}']`;
    const state = (status: number) => page.$eval(cell(status), (el) => (el as HTMLElement).dataset["state"]);
    expect(await state(200)).toBe("none");
    expect(await state(503)).toBe("none");
    expect(await page.$eval(cell(200), (el) => getComputedStyle(el).backgroundColor)).toBe("rgb(243, 210, 207)");
    expect(await text(page, "#coverage-operations")).toContain("0/34");
    await send(OMNI_LIST, { headers: ADMIN });
    await page.waitForSelector(`${cell(200)}[data-state=natural]`);
    expect(await page.$eval(cell(200), (el) => getComputedStyle(el).backgroundColor)).toBe("rgb(63, 178, 107)");
    expect(await text(page, "#coverage-operations")).toContain("1/34");
    await send(OMNI_LIST, { headers: { ...ADMIN, prefer: "code=503" } });
    await page.waitForSelector(`${cell(503)}[data-state=forced]`);
    expect(await page.$eval(cell(503), (el) => getComputedStyle(el).backgroundColor)).toBe("rgb(242, 193, 78)");
    expect(await page.$eval("#verify-verdict", (el) => (el as HTMLElement).dataset["ok"])).toBe("true");
  });

  test("switching sessions shows only that session's traffic; a session can be dropped", async () => {
    await send(OMNI_LIST, { headers: ADMIN });
    await send(`/__sessions/team-a${AWORK}`, { headers: ADMIN });
    await send(`/__sessions/team-b${AWORK}`, { headers: ADMIN });
    const page = await open("/__admin/ui#sessions");
    await page.waitForSelector("#session-rows tr[data-session=team-a]");
    expect(await page.$$eval("#session-rows tr", (rows) => rows.map((r) => (r as HTMLElement).dataset["session"]))).toEqual(["default", "team-a", "team-b"]);
    await Promise.all([page.waitForNavigation(), page.locator("#session-rows tr[data-session=team-a] a.open-session").click()]);
    await page.waitForSelector("body[data-ready]");
    expect(new URL(page.url()).pathname).toBe("/__sessions/team-a/__admin/ui");
    expect(await text(page, "#session-chip")).toContain("team-a");
    await view(page, "traffic");
    expect(await page.$$eval("tr.entry", (rows) => rows.map((r) => (r as HTMLElement).dataset["vendor"]))).toEqual(["awork"]);
    // Live, still per session: the default session's request stays out, team-a's comes in.
    await page.waitForSelector("#live[data-state=live]");
    await send(OMNI_LIST, { headers: ADMIN });
    await send(OMNI_LIST, { headers: { ...ADMIN, "x-taskmock-session": "team-a" } });
    await page.waitForFunction(() => document.querySelectorAll("tr.entry").length === 2);
    expect(await page.$$eval("tr.entry", (rows) => rows.map((r) => (r as HTMLElement).dataset["vendor"]))).toEqual(["omni", "awork"]);
    // Drop team-b from team-a's dashboard.
    await view(page, "sessions");
    await page.locator("#session-rows tr[data-session=team-b] button.drop-session").click();
    await page.waitForFunction(() => !document.querySelector("#session-rows tr[data-session=team-b]"));
    expect((await send(`/__sessions/team-b${AWORK}`, { headers: ADMIN })).status).toBe(410);
  });
});
