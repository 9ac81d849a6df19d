// The vendor types a client imports from the package, `taskmock/types/<vendor>`, resolve to the
// generated types (not to `any`): a client written with openapi-fetch typechecks, and the same
// client with a wrong path, parameter or body field does not. (`npm run typecheck` compiles the
// example client itself too; this test also proves the types reject mistakes.)
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, test } from "vitest";

const FILE = fileURLToPath(new URL("./__types-check.ts", import.meta.url));
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

/** The module resolutions the README names: the package's `exports` must serve each. */
const RESOLUTIONS: [string, ts.CompilerOptions][] = [
  ["node16", { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
  ["nodenext", {}],
  ["bundler", { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
];

/** Typechecks one client module (as if it were a file beside this one) and answers its errors. */
function errorsOf(source: string, resolution: ts.CompilerOptions = {}): string[] {
  const options = { ...OPTIONS, ...resolution };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === FILE ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === FILE || fileExists(name);
  const program = ts.createProgram([FILE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const HEADER = `
import createClient from "openapi-fetch";
import type { components, paths } from "taskmock/types/omni";
import type { paths as AworkPaths } from "taskmock/types/awork";
const omni = createClient<paths>({ baseUrl: "http://127.0.0.1:4010/omni" });
const awork = createClient<AworkPaths>({ baseUrl: "http://127.0.0.1:4010/awork" });
`;

test.each(RESOLUTIONS)("a client typed with taskmock/types/omni and taskmock/types/awork typechecks (moduleResolution %s)", (_, resolution) => {
  const errors = errorsOf(
    `${HEADER}
export async function run(): Promise<string> {
  const { data } = await omni.POST("/api/v1/connections/{connectionId}/schedules", {
    params: { path: { connectionId: "f47ac10b-58cc-4372-a567-0e02b2c3d479" } },
    body: { schedule: "00 09 * * ? *", timezone: "UTC" },
  });
  const schedule: components["schemas"]["Schedule"] | undefined = data;
  const page = await awork.GET("/api/v1/taskschedules", { params: { query: { page: 1, pageSize: 10 } } });
  return \`\${schedule?.description} \${page.data?.[0]?.plannedDuration}\`;
}
`,
    resolution,
  );
  expect(errors).toEqual([]);
});

test("the types catch a wrong path, a wrong parameter and a wrong body field", () => {
  const errors = errorsOf(`${HEADER}
export async function run(): Promise<void> {
  await omni.GET("/api/v1/connections/{connectionId}/schedulez", { params: { path: { connectionId: "x" } } });
  await awork.GET("/api/v1/taskschedules", { params: { query: { pageSize: "ten" } } });
  await omni.PUT("/api/v1/connections/{connectionId}/schedules/{scheduleId}", {
    params: { path: { connectionId: "c", scheduleId: "s" } },
    body: { schedule: "00 09 * * ? *", timeZone: "UTC" },
  });
}
`);
  expect(errors.join("\n")).toContain("schedulez");
  expect(errors.join("\n")).toMatch(/string.*not assignable to type 'number'/);
  expect(errors.join("\n")).toContain("timeZone");
  expect(errors.length).toBeGreaterThanOrEqual(3);
});
