import type { LexicalHit } from '../types.ts';
import { sortDocs } from './doc-lists.ts';
import { kthLargestScore, selectTopK } from './top-k.ts';

/** A query term ready to score: its id, its weight (count · idf), the most it can add to one document's score, and its postings. */
export interface PlannedTerm {
  id: number;
  weight: number;
  bound: number;
  postings: number;
}

/** The scoring steps the pruned search drives (implemented by Bm25fScorer). */
export interface TermAccumulator {
  /** Running float32 scores by document; zero for every document not yet scored. */
  readonly scores: Float32Array;
  /** The documents scored so far, in the order first met. */
  readonly scored: Uint32Array;
  /** Scratch for the candidates, as long as the collection. */
  readonly candidates: Uint32Array;
  /** Adds a term's contribution to every document in its postings; returns the new scored count. */
  scan(term: PlannedTerm, count: number): number;
  /** Adds a term's contribution to `candidates[0, n)` (ascending) only. */
  gather(term: PlannedTerm, candidates: Uint32Array, n: number): void;
  /** Resets the scores of the first `count` scored documents. */
  clear(count: number): void;
}

/**
 * Margin for float32 rounding: a final score is a chain of float32 additions, each of which
 * may round up by half an ulp, so it can exceed partial score + remaining bounds by a few ulps.
 */
const SLACK = 1e-5;
/** Looking up one candidate in a posting list (galloping) costs about this many postings scanned. */
const LOOKUP_COST = 4;

/**
 * The top `k` documents for `terms` (in the canonical order: largest bound first), by MaxScore
 * (Turtle & Flood 1995) evaluated term at a time.
 *
 * Terms are scanned in full, most promising first, until the k-th best score so far (θ)
 * exceeds the sum of the bounds of the terms left: from then on no document that none of the
 * scanned terms matched can reach the top k, so the remaining terms, usually the frequent
 * ones with the longest postings, are only looked up for the documents that still can (those
 * whose score plus the bounds left reaches θ), and the candidates are thinned after each term.
 * Where the lists left are short, scanning them is cheaper than pruning, and they are scanned.
 *
 * A document's score is built from the same float32 steps in the same term order as an
 * exhaustive search's, and every partial score is a lower bound of the final one
 * (contributions are never negative and float32 rounding is monotone), so θ never exceeds the
 * true k-th score and the result equals the exhaustive top k, scores and ties included.
 */
export function searchMaxScore(acc: TermAccumulator, terms: readonly PlannedTerm[], k: number): LexicalHit[] {
  // rest[i]: the most the terms from i on can add to any one document; postingsLeft[i]: their postings.
  const rest = new Float64Array(terms.length + 1);
  const postingsLeft = new Float64Array(terms.length + 1);
  for (let i = terms.length - 1; i >= 0; i--) {
    rest[i] = rest[i + 1]! + terms[i]!.bound;
    postingsLeft[i] = postingsLeft[i + 1]! + terms[i]!.postings;
  }
  let count = 0;
  let next = 0;
  let threshold = 0;
  let n = 0;
  while (next < terms.length) {
    count = acc.scan(terms[next]!, count);
    next++;
    const left = rest[next]! * (1 + SLACK);
    // Looking for θ costs up to a pass over the scored documents: worth it only when the lists
    // left are longer, and only if θ (at most the best score, at most the bounds scanned) can
    // beat `left`.
    if (count < k || 2 * postingsLeft[next]! <= count || left >= rest[0]! - rest[next]!) continue;
    // First whether k documents beat `left` at all (stops early), then the exact k-th score.
    if (_floorAbove(acc, count, left, k) === 0) continue;
    // At least k documents score above `left`: the k-th best is among them.
    threshold = kthLargestScore(acc.scores, acc.scored, count, k, left);
    n = _reaching(acc, count, rest[next]!, threshold);
    if (n * LOOKUP_COST < postingsLeft[next]!) break;
  }
  if (next === terms.length) {
    const hits = selectTopK(acc.scores, acc.scored, count, k);
    acc.clear(count);
    return hits;
  }
  const { candidates } = acc;
  sortDocs(candidates, n, acc.scores.length);
  for (; next < terms.length; next++) {
    const term = terms[next]!;
    // Scanning adds to documents that are no longer candidates too, which changes nothing here.
    if (term.postings <= n * LOOKUP_COST) count = acc.scan(term, count);
    else acc.gather(term, candidates, n);
    if (n > k && next + 1 < terms.length) {
      threshold = kthLargestScore(acc.scores, candidates, n, k, threshold);
      n = _thin(acc.scores, candidates, n, rest[next + 1]!, threshold);
    }
  }
  const hits = selectTopK(acc.scores, candidates, n, k);
  acc.clear(count);
  return hits;
}

/**
 * The lowest score among the first `k` scored documents found scoring above `left`, or 0 if
 * fewer than `k` do: a floor for the k-th best final score that stops reading early.
 */
function _floorAbove(acc: TermAccumulator, count: number, left: number, k: number): number {
  const { scores, scored } = acc;
  let found = 0;
  let floor = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count && found < k; i++) {
    const score = scores[scored[i]!]!;
    if (score > left) {
      found++;
      if (score < floor) floor = score;
    }
  }
  return found === k ? floor : 0;
}

/** Puts in `acc.candidates` the scored documents that `left` more could lift to `threshold`; returns how many. */
function _reaching(acc: TermAccumulator, count: number, left: number, threshold: number): number {
  const { scores, scored, candidates } = acc;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const doc = scored[i]!;
    if ((scores[doc]! + left) * (1 + SLACK) >= threshold) candidates[n++] = doc;
  }
  return n;
}

/** Keeps, in order, the candidates that `left` more could still lift to `threshold`; returns how many. */
function _thin(scores: Float32Array, candidates: Uint32Array, n: number, left: number, threshold: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const doc = candidates[i]!;
    if ((scores[doc]! + left) * (1 + SLACK) >= threshold) candidates[kept++] = doc;
  }
  return kept;
}
