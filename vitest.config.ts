import { configDefaults, defineConfig } from "vitest/config";

/** taskmock's own tests and the schedule-sync example. */
const taskmock = {
  name: "taskmock",
  include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
  // The taskmock/vitest example is a project of its own: its global setup starts the one server its files share.
  exclude: [...configDefaults.exclude, "examples/parallel-suites/**"],
  testTimeout: 20_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    // Builds dist/ once, for the tests that run taskmock as a user would (the CLI, the package,
    // the examples). Vitest runs the projects' own global setups before this one: the example's
    // server starts from dist/ as `npm test` built it (its script builds before vitest).
    globalSetup: ["test/globalSetup.ts"],
    projects: [
      { test: taskmock },
      // The example's own config; it runs its files in parallel, after taskmock's (a project with its own maxWorkers needs its own group).
      { extends: "./examples/parallel-suites/vitest.config.ts", test: { sequence: { groupOrder: 1 } } },
    ],
  },
});
