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
// The core: one mock, framework-free
export { StartupError, type VendorDefinition, type VendorModule } from "./core/definitions.js";
export { createMock, loadDefinitions, type Mock, type MockClock, type MockOptions } from "./core/mock.js";
export { type FixtureWatch, type FixtureWatchOptions, type ReloadEvent, watchFixtures } from "./core/watchFixtures.js";
export type { Negotiation } from "./pipeline/negotiation.js";
export { PIPELINE } from "./pipeline/index.js";
// HTTP
export { createMockServer, type MockApp, type MockServerOptions, type ProxyOptions, type RunningProxy } from "./http/app.js";
export { type ListenOptions, nodeListener, type RunningMockServer, startMockServer } from "./http/node.js";
export {
  connectSession,
  type MaintenanceWindow,
  type RequestFilter,
  sessionClient,
  type SessionClientOptions,
  sessionUrls,
  TaskmockAdminError,
  type TaskmockSession,
} from "./http/client.js";
export type { FaultInput, FaultRule } from "./engine/faults.js";
export { MAX_BODY_BYTES } from "./http/read.js";
// Vendors
export { VENDOR_NAMES, type VendorName } from "./vendors/types.js";
