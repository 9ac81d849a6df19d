// What taskmock/vitest's global setup hands the test workers (vitest's provide/inject): where the
// one server listens, what it serves, and its starting clock.

export interface TaskmockProvided {
  /** The server's origin: `http://127.0.0.1:43117`. */
  url: string;
  /** The vendors it serves. */
  vendors: string[];
  /** The one vendor served at the root (`vendor` option), if any. */
  rootVendor?: string;
  /** The fixed clock it started at (ISO 8601); absent on real time. */
  clock?: string;
  /** The vitest project's root: session ids name test files relative to it. */
  root: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    taskmock: TaskmockProvided;
  }
}
