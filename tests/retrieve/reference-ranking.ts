// The lexical ranking as it was before passages' term lists were stored in the index: each
// refinement fetched the passages' text and analyzed it again (feedback and proximity here
// are the code of that time). Kept only as a test oracle, to prove the stored-terms ranking
// returns exactly the same hits and scores.

import { articleOf } from '../../src/ingest/legal-structure.ts';
import { detectLanguage } from '../../src/lib/language.ts';
import { accentedQueryUnits, accentScore } from '../../src/retrieve/accents.ts';
import { articleCatalog } from '../../src/retrieve/article-catalog.ts';
import { targetArticles } from '../../src/retrieve/article-references.ts';
import { intentHeadingMatcher } from '../../src/retrieve/intents.ts';
import { queryPairs, type TermPair } from '../../src/retrieve/proximity.ts';
import type { LexicalInput } from '../../src/store/lexical/lexical-options.ts';
import type { LexicalHit, LexicalSearcher } from '../../src/store/types.ts';

const HAS_DIGIT_OR_JOINER = /[\d/-]/;
const HAS_JOINER = /[/-]/;
const JOINERS = /[/-]+/;

/** Top passages rescored for the accents of a Vietnamese question (folding merges words it tells apart). */
const ACCENT_DEPTH = 50;

/** A chunk's lexical fields by ordinal, read when a refinement needs its words. */
export type PassageFields = (doc: number) => LexicalInput;

/**
 * The lexical ranking that `ask`, the bot and `eval` share: BM25F, then the refinements the
 * index's options switch on.
 * 1. RM3 feedback: the top `feedbackDocs` passages of a first search lend `feedbackTerms`
 *    words to the query, which is searched again (see feedback.ts). Identifier terms, terms
 *    with a digit, codes and their parts, and words in more than `feedbackMaxDocShare` of all
 *    passages are not lent.
 *    Not for Vietnamese questions: feedback lends single syllables, which match almost
 *    every passage (it cost ALQAC 2022 0.004 nDCG@10).
 * 2. Proximity: the top `proximityDepth` passages gain a bonus for each pair of adjacent query
 *    words they also hold close together (see proximity.ts), and are re-sorted. The bonus is
 *    never negative, so they stay above every passage below them.
 * 3. Accents: for a Vietnamese question typed with diacritics, the top ACCENT_DEPTH passages
 *    gain `accentWeight` × how well they match its exact spellings (see accents.ts).
 * 4. Intent: the top `proximityDepth` passages gain `intentWeight` × the best score when
 *    they are the article type the question asks for (definitions, scope, …; intents.ts).
 * 5. Articles: a question that names an article ("Điều 5", "Article 5(2)") gets that article
 *    first: its passages among the hits, or if none is among them, every passage of an
 *    article with that number (see article-references.ts; cross-references are not moved).
 * Returns up to `depth` chunks, best first (ties: lower ordinal).
 */
export function referenceRank(
  lexical: LexicalSearcher,
  query: string,
  depth: number,
  passage: PassageFields,
): LexicalHit[] {
  const options = lexical.options;
  const queryTerms = lexical.analyzeQuery(query);
  const counts = new Map<string, number>();
  for (const term of queryTerms) counts.set(term, (counts.get(term) ?? 0) + 1);
  if (counts.size === 0 || !(depth >= 1)) return [];

  const analyzed = new Map<number, string[][]>();
  const fieldsOf = (doc: number): string[][] => {
    let fields = analyzed.get(doc);
    if (!fields) {
      const p = passage(doc);
      fields = [p.title, p.section, p.text].map((text) => lexical.analyzeWords(text));
      analyzed.set(doc, fields);
    }
    return fields;
  };

  let hits = lexical.searchTerms(counts, depth);
  const vietnamese = detectLanguage(query).language === 'vi';
  if (!vietnamese && options.feedbackDocs > 0 && options.feedbackTerms > 0 && hits.length > 0) {
    const feedback = hits
      .slice(0, options.feedbackDocs)
      .map((h) => ({ terms: fieldsOf(h.doc).flat(), score: h.score }));
    const maxDocs = options.feedbackMaxDocShare * lexical.size;
    // Words only: numbers, years and codes ("2025", "5316/qd-byt", and the "qd", "byt" of it)
    // would pull in passages that merely share a date or an issuer, which in a corpus of
    // instruments is most of them.
    const codeParts = new Set<string>();
    for (const { terms } of feedback)
      for (const term of terms) if (HAS_JOINER.test(term)) for (const part of term.split(JOINERS)) codeParts.add(part);
    const eligible = (term: string) =>
      !HAS_DIGIT_OR_JOINER.test(term) && !codeParts.has(term) && lexical.docFrequency(term) <= maxDocs;
    const expanded = _expand(counts, feedback, options.feedbackTerms, options.feedbackQueryWeight, eligible, (t) =>
      lexical.idf(t),
    );
    hits = lexical.searchTerms(expanded, depth);
  }

  const pairs = options.proximityWeight > 0 ? queryPairs(lexical.analyzeQuery(query, true), (t) => lexical.idf(t)) : [];
  const accents = options.accentWeight > 0 ? accentedQueryUnits(query) : [];
  const intent = options.intentWeight > 0 ? intentHeadingMatcher(query) : undefined;
  const depths = {
    proximity: pairs.length > 0 ? options.proximityDepth : 0,
    accent: accents.length > 0 ? ACCENT_DEPTH : 0,
    intent: intent ? options.proximityDepth : 0,
  };
  const rescored = Math.min(hits.length, Math.max(depths.proximity, depths.accent, depths.intent));
  if (rescored > 0) {
    const top = hits[0]?.score ?? 0;
    const head = hits.slice(0, rescored).map((h, i) => {
      let bonus = 0;
      if (i < depths.proximity)
        bonus += options.proximityWeight * _proximity(pairs, fieldsOf(h.doc), options.proximityWindow);
      if (i < depths.accent) {
        const p = passage(h.doc);
        bonus +=
          options.accentWeight *
          accentScore(accents, `${p.title}\n|\n${p.section}\n|\n${p.text}`, (t) => lexical.idf(t));
      }
      if (i < depths.intent && intent) {
        const p = passage(h.doc);
        const article = articleOf(p.title, p.section.split(' › '));
        if (article && intent(article.heading)) bonus += options.intentWeight * top;
      }
      return { doc: h.doc, score: h.score + bonus };
    });
    head.sort((a, b) => b.score - a.score || a.doc - b.doc);
    hits = [...head, ...hits.slice(rescored)];
  }
  return articlesFirst(hits, targetArticles(query), lexical, passage, depth);
}

