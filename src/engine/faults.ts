// Fault rules (WireMock's faults, Prism's missing latency): match a request by vendor,
// operationId, method or path, then answer a documented status, wait, or drop the connection,
// with a probability and for a number of times.

export interface FaultRule {
  id: number;
  vendor?: string;
  operationId?: string;
  method?: string;
  /** The vendor-relative path; `*` matches any run of characters within it. */
  path?: string;
  status?: number;
  /** The example to answer with, among the status's named examples. */
  example?: string;
  latencyMs?: number;
  /** Chance of applying, 0 to 1 (default 1). */
  probability: number;
  /** Applications left; undefined for no limit. */
  remaining?: number;
  drop: boolean;
  /** Applies to the vendor's runs of the operation (a scheduled or executed job fails), not to requests. */
  run: boolean;
  hits: number;
}

export type FaultInput = Partial<Omit<FaultRule, "id" | "hits" | "remaining" | "drop" | "probability" | "run">> & {
  times?: number;
  drop?: boolean;
  run?: boolean;
  probability?: number;
};

export interface FaultTarget {
  vendor: string;
  operationId: string;
  method: string;
  path: string;
  /** Statuses the matched operation documents: a status rule applies only where documented. */
  statuses: number[];
}

const KEYS = new Set(["vendor", "operationId", "method", "path", "status", "example", "latencyMs", "probability", "times", "drop", "run"]);

/** Checks an admin request's rule; answers the problems, one per line, or the rule. */
/** A rule as `list()` shows it (a snapshot's), checked: its input's rules, and its id, hits and remaining count. */
export function parseFaultRule(input: unknown): { ok: true; rule: FaultRule } | { ok: false; problems: string[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, problems: ["a fault rule is a JSON object"] };
  const { id, hits, remaining, drop, run, probability, ...rest } = input as Record<string, unknown>;
  const problems: string[] = [];
  if (!Number.isInteger(id) || (id as number) < 1) problems.push("id must be a whole number, at least 1");
  if (!Number.isInteger(hits) || (hits as number) < 0) problems.push("hits must be a whole number, at least 0");
  if (remaining !== undefined && (!Number.isInteger(remaining) || (remaining as number) < 0)) {
    problems.push("remaining must be a whole number, at least 0");
  }
  const flags = { ...(drop === true ? { drop } : {}), ...(run === true ? { run } : {}), ...(probability === undefined ? {} : { probability }) };
  const parsed = parseFaultInput({ ...rest, ...flags });
  if (!parsed.ok) problems.push(...parsed.problems);
  if (drop !== undefined && typeof drop !== "boolean") problems.push("drop must be true or false");
  if (run !== undefined && typeof run !== "boolean") problems.push("run must be true or false");
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  const rule: FaultRule = {
    ...parsed.rule,
    id: id as number,
    hits: hits as number,
    probability: (probability as number | undefined) ?? 1,
    drop: drop === true,
    run: run === true,
  };
  if (remaining !== undefined) rule.remaining = remaining as number;
  return { ok: true, rule };
}

