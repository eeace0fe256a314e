/** Two query terms next to each other in the query, and what finding them together is worth. */
export interface TermPair {
  first: string;
  second: string;
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
 * analyzed terms (a pair never spans two fields).
 */
export function proximityScore(pairs: readonly TermPair[], fields: readonly (readonly string[])[], window: number): number {
  if (pairs.length === 0) return 0;
  const wanted = new Set<string>();
  for (const p of pairs) wanted.add(p.first).add(p.second);
  const counts = new Array<number>(pairs.length).fill(0);
  for (const terms of fields) {
    const positions = new Map<string, number[]>();
    terms.forEach((term, at) => {
      if (!wanted.has(term)) return;
      const list = positions.get(term);
      if (list) list.push(at);
      else positions.set(term, [at]);
    });
    pairs.forEach((pair, i) => {
      const a = positions.get(pair.first);
      const b = positions.get(pair.second);
      if (a && b) counts[i]! += _nearCount(a, b, window);
    });
  }
  let score = 0;
  pairs.forEach((pair, i) => {
    const c = counts[i]!;
    if (c > 0) score += (pair.weight * c) / (c + PAIR_SATURATION);
  });
  return score;
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
