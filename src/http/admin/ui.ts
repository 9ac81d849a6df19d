// GET /__admin/ui: the dashboard, for a person beside their client. The page is rendered here (the
// views' frame, the session it speaks for); a small script (ui/dashboard.js, with ui/dashboard.css,
// both served by taskmock from the package: nothing from elsewhere) fills it from the admin API of
// that session, and keeps the traffic live through GET /__admin/requests/stream. The page's
// Content-Security-Policy lets it load and ask nothing but this server.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { html } from "hono/html";
import { DEFAULT_SESSION } from "../../core/sessions.js";
import { PACKAGE_ROOT } from "../../paths.js";
import { type AdminApp, fail } from "./common.js";

/** The dashboard's files, in the package's ui/ folder, with their types. */
const ASSETS: Record<string, string> = {
  "dashboard.js": "text/javascript; charset=utf-8",
  "dashboard.css": "text/css; charset=utf-8",
  "favicon.svg": "image/svg+xml",
};

const UI_DIR = join(PACKAGE_ROOT, "ui");

/** Read once, on first use. */
const loaded = new Map<string, string>();
function asset(name: string): string {
  let text = loaded.get(name);
  if (text === undefined) {
    text = readFileSync(join(UI_DIR, name), "utf8");
    loaded.set(name, text);
  }
  return text;
}

/** Only this server: no script, style, image or connection from anywhere else, no inline script. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The views, in the navigation's order: hash, title. */
const VIEWS: [string, string][] = [
  ["traffic", "Traffic"],
  ["contract", "Contract"],
  ["state", "State"],
  ["clock", "Clock & scheduler"],
  ["faults", "Faults & maintenance"],
  ["sessions", "Sessions"],
];

function page(session: string, admin: string, vendors: readonly string[]) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>taskmock · ${session}</title>
<link rel="icon" href="${admin}/ui/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${admin}/ui/dashboard.css">
<script type="module" src="${admin}/ui/dashboard.js"></script>
</head>
<body data-admin="${admin}" data-session="${session}" data-vendors="${vendors.join(",")}">
<header class="top">
  <a class="brand" href="#traffic">taskmock</a>
  <span class="chip" id="session-chip" title="The session this dashboard shows">session <b>${session}</b></span>
  <span class="chip" id="clock-chip" title="The mock's clock (UTC)">clock <b id="clock-now">…</b></span>
  <span class="chip live" id="live" data-state="connecting" title="Live traffic (server-sent events)">connecting</span>
</header>
<nav class="views">
  ${VIEWS.map(([id, title]) => html`<a href="#${id}" data-view="${id}">${title}</a>`)}
</nav>
<main>
<section id="view-traffic" class="view" hidden>
  <h1>Traffic</h1>
  <p class="hint">Every request this session answered, the newest first, live as they come. A row opens to the request and the answer, each violation at its place in the body.</p>
  <div class="toolbar" id="traffic-filters">
    <label>vendor <select name="vendor"><option value="">all</option></select></label>
    <label>operation <select name="operation"><option value="">all</option></select></label>
    <label>status <input name="status" type="text" inputmode="numeric" size="4" placeholder="any" pattern="[0-9]{3}"></label>
    <label class="check"><input name="invalid" type="checkbox"> broke the contract</label>
    <span class="spacer"></span>
    <span id="traffic-count" class="muted"></span>
    <button type="button" id="traffic-clear" class="quiet" title="DELETE /__admin/requests">Clear journal</button>
  </div>
  <div class="scroll"><table class="traffic">
    <thead><tr><th>time</th><th>vendor</th><th>request</th><th>operation</th><th>status</th><th>notes</th></tr></thead>
    <tbody id="traffic-rows"></tbody>
  </table></div>
  <p class="empty" id="traffic-empty">No request yet. Point a client at this server: they appear here as they arrive.</p>
</section>
<section id="view-contract" class="view" hidden>
  <h1>Contract</h1>
  <div id="verify-verdict" class="verdict"></div>
  <div id="verify-details"></div>
  <h2>Coverage</h2>
  <p class="hint">Each operation × each status its contract documents:
    <span class="cell natural">reached</span> by a request,
    <span class="cell forced">only forced</span> (Prefer, __code, a fault rule),
    <span class="cell none">not reached</span>.
    The totals are the ones <code>--min-operations</code> and <code>--min-statuses</code> check.</p>
  <div id="coverage-totals" class="totals"></div>
  <div id="coverage-vendors"></div>
</section>
<section id="view-state" class="view" hidden>
  <h1>State</h1>
  <div class="toolbar">
    <span class="tabs" id="state-vendors"></span>
    <span class="spacer"></span>
    <label>search <input id="state-search" type="search" placeholder="text in a record"></label>
  </div>
  <div id="state-collections"></div>
