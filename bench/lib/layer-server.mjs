// taskmock's HTTP layer on its own: the server the CLI starts (startMockServer: all five vendors,
// defaults, the same node:http listener in src/http/node.ts that reads Node's message, builds
// the engine's request and writes the answer with JSON.stringify), except that a request the same
// as the one before it gets the engine's answer to that one again, without the engine. (The
// benchmark's set-up, a read, writes, the same read, still reaches the engine each time.) What this
// server costs above the floor is taskmock's HTTP layer; what taskmock costs above this server is
// the engine: routing, auth, request validation, the vendor's handler and state, the response
// check and the journal. (Comparing a request with the one before it, by a string key, counts for the layer.)
// A page of records replayed here keeps its memory (it is never recycled), so this server
// allocates one slab of pages per fresh answer only.
//
// Usage: node bench/lib/layer-server.mjs PORT
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./servers.mjs";

const { startMockServer } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const server = await startMockServer({ port: Number(process.argv[2]), host: "127.0.0.1" });
const { mock } = server.app;
const engine = mock.answer;
let last = { key: "", answer: undefined };
mock.answer = (vendor, request) => {
  const key = `${vendor} ${request.method} ${request.path} ${JSON.stringify(request.query)} ${request.bodyText ?? ""}`;
  // The answer is sent again and again here: its page's memory must not be reused after its first
  // write (engine/checkedItems.ts), so it is not given back.
  if (key !== last.key) last = { key, answer: engine(vendor, request).then(({ recycle: _kept, ...response }) => response) };
  return last.answer;
};

process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
