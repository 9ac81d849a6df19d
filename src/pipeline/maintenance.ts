// Stage 3, maintenance: a vendor in a maintenance window answers 503 with Retry-After before
// anything else looks at the request, as the vendor's own front door would, credentials or not.
import type { VendorError } from "../engine/vendor.js";
import { vendorError } from "./answers.js";
import type { Exchange } from "./exchange.js";

export function maintenance(ex: Exchange): void {
  const vendor = ex.rt.spec.vendor;
  const window = ex.services.maintenance.get(vendor);
  if (!window || (window.until !== undefined && ex.at >= window.until.getTime())) return;
  const error: VendorError = {
    status: 503,
    kind: "unavailable",
    message: `${vendor} is in scheduled maintenance; retry after ${window.retryAfter} seconds`,
  };
  ex.answer = vendorError(ex, error, ex.operation?.responses.get(503), "rejected", { "retry-after": String(window.retryAfter) });
}
