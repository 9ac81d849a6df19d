// taskmock's dashboard: fills the page the server rendered (src/http/admin/ui.ts) from the admin
// API of the session it shows (`data-admin`), and keeps it live through the journal's server-sent
// events. Plain browser JavaScript, no build step, nothing loaded from anywhere but this server.

const ADMIN = document.body.dataset.admin;
const SESSION = document.body.dataset.session;
const VENDORS = (document.body.dataset.vendors || "").split(",").filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Small helpers

/** An element with attributes (`on…` are listeners) and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const $ = (selector) => document.querySelector(selector);

/** A form's field by name (a form's own properties, such as id, would shadow `form.name`). */
const field = (form, name) => form.elements.namedItem(name);

/** A request to the admin API; answers the JSON (or null for 204), throws the problem's detail. */
async function api(path, { method = "GET", body } = {}) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["content-type"] = "application/json";
  }
  const res = await fetch(`${ADMIN}${path}`, init);
  if (res.status === 204) return null;
  const text = await res.text();
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  if (!res.ok) throw new Error((value && value.detail) || `${method} ${path} answered ${res.status}`);
  return value;
}

/** A mock time, in UTC, to the second: 2026-01-01 09:00:00. */
function when(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "").replace(/Z$/, "");
}

function seconds(total) {
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min`;
  if (total < 86400) return `${Math.floor(total / 3600)} h ${Math.floor((total % 3600) / 60)} min`;
  return `${Math.floor(total / 86400)} d ${Math.floor((total % 86400) / 3600)} h`;
}

function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const statusClass = (status) => `status s${String(status)[0]}xx`;

function showError(id, error) {
  const el = document.getElementById(id);
  if (el) el.textContent = error ? error.message || String(error) : "";
}

/** JSON pointer token escaping (RFC 6901). */
const token = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");

// ---------------------------------------------------------------------------------------------
// Pretty JSON, each line knowing its pointer, with violations shown at their place

/**
 * `value` as indented JSON lines; each violation sits under the line of its pointer (or of the
 * nearest enclosing value that exists, for a property that is missing), and that line is marked.
 */
function jsonView(value, violations = []) {
  const pre = h("div", { class: "json" });
  if (value === undefined) {
    pre.append(h("div", { class: "line muted" }, "(no body)"));
    attachAll(pre, new Map([["", pre.firstChild]]), violations);
    return pre;
  }
  const lines = new Map();
  const line = (indent, pointer, parts, opens) => {
    const el = h("div", { class: "line", dataset: { pointer } }, "  ".repeat(indent), ...parts);
    if (opens && !lines.has(pointer)) lines.set(pointer, el);
    pre.append(el);
  };
  const scalar = (v) => {
    if (v === null) return h("span", { class: "j-null" }, "null");
    if (typeof v === "string") return h("span", { class: "j-str" }, JSON.stringify(v));
    if (typeof v === "number") return h("span", { class: "j-num" }, String(v));
    if (typeof v === "boolean") return h("span", { class: "j-bool" }, String(v));
    return h("span", {}, JSON.stringify(v));
  };
  const walk = (v, pointer, indent, key, comma) => {
    const label = key === undefined ? [] : [h("span", { class: "j-key" }, JSON.stringify(key)), ": "];
    const tail = comma ? "," : "";
    if (Array.isArray(v) || (v !== null && typeof v === "object")) {
      const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
      if (entries.length === 0) return line(indent, pointer, [...label, open + close + tail], true);
      line(indent, pointer, [...label, open], true);
      entries.forEach(([k, x], i) => walk(x, `${pointer}/${token(k)}`, indent + 1, Array.isArray(v) ? undefined : k, i < entries.length - 1));
      line(indent, pointer, [close + tail], false);
      return;
    }
    line(indent, pointer, [...label, scalar(v), tail], true);
  };
  walk(value, "", 0, undefined, false);
  attachAll(pre, lines, violations);
  return pre;
}

/** Puts each violation after the line of its pointer, or of its nearest ancestor that has one. */
function attachAll(pre, lines, violations) {
  for (const v of violations) {
    let pointer = v.pointer || "";
    while (!lines.has(pointer) && pointer !== "") pointer = pointer.slice(0, pointer.lastIndexOf("/"));
    const at = lines.get(pointer) || pre.firstChild;
    if (!at) continue;
    at.classList.add("bad");
    let after = at;
    while (after.nextSibling && after.nextSibling.classList.contains("violation")) after = after.nextSibling;
    after.after(violationLine(v));
  }
}

function violationLine(v) {
  return h(
    "div",
    { class: "violation", dataset: { pointer: v.pointer || "", rule: v.rule || "" } },
    h("span", { class: "v-mark" }, "⚠"),
    " ",
    h("code", { class: "v-pointer" }, v.pointer || "/"),
    " ",
    h("span", { class: "v-rule" }, v.rule || ""),
    " ",
    h("span", { class: "v-message" }, v.message || ""),
  );
}

function headerTable(headers, violations = []) {
  const names = Object.keys(headers || {});
  if (names.length === 0 && violations.length === 0) return h("p", { class: "muted" }, "no headers");
  const rows = names.map((name) => {
    const bad = violations.filter((v) => (v.pointer || "").replace(/^\//, "").toLowerCase() === name.toLowerCase());
    return h("tr", { class: bad.length ? "bad" : undefined }, h("th", {}, name), h("td", {}, headers[name], bad.map(violationLine)));
  });
  const unplaced = violations.filter((v) => !names.some((n) => n.toLowerCase() === (v.pointer || "").replace(/^\//, "").toLowerCase()));
  return h("div", {}, h("table", { class: "kv" }, h("tbody", {}, rows)), unplaced.map(violationLine));
}

// ---------------------------------------------------------------------------------------------
// Shared data: the operations each vendor documents (filters and forms offer only these)

let catalogue = { vendors: [] };
const catalogueReady = api("/operations").then((value) => {
  catalogue = value;
  return value;
});

const operationsOf = (vendor) => catalogue.vendors.find((v) => v.vendor === vendor)?.operations ?? [];

function fillSelect(select, options, first) {
  const kept = select.value;
  select.replaceChildren(first ? h("option", { value: first[0] }, first[1]) : "", ...options.map(([value, label]) => h("option", { value }, label)));
  if ([...select.options].some((o) => o.value === kept)) select.value = kept;
}

// ---------------------------------------------------------------------------------------------
// Traffic

const traffic = {
  /** id → entry, every entry known, and their ids newest first. */
  entries: new Map(),
  order: [],
  open: new Set(),
  loaded: false,
  /** Events that came while the journal was being read. */
  early: [],
  shownLimit: 300,

  filters() {
    const form = $("#traffic-filters");
    return {
      vendor: form.querySelector("[name=vendor]").value,
      operation: form.querySelector("[name=operation]").value,
      status: form.querySelector("[name=status]").value.trim(),
      invalid: form.querySelector("[name=invalid]").checked,
    };
  },

  matches(entry, f = this.filters()) {
    if (f.vendor && entry.vendor !== f.vendor) return false;
    if (f.operation && entry.operationId !== f.operation) return false;
    if (f.status && String(entry.status) !== f.status) return false;
    if (f.invalid && entry.violations.length === 0) return false;
    return true;
  },

  async load() {
    // Requests that arrive while the journal is read wait in `early`, then join it.
    this.loaded = false;
    const { requests } = await api("/requests");
    this.entries.clear();
    this.order = [];
    for (const entry of requests) this.add(entry);
    this.loaded = true;
    for (const entry of this.early) if (!this.entries.has(entry.id)) this.add(entry);
    this.early = [];
    this.render();
  },

  add(entry) {
    this.entries.set(entry.id, entry);
    this.order.unshift(entry.id);
  },

  /** A new request from the stream: a row on top, without a reload. */
  arrived(entry) {
    if (!this.loaded) {
      this.early.push(entry);
      return;
    }
    if (this.entries.has(entry.id)) return;
    this.add(entry);
    if (this.matches(entry)) {
      const rows = $("#traffic-rows");
      rows.prepend(...this.rowsOf(entry, true));
      $("#traffic-empty").hidden = true;
      const shown = [...rows.querySelectorAll("tr.entry")];
      for (const last of shown.slice(this.shownLimit)) {
        if (last.nextSibling?.classList.contains("detail")) last.nextSibling.remove();
        last.remove();
      }
    }
    this.count();
  },

  cleared() {
    this.entries.clear();
    this.order = [];
    this.open.clear();
    this.render();
  },

  count() {
    const f = this.filters();
    const shown = this.order.filter((id) => this.matches(this.entries.get(id), f)).length;
    $("#traffic-count").textContent = `${shown} of ${this.order.length} request${this.order.length === 1 ? "" : "s"}`;
  },

  render() {
    const f = this.filters();
    const rows = [];
    let shown = 0;
    for (const id of this.order) {
      const entry = this.entries.get(id);
      if (!this.matches(entry, f)) continue;
      if (++shown > this.shownLimit) break;
      rows.push(...this.rowsOf(entry, false));
    }
    $("#traffic-rows").replaceChildren(...rows);
    $("#traffic-empty").hidden = shown > 0;
    $("#traffic-empty").textContent =
      this.order.length === 0 ? "No request yet. Point a client at this server: they appear here as they arrive." : "No request matches the filters.";
    this.count();
  },

  rowsOf(entry, fresh) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(entry.query || {})) for (const one of [].concat(value)) query.append(name, one);
    const line = `${entry.path}${query.toString() ? `?${query}` : ""}`;
    const notes = [];
    if (entry.violations.length) notes.push(h("span", { class: "tag bad" }, `${entry.violations.length} violation${entry.violations.length === 1 ? "" : "s"}`));
    if (entry.forced) notes.push(h("span", { class: "tag forced" }, entry.outcome === "fault" ? "fault rule" : "forced"));
    if (entry.refusals?.length) notes.push(h("span", { class: "tag" }, "refused"));
    if (entry.warnings?.length) notes.push(h("span", { class: "tag" }, "ignored properties"));
    const open = this.open.has(entry.id);
    const row = h(
      "tr",
      {
        class: `entry${fresh ? " fresh" : ""}${entry.violations.length ? " breaks" : ""}${open ? " open" : ""}`,
        id: `request-${entry.id}`,
        tabindex: 0,
        "aria-expanded": open ? "true" : "false",
        dataset: { id: entry.id, vendor: entry.vendor, status: entry.status },
        onclick: () => this.toggle(entry.id),
        onkeydown: (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            this.toggle(entry.id);
          }
        },
      },
      h("td", { class: "time" }, when(entry.time)),
      h("td", {}, entry.vendor),
      h("td", { class: "req" }, h("b", {}, entry.method), " ", line),
      h("td", {}, entry.operationId ?? h("span", { class: "muted" }, "no operation")),
      h("td", {}, h("span", { class: statusClass(entry.status) }, entry.status)),
      h("td", { class: "notes" }, notes),
    );
    return open ? [row, this.detailOf(entry)] : [row];
  },

  toggle(id) {
    const row = document.getElementById(`request-${id}`);
    if (!row) return;
    if (this.open.has(id)) {
      this.open.delete(id);
      row.classList.remove("open");
      row.setAttribute("aria-expanded", "false");
      if (row.nextSibling?.classList.contains("detail")) row.nextSibling.remove();
    } else {
      this.open.add(id);
      row.classList.add("open");
      row.setAttribute("aria-expanded", "true");
      row.after(this.detailOf(this.entries.get(id)));
    }
  },

  /** Opens a request from a link (#traffic/ID), clearing filters that would hide it. */
  reveal(id) {
    const entry = this.entries.get(id);
    if (!entry) {
      $("#traffic-count").textContent = `request ${id} is no longer in the journal`;
      return;
    }
    if (!this.matches(entry)) {
      const form = $("#traffic-filters");
      form.querySelector("[name=vendor]").value = "";
      form.querySelector("[name=operation]").value = "";
      form.querySelector("[name=status]").value = "";
      form.querySelector("[name=invalid]").checked = false;
      this.render();
    }
    if (!this.open.has(id)) this.toggle(id);
    document.getElementById(`request-${id}`)?.scrollIntoView({ block: "start" });
  },

  detailOf(entry) {
    const by = (location) => entry.violations.filter((v) => v.location === location);
    const other = entry.violations.filter((v) => !["body", "header", "query", "path"].includes(v.location));
    const parameters = [...by("path"), ...by("query")];
    const headers = (list, bad, open) =>
      h("details", { class: "headers", open: open || bad.length > 0 }, h("summary", {}, `headers (${Object.keys(list || {}).length})`), headerTable(list, bad));
    const request = h(
      "div",
      { class: "pane" },
      h("h4", {}, "Request"),
      h("p", { class: "reqline" }, h("b", {}, entry.method), " ", entry.path),
      h("h5", {}, "body"),
      jsonView(entry.body, by("body")),
      Object.keys(entry.query || {}).length || parameters.length
        ? [h("h5", {}, "query and path"), headerTable(entry.query || {}, parameters)]
        : null,
      headers(entry.headers, by("header"), false),
    );
    const response = entry.response;
    const answer = h(
      "div",
      { class: "pane" },
      h("h4", {}, "Answer"),
      h("p", { class: "reqline" }, h("span", { class: statusClass(entry.status) }, entry.status), " ", entry.outcome, entry.forced ? " (forced)" : "", ` · ${entry.durationMs} ms`),
      response ? [h("h5", {}, "body"), jsonView(response.body), headers(response.headers, [], true)] : h("p", { class: "muted" }, "the connection was dropped: no answer"),
    );
    const summary = h(
      "div",
      { class: "summary" },
      entry.violations.length
        ? h("div", { class: "broke" }, h("b", {}, "Broke the contract:"), h("ul", {}, entry.violations.map((v) => h("li", {}, h("code", {}, v.location), " ", violationLine(v)))))
        : h("div", { class: "kept" }, "Kept the contract."),
      other.length ? h("div", {}, other.map(violationLine)) : null,
      entry.refusals?.length ? h("div", { class: "refusals" }, h("b", {}, "Refused by the state: "), entry.refusals.map(violationLine)) : null,
      entry.warnings?.length ? h("div", { class: "warnings" }, h("b", {}, "Ignored by the vendor: "), entry.warnings.map(violationLine)) : null,
    );
    return h("tr", { class: "detail", dataset: { id: entry.id } }, h("td", { colspan: 6 }, summary, h("div", { class: "panes" }, request, answer)));
  },

  async setup() {
    const form = $("#traffic-filters");
    await catalogueReady;
    fillSelect(form.querySelector("[name=vendor]"), VENDORS.map((v) => [v, v]), ["", "all"]);
    const operations = () => {
      const vendor = form.querySelector("[name=vendor]").value;
      const vendors = vendor ? [vendor] : VENDORS;
      const ids = [...new Set(vendors.flatMap((v) => operationsOf(v).map((op) => op.operationId)))];
      fillSelect(form.querySelector("[name=operation]"), ids.map((id) => [id, id]), ["", "all"]);
    };
    operations();
    form.querySelector("[name=vendor]").addEventListener("change", operations);
    form.addEventListener("input", () => this.render());
    form.addEventListener("change", () => this.render());
    $("#traffic-clear").addEventListener("click", async () => {
      await api("/requests", { method: "DELETE" });
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Contract: verify and coverage

const contract = {
  async load() {
    const vendors = VENDORS.join(",");
    const [report, coverage] = await Promise.all([api("/verify"), api(`/coverage?vendor=${encodeURIComponent(vendors)}`)]);
    this.renderVerify(report);
    this.renderCoverage(coverage);
  },

  renderVerify(report) {
    const verdict = $("#verify-verdict");
    verdict.dataset.ok = report.ok ? "true" : "false";
    verdict.replaceChildren(
      h("span", { class: "big" }, report.ok ? "✓ pass" : "✗ fail"),
      " ",
      report.ok
        ? `${report.requests} request${report.requests === 1 ? "" : "s"}, none broke the contract`
        : `${report.breaking} of ${report.requests} request${report.requests === 1 ? "" : "s"} broke the contract (${report.violations.length} violation${report.violations.length === 1 ? "" : "s"})`,
      report.warnings?.length ? h("div", { class: "muted" }, report.warnings.join(" ")) : "",
    );
    const table = (title, list, open) =>
      list.length === 0
        ? null
        : h(
            "details",
            { open },
            h("summary", {}, `${title} (${list.length})`),
            h(
              "div",
              { class: "scroll" },
              h(
                "table",
                { class: "grid breaches" },
                h("thead", {}, h("tr", {}, ["request", "vendor", "operation", "status", "where", "rule", "message"].map((t) => h("th", {}, t)))),
                h(
                  "tbody",
                  {},
                  list.map((v) =>
                    h(
                      "tr",
                      { dataset: { id: v.id, kind: v.kind } },
                      h("td", {}, h("a", { href: `#traffic/${v.id}`, class: "breach-link" }, `#${v.id} ${v.request}`)),
                      h("td", {}, v.vendor),
                      h("td", {}, v.operationId ?? "–"),
                      h("td", {}, h("span", { class: statusClass(v.status) }, v.status), v.forced ? " forced" : ""),
                      h("td", {}, h("code", {}, v.location), " ", h("code", {}, v.pointer || "/")),
                      h("td", {}, v.rule),
                      h("td", {}, v.message),
                    ),
                  ),
                ),
              ),
            ),
          );
    $("#verify-details").replaceChildren(
      table("Breaches", report.violations, true) ?? "",
      table("Refused by the state (not counted)", report.refusals ?? [], false) ?? "",
      table("Properties the vendor ignores (counted with strict)", report.ignored ?? [], false) ?? "",
    );
  },

  renderCoverage(report) {
    const ratio = (r) => `${r.reached}/${r.total} (${r.percent}%)`;
    $("#coverage-totals").replaceChildren(
      h("span", { class: "total", id: "coverage-operations" }, h("b", {}, "operations "), ratio(report.operations)),
      h("span", { class: "total", id: "coverage-statuses" }, h("b", {}, "documented statuses "), ratio(report.statuses)),
      report.uncounted ? h("span", { class: "muted" }, `${report.uncounted} request(s) reached no documented answer`) : "",
    );
    $("#coverage-vendors").replaceChildren(
      ...report.vendors.map((vendor) => {
        const statuses = [...new Set(vendor.items.flatMap((item) => item.statuses.map((s) => s.status)))].sort((a, b) => a - b);
        return h(
          "div",
          { class: "coverage", dataset: { vendor: vendor.vendor } },
          h("h3", {}, vendor.vendor, " ", h("span", { class: "muted" }, `operations ${ratio(vendor.operations)} · statuses ${ratio(vendor.statuses)}`)),
          h(
            "div",
            { class: "scroll" },
            h(
              "table",
              { class: "matrix" },
              h("thead", {}, h("tr", {}, h("th", {}, "operation"), statuses.map((s) => h("th", {}, s)))),
              h(
                "tbody",
                {},
                vendor.items.map((item) =>
                  h(
                    "tr",
                    { class: item.reached ? "reached" : undefined },
                    h("th", {}, h("span", { class: "op" }, item.operationId), h("span", { class: "muted path" }, `${item.method} ${item.path}`)),
                    statuses.map((status) => {
                      const cell = item.statuses.find((s) => s.status === status);
                      if (!cell) return h("td", { class: "cell undocumented", title: `${item.operationId} does not document ${status}` }, "");
                      const state = cell.requests === 0 ? "none" : cell.forced === cell.requests ? "forced" : "natural";
                      const title =
                        state === "none"
                          ? `${status}: not reached`
                          : `${status}: ${cell.requests} answer${cell.requests === 1 ? "" : "s"}${cell.forced ? `, ${cell.forced} forced` : ""}`;
                      return h(
                        "td",
                        { class: `cell ${state}`, title, dataset: { operation: item.operationId, status, state } },
                        cell.requests ? `${cell.requests}${state === "forced" ? "*" : ""}` : "",
                      );
                    }),
                  ),
                ),
              ),
            ),
          ),
        );
      }),
    );
  },
};

