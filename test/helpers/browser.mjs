// The real browser the dashboard's tests and `npm run screenshots` drive: the Chromium build that
// @sparticuz/chromium ships inside its npm package (nothing downloaded, nothing installed by hand),
// under puppeteer-core.
//
// Where it leaves files: @sparticuz/chromium unpacks its brotli archives into the system's
// temporary folder (/tmp/chromium, /tmp/fonts, swiftshader's libraries loose in /tmp) and keeps
// them there for the next launch. Here it unpacks instead into
// node_modules/.cache/taskmock/chromium-<version>/ (beside the validators' cache): a cache of
// the installed package, made once per machine (~5 s), reused by every later run, removed with
// node_modules. It is unpacked into a fresh folder and renamed into place, so two runs at once
// never see half a browser. The browser's profile goes into a folder the caller gives and removes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Chromium from "@sparticuz/chromium";
import puppeteer from "puppeteer-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The folder the browser is unpacked into, per version of the package. */
function browserDir() {
  const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "@sparticuz", "chromium", "package.json"), "utf8"));
  return join(ROOT, "node_modules", ".cache", "taskmock", `chromium-${version}`);
}

/** The Chromium executable, unpacked into the cache on first use. */
export async function chromiumPath() {
  const dir = browserDir();
  const executable = join(dir, "chromium");
  if (existsSync(executable)) return executable;
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.unpacking-`);
  // The package unpacks into os.tmpdir(), which reads TMPDIR at each call.
  const before = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await Chromium.executablePath();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw error; // another run put it in place first: use that one
  }
  return executable;
}

/**
 * The package's flags for a headless server, but not --single-process: that one is for AWS Lambda
 * (where a separate process cannot drop privileges), and in one process Chromium closes as soon as
 * a second page or browser context opens.
 */
const ARGS = Chromium.args.filter((arg) => arg !== "--single-process");

/** A headless Chromium whose profile lives in `userDataDir` (the caller removes it). */
export async function launchBrowser(userDataDir) {
  return puppeteer.launch({
    executablePath: await chromiumPath(),
    args: ARGS,
    headless: "shell",
    userDataDir,
    // No stray window size: each page sets its own viewport.
    defaultViewport: { width: 1280, height: 800 },
  });
}
