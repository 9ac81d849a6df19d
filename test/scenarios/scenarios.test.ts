// Runs every vendor's scenario table (test/scenarios/<vendor>.scenarios.ts).
import type { VendorScenarios } from "./types.js";
import { runScenarios } from "./run.js";

const suites = import.meta.glob<{ suite: VendorScenarios }>("./*.scenarios.ts", { eager: true });
for (const { suite } of Object.values(suites)) runScenarios(suite);
