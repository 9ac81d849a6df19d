// The names of taskmock's per-answer memos (engine/memo.ts's MEMOS), read where they are all made:
// every module loaded, a mock of all five vendors created, and one request answered per vendor and
// per benchmark operation (a memo made on first use, such as the format verdicts of the validators
// compiled then, exists after that). Nothing is hard-coded here: a memo added to taskmock is
// measured by the next run.
//
// Usage: node bench/lib/memos.mjs  → JSON on stdout: the names, sorted
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OPERATIONS, requestFor } from "./operations.mjs";
import { ROOT } from "./servers.mjs";

const dist = (path) => import(pathToFileURL(join(ROOT, "dist", path)).href);
const { createMockServer, VENDOR_NAMES } = await dist("index.js");
const { MEMOS } = await dist("engine/memo.js");

const app = createMockServer({ seed: 1, report: (line) => process.stderr.write(`${line}\n`) });
const requests = [
  ...VENDOR_NAMES.map((vendor) => ({ method: "GET", path: `/${vendor}/` })),
  ...OPERATIONS.map((op) => requestFor(op, "taskmock")),
];
for (const { method, path, headers, body } of requests) {
  await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
}
process.stdout.write(`${JSON.stringify([...MEMOS].sort())}\n`);
