// One taskmock server for the whole run, stopped after the last test file. With the defaults
// (every vendor, a random seed, real time), the config could name "taskmock/vitest/setup" instead.
import { taskmockSetup } from "taskmock/vitest/setup";

export default taskmockSetup({ seed: 1, clock: "2026-01-01T00:00:00Z" });