/** Most passages of an article number moved to the top when none of them is among the hits. */
const MAX_ARTICLE_PASSAGES = 20;

/**
 * The hits with the passages of the named articles first. Those among the hits keep their
 * order and score, raised by the best score; if none is among them, the article's passages
 * (any instrument's, at most MAX_ARTICLE_PASSAGES) are put first at the best score.
 */
function articlesFirst(
  hits: LexicalHit[],
  articles: ReadonlySet<string>,
  lexical: LexicalSearcher,
  passage: PassageFields,
  depth: number,
): LexicalHit[] {
  if (articles.size === 0) return hits;
  const catalog = articleCatalog(lexical, passage);
  const wanted = new Set<number>();
  for (const article of articles) for (const doc of catalog.get(article) ?? []) wanted.add(doc);
  if (wanted.size === 0) return hits;
  const top = hits[0]?.score ?? 0;
  const found = hits.filter((h) => wanted.has(h.doc));
  const first =
    found.length > 0
      ? found.map((h) => ({ doc: h.doc, score: h.score + top }))
      : [...wanted]
          .sort((a, b) => a - b)
          .slice(0, MAX_ARTICLE_PASSAGES)
          .map((doc) => ({ doc, score: top }));
  const moved = new Set(first.map((h) => h.doc));
  return [...first, ...hits.filter((h) => !moved.has(h.doc))].slice(0, Math.max(depth, first.length));
}

function _expand(
  query: Map<string, number>,
  passages: { terms: string[]; score: number }[],
  count: number,
  queryWeight: number,
  isEligible: (term: string) => boolean,
  idf: (term: string) => number,
): Map<string, number> {
  const expanded = new Map(query);
  if (passages.length === 0 || count <= 0 || queryWeight >= 1) return expanded;
  const best = Math.max(...passages.map((p) => p.score));
  const model = new Map<string, number>();
  for (const passage of passages) {
    const relative = Math.exp(passage.score - best);
    if (passage.terms.length === 0 || relative < 1e-6) continue;
    const weight = relative / passage.terms.length;
    for (const term of passage.terms) if (isEligible(term)) model.set(term, (model.get(term) ?? 0) + weight);
  }
  const top = [...model].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, count);
  const modelMass = top.reduce((sum, [term, w]) => sum + w * idf(term), 0);
  let queryMass = 0;
  for (const [term, w] of query) queryMass += w * idf(term);
  if (modelMass <= 0 || queryMass <= 0) return expanded;
  const scale = ((1 - queryWeight) / queryWeight) * (queryMass / modelMass);
  for (const [term, w] of top) expanded.set(term, (expanded.get(term) ?? 0) + w * scale);
  return expanded;
}

function _proximity(pairs: TermPair[], fields: string[][], window: number): number {
  const counts = pairs.map(() => 0);
  for (const terms of fields) {
    pairs.forEach((pair, i) => {
      const a = terms.flatMap((t, at) => (t === pair.first ? [at] : []));
      const b = terms.flatMap((t, at) => (t === pair.second ? [at] : []));
      for (const x of a) for (const y of b) if (x !== y && Math.abs(x - y) <= window) counts[i]! += 1;
    });
  }
  let score = 0;
  pairs.forEach((pair, i) => {
    const c = counts[i]!;
    if (c > 0) score += (pair.weight * c) / (c + 0.9);
  });
  return score;
}
