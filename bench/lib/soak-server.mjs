// taskmock for the memory check: the same server the CLI starts (startMockServer, all five
// vendors, defaults), in a process run with --expose-gc and an IPC channel, so the benchmark can
// ask for the heap after a full collection between rounds. RSS moves with V8's heap sizing;
// the live heap after a collection is what grows when something leaks.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./servers.mjs";

const { startMockServer } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const server = await startMockServer({ port: 0, host: "127.0.0.1", report: () => {} });

process.on("message", async (message) => {
  if (message === "heap") {
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { heapUsed, rss } = process.memoryUsage();
    process.send?.({ heapUsed, rss, journal: server.app.mock.journal.size });
  } else if (message === "stop") {
    await server.close();
    process.exit(0);
  }
});
process.send?.({ url: server.url });
