// Builds dist/ once before the tests that run the CLI as a user would (node dist/cli.js).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`], {
    stdio: "inherit",
    cwd: root,
  });
}
