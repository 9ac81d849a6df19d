// A successful answer as Huawei sends it: the body, and the X-Request-Id every response carries.
import type { HandlerResult } from "../../engine/vendor.js";
import { ok } from "../common.js";
import type { Context } from "./records.js";

/** The request id (32 hex digits, seeded like every generated value) a client quotes to support. */
export function answer(c: Context, status: number, body?: unknown): HandlerResult {
  return ok(status, body, { "x-request-id": c.faker.string.hexadecimal({ length: 32, casing: "lower", prefix: "" }) });
}
