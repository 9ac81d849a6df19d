// A bad fixture stops the start with a message naming the file, the record and the field.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { createMockServer, StartupError } from "../../src/index.js";
import { FIXTURE_DIR, SPEC_DIR } from "../helpers/specs.js";
import { tempDir } from "../helpers/temp.js";

function fixtureDirWith(change: (fixture: { collections: Record<string, { records: Record<string, unknown>[] }> }) => void): string {
  const dir = tempDir("taskmock-fixtures-");
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  const file = join(dir, "awork.json");
  const fixture = JSON.parse(readFileSync(file, "utf8"));
  change(fixture);
  writeFileSync(file, JSON.stringify(fixture));
  return dir;
}

test("a record that breaks its schema names the file, the record and the field", () => {
  const dir = fixtureDirWith((f) => {
    const record = f.collections["taskSchedules"]?.records[3];
    if (record) record["plannedDuration"] = "an hour";
  });
  expect(() => createMockServer({ vendor: "awork", fixtureDir: dir })).toThrow(StartupError);
  expect(() => createMockServer({ vendor: "awork", fixtureDir: dir })).toThrow(
    /awork\.json: taskSchedules\[3\] \(id "[0-9a-f-]+"\): field \/plannedDuration must be integer/,
  );
});

test("a duplicate key and a missing key are named too", () => {
  const dir = fixtureDirWith((f) => {
    const records = f.collections["taskSchedules"]?.records ?? [];
    records[1] = { ...records[0] };
    delete records[2]?.["id"];
  });
  expect(() => createMockServer({ vendor: "awork", fixtureDir: dir })).toThrow(
    /taskSchedules\[1\] \(id "123e4567-e89b-12d3-a456-426614174000"\): id is used twice/,
  );
  expect(() => createMockServer({ vendor: "awork", fixtureDir: dir })).toThrow(/taskSchedules\[2\] \(id undefined\): has no id/);
});

test("a fixture that is not JSON says so", () => {
  const dir = tempDir("taskmock-fixtures-");
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  writeFileSync(join(dir, "awork.json"), "{ not json");
  expect(() => createMockServer({ vendor: "awork", fixtureDir: dir })).toThrow(/awork\.json: cannot be read as JSON/);
});

test("a spec of one's own with a schema that cannot compile stops the start, naming the file", () => {
  const dir = tempDir("taskmock-specs-");
  cpSync(SPEC_DIR, dir, { recursive: true });
  const file = join(dir, "awork.yaml");
  const yaml = readFileSync(file, "utf8");
  // A pattern that is not a regular expression, where the spec had `format: uuid`.
  writeFileSync(file, yaml.replace("format: uuid", 'pattern: "["'));
  expect(() => createMockServer({ vendor: "awork", specDir: dir })).toThrow(StartupError);
  expect(() => createMockServer({ vendor: "awork", specDir: dir })).toThrow(/awork\.yaml: a schema taskmock cannot compile/);
  // The same files unchanged start.
  writeFileSync(file, yaml);
  expect(() => createMockServer({ vendor: "awork", specDir: dir })).not.toThrow();
});
