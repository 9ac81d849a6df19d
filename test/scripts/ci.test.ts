// .ci/run is what CI runs on a clean clone: the README's test command, then the server and
// contract tests under each maintained Node LTS line the README names.
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/specs.js";

test(".ci/run runs npm ci and npm test, then the server and contract tests under Node 22 and 24 from the npm registry", () => {
  const file = join(ROOT, ".ci", "run");
  accessSync(file, constants.X_OK);
  const lines = readFileSync(file, "utf8").split("\n").map((l) => l.trim());
  expect(lines.indexOf("npm ci")).toBeGreaterThan(-1);
  expect(lines.indexOf("npm test")).toBeGreaterThan(lines.indexOf("npm ci"));
  expect(lines).toContain("for version in 22 24; do");
  expect(lines.some((l) => l.startsWith('npx -y "node@${version}" ./node_modules/vitest/vitest.mjs run'))).toBe(true);
  expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("Node 22 or 24, the maintained LTS lines");
});

test(".ci/run installs redis-server and nginx when missing and makes a replica test that cannot run fail", () => {
  const text = readFileSync(join(ROOT, ".ci", "run"), "utf8");
  const lines = text.split("\n").map((l) => l.trim());
  expect(text).toMatch(/apt-get install -y -qq "\$\{missing\[@\]\}"/);
  expect(text).toContain("missing+=(redis-server)");
  expect(text).toContain("missing+=(nginx-light)");
  const required = lines.indexOf("export TASKMOCK_REQUIRE_STORE=1");
  expect(required).toBeGreaterThan(-1);
  expect(lines.indexOf("npm test")).toBeGreaterThan(required);
  expect(lines.find((l) => l.startsWith("test/http "))).toMatch(/ test\/replicas test\/deploy /);
});
