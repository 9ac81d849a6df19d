// The floor: a bare node:http server that reads the body, parses it as JSON when there is one,
// and answers the bytes taskmock answered for the same request (captured by the benchmark and
// passed in a file). Nothing else: this is what any server costs on this machine.
//
// With "coalesced", it writes the answers ready in one turn of the event loop together at its end,
// as taskmock does (src/http/write.ts): the same floor with the same way of writing.
//
// Usage: node bench/lib/floor.mjs PORT ANSWERS.json [coalesced]
//   ANSWERS.json: { "METHOD /path?query BODY": { "status": 200, "headers": {...}, "body": "..." } }
import { readFileSync } from "node:fs";
import http from "node:http";

const [port, answersFile, mode] = process.argv.slice(2);
const answers = new Map(
  Object.entries(JSON.parse(readFileSync(answersFile, "utf8"))).map(([key, answer]) => {
    const body = Buffer.from(answer.body);
    return [key, { status: answer.status, headers: { ...answer.headers, "content-length": String(body.length) }, body }];
  }),
);
const missing = Buffer.from('{"error":"no captured answer for this request"}');

let waiting = [];
const flush = () => {
  const batch = waiting;
  waiting = [];
  for (const [res, answer] of batch) write(res, answer);
};
const write = (res, answer) => {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
};

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (text !== "") JSON.parse(text);
      const answer = answers.get(`${req.method} ${req.url} ${text}`);
      if (!answer) {
        res.writeHead(404, { "content-type": "application/json", "content-length": String(missing.length) });
        res.end(missing);
        return;
      }
      if (mode !== "coalesced") return write(res, answer);
      if (waiting.push([res, answer]) === 1) setImmediate(flush);
    });
  })
  .listen(Number(port), "127.0.0.1");

process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
