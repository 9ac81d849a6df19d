// Spaaza's Services API answers privileged access tokens only (the task pages): the adapter's
// authorize hook, run after the engine found the token and before its role is looked at.
import type { TokenRecord, VendorError } from "../../engine/vendor.js";

/**
 * Every endpoint requires privileged authentication (the task pages): a token that is not
 * privileged is refused on every call, reads included, before its role is looked at.
 */
export function authorize(principal: TokenRecord): VendorError | undefined {
  if (principal["privileged"] === true) return undefined;
  return {
    status: 403,
    kind: "forbidden",
    code: "permission_denied",
    message: `This token of chain ${String(principal["chain"])} is not privileged: the Services API needs a privileged access token`,
  };
}
