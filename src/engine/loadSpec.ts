// Reads a vendor's OpenAPI file (YAML) into a plain document.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OpenApiDocument } from "./openapi.js";

export function loadSpec(file: string): OpenApiDocument {
  const doc = parse(readFileSync(file, "utf8"), { maxAliasCount: -1 }) as OpenApiDocument;
  if (typeof doc !== "object" || doc === null || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.1")) {
    throw new Error(`${file}: not an OpenAPI 3.1 document`);
  }
  return doc;
}

/** The vendor's short name, which is also its URL prefix (`info.x-taskmock-vendor`). */
export function vendorOf(doc: OpenApiDocument, file: string): string {
  const vendor = doc.info["x-taskmock-vendor"];
  if (typeof vendor !== "string" || !/^[a-z][a-z0-9-]*$/.test(vendor)) {
    throw new Error(`${file}: info.x-taskmock-vendor must name the vendor in lower case`);
  }
  return vendor;
}
