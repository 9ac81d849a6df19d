// The five vendors taskmock serves. A new vendor is a spec, a fixture file and a folder here.
import { awork } from "./awork/index.js";
import { crego } from "./crego/index.js";
import { huawei } from "./huawei/index.js";
import { omni } from "./omni/index.js";
import { spaaza } from "./spaaza/index.js";
import type { VendorModule, VendorName } from "./types.js";

export const VENDORS: Record<VendorName, VendorModule> = { crego, huawei, spaaza, omni, awork };
