// taskmock's programmatic API.

// Engine values a test may want to read
export type { JournalEntry } from "./engine/journal.js";
export type { Problem } from "./engine/problem.js";
export type { Violation } from "./engine/schemaCompiler.js";
// Server
export { createMockServer, MAX_BODY_BYTES, type MockApp, type MockContext, type MockServerOptions } from "./server/app.js";
export { type ListenOptions, type RunningMockServer, startMockServer } from "./server/node.js";
export { StartupError } from "./server/runtime.js";
// Vendors
export { VENDOR_NAMES, type VendorName } from "./vendors/types.js";
