// Spaaza's Services API answers privileged access tokens and admin sessions (the task pages:
// "privileged authentication" and "admin authentication" are permitted): the adapter's authorize
// hook, run after the engine found the credential and before its role is looked at.
import type { TokenRecord, VendorError } from "../../engine/vendor.js";

/**
 * Every endpoint requires privileged or admin authentication (the task pages): an access token
 * that is not privileged is refused on every call, reads included, before its role is looked at.
 * An admin session (the fixture's `admin: true` credentials, three headers) is let through; its
 * role then says whether the user's access level for the chain lets it write.
 */
export function authorize(principal: TokenRecord): VendorError | undefined {
  if (principal["privileged"] === true || principal["admin"] === true) return undefined;
  return {
    status: 403,
    kind: "forbidden",
    code: "permission_denied",
    message: `This token of chain ${String(principal["chain"])} is not privileged: the Services API needs a privileged access token`,
  };
}
