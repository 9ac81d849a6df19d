// Listens on a port: startMockServer returns the URL and a close that waits for the socket.
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import { createMockServer, type MockApp, type MockServerOptions } from "./app.js";
import { nodeListener } from "./direct.js";

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
    const server = createServer(nodeListener(app));
    server.listen(options.port ?? 4010, host, () => {
      const info = server.address() as AddressInfo;
      const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        app,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((error) => (error ? failed(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
