// The project's specs and fixtures as the tests see them: every vendor, loaded once per file.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSpec, vendorOf } from "../../src/engine/loadSpec.js";
import { HTTP_METHODS, type HttpMethod, type OpenApiDocument, type OperationObject } from "../../src/engine/openapi.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SPEC_DIR = `${ROOT}specs/`;
export const FIXTURE_DIR = `${ROOT}fixtures/`;

export interface SpecUnderTest {
  file: string;
  vendor: string;
  doc: OpenApiDocument;
}

export function allSpecs(): SpecUnderTest[] {
  return readdirSync(SPEC_DIR)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const file = `${SPEC_DIR}${name}`;
      const doc = loadSpec(file);
      return { file, vendor: vendorOf(doc, file), doc };
    });
}

export function fixtureFileOf(vendor: string): string | undefined {
  const file = `${FIXTURE_DIR}${vendor}.json`;
  return existsSync(file) ? file : undefined;
}

export interface OperationUnderTest {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
}

export function operationsOf(doc: OpenApiDocument): OperationUnderTest[] {
  const out: OperationUnderTest[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) out.push({ path, method, operation });
    }
  }
  return out;
}

/** Every `x-taskmock-conflict` entry anywhere in a document. */
export function conflictsOf(doc: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "x-taskmock-conflict") found.push(...(Array.isArray(value) ? value : [value]));
        else walk(value);
      }
    }
  };
  walk(doc);
  return found;
}
