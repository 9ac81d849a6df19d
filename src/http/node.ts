// Listens on a port. Vendor requests go from Node's message to the mock and back through the one
// reader and writer; everything else (admin, specs, unknown paths) goes to the Hono app.
import { randomUUID } from "node:crypto";
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type * as HonoNodeServer from "@hono/node-server";
import { goneDetail } from "../core/sessions.js";
import { createMockServer, type MockApp, type MockServerOptions } from "./app.js";
import { sessionClient, sessionUrls, type TaskmockSession } from "./client.js";
import { engineRequest, headersOf, receiveNodeBody, splitTarget } from "./read.js";
import { coalescedWrites, internalError, writeNode } from "./write.js";
import { StartupError } from "../core/definitions.js";
import { DEFAULT_SESSION } from "../core/sessions.js";
import { keepSharedState, keepState, type StateFile } from "../core/stateFile.js";
import { isSharedStoreUrl, SharedStore } from "../store/redis.js";
import { type FixtureWatch, type ReloadEvent, watchFixtures } from "../core/watchFixtures.js";
import { FIXTURE_DIR } from "../paths.js";
import { VENDORS } from "../vendors/index.js";
import type { VendorName } from "../vendors/types.js";

// Hono's node adapter is loaded on the first request that needs it, not at start.
const require = createRequire(import.meta.url);

