// The one kind of per-answer memo taskmock keeps: a pure function of a string, remembered for the
// keys seen last, bounded. Each memo has a name: `npm run bench` runs taskmock with each one
// turned off (TASKMOCK_MEMO_OFF=name,name or "all") and reports what it gains, and a memo stays
// only where that is at least 5 % on an operation (bench/results.md, "What each memo gains").
// Each use states its invariant beside it: why a remembered value is still the right answer.

/** Every memo made in this process, by name. */
export const MEMOS = new Set<string>();

const off = new Set((process.env["TASKMOCK_MEMO_OFF"] ?? "").split(",").filter(Boolean));

/** Registers a memo's name and answers whether the benchmark turned it off (TASKMOCK_MEMO_OFF). */
export function memoOff(name: string): boolean {
  MEMOS.add(name);
  return off.has(name) || off.has("all");
}

/**
 * `compute` remembered for the keys seen last: for work that clients repeat with a few values (the
 * same cron expression written again and again, the same timestamps checked answer after answer).
 * Bounded: emptied when `limit` keys are held. `compute` must be a pure function of its key.
 */
export function memoized<V>(name: string, compute: (key: string) => V, limit = 1000): (key: string) => V {
  if (memoOff(name)) return compute;
  const known = new Map<string, V>();
  return (key) => {
    // One lookup for a key seen (has() only for a remembered undefined).
    const seen = known.get(key);
    if (seen !== undefined || known.has(key)) return seen as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
