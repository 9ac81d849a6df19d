// A scenario is data: given this request, the vendor answers this status with a body that fits
// the spec (Prism's black-box harness, kept per vendor). `via` says whether the request itself
// causes the status (natural) or the test forces it with `Prefer: code=` (prefer).

export interface Scenario {
  operationId: string;
  status: number;
  via: "natural" | "prefer";
  name: string;
  method: string;
  /** The vendor's own path, as a client of the real API would send it. */
  path: string;
  /** A raw query string without `?`. */
  query?: string;
  /** The credential to send; null sends none; default: the vendor's admin credential. */
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as JSON with content-type application/json. */
  body?: unknown;
  /** Sent exactly as given (with `contentType`, default application/json). */
  rawBody?: string;
  contentType?: string;
  /** Fields the answer's body must contain beyond fitting the schema (toMatchObject). */
  expect?: unknown;
  /** Requests to make first (e.g. start a task), each must succeed (2xx). */
  before?: { method: string; path: string; body?: unknown }[];
}

export interface VendorScenarios {
  vendor: "crego" | "huawei" | "spaaza" | "omni" | "awork";
  /** The headers that carry a credential for this vendor. */
  auth(credential: string): Record<string, string>;
  admin: string;
  readonly: string;
  scenarios: Scenario[];
}