// ---------------------------------------------------------------------------------------------
// State

const state = {
  vendor: VENDORS[0],
  data: undefined,
  /** `vendor collection` → whether a person opened or closed it (kept across refreshes). */
  opened: new Map(),
  async load() {
    $("#state-vendors").replaceChildren(
      ...VENDORS.map((v) =>
        h(
          "button",
          {
            type: "button",
            class: v === this.vendor ? "tab active" : "tab",
            "aria-pressed": v === this.vendor ? "true" : "false",
            onclick: () => {
              this.vendor = v;
              this.load();
            },
          },
          v,
        ),
      ),
    );
    this.data = await api(`/state/${encodeURIComponent(this.vendor)}`);
    this.render();
  },
  render() {
    const query = $("#state-search").value.trim().toLowerCase();
    const limit = 100;
    const sections = [];
    for (const [name, value] of Object.entries(this.data || {})) {
      // A partitioned collection (Huawei's, by project) is an object of arrays.
      const groups = Array.isArray(value) ? [["", value]] : Object.entries(value);
      const total = groups.reduce((n, [, rows]) => n + rows.length, 0);
      const parts = [];
      let matched = 0;
      for (const [partition, rows] of groups) {
        const hits = query ? rows.filter((row) => JSON.stringify(row).toLowerCase().includes(query)) : rows;
        matched += hits.length;
        if (hits.length === 0) continue;
        parts.push(
          partition ? h("h4", {}, `partition ${partition}`) : "",
          ...hits.slice(0, limit).map((row) =>
            h(
              "details",
              { class: "record", open: query && hits.length <= 3 ? true : undefined },
              h("summary", {}, h("code", {}, JSON.stringify(row))),
              jsonView(row),
            ),
          ),
          hits.length > limit ? h("p", { class: "muted" }, `${hits.length - limit} more: narrow them with the search`) : "",
        );
      }
      if (query && matched === 0) continue;
      const key = `${this.vendor} ${name}`;
      const open = query ? true : (this.opened.get(key) ?? !name.startsWith("_"));
      sections.push(
        h(
          "details",
          {
            class: "collection",
            open,
            dataset: { collection: name },
            ontoggle: (event) => {
              if (!query) this.opened.set(key, event.currentTarget.open);
            },
          },
          h("summary", {}, h("b", {}, name), " ", h("span", { class: "muted" }, query ? `${matched} of ${total}` : `${total} record${total === 1 ? "" : "s"}`)),
          parts.length ? parts : h("p", { class: "muted" }, "empty"),
        ),
      );
    }
    $("#state-collections").dataset.vendor = this.vendor;
    $("#state-collections").replaceChildren(...(sections.length ? sections : [h("p", { class: "empty" }, query ? "No record matches." : "No collection.")]));
  },
  setup() {
    $("#state-search").addEventListener("input", () => this.render());
  },
};

