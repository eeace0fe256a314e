import type { LexicalHit } from '../types.ts';
import { bm25Idf } from './bm25.ts';
import type { Bm25fScorer, QueryTerm, ScoredDocs } from './bm25f-scorer.ts';
import { LEXICAL_FIELDS } from './lexical-options.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;
/** Margin on the bounds for float32 rounding (a few ulps over a few dozen additions). */
const SLACK = 1e-5;

/** What the pruned search reads from the index. */
export interface ExpandedSearchSource {
  scorer: Bm25fScorer;
  docCount: number;
  df: Uint32Array;
  /** Postings of a term over all fields: the cost of scanning it. */
  postingCount(id: number): number;
  /** Average number of terms per document: the cost of reading one document's terms. */
  averageTerms: number;
  /** Calls `each(id, field)` for every term of document `doc`, in order. */
  forEachTerm(doc: number, each: (id: number, field: number) => void): void;
}

/**
 * The top `k` documents for `expanded`, which is `initial` (same terms, same order, weights
 * kept or raised) followed by added terms, given `first`, every document `initial` matched
 * with its score. The result is `search(expanded, k)` to the bit, but usually cheaper: RM3
 * lends its added terms a tenth of the query's weight, so when even their full weight cannot
 * lift a document the query's own terms do not match into the top k, only the documents the
 * first search could still place there are scored, exactly, from their stored terms, instead
 * of scanning the added terms' long posting lists. Otherwise, or when those documents hold
 * more terms than the lists, it scans as `search` does. `expanded` holds positive weights of
 * known terms only.
 *
 * Bounds: a contribution idf·w·tf'/(k1 + tf') is below idf·w and linear in w, float32
 * rounding is monotone, and no weight goes down, so a document scores at least its first
 * score s, at most r·s + U (r the largest weight ratio, U the added terms' idf·w summed).
 * The k-th best first score θ is then a floor of the k-th final score, and a document whose
 * ceiling is below θ cannot be in the top k.
 */
export function searchExpanded(
  source: ExpandedSearchSource,
  first: ScoredDocs,
  initial: readonly QueryTerm[],
  expanded: readonly QueryTerm[],
  k: number,
): LexicalHit[] {
  const { scorer } = source;
  const scan = () => scorer.search(expanded, k);
  if (first.docs.length < k || !_extends(initial, expanded)) return scan();
  let ratio = 1;
  for (let i = 0; i < initial.length; i++) ratio = Math.max(ratio, expanded[i]!.count / initial[i]!.count);
  let added = 0;
  let postings = 0;
  for (let i = 0; i < expanded.length; i++) {
    const { id, count } = expanded[i]!;
    postings += source.postingCount(id);
    if (i >= initial.length) added += count * bm25Idf(source.df[id]!, source.docCount);
  }
  if (ratio === 1 && added === 0) return scorer.selectAmong(first.docs, first.scores, k);
  const floor = _kthLargest(first.scores, k);
  const ceiling = added * (1 + SLACK);
  if (ceiling >= floor) return scan();
  const candidates: number[] = [];
  for (let i = 0; i < first.docs.length; i++) {
    if (ratio * first.scores[i]! * (1 + SLACK) + ceiling >= floor) candidates.push(first.docs[i]!);
  }
  if (candidates.length * source.averageTerms > postings) return scan();
  return _scoreCandidates(source, Uint32Array.from(candidates), expanded, k);
}

/** True when `expanded` starts with `initial`'s terms, in order, none lighter. */
function _extends(initial: readonly QueryTerm[], expanded: readonly QueryTerm[]): boolean {
  if (expanded.length < initial.length) return false;
  return initial.every((t, i) => expanded[i]!.id === t.id && expanded[i]!.count >= t.count && t.count > 0);
}

function _scoreCandidates(
  source: ExpandedSearchSource,
  docs: Uint32Array,
  terms: readonly QueryTerm[],
  k: number,
): LexicalHit[] {
  const index = new Map(terms.map((t, i) => [t.id, i]));
  const tfs = new Uint32Array(terms.length * FIELD_COUNT);
  const count = (id: number, field: number) => {
    const t = index.get(id);
    if (t !== undefined) tfs[t * FIELD_COUNT + field]!++;
  };
  const tf = (term: number, field: number) => tfs[term * FIELD_COUNT + field]!;
  const scores = new Float32Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    tfs.fill(0);
    source.forEachTerm(docs[i]!, count);
    scores[i] = source.scorer.scoreDoc(docs[i]!, terms, tf);
  }
  return source.scorer.selectAmong(docs, scores, k);
}

/** The k-th largest value (k ≤ values.length), by a bounded min-heap. */
function _kthLargest(values: Float32Array, k: number): number {
  const heap = new Float32Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (size < k) {
      let at = size++;
      heap[at] = v;
      while (at > 0 && heap[(at - 1) >> 1]! > heap[at]!) {
        const parent = (at - 1) >> 1;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (v > heap[0]!) {
      heap[0] = v;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let least = at;
        if (l < k && heap[l]! < heap[least]!) least = l;
        if (r < k && heap[r]! < heap[least]!) least = r;
        if (least === at) break;
        [heap[at], heap[least]] = [heap[least]!, heap[at]!];
        at = least;
      }
    }
  }
  return heap[0]!;
}
