// The client's tests against the mock in-process: createMockServer's Hono app answers the
// client's requests through a fetch of its own, with no port.

import { createMockServer } from "taskmock";
import { describe } from "vitest";
import { clientTests } from "./suite.js";

describe("the schedule-sync client against taskmock in-process", () => {
  const app = createMockServer({ seed: 1, clock: "2026-01-01T00:00:00Z" });
  clientTests(() => ({
    baseUrl: (vendor) => `http://taskmock.test/${vendor}`,
    fetch: async (request) => app.request(request),
    admin: async (path, init) => app.request(path, init),
  }));
});
