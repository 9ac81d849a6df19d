// A fresh mock for a test: the factory every test file builds its mocks with (no module-level app),
// seeded and on a fixed clock unless the test says otherwise.
import { createMockServer, type MockApp, type MockServerOptions } from "../../src/index.js";

export const CLOCK = "2026-01-01T00:00:00Z";

/** A new mock of one vendor (at the root) or of all five (under their prefixes), its bug reports kept in `reports`. */
export function mockOf(vendor?: MockServerOptions["vendor"], options: MockServerOptions = {}): MockApp & { reports: string[] } {
  const reports: string[] = [];
  const app = createMockServer({ seed: 7, clock: CLOCK, report: (line) => reports.push(line), ...(vendor ? { vendor } : {}), ...options });
  return Object.assign(app, { reports });
}
