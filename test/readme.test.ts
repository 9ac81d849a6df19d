// The README, read as a newcomer would: its generated tables match the specs, and its quick
// start works: `npm start`, then every curl sample in it, in order, on the documented port and
// tokens, answers the status written beside it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { renderReadme } from "../scripts/readme-tables.mjs";
import { startCli } from "./helpers/cli.js";
import { ROOT } from "./helpers/specs.js";

const README = readFileSync(`${ROOT}README.md`, "utf8");
/** The section on a team's own data: its samples run against `--fixtures examples/team-fixtures`, not `npm start`. */
const TEAM_START = README.indexOf("## A team's own data");
const TEAM_SECTION = README.slice(TEAM_START, README.indexOf("\n## ", TEAM_START + 1));
const PACKAGE_DATA = README.replace(TEAM_SECTION, "");

test("the README's endpoint and conflict tables match the specs (npm run docs)", () => {
  expect(README === renderReadme(README), "README.md tables differ from the specs: run npm run docs").toBe(true);
});

interface Curl {
  line: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
}

/** Splits a shell line into words, honouring single quotes (all the README uses). */
function words(line: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) out.push(m[1] ?? m[2] ?? "");
  return out;
}

function curls(text = PACKAGE_DATA): Curl[] {
  const found: Curl[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? "").split("\n")) {
      const annotated = /^(curl .*?)\s+# → (\d{3})$/.exec(line);
      if (!annotated) continue;
      const args = words(annotated[1] ?? "");
      const curl: Curl = { line, method: "GET", url: "", headers: {}, body: undefined, status: Number(annotated[2]) };
      for (let i = 1; i < args.length; i++) {
        const arg = args[i] as string;
        if (arg === "-s") continue;
        if (arg === "-X") curl.method = args[++i] as string;
        else if (arg === "-H") {
          const header = args[++i] as string;
          const colon = header.indexOf(":");
          curl.headers[header.slice(0, colon).toLowerCase()] = header.slice(colon + 1).trim();
        } else if (arg === "-d") {
          curl.body = args[++i];
          if (curl.method === "GET") curl.method = "POST";
        } else curl.url = arg;
      }
      found.push(curl);
    }
  }
  return found;
}

test("the README has curl samples for every vendor, the admin API and Prefer", () => {
  const urls = curls().map((c) => c.url);
  for (const part of ["/crego/", "/huawei/", "/spaaza/", "/omni/", "/awork/", "/__admin/", "__code"])
    expect(
      urls.some((u) => u.includes(part)),
      part,
    ).toBe(true);
});

test("npm start, then each curl sample of the README answers the status it says", async () => {
  // On a free port (PORT=0): the README's 4010 may be taken by a `npm start` of one's own beside the tests.
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: "0", HOST: "" },
  });
  let output = "";
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not listen in time:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /taskmock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (listening) {
          clearTimeout(timer);
          resolve(listening);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    for (const vendor of ["crego", "huawei", "spaaza", "omni", "awork"]) expect(output).toContain(`${url}/${vendor}`);
    for (const curl of curls()) {
      const res = await fetch(curl.url.replace("http://127.0.0.1:4010", url), {
        method: curl.method,
        headers: curl.headers,
        ...(curl.body === undefined ? {} : { body: curl.body }),
      });
      expect(res.status, `${curl.line}\n${await res.text()}`).toBe(curl.status);
    }
  } finally {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // the group is gone already
    }
  }
}, 120_000);

test("started with --fixtures examples/team-fixtures, each curl sample of that section answers the status it says", async () => {
  expect(TEAM_SECTION).toContain("npm start -- --fixtures examples/team-fixtures");
  const samples = curls(TEAM_SECTION);
  expect(samples.length).toBeGreaterThan(0);
  const cli = await startCli(["serve", "--port", "0", "--fixtures", "examples/team-fixtures"]);
  try {
    for (const curl of samples) {
      const res = await fetch(curl.url.replace("http://127.0.0.1:4010", cli.url), {
        method: curl.method,
        headers: curl.headers,
        ...(curl.body === undefined ? {} : { body: curl.body }),
      });
      expect(res.status, `${curl.line}\n${await res.text()}`).toBe(curl.status);
    }
  } finally {
    await cli.stop();
  }
});

test("the README lists the pipeline's stages in the order the code runs them", async () => {
  const { PIPELINE } = await import("../src/pipeline/index.js");
  const section = README.slice(README.indexOf("## What every request goes through"), README.indexOf("## Forcing a response"));
  const listed = [...section.matchAll(/^\d+\. \*\*(.+?)\*\*/gm)].map((m) => (m[1] ?? "").toLowerCase());
  expect(listed).toEqual(PIPELINE.map((stage) => stage.name));
});
