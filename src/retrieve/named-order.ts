import type { Identifier } from '../types.ts';

/** What ordering needs of a candidate: the keys of the named instruments it mentions. */
interface Named {
  matched: readonly string[];
  /**
   * Of those, the ones it names as a passage about them does: in its heading, or written in
   * full ("Circular 46/2018/TT-BYT, which prescribed …", not a passing "(Circular 46)").
   */
  definite?: readonly string[];
}

/**
 * For a question naming several instruments ("Circular 46 and 49"), puts first the best
 * candidate about each, in the order the question names them, so every instrument in the
 * corpus has a passage at the top; the rest keep their order. The best candidate naming an
 * instrument definitely (see Named) is taken before one that only mentions it. A candidate
 * about two of them counts for both. Candidates are assumed best first; one named instrument
 * changes nothing.
 */
export function orderByNamedInstruments<T extends Named>(
  candidates: readonly T[],
  identifiers: readonly Identifier[],
): T[] {
  if (identifiers.length < 2) return [...candidates];
  const picked = new Set<T>();
  const covered = new Set<string>();
  const head: T[] = [];
  for (const id of identifiers) {
    if (covered.has(id.key)) continue;
    const best =
      candidates.find((c) => !picked.has(c) && c.definite?.includes(id.key)) ??
      candidates.find((c) => !picked.has(c) && c.matched.includes(id.key));
    if (!best) continue;
    picked.add(best);
    head.push(best);
    for (const key of best.matched) covered.add(key);
  }
  return [...head, ...candidates.filter((c) => !picked.has(c))];
}
