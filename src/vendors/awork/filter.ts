// PLACEHOLDER: being written (awork filterby, OData subset).
export type FilterResult = { ok: true; predicate: (record: Record<string, unknown>) => boolean } | { ok: false; message: string };
export function compileFilter(_text: string, _options: { fields: string[]; me: string; now: Date }): FilterResult {
  return { ok: false, message: "filterby is not implemented yet" };
}
