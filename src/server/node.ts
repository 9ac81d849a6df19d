// Listens on a port: startMockServer returns the URL and a close that waits for the socket.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createMockServer, type MockApp, type MockServerOptions } from "./app.js";

export interface ListenOptions extends MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningMockServer {
  url: string;
  app: MockApp;
  close(): Promise<void>;
}

export function startMockServer(options: ListenOptions = {}): Promise<RunningMockServer> {
  const app = createMockServer(options);
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 4010, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        app,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((error) => (error ? failed(error) : done()));
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once("error", reject);
  });
}