export function nodeListener(app: MockApp): RequestListener {
  let honoListener: RequestListener | undefined;
  const viaHono: RequestListener = (incoming, outgoing) => {
    honoListener ??= (require("@hono/node-server") as typeof HonoNodeServer).getRequestListener(app.fetch);
    return honoListener(incoming, outgoing);
  };
  const { mock } = app;
  // The one place a failure nobody expected becomes an answer: reported, then a 500 problem.
  const failed = (outgoing: ServerResponse, error: unknown) => {
    mock.report(`taskmock bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (outgoing.headersSent || outgoing.destroyed) return;
    writeNode(outgoing, internalError(error));
  };
  const write = coalescedWrites(failed);
  return (incoming, outgoing) => {
    let path: string;
    let search: string;
    try {
      ({ path, search } = splitTarget(incoming.url ?? "/"));
    } catch {
      // A target the URL parser refuses: the Hono app answers it (its 404).
      void viaHono(incoming, outgoing);
      return;
    }
    const target = app.vendorAt(path);
    if (!target) {
      void viaHono(incoming, outgoing);
      return;
    }
    // Read from the raw headers once (Node's own headers object is made only when asked for).
    const headers = headersOf(incoming.rawHeaders);
    receiveNodeBody(
      incoming,
      headers,
      (body) => {
        try {
          const request = engineRequest(incoming.method ?? "GET", path, target.prefix, search, headers, body);
          void app.answer(target, request).then(
            (response) => write(outgoing, response),
            (error: unknown) => failed(outgoing, error),
          );
        } catch (error) {
          failed(outgoing, error);
        }
      },
      // The client went away before its body arrived: nobody is left to answer.
      () => outgoing.destroy(),
    );
  };
}

export interface ListenOptions extends MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A snapshot file the default session starts from and is kept in (`--state FILE`). */
  stateFile?: string;
  /** How often the state file is brought up to date, in ms (default 2,000). */
  stateIntervalMs?: number;
  /** Where sessions live (`--store`): `memory` (default) or `redis://…` / `rediss://…`, a store shared by replicas. */
  storeUrl?: string;
  /** The shared store's key prefix (`--store-prefix`, default `taskmock:`). */
  storePrefix?: string;
  /** How long the shared store may take to answer before a request answers 503 (`--store-timeout`, ms, default 2,000). */
  storeTimeoutMs?: number;
  /**
   * Reload the files of `ownFixtureDir` when they change (`--watch`; needs ownFixtureDir): a file
   * that passes the checks of the start serves its vendor's new data in every session (that
   * vendor's records reset to it); one that does not is reported and the last good data kept.
   */
  watch?: boolean;
  /**
   * Told of each reload and refused change (`watch`); default: a line on stdout for a reload, the
   * problems (file, record, field) on stderr for a refusal.
   */
  onReload?: (event: ReloadEvent) => void;
}

/** The default report of a watch: what was reloaded on stdout, what was refused on stderr. */
function reportReload(event: ReloadEvent): void {
  if (event.ok) {
    const what = event.unchanged ? "is again the data served; nothing reloaded" : `reloaded: ${event.vendor}'s records reset to it in every session`;
    process.stdout.write(`taskmock: ${event.file} ${what}\n`);
  } else {
    const kept = event.vendor === "" ? "" : `, ${event.vendor} keeps its last good data`;
    process.stderr.write(`taskmock: ${event.file} not reloaded${kept}:\n  ${event.problems.join("\n  ")}\n`);
  }
}

export interface RunningMockServer {
  url: string;
  app: MockApp;
  /**
   * A session on this server (created, or the live one of that id; without an id, a new one):
   * its base URL per vendor and its admin API as typed calls. An id that went (deleted, expired,
   * evicted) is created afresh, as POST /__admin/sessions does.
   */
  session(id?: string): TaskmockSession;
  close(): Promise<void>;
}

/** The shared store a `--store` URL names, connected; undefined for `memory`. */
async function connectStore(options: ListenOptions): Promise<SharedStore | undefined> {
  const url = options.storeUrl ?? "memory";
  if (url === "memory") return undefined;
  if (!isSharedStoreUrl(url)) throw new StartupError(`--store ${url}: must be memory, redis://[user:password@]host:port[/db] or rediss://…`);
  const store = new SharedStore({
    url,
    ...(options.storePrefix === undefined ? {} : { prefix: options.storePrefix }),
    ...(options.storeTimeoutMs === undefined ? {} : { timeoutMs: options.storeTimeoutMs }),
  });
  try {
    await store.connect();
  } catch (error) {
    store.close();
    throw new StartupError(`--store ${store.shown}: cannot be reached: ${(error as Error).message}`);
  }
  return store;
}

export async function startMockServer(options: ListenOptions = {}): Promise<RunningMockServer> {
  if (options.watch && options.ownFixtureDir === undefined) throw new StartupError("--watch needs --fixtures DIR: the folder to watch");
  const store = await connectStore(options);
  let app: MockApp;
  // Restored before the port opens: no request sees the fixtures of a mock that has a state file.
  let state: StateFile | undefined;
  let sharedState: { close(): Promise<void> } | undefined;
  try {
    app = createMockServer({ ...options, ...(store ? { store } : {}) });
    const { replica } = app;
    if (options.stateFile !== undefined && replica) {
      const viaDefault = <T>(work: (mock: MockApp["mock"]) => T) =>
        replica.run<T | undefined>(DEFAULT_SESSION, { run: async (mock) => work(mock), unavailable: () => undefined, gone: () => undefined });
      sharedState = await keepSharedState(
        {
          restore: (value) => viaDefault((mock) => mock.restore(value)),
          snapshot: () => viaDefault((mock) => mock.snapshot()),
          report: (line) => app.mock.report(line),
        },
        options.stateFile,
        options.stateIntervalMs ?? 2000,
      );
    } else if (options.stateFile !== undefined) state = keepState(app.mock, options.stateFile, options.stateIntervalMs ?? 2000);
  } catch (error) {
    store?.close();
    throw error;
  }
  const watching: FixtureWatch | undefined =
    options.watch && options.ownFixtureDir !== undefined
      ? watchFixtures({
          dir: options.ownFixtureDir,
          vendors: app.mock.vendors.map((name) => VENDORS[name as VendorName]),
          fixtureDir: options.fixtureDir ?? FIXTURE_DIR,
          sessions: app.sessions,
          onReload: options.onReload ?? reportReload,
        })
      : undefined;
  const host = options.host ?? "127.0.0.1";
  // The folder watched before the port opens (a watch that cannot start stops the start).
  const watchReady = watching?.ready ?? Promise.resolve();
  return watchReady.then(() => new Promise<RunningMockServer>((resolve, reject) => {
    const server = createServer(nodeListener(app));
    server.listen(options.port ?? 4010, host, () => {
      const info = server.address() as AddressInfo;
      const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const url = `http://${shownHost}:${info.port}`;
      resolve({
        url,
        app,
        session(id = randomUUID()) {
          const started = app.sessions.start(id);
          if ("invalid" in started) throw new Error(`taskmock: ${started.invalid}`);
          if ("gone" in started) throw new Error(`taskmock: ${goneDetail(started.gone)}`);
          return sessionClient({ origin: url, id, ...sessionUrls(url, id, app.mock.vendors, app.sessions.rootVendor) });
        },
        close: () =>
          new Promise<void>((done, failed) => {
            state?.close();
            app.proxy?.close();
            const watched = Promise.all([watching?.close(), sharedState?.close().finally(() => store?.close()) ?? store?.close()]);
            server.close((error) => (error ? failed(error) : watched.then(() => done(), failed)));
            server.closeAllConnections();
          }),
      });
    });
    server.once("error", (error) => {
      void watching?.close();
      store?.close();
      reject(error);
    });
  }));
}
