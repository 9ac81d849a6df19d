// ajv-formats' string formats with each verdict remembered per string. A mock checks the same
// strings again and again: every answer of a list of 100 records holds 200 date-times and 300
// ids, the same ones as the answer before, and ajv-formats' full RFC 3339 check costs two regexes
// and a calendar per date-time (half the time of such a request). The verdict is still
// ajv-formats' own, computed the first time a string is seen. Only strings up to
// MAX_REMEMBERED_LENGTH characters are kept, at most REMEMBERED_PER_FORMAT per format.
import type { Format, FormatDefinition } from "ajv";
import { memoized } from "./memo.js";

const MAX_REMEMBERED_LENGTH = 64;
const REMEMBERED_PER_FORMAT = 10_000;

/** The module name validator code uses to require these formats (see schemaCompiler). */
export const FORMATS_MODULE = "taskmock:formats";

export function rememberedFormats(formats: Record<string, Format>): Record<string, Format> {
  const remembered: Record<string, Format> = {};
  for (const [name, format] of Object.entries(formats)) {
    const check = stringCheck(format);
    if (!check) {
      remembered[name] = format;
      continue;
    }
    const known = memoized("format verdicts", check, REMEMBERED_PER_FORMAT);
    const validate = (value: string) => (value.length > MAX_REMEMBERED_LENGTH ? check(value) : known(value));
    const definition = typeof format === "object" && !(format instanceof RegExp) ? format : {};
    remembered[name] = { ...definition, validate } as FormatDefinition<string>;
  }
  return remembered;
}

/** The synchronous check of a string format, or undefined for formats that check numbers, check nothing, or run async. */
function stringCheck(format: Format): ((value: string) => boolean) | undefined {
  if (format === true || typeof format === "string") return undefined;
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === "function") return format;
  if (typeof format !== "object" || format.async === true || (format.type !== undefined && format.type !== "string")) return undefined;
  const inner = format.validate;
  if (inner instanceof RegExp) return (value) => inner.test(value);
  if (typeof inner === "function") return inner as (value: string) => boolean;
  return undefined;
}
