// headersOf (src/http/read.ts) turns Node's raw headers into the record the engine gets, as the
// web Headers class would hold them: the direct path and the Hono path must give the engine the
// same headers. Checked against Node's own Headers on lists short and long (two sorts).
import { expect, test } from "vitest";
import { headersOf } from "../../src/http/read.js";

/** A small seeded generator, so a failure repeats. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

const NAMES = ["Host", "accept", "Accept", "authorization", "X-Trace", "x-trace", "cookie", "Cookie", "set-cookie", "content-type", "Prefer", "via", "a", "zz"];
const VALUES = ["1", " padded\t", "a b", "text/html", "", "x=1", "  "];

test.each([3, 8, 16, 17, 40])("%i headers: the same record the web Headers give", (count) => {
  const next = generator(count);
  for (let round = 0; round < 200; round++) {
    const raw: string[] = [];
    for (let i = 0; i < count; i++) raw.push(NAMES[next(NAMES.length)] as string, VALUES[next(VALUES.length)] as string);
    const web = new Headers();
    for (let i = 0; i < raw.length; i += 2) web.append(raw[i] as string, raw[i + 1] as string);
    expect(JSON.stringify(headersOf(raw)), JSON.stringify(raw)).toBe(JSON.stringify(Object.fromEntries(web)));
  }
});
