// Runs every vendor's scenario table (test/scenarios/<vendor>.scenarios.ts).

import { runScenarios } from "./run.js";
import type { VendorScenarios } from "./types.js";

const suites = import.meta.glob<{ suite: VendorScenarios }>("./*.scenarios.ts", { eager: true });
for (const { suite } of Object.values(suites)) runScenarios(suite);
