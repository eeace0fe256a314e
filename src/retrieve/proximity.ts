/** Two query terms (strings or term ids) next to each other in the query, and what finding them together is worth. */
export interface TermPair<T = string> {
  first: T;
  second: T;
  /** The rarer term's idf: a pair of common words says little. */
  weight: number;
}

const JOINER = /[/-]/;
const JOINER_SPLIT = /[/-]+/;

/** Saturation of repeated co-occurrences, as BM25 saturates term frequency. */
const PAIR_SATURATION = 0.9;

/**
 * The pairs of consecutive distinct terms of an analyzed query ("operational risk capital"
 * → operational·risk, risk·capital), each weighted by the smaller idf of the two. A pair is
 * unordered and listed once. Pairs inside one compound (the analyzer emits "49/2017/tt-byt"
 * and then its parts) are skipped: they always occur together, and the compound's own term
 * already rewards the match.
 */
export function queryPairs(terms: readonly string[], idf: (term: string) => number): TermPair[] {
  const pairs: TermPair[] = [];
  const seen = new Set<string>();
  let compoundParts = new Set<string>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const first = terms[i]!;
    const second = terms[i + 1]!;
    if (JOINER.test(first)) compoundParts = new Set([first, ...first.split(JOINER_SPLIT)]);
    if (first === second || (compoundParts.has(first) && compoundParts.has(second))) continue;
    const key = first < second ? `${first}\u0000${second}` : `${second}\u0000${first}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const weight = Math.min(idf(first), idf(second));
    if (weight > 0) pairs.push({ first, second, weight });
  }
  return pairs;
}

/**
 * A term-proximity score in the spirit of the sequential dependence model (Metzler & Croft
 * 2005): for each query pair, the times its two terms occur within `window` positions of each
 * other, in either order, inside one field of the passage; the count saturates (c / (c + 0.9))
 * and is weighted by the pair's idf. A passage that says "operational risk" scores above one
 * that uses "operational" and "risk" in different sentences. `fields` holds each field's
 * analyzed terms (a pair never spans two fields), as strings or as term ids.
 */
export function proximityScore<T>(
  pairs: readonly TermPair<T>[],
  fields: readonly ArrayLike<T>[],
  window: number,
): number {
  return proximityScorer(pairs, window)(fields);
}

/**
 * {@link proximityScore} for one query's pairs, ready for many passages: the distinct terms,
 * the pairs' slots and the position lists are made once and reused.
 */
export function proximityScorer<T>(
  pairs: readonly TermPair<T>[],
  window: number,
): (fields: readonly ArrayLike<T>[]) => number {
  if (pairs.length === 0) return () => 0;
  // A handful of distinct terms: found by a linear scan, their positions in reused lists.
  const wanted: T[] = [];
  const slot = (term: T) => {
    const at = wanted.indexOf(term);
    return at >= 0 ? at : wanted.push(term) - 1;
  };
  const ends = pairs.map((p) => [slot(p.first), slot(p.second)] as const);
  const positions = wanted.map(() => [] as number[]);
  const counts = new Array<number>(pairs.length);
  return (fields) => {
    counts.fill(0);
    for (const terms of fields) {
      for (const list of positions) list.length = 0;
      let found = 0;
      for (let at = 0; at < terms.length; at++) {
        const w = wanted.indexOf(terms[at]!);
        if (w >= 0) {
          if (positions[w]!.length === 0) found++;
          positions[w]!.push(at);
        }
      }
      if (found < 2) continue;
      for (let i = 0; i < pairs.length; i++) {
        const [a, b] = ends[i]!;
        if (positions[a]!.length > 0 && positions[b]!.length > 0)
          counts[i]! += _nearCount(positions[a]!, positions[b]!, window);
      }
    }
    let score = 0;
    for (let i = 0; i < pairs.length; i++) {
      const c = counts[i]!;
      if (c > 0) score += (pairs[i]!.weight * c) / (c + PAIR_SATURATION);
    }
    return score;
  };
}

/** Pairs (x in a, y in b) with 0 < |x − y| ≤ window; both lists ascending. */
function _nearCount(a: readonly number[], b: readonly number[], window: number): number {
  let count = 0;
  let from = 0;
  for (const x of a) {
    while (from < b.length && b[from]! < x - window) from++;
    for (let j = from; j < b.length && b[j]! <= x + window; j++) if (b[j] !== x) count++;
  }
  return count;
}
