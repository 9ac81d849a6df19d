// A fuzz case as shell commands a user can replay against `npm start` (port 4010, the vendors
// under /<vendor>): a reset, the fault rule if the case sets one, then each request. A body too big
// or too strange for a shell argument is made by `node -e` and piped in.
import { jsOf, textOf } from "./ast.mjs";

export const CLOCK = "2026-01-01T00:00:00Z";
export const MOCK_SEED = 1;

const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;

/** The case as a shell script (one command a line). */
export function curlOf(c, base = "http://localhost:4010") {
  const lines = [`# against: npm start -- --clock ${CLOCK} --seed ${MOCK_SEED}`, `curl -sS -o /dev/null -X POST ${base}/__admin/reset`, `curl -sS -X DELETE ${base}/__admin/faults`];
  if (c.fault) {
    const rule = JSON.stringify({ vendor: c.vendor, operationId: c.operationId, status: c.fault.status, times: 1 });
    lines.push(`curl -sS -o /dev/null -X POST ${base}/__admin/faults -H 'content-type: application/json' --data-binary ${quote(rule)}`);
  }
  for (const [i, step] of c.steps.entries()) {
    lines.push(curlOfStep(c.vendor, step, base));
    if (step.method === "HEAD") lines.push(curlOfStep(c.vendor, { ...step, method: "GET" }, base));
    if (i === 0 && c.fault) lines.push(`curl -sS -X DELETE ${base}/__admin/faults`);
  }
  return lines.join("\n");
}

function curlOfStep(vendor, step, base) {
  const query = step.query.length > 0 ? `?${step.query.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
  const args = ["curl -sS -g --path-as-is", step.method === "HEAD" ? "-I" : `-i -X ${step.method}`, quote(`${base}/${vendor}${step.path}${query}`)];
  for (const [name, value] of Object.entries(step.headers)) args.push(value === "" ? `-H ${quote(`${name};`)}` : `-H ${quote(`${name}: ${value}`)}`);
  if (!step.body) return args.join(" ");
  // curl sends a form content type with --data unless told otherwise.
  if (step.headers["content-type"] === undefined) args.push("-H 'content-type:'");
  const text = textOf(step.body.parts);
  if (text.length <= 2000 && !/[\0\r]/.test(text) && !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    return [...args, "--data-binary", quote(text)].join(" ");
  }
  return `node -e ${quote(`process.stdout.write(${jsOf(step.body.parts)})`)} | ${[...args, "--data-binary @-"].join(" ")}`;
}
