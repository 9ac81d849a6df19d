// Makes a value that fits a JSON Schema, for `Prefer: dynamic=true` and for fields fixtures leave
// open. Deterministic for a seeded faker. What a schema cannot say (a pattern faker cannot
// invert) is left to the response check, which refuses anything that does not fit.
import type { Faker } from "@faker-js/faker";
import { deref, type JsonSchema, type OpenApiDocument } from "./openapi.js";

type Schema = Record<string, unknown>;

export function generateFromSchema(doc: OpenApiDocument, schema: JsonSchema, faker: Faker, depth = 0): unknown {
  if (typeof schema === "boolean") return schema ? {} : null;
  const s = deref<Schema>(doc, schema as Schema);
  if ("const" in s) return s["const"];
  if (Array.isArray(s["enum"])) return faker.helpers.arrayElement(s["enum"] as unknown[]);
  if (Array.isArray(s["examples"]) && s["examples"].length > 0 && depth > 0) return s["examples"][0];
  for (const key of ["oneOf", "anyOf"]) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.filter((o) => (o as Schema)["type"] !== "null");
      return generateFromSchema(doc, (nonNull[0] ?? options[0]) as JsonSchema, faker, depth + 1);
    }
  }
  if (Array.isArray(s["allOf"])) {
    const merged: Record<string, unknown> = {};
    for (const part of s["allOf"] as JsonSchema[]) {
      const value = generateFromSchema(doc, part, faker, depth + 1);
      if (typeof value === "object" && value !== null) Object.assign(merged, value);
    }
    return merged;
  }
  const types = Array.isArray(s["type"]) ? (s["type"] as string[]) : [s["type"] as string | undefined];
  const type = types.find((t) => t !== "null") ?? types[0] ?? (s["properties"] ? "object" : undefined);
  switch (type) {
    case "object":
      return generateObject(doc, s, faker, depth);
    case "array": {
      const min = (s["minItems"] as number | undefined) ?? (depth > 4 ? 0 : 1);
      const max = Math.max(min, Math.min((s["maxItems"] as number | undefined) ?? 2, 2));
      const count = faker.number.int({ min, max });
      const items = (s["items"] as JsonSchema | undefined) ?? {};
      return Array.from({ length: count }, () => generateFromSchema(doc, items, faker, depth + 1));
    }
    case "integer":
    case "number": {
      const min = (s["minimum"] as number | undefined) ?? (s["exclusiveMinimum"] as number | undefined) ?? 0;
      const max = (s["maximum"] as number | undefined) ?? (s["exclusiveMaximum"] as number | undefined) ?? Math.max(min, 0) + 1000;
      return type === "integer"
        ? faker.number.int({ min: Math.ceil(min), max: Math.floor(max) })
        : faker.number.float({ min, max, fractionDigits: 2 });
    }
    case "boolean":
      return faker.datatype.boolean();
    case "null":
      return null;
    case "string":
      return generateString(s, faker);
    default:
      return {};
  }
}

function generateObject(doc: OpenApiDocument, s: Schema, faker: Faker, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (s["properties"] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s["required"] as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(properties)) {
    if (depth > 3 && !required.has(name)) continue;
    out[name] = generateFromSchema(doc, property, faker, depth + 1);
  }
  return out;
}

function generateString(s: Schema, faker: Faker): string {
  const format = s["format"] as string | undefined;
  switch (format) {
    case "date-time":
      return faker.date.recent({ days: 30, refDate: "2026-01-01T00:00:00Z" }).toISOString();
    case "date":
      return faker.date.recent({ days: 30, refDate: "2026-01-01T00:00:00Z" }).toISOString().slice(0, 10);
    case "uuid":
      return faker.string.uuid();
    case "email":
      return faker.internet.email();
    case "uri":
    case "url":
      return faker.internet.url();
  }
  const minLength = (s["minLength"] as number | undefined) ?? 1;
  const maxLength = (s["maxLength"] as number | undefined) ?? 40;
  if (typeof s["pattern"] === "string") {
    try {
      const value = faker.helpers.fromRegExp(s["pattern"].replace(/^\^/, "").replace(/\$$/, ""));
      if (value.length >= minLength && value.length <= maxLength) return value;
    } catch {
      // a pattern faker cannot invert: fall through to words, the response check will judge
    }
  }
  const text = faker.lorem.words({ min: 1, max: 4 });
  return text.length > maxLength ? text.slice(0, maxLength) : text.padEnd(minLength, "x");
}
