// Writes the README's generated tables (endpoints, documentation conflicts) from specs/.
// `npm run docs` rewrites them; a test fails when the README's copy differs from the specs.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { specTargets } from "./generate-types.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const METHODS = ["get", "post", "put", "patch", "delete"];
const cell = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ").trim();

function conflictsOf(node, found = []) {
  if (Array.isArray(node)) for (const item of node) conflictsOf(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "x-taskmock-conflict") found.push(...(Array.isArray(value) ? value : [value]));
      else conflictsOf(value, found);
    }
  }
  return found;
}

/** The generated tables, keyed by their marker names. */
export function readmeTables() {
  const endpoints = [
    "| vendor | method | path (after the vendor's prefix) | operationId | source | statuses |",
    "|---|---|---|---|---|---|",
  ];
  const conflicts = ["| vendor | id | where | decision |", "|---|---|---|---|"];
  for (const { spec, vendor } of specTargets()) {
    const doc = parse(readFileSync(spec, "utf8"));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const statuses = Object.keys(op.responses)
          .filter((s) => /^\d{3}$/.test(s))
          .join(", ");
        endpoints.push(
          `| ${vendor} | ${method.toUpperCase()} | \`${path}\` | ${op.operationId} | ${op["x-taskmock-source"]} | ${statuses} |`,
        );
      }
    }
    for (const c of conflictsOf(doc)) conflicts.push(`| ${vendor} | ${cell(c.id)} | ${cell(c.where)} | ${cell(c.decision)} |`);
  }
  return { endpoints: endpoints.join("\n"), conflicts: conflicts.join("\n") };
}

/** The README with each `<!-- name:start -->…<!-- name:end -->` block replaced by its table. */
export function renderReadme(text) {
  let out = text;
  for (const [name, table] of Object.entries(readmeTables())) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
    out = out.replace(pattern, `$1${table}\n$2`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = `${root}README.md`;
  writeFileSync(file, renderReadme(readFileSync(file, "utf8")));
  console.log("README.md tables written");
}
