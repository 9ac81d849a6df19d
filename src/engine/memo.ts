/**
 * `compute` remembered for the keys seen last: for work that clients repeat with a few values (the
 * same cron expression written again and again, the same timestamps checked answer after answer).
 * Bounded: emptied when `limit` keys are held.
 */
export function memoized<V>(compute: (key: string) => V, limit = 1000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