</section>
<section id="view-clock" class="view" hidden>
  <h1>Clock &amp; scheduler</h1>
  <div class="clock-face"><span class="muted">the mock's time</span> <b id="clock-big">…</b> <span id="clock-kind" class="muted"></span></div>
  <div class="toolbar" id="clock-presets">
    <span>advance</span>
    <button type="button" data-advance="PT1M">+1 minute</button>
    <button type="button" data-advance="PT1H">+1 hour</button>
    <button type="button" data-advance="P1D">+1 day</button>
    <button type="button" data-advance="P1W">+1 week</button>
  </div>
  <form class="toolbar" id="clock-set">
    <label>set to <input name="set" type="text" size="26" placeholder="2026-01-01T09:00:00Z" required></label>
    <button type="submit">Set</button>
    <span class="error" id="clock-error" role="alert"></span>
  </form>
  <h2>Scheduled runs</h2>
  <p class="hint">What each vendor's scheduler ran as the clock moved (Crego's schedule runs, Huawei's executions, Spaaza's tasks), and what is due next.</p>
  <div id="timeline"></div>
</section>
<section id="view-faults" class="view" hidden>
  <h1>Faults &amp; maintenance</h1>
  <h2>Fault rules</h2>
  <div class="scroll"><table class="grid">
    <thead><tr><th>id</th><th>vendor</th><th>operation</th><th>does</th><th>left</th><th>hits</th><th></th></tr></thead>
    <tbody id="fault-rows"></tbody>
  </table></div>
  <form id="fault-form" class="card">
    <h3>Add a fault rule</h3>
    <p class="hint">Only the operations and statuses the contract documents.</p>
    <div class="fields">
      <label>vendor <select name="vendor" required><option value="">choose…</option></select></label>
      <label>operation <select name="operationId"><option value="">any</option></select></label>
      <label>answer status <select name="status"><option value="">none</option></select></label>
      <label>latency (ms) <input name="latencyMs" type="number" min="0" max="600000" step="1"></label>
      <label class="check"><input name="drop" type="checkbox"> drop the connection</label>
      <label>times <input name="times" type="number" min="1" step="1" placeholder="always"></label>
      <label>probability <input name="probability" type="number" min="0" max="1" step="0.01" placeholder="1"></label>
    </div>
    <button type="submit">Add rule</button>
    <span class="error" id="fault-error" role="alert"></span>
  </form>
  <h2>Maintenance windows</h2>
  <div class="scroll"><table class="grid">
    <thead><tr><th>vendor</th><th>Retry-After</th><th>until</th><th></th></tr></thead>
    <tbody id="maintenance-rows"></tbody>
  </table></div>
  <form id="maintenance-form" class="card">
    <h3>Open a maintenance window</h3>
    <p class="hint">Every endpoint of the vendor answers 503 with Retry-After; only for a vendor whose contract documents 503.</p>
    <div class="fields">
      <label>vendor <select name="vendor" required><option value="">choose…</option></select></label>
      <label>Retry-After (s) <input name="retryAfter" type="number" min="1" step="1" placeholder="120"></label>
      <label>until <input name="until" type="text" size="24" placeholder="optional ISO time"></label>
    </div>
    <button type="submit">Open window</button>
    <span class="error" id="maintenance-error" role="alert"></span>
  </form>
</section>
<section id="view-sessions" class="view" hidden>
  <h1>Sessions</h1>
  <p class="hint">Independent mocks on this server. Open one to switch the whole dashboard to it.</p>
  <div class="scroll"><table class="grid">
    <thead><tr><th>session</th><th>age</th><th>idle</th><th>requests</th><th>records</th><th>journal</th><th></th></tr></thead>
    <tbody id="session-rows"></tbody>
  </table></div>
  <form id="session-form" class="card">
    <h3>New session</h3>
    <div class="fields"><label>id <input name="id" type="text" pattern="[A-Za-z0-9_\\-]{1,64}" placeholder="random" size="24"></label></div>
    <button type="submit">Create and open</button>
    <span class="error" id="session-error" role="alert"></span>
  </form>
</section>
</main>
</body>
</html>
`;
}

export function ui(app: AdminApp): void {
  app.get("/__admin/ui", (c) => {
    const session = c.req.param("session") ?? c.req.header("x-taskmock-session") ?? DEFAULT_SESSION;
    const admin = session === DEFAULT_SESSION && c.req.param("session") === undefined ? "/__admin" : `/__sessions/${session}/__admin`;
    c.header("content-security-policy", CSP);
    c.header("cache-control", "no-cache");
    return c.html(page(session, admin, c.var.mock.vendors));
  });
  app.get("/__admin/ui/:asset", (c) => {
    const name = c.req.param("asset");
    const type = ASSETS[name];
    if (!type) return fail(c, "admin-not-found", 404, `the dashboard has no file "${name}"`);
    return c.body(asset(name), 200, { "content-type": type, "cache-control": "no-cache" });
  });
}
