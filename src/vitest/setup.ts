// taskmock/vitest/setup: vitest's global setup for taskmock. It starts one server (port 0 unless
// told) before the test workers, hands its URL to them (`provide`), and stops it after the last
// test file. `globalSetup: ["taskmock/vitest/setup"]` takes the defaults; a global setup file of
// your own passes options: `export default taskmockSetup({ seed: 1, clock: "2026-01-01T00:00:00Z" })`.
import type { TestProject } from "vitest/node";
import { type ListenOptions, startMockServer } from "../http/node.js";
import type { TaskmockProvided } from "./provided.js";

/** A global setup function that starts a server with these options; it answers the teardown that stops it. */
export function taskmockSetup(options: ListenOptions = {}): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const server = await startMockServer({ port: 0, ...options });
    const { mock, sessions } = server.app;
    const provided: TaskmockProvided = {
      url: server.url,
      vendors: [...mock.vendors],
      root: project.config.root,
      ...(sessions.rootVendor ? { rootVendor: sessions.rootVendor } : {}),
      ...(mock.clock.fixed ? { clock: mock.clock.now().toISOString() } : {}),
    };
    project.provide("taskmock", provided);
    return () => server.close();
  };
}

let stop: (() => Promise<void>) | undefined;

/** The global setup with the defaults: every vendor, a random seed, real time, port 0. */
export async function setup(project: TestProject): Promise<void> {
  stop = await taskmockSetup()(project);
}

export async function teardown(): Promise<void> {
  await stop?.();
  stop = undefined;
}
