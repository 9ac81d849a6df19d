// What a vendor folder exports: its names, files and adapter. The server mounts these.
import type { VendorAdapter } from "../engine/vendor.js";
import type { Store } from "../store/store.js";

export const VENDOR_NAMES = ["crego", "huawei", "spaaza", "omni", "awork"] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

export interface VendorModule {
  name: VendorName;
  /** File name in specs/. */
  specFile: string;
  /** File name in fixtures/. */
  fixtureFile: string;
  adapter: VendorAdapter<Store>;
}

export function isVendorName(value: string): value is VendorName {
  return (VENDOR_NAMES as readonly string[]).includes(value);
}
