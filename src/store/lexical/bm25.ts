/**
 * BM25 as pure functions, so a test can pin a hand-computed value.
 *
 * Symbols: N documents, df of them contain the term, tf occurrences in this document,
 * dl its length in terms, avgdl the mean length. One term's contribution is
 *
 *   idf(df, N) · tf' / (k1 + tf'),   tf' = tf / (1 − b + b · dl / avgdl)
 *
 * which is algebraically the textbook tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)) without the
 * constant (k1+1) factor (as Lucene ≥ 8 does): it rescales every score equally and changes
 * no ranking, and dropping it lets the same saturation serve BM25F, where tf' is a weighted sum over fields.
 */

/**
 * Lucene's idf: ln(1 + (N − df + 0.5) / (df + 0.5)). The classic Robertson–Spärck Jones
 * form ln((N − df + 0.5) / (df + 0.5)) turns negative for terms in more than half the
 * documents, so a document could lose score for containing a query word; the `1 +` keeps
 * every idf positive while preserving its order (rarer term, larger idf).
 */
export function bm25Idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/**
 * Length normalisation 1 − b + b · dl / avgdl: b = 0 ignores length, b = 1 divides tf by
 * the length relative to the mean. An empty field set (avgdl 0) normalises by 1.
 */
export function bm25LengthNorm(docLength: number, avgDocLength: number, b: number): number {
  return avgDocLength > 0 ? 1 - b + (b * docLength) / avgDocLength : 1;
}

/**
 * Saturation tf' / (k1 + tf'): each further occurrence adds less; k1 sets how fast the
 * curve flattens (k1 = 0 counts presence only, large k1 approaches raw tf).
 */
export function bm25Saturate(normalizedTf: number, k1: number): number {
  return normalizedTf > 0 ? normalizedTf / (k1 + normalizedTf) : 0;
}

/**
 * One term's BM25 contribution to one document's score (higher is better).
 * @param tf occurrences of the term in the document
 * @param docLength the document's length in terms
 * @param avgDocLength the mean document length in the collection
 * @param df number of documents containing the term
 * @param docCount number of documents N
 * @param k1 term-frequency saturation (≥ 0; 1.2 is the common default)
 * @param b length normalisation strength in [0, 1] (0.75 is the common default)
 */
export function bm25TermScore(
  tf: number,
  docLength: number,
  avgDocLength: number,
  df: number,
  docCount: number,
  k1: number,
  b: number,
): number {
  return bm25Idf(df, docCount) * bm25Saturate(tf / bm25LengthNorm(docLength, avgDocLength, b), k1);
}
