#!/usr/bin/env node
// taskmock's command line: flags → options → server. Nothing else lives here.
import { parseArgs } from "node:util";
import { startMockServer } from "./server/node.js";
import { StartupError } from "./server/runtime.js";
import { isVendorName, VENDOR_NAMES } from "./vendors/types.js";

const USAGE = `taskmock: a stateful contract-testing mock of five vendors' scheduled-task APIs

Usage: taskmock serve [options]

Options:
  --port N            port to listen on (env PORT; default 4010; 0 picks a free one)
  --host H            address to bind (env HOST; default 127.0.0.1)
  --vendor NAME       serve one vendor at the root: ${VENDOR_NAMES.join(", ")}
  --seed N            make generated values and ids deterministic
  --clock ISO         fix the mock's clock at this time (e.g. 2026-01-01T00:00:00Z)
  --journal-size N    requests the journal keeps (default 1000)
  --rate-limits       enforce the vendors' documented rate limits (429 past them)
  --no-admin          turn the /__admin API off
  -h, --help          this text
`;

function exit(code: number, message: string): never {
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(code);
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) exit(2, `taskmock: ${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

async function serve(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        vendor: { type: "string" },
        seed: { type: "string" },
        clock: { type: "string" },
        "journal-size": { type: "string" },
        "no-admin": { type: "boolean" },
        "rate-limits": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    exit(2, `taskmock: ${(error as Error).message}\n\n${USAGE}`);
  }
  if (values["help"]) exit(0, USAGE);
  const vendor = values["vendor"] as string | undefined;
  if (vendor !== undefined && !isVendorName(vendor))
    exit(2, `taskmock: --vendor must be one of ${VENDOR_NAMES.join(", ")}, not "${vendor}"`);
  const port = integer("--port", (values["port"] as string | undefined) ?? process.env["PORT"], 0, 65535) ?? 4010;
  const host = (values["host"] as string | undefined) ?? process.env["HOST"] ?? "127.0.0.1";
  const seed = integer("--seed", values["seed"] as string | undefined, 0, 2 ** 31 - 1);
  const journalSize = integer("--journal-size", values["journal-size"] as string | undefined, 1, 10_000_000);
  const clock = values["clock"] as string | undefined;

  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer({
      port,
      host,
      ...(vendor ? { vendor } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(clock !== undefined ? { clock } : {}),
      ...(journalSize !== undefined ? { journalSize } : {}),
      admin: values["no-admin"] !== true,
      rateLimits: values["rate-limits"] === true,
    });
  } catch (error) {
    if (error instanceof StartupError) exit(1, `taskmock: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") exit(1, `taskmock: port ${port} on ${host} is in use (try --port)`);
    throw error;
  }
  const lines = [`taskmock listening on ${server.url}`];
  for (const [name, rt] of server.app.mock.runtimes) {
    const base = vendor ? server.url : `${server.url}/${name}`;
    const header = rt.spec.operations[0]?.security[0]?.kind === "header" ? "X-Auth-Token: " : "Authorization: Bearer ";
    const tokens = [...rt.tokens.values()].map((t) => `${header}${t.credential} (${t.role})`).join(" | ");
    lines.push(`  ${name.padEnd(7)} ${base}  ${tokens}`);
  }
  if (values["no-admin"] !== true) lines.push(`  admin   ${server.url}/__admin/health`);
  process.stdout.write(`${lines.join("\n")}\n`);

  const stop = (signal: string) => {
    process.stdout.write(`taskmock: ${signal}, stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === "-h" || command === "--help" || command === "help") exit(0, USAGE);
else if (command === "serve") await serve(rest);
else exit(2, `taskmock: unknown command "${command}"\n\n${USAGE}`);
