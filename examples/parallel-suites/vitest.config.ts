// The example's vitest config, as a client project writes it: one taskmock server for the run
// (the global setup), the test files in parallel, each on a session of its own (useTaskmock).
// taskmock's own `npm test` runs it as one of its vitest projects.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "parallel-suites",
    root: import.meta.dirname,
    include: ["*.test.ts"],
    globalSetup: ["./globalSetup.ts"],
    pool: "forks",
    // Every file at once, even on a small machine: the point of the example.
    maxWorkers: 3,
  },
});
