/**
 * Optimal-string-alignment distances between `query` and every prefix of `target`'s
 * alignment: the edit distance (insertions, deletions, substitutions and transpositions of
 * two adjacent characters, each costing 1) between `target` and `query.slice(0, i)` for
 * every i, or undefined as soon as every one of them exceeds `max` (the distances of a
 * row never fall below the previous row's least, so the rest cannot come back under it).
 * `row[i]` is the distance to the query's first i characters; `row[query.length]` to all of it.
 */
export function prefixDistances(target: string, query: string, max: number): Uint16Array | undefined {
  const n = query.length;
  if (_rows[0]!.length <= n) for (let r = 0; r < 3; r++) _rows[r] = new Uint16Array(2 * (n + 1));
  let [before, previous, current] = _rows as [Uint16Array, Uint16Array, Uint16Array];
  for (let i = 0; i <= n; i++) previous[i] = i;
  for (let j = 1; j <= target.length; j++) {
    const t = target.charCodeAt(j - 1);
    current[0] = j;
    let least = j;
    for (let i = 1; i <= n; i++) {
      const q = query.charCodeAt(i - 1);
      let d = Math.min(previous[i]! + 1, current[i - 1]! + 1, previous[i - 1]! + (t === q ? 0 : 1));
      // A swap of two neighbours ("recrod" for "record") is one edit, not two.
      if (i > 1 && j > 1 && t === query.charCodeAt(i - 2) && target.charCodeAt(j - 2) === q)
        d = Math.min(d, before[i - 2]! + 1);
      current[i] = d;
      if (d < least) least = d;
    }
    if (least > max) return undefined;
    [before, previous, current] = [previous, current, before];
  }
  return previous.slice(0, n + 1);
}

/** The three rows the distance is computed in, reused across calls (the callers are synchronous). */
const _rows: Uint16Array[] = [new Uint16Array(32), new Uint16Array(32), new Uint16Array(32)];

/** The optimal-string-alignment distance between `a` and `b`, or undefined when it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number | undefined {
  if (Math.abs(a.length - b.length) > max) return undefined;
  const d = prefixDistances(a, b, max)?.[b.length];
  return d !== undefined && d <= max ? d : undefined;
}