// ---------------------------------------------------------------------------------------------
// Clock and scheduler

const clock = {
  async load() {
    const [now, timeline] = await Promise.all([api("/clock"), api("/timeline?limit=6")]);
    this.show(now);
    const served = new Set(timeline.vendors.map((v) => v.vendor));
    const without = VENDORS.filter((v) => !served.has(v));
    const list = (runs, kind) =>
      runs.length === 0
        ? h("p", { class: "muted" }, kind === "fired" ? "nothing has run" : "nothing due")
        : h(
            "ol",
            { class: `runs ${kind}` },
            runs.map((run) =>
              h(
                "li",
                { dataset: { id: run.id, status: run.status, collection: run.collection } },
                h("span", { class: "time" }, when(run.at)),
                h("span", { class: `run-status st-${run.status.replace(/[^A-Za-z]+/g, "-").toLowerCase()}` }, run.status),
                h("span", { class: "label", title: run.label }, run.label),
                h(
                  "span",
                  { class: "muted", title: `${run.collection} ${run.id}` },
                  run.count !== undefined ? `${run.count} run${run.count === 1 ? "" : "s"} · ` : "",
                  `${run.collection} ${run.id}`,
                ),
              ),
            ),
          );
    $("#timeline").replaceChildren(
      ...timeline.vendors.map((v) =>
        h(
          "div",
          { class: "timeline", dataset: { vendor: v.vendor } },
          h("h3", {}, v.vendor),
          h("div", { class: "columns" }, h("div", {}, h("h4", {}, "fired, latest first"), list(v.fired, "fired")), h("div", {}, h("h4", {}, "due next"), list(v.due, "due"))),
        ),
      ),
      without.length ? h("p", { class: "muted" }, `${without.join(", ")}: no scheduled runs to simulate.`) : "",
    );
  },
  show(now) {
    $("#clock-big").textContent = `${when(now.now)} UTC`;
    $("#clock-kind").textContent = now.fixed ? "(fixed: moves only when told)" : "(real time)";
    $("#clock-now").textContent = when(now.now);
    const input = $("#clock-set [name=set]");
    if (!input.value) input.placeholder = now.now;
  },
  setup() {
    for (const button of document.querySelectorAll("#clock-presets [data-advance]")) {
      button.addEventListener("click", async () => {
        showError("clock-error");
        try {
          this.show(await api("/clock", { method: "POST", body: { advance: button.dataset.advance } }));
          await this.load();
        } catch (error) {
          showError("clock-error", error);
        }
      });
    }
    $("#clock-set").addEventListener("submit", async (event) => {
      event.preventDefault();
      showError("clock-error");
      try {
        this.show(await api("/clock", { method: "POST", body: { set: field(event.target, "set").value.trim() } }));
        await this.load();
      } catch (error) {
        showError("clock-error", error);
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Faults and maintenance

const faults = {
  async load() {
    await catalogueReady;
    const [{ faults: rules }, { maintenance }] = await Promise.all([api("/faults"), api("/maintenance")]);
    // Unchanged, the rows stay as they are (a button about to be clicked is not replaced under the pointer).
    const shown = JSON.stringify([rules, maintenance]);
    if (shown === this.shown) return;
    this.shown = shown;
    const does = (rule) => {
      const parts = [];
      if (rule.run) parts.push("fails its runs");
      if (rule.status !== undefined) parts.push(`answers ${rule.status}${rule.example ? ` (${rule.example})` : ""}`);
      if (rule.latencyMs !== undefined) parts.push(`waits ${rule.latencyMs} ms`);
      if (rule.drop) parts.push("drops the connection");
      if (rule.probability !== 1) parts.push(`with probability ${rule.probability}`);
      return parts.join(", ");
    };
    $("#fault-rows").replaceChildren(
      ...(rules.length === 0
        ? [h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No fault rule."))]
        : rules.map((rule) =>
            h(
              "tr",
              { dataset: { id: rule.id } },
              h("td", {}, rule.id),
              h("td", {}, rule.vendor ?? "any"),
              h("td", {}, rule.operationId ?? "any", rule.method ? ` ${rule.method}` : "", rule.path ? ` ${rule.path}` : ""),
              h("td", {}, does(rule)),
              h("td", {}, rule.remaining ?? "∞"),
              h("td", {}, rule.hits),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "quiet",
                    onclick: async () => {
                      await api(`/faults/${rule.id}`, { method: "DELETE" });
                      await this.load();
                    },
                  },
                  "Delete",
                ),
              ),
            ),
          )),
    );
    const windows = Object.entries(maintenance);
    $("#maintenance-rows").replaceChildren(
      ...(windows.length === 0
        ? [h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No maintenance window."))]
        : windows.map(([vendor, w]) =>
            h(
              "tr",
              { dataset: { vendor } },
              h("td", {}, vendor),
              h("td", {}, `${w.retryAfter} s`),
              h("td", {}, w.until ? when(w.until) : "until ended"),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "quiet",
                    onclick: async () => {
                      await api(`/maintenance/${encodeURIComponent(vendor)}`, { method: "DELETE" });
                      await this.load();
                    },
                  },
                  "End",
                ),
              ),
            ),
          )),
    );
  },
  async setup() {
    await catalogueReady;
    const form = $("#fault-form");
    fillSelect(field(form, "vendor"), VENDORS.map((v) => [v, v]), ["", "choose…"]);
    const operations = () => {
      const ops = operationsOf(field(form, "vendor").value);
      fillSelect(field(form, "operationId"), ops.map((op) => [op.operationId, `${op.operationId} (${op.method} ${op.path})`]), ["", "any"]);
      statuses();
    };
    const statuses = () => {
      const op = operationsOf(field(form, "vendor").value).find((o) => o.operationId === field(form, "operationId").value);
      fillSelect(field(form, "status"), (op?.statuses ?? []).map((s) => [String(s), String(s)]), ["", op ? "none" : "choose an operation first"]);
      field(form, "status").disabled = !op;
    };
    operations();
    field(form, "vendor").addEventListener("change", operations);
    field(form, "operationId").addEventListener("change", statuses);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      showError("fault-error");
      const rule = { vendor: field(form, "vendor").value };
      if (field(form, "operationId").value) rule.operationId = field(form, "operationId").value;
      if (field(form, "status").value) rule.status = Number(field(form, "status").value);
      if (field(form, "latencyMs").value !== "") rule.latencyMs = Number(field(form, "latencyMs").value);
      if (field(form, "drop").checked) rule.drop = true;
      if (field(form, "times").value !== "") rule.times = Number(field(form, "times").value);
      if (field(form, "probability").value !== "") rule.probability = Number(field(form, "probability").value);
      try {
        await api("/faults", { method: "POST", body: rule });
        form.reset();
        operations();
        await this.load();
      } catch (error) {
        showError("fault-error", error);
      }
    });
    const windowForm = $("#maintenance-form");
    const open = catalogue.vendors.filter((v) => v.maintenance).map((v) => [v.vendor, v.vendor]);
    fillSelect(field(windowForm, "vendor"), open, ["", open.length ? "choose…" : "no vendor documents 503 everywhere"]);
    windowForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      showError("maintenance-error");
      const body = { vendor: field(windowForm, "vendor").value };
      if (field(windowForm, "retryAfter").value !== "") body.retryAfter = Number(field(windowForm, "retryAfter").value);
      if (field(windowForm, "until").value.trim() !== "") body.until = field(windowForm, "until").value.trim();
      try {
        await api("/maintenance", { method: "POST", body });
        windowForm.reset();
        await this.load();
      } catch (error) {
        showError("maintenance-error", error);
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Sessions

/** The dashboard of a session, on the view shown now. */
const dashboardOf = (id, hash = location.hash || "#traffic") => `${id === "default" ? "" : `/__sessions/${encodeURIComponent(id)}`}/__admin/ui${hash}`;

const sessions = {
  async load() {
    const { sessions: list } = await api("/sessions");
    list.sort((a, b) => (a.id === "default" ? -1 : b.id === "default" ? 1 : a.id.localeCompare(b.id)));
    $("#session-rows").replaceChildren(
      ...list.map((s) =>
        h(
          "tr",
          { class: s.id === SESSION ? "current" : undefined, dataset: { session: s.id } },
          h("td", {}, h("b", {}, s.id), s.id === SESSION ? h("span", { class: "tag" }, "shown") : ""),
          h("td", {}, seconds(s.ageSeconds)),
          h("td", {}, seconds(s.idleSeconds)),
          h("td", {}, s.requests),
          h("td", {}, s.size.records),
          h("td", {}, `${s.size.journalEntries} · ${bytes(s.size.journalBytes)}`),
          h(
            "td",
            { class: "actions" },
            s.id === SESSION ? "" : h("a", { class: "button open-session", href: dashboardOf(s.id) }, "Open"),
            h(
              "button",
              {
                type: "button",
                class: "quiet drop-session",
                title: s.id === "default" ? "The default session is reset, never dropped" : "DELETE /__admin/sessions/" + s.id,
                onclick: async () => {
                  await api(`/sessions/${encodeURIComponent(s.id)}`, { method: "DELETE" });
                  if (s.id === SESSION && s.id !== "default") location.assign(dashboardOf("default", "#sessions"));
                  else await this.load();
                },
              },
              s.id === "default" ? "Reset" : "Drop",
            ),
          ),
        ),
      ),
    );
  },
  setup() {
    $("#session-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      showError("session-error");
      const id = field(event.target, "id").value.trim();
      try {
        const created = await api("/sessions", { method: "POST", body: id ? { id } : {} });
        location.assign(dashboardOf(created.id, "#traffic"));
      } catch (error) {
        showError("session-error", error);
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Views, the header's clock, the live stream

const VIEWS = { traffic, contract, state, clock, faults, sessions };
let current = "traffic";

async function refresh(name = current) {
  const view = VIEWS[name];
  document.body.dataset.loading = "true";
  try {
    if (name !== "traffic") await view.load();
    else if (!traffic.loaded) await traffic.load();
  } catch (error) {
    document.getElementById(`view-${name}`)?.prepend(h("p", { class: "error load-error" }, error.message));
  } finally {
    delete document.body.dataset.loading;
    document.body.dataset.view = name;
  }
}

function route() {
  const [name, arg] = (location.hash.slice(1) || "traffic").split("/");
  current = VIEWS[name] ? name : "traffic";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${current}`;
  for (const link of document.querySelectorAll("nav.views a")) link.classList.toggle("active", link.dataset.view === current);
  for (const stale of document.querySelectorAll(".load-error")) stale.remove();
  return refresh(current).then(() => {
    if (current === "traffic" && arg) traffic.reveal(Number(arg));
  });
}

let pending;
/** After traffic, the view shown is read again (coverage, verify, state move with requests), at most every 250 ms. */
function soon() {
  if (current === "traffic" || pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    refresh();
  }, 250);
}

async function tickClock() {
  try {
    const now = await api("/clock");
    $("#clock-now").textContent = when(now.now);
  } catch {
    $("#clock-now").textContent = "?";
  }
}

/**
 * Listens to the journal's stream; resolves once it is open (or after a few seconds without it: the
 * page then works without live updates). The journal is read after that, so no request falls
 * between the read and the first event (one that comes twice is kept once).
 */
function live() {
  const badge = $("#live");
  const stream = new EventSource(`${ADMIN}/requests/stream`);
  let opened = false;
  let ready;
  const first = new Promise((resolve) => {
    ready = resolve;
    setTimeout(resolve, 3000);
  });
  stream.addEventListener("open", () => {
    badge.dataset.state = "live";
    badge.textContent = "live";
    // After a reconnection the journal is read again: what came meanwhile is not lost.
    if (opened) traffic.load().then(soon);
    opened = true;
    ready();
  });
  stream.addEventListener("error", () => {
    badge.dataset.state = "offline";
    badge.textContent = "reconnecting";
  });
  stream.addEventListener("request", (event) => {
    traffic.arrived(JSON.parse(event.data));
    soon();
  });
  stream.addEventListener("cleared", () => {
    traffic.cleared();
    soon();
  });
  return first;
}

async function start() {
  const listening = live();
  window.addEventListener("hashchange", route);
  await Promise.all([traffic.setup(), faults.setup(), state.setup(), clock.setup(), sessions.setup(), listening]);
  await traffic.load();
  await tickClock();
  setInterval(tickClock, 5000);
  await route();
  document.body.dataset.ready = "true";
}

start();
