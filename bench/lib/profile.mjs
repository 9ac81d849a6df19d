// Where taskmock's CPU time goes under load: a V8 CPU profile (`node --cpu-prof`) of the server
// while autocannon runs one operation, summarised by owner. A sample belongs to the deepest frame
// of taskmock's own code on its stack (dist/<layer>/<file>), so the time a vendor's handler spends
// in Intl, cron-parser or luxon counts for that vendor's file, and ajv's generated validators count
// for the engine file that runs them; a sample with no taskmock frame is Node's HTTP (or Hono, off the hot path)
// (outside taskmock's code), or the garbage collector.
//
// For a start-up, where most of the time is loading modules (driven by Node, not by taskmock's
// frames), `byPackage` charges each sample to its own frame's package or file instead.
import { readFileSync } from "node:fs";

export function readProfile(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Summarises a CPU profile: owner → milliseconds of CPU, busiest first, and the total busy time. */
export function summarise(profile, { byPackage = false } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const node = byId.get(id);
    const { url, functionName } = node.callFrame;
    let result;
    const own = /\/dist\/(.+\.js)$/.exec(url);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (own && !url.includes("node_modules")) result = own[1];
    else if (byPackage && pkg) result = `package ${pkg[1]}`;
    else if (byPackage && url.startsWith("node:")) result = "Node itself (module loading, …)";
    else if (functionName === "(garbage collector)") result = "(garbage collector)";
    else if (functionName === "(idle)" || functionName === "(program)") result = "(idle)";
    else {
      const up = parent.get(id);
      result = up === undefined ? "outside taskmock's code: Node's HTTP" : ownerOf(up);
    }
    owner.set(id, result);
    return result;
  };
  const totals = new Map();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const who = ownerOf(profile.samples[i]);
    if (who === "(idle)") continue;
    busy += ms;
    totals.set(who, (totals.get(who) ?? 0) + ms);
  }
  return { busy, owners: [...totals].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms })) };
}
