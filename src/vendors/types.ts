// The vendors taskmock ships: their names. A vendor folder exports a VendorModule (core/definitions.ts).
import type { VendorModule as CoreVendorModule } from "../core/definitions.js";

export const VENDOR_NAMES = ["crego", "huawei", "spaaza", "omni", "awork"] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

export interface VendorModule extends CoreVendorModule {
  name: VendorName;
}

export function isVendorName(value: string): value is VendorName {
  return (VENDOR_NAMES as readonly string[]).includes(value);
}
