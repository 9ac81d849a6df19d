// The README's "Speed" section quotes the ratios of the committed benchmark run, as that run wrote
// them in bench/results.md: a figure there that the run did not measure fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "./helpers/specs.js";
const section = (text: string, heading: string) => {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = text.indexOf("\n## ", start + heading.length + 2);
  return text.slice(start, end < 0 ? undefined : end);
};

test("every ratio the README's Speed section quotes is one bench/results.md reports", () => {
  const speed = section(readFileSync(join(ROOT, "README.md"), "utf8"), "## Speed");
  const ratios = section(readFileSync(join(ROOT, "bench", "results.md"), "utf8"), "## The ratios the README quotes");
  const cells = new Set(ratios.split("\n").flatMap((row) => row.split("|").map((cell) => cell.trim())));
  const quoted = [...speed.matchAll(/\*\*([\d.,]+×|\d+ %)\*\*/g)].map((m) => m[1] as string);
  expect(quoted.length).toBeGreaterThanOrEqual(8);
  for (const figure of quoted) expect(cells.has(figure), `README quotes ${figure}`).toBe(true);
});