export function parseFaultInput(input: unknown): { ok: true; rule: FaultInput } | { ok: false; problems: string[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, problems: ["a fault rule is a JSON object"] };
  const rule = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(rule)) if (!KEYS.has(key)) problems.push(`unknown field "${key}"`);
  for (const key of ["vendor", "operationId", "method", "path", "example"]) {
    if (rule[key] !== undefined && typeof rule[key] !== "string") problems.push(`${key} must be a string`);
  }
  const int = (key: string, min: number, max: number) => {
    const v = rule[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max))
      problems.push(`${key} must be a whole number from ${min} to ${max}`);
  };
  int("status", 100, 599);
  int("latencyMs", 0, 600_000);
  int("times", 1, 1_000_000);
  const p = rule["probability"];
  if (p !== undefined && !(typeof p === "number" && p >= 0 && p <= 1)) problems.push("probability must be a number from 0 to 1");
  if (rule["drop"] !== undefined && typeof rule["drop"] !== "boolean") problems.push("drop must be true or false");
  if (rule["run"] !== undefined && typeof rule["run"] !== "boolean") problems.push("run must be true or false");
  if (rule["run"] === true) {
    if (rule["status"] !== undefined || rule["latencyMs"] !== undefined || rule["drop"] !== undefined || rule["example"] !== undefined) {
      problems.push("a run fault (run: true) makes a run fail: it takes no status, example, latencyMs or drop");
    }
  } else if (rule["status"] === undefined && rule["latencyMs"] === undefined && rule["drop"] !== true) {
    problems.push("a fault rule needs a status, a latencyMs, drop: true or run: true");
  }
  if (rule["drop"] === true && rule["status"] !== undefined) problems.push("drop and status exclude each other");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rule: rule as FaultInput };
}

export class FaultRules {
  private rules: FaultRule[] = [];
  private sequence = 0;
  /** Counts every change (a rule added, used, removed): equal counts, same rules. */
  changes = 0;

  /** The rules and the id sequence as plain values (a shared store's); `load` puts them back. */
  state(): { rules: FaultRule[]; sequence: number } {
    return { rules: this.list(), sequence: this.sequence };
  }

  load(state: { rules: FaultRule[]; sequence: number }): void {
    this.rules = state.rules.map((r) => ({ ...r }));
    this.sequence = state.sequence;
    this.changes++;
  }

  add(input: FaultInput): FaultRule {
    const { times, drop, run, probability, ...rest } = input;
    const rule: FaultRule = {
      ...rest,
      id: ++this.sequence,
      probability: probability ?? 1,
      drop: drop ?? false,
      run: run ?? false,
      hits: 0,
    };
    if (rule.method) rule.method = rule.method.toUpperCase();
    if (times !== undefined) rule.remaining = times;
    this.rules.push(rule);
    this.changes++;
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Replaces every rule with these (a snapshot's, checked by parseFaultRule); new ids continue after theirs. */
  restore(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
    this.sequence = Math.max(this.sequence, ...rules.map((r) => r.id));
    this.changes++;
  }

  clear(): void {
    this.rules = [];
    this.changes++;
  }

  /** Removes one rule; answers whether there was one with that id. */
  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.changes++;
    return this.rules.length < before;
  }

  /** Whether any rule is set (most requests meet none, and need not describe themselves). */
  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** The first request rule that matches and wins its draw; uses one of its applications. */
  take(target: FaultTarget, random: () => number): FaultRule | undefined {
    return this.draw((rule) => !rule.run && matches(rule, target), random);
  }

  /** The first run rule (run: true) for this vendor's run of an operation on a path. */
  takeRun(target: { vendor: string; operationId: string; path: string }, random: () => number): FaultRule | undefined {
    return this.draw((rule) => rule.run && matches(rule, { ...target, method: rule.method ?? "", statuses: [] }), random);
  }

  private draw(applies: (rule: FaultRule) => boolean, random: () => number): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!applies(rule)) continue;
      if (rule.probability < 1 && random() >= rule.probability) continue;
      rule.hits++;
      this.changes++;
      if (rule.remaining !== undefined && --rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return { ...rule };
    }
    return undefined;
  }
}

function matches(rule: FaultRule, t: FaultTarget): boolean {
  if (rule.vendor !== undefined && rule.vendor !== t.vendor) return false;
  if (rule.operationId !== undefined && rule.operationId !== t.operationId) return false;
  if (rule.method !== undefined && rule.method !== t.method) return false;
  if (rule.status !== undefined && !t.statuses.includes(rule.status)) return false;
  if (rule.path !== undefined) {
    const pattern = new RegExp(`^${rule.path.split("*").map(escapeRegExp).join(".*")}$`);
    if (!pattern.test(t.path)) return false;
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
