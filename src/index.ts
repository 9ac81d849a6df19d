// taskmock's programmatic API.

// Engine values a test may want to read
export {
  type CoverageFormat,
  type CoverageOptions,
  type CoverageReport,
  type CoverageThresholds,
  checkCoverage,
  coverageOf,
  formatCoverage,
  type OperationCoverage,
  type Ratio,
  type StatusCoverage,
  type VendorCoverage,
} from "./engine/coverage.js";
export type { JournalEntry } from "./engine/journal.js";
export type { Problem } from "./engine/problem.js";
export type { Violation } from "./engine/schemaCompiler.js";
export { formatVerify, type VerifyOptions, type VerifyReport, type VerifyViolation, verifyJournal } from "./engine/verify.js";
// Server
export { createMockServer, MAX_BODY_BYTES, type MockApp, type MockContext, type MockServerOptions } from "./server/app.js";
export { type ListenOptions, type RunningMockServer, startMockServer } from "./server/node.js";
export { StartupError } from "./server/runtime.js";
// Vendors
export { VENDOR_NAMES, type VendorName } from "./vendors/types.js";
