// Huawei's own definitions as the tests read them (fact-only copies in ./definitions, see its
// SOURCES.md): each operation's parameters, request examples and response schemas, and a check of
// an answer against the schema the definition gives its status, with ajv (Swagger 2 schemas are
// JSON Schema draft 4 with extra keywords: ajv's draft-07 default reads them).
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One Swagger 2 parameter, facts only. */
export interface DefinitionParameter {
  name: string;
  in: "header" | "path" | "query" | "body";
  required?: boolean;
  type?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  pattern?: string;
  schema?: { $ref: string };
}

interface DefinitionFile {
  name: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters: DefinitionParameter[];
        responses: Record<string, { schema?: { $ref: string } }>;
        "x-request-examples-1"?: Record<string, unknown>;
      }
    >
  >;
  definitions: Record<string, Record<string, unknown>>;
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./definitions/${name}`, import.meta.url), "utf8")) as T;

/** The API Explorer definition of each operation the mirror holds, by the mock's operationId. */
const FILES: Record<string, string> = {
  createScheduleTask: "CreateScheduleTask.json",
  listScheduleTasks: "ListScheduleTasks.json",
  deleteScheduleTask: "DeleteScheduleTask.json",
  batchDeleteScheduleTask: "BatchDeleteScheduleTask.json",
  listFutureExecutions: "ListFutureExecutions.json",
  listTaskExecuteHistory: "ListTaskExecuteHistory.json",
  listTaskExecuteDetail: "ListTaskExecuteDetail.json",
};

export interface Definition {
  operationId: string;
  method: string;
  path: string;
  parameters: DefinitionParameter[];
  /** The request example of the definition, as published (uncorrected). */
  requestExample: Record<string, unknown> | undefined;
  /** Status → the name of its schema in `definitions`; undefined for an answer without a body. */
  responses: Record<string, string | undefined>;
  definitions: Record<string, Record<string, unknown>>;
}

function fromFile(file: string): Definition {
  const doc = read<DefinitionFile>(file);
  const [path, item] = Object.entries(doc.paths)[0] as [string, DefinitionFile["paths"][string]];
  const [method, op] = Object.entries(item)[0] as [string, DefinitionFile["paths"][string][string]];
  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    parameters: op.parameters,
    requestExample: op["x-request-examples-1"],
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, r.schema?.$ref.replace("#/definitions/", "")])),
    definitions: doc.definitions,
  };
}

export const DEFINITIONS: Record<string, Definition> = Object.fromEntries(Object.entries(FILES).map(([id, file]) => [id, fromFile(file)]));

/** The first (2025-01-10) create definition, whose example's target carries target_name. */
export const FIRST_CREATE_DEFINITION = fromFile("CreateScheduleTask@7535c259b-2025-01-10.json");

/** The Go SDK models of the two operations the mirror lacks (show, update); their errors are the definitions' shared ones. */
const goSdk = read<{ definitions: Record<string, Record<string, unknown>> }>("go-sdk-show-update.json");

/** The regions of the official SDKs: region → endpoint. */
export const REGIONS = read<{ regions: Record<string, string> }>("regions.json").regions;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });

const compiled = new Map<string, ValidateFunction>();

function validator(key: string, definitions: Record<string, unknown>, name: string): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ definitions, $ref: `#/definitions/${name}` });
    compiled.set(key, validate);
  }
  return validate;
}

/** The schema the definitions give an operation's status, as a validator; undefined for a status without a body. */
function schemaFor(operationId: string, status: number): ValidateFunction | undefined {
  const own = DEFINITIONS[operationId];
  if (own) {
    if (!(String(status) in own.responses)) throw new Error(`${operationId}: the definition documents no ${status}`);
    const name = own.responses[String(status)];
    return name === undefined ? undefined : validator(`${operationId} ${status}`, own.definitions, name);
  }
  const shared = DEFINITIONS["createScheduleTask"] as Definition;
  if (status === 200) {
    const name = operationId === "showScheduleTask" ? "ShowScheduleTaskResponse" : operationId === "updateScheduleTask" ? "UpdateScheduleTaskResponse" : undefined;
    if (!name) throw new Error(`no definition for ${operationId}`);
    return validator(`${operationId} 200`, goSdk.definitions, name);
  }
  const name = shared.responses[String(status)];
  if (name === undefined) throw new Error(`${operationId}: no error schema for ${status}`);
  return validator(`shared ${status}`, shared.definitions, name);
}

/** What the definitions find wrong with an answer (empty: it matches the schema its status has there). */
export function definitionErrors(operationId: string, status: number, body: unknown): string[] {
  const validate = schemaFor(operationId, status);
  if (!validate) return body === undefined ? [] : [`${operationId} ${status}: the definition has no body for it`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${operationId} ${status}: ${e.instancePath || "/"} ${e.message ?? ""}`);
}
