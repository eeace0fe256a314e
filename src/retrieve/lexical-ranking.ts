import { articleOf } from '../ingest/legal-structure.ts';
import { detectLanguage } from '../lib/language.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LexicalHit, LexicalSearcher, QueryTerm } from '../store/types.ts';
import { accentedQueryUnits, accentScore } from './accents.ts';
import { articleCatalog } from './article-catalog.ts';
import { targetArticles } from './article-references.ts';
import { feedbackTerms } from './feedback.ts';
import { intentHeadingMatcher } from './intents.ts';
import { proximityScore, queryPairs, type TermPair } from './proximity.ts';

const HAS_DIGIT_OR_JOINER = /[\d/-]/;
const HAS_JOINER = /[/-]/;
const JOINERS = /[/-]+/;

/** Top passages rescored for the accents of a Vietnamese question (folding merges words it tells apart). */
const ACCENT_DEPTH = 50;

/**
 * A chunk's lexical fields by ordinal, read by the refinements that need its text or headings
 * (accents, intent, articles); feedback and proximity read the index's stored terms instead.
 */
export type PassageFields = (doc: number) => LexicalInput;

/**
 * One query made ready to rank: its terms after feedback expansion and its proximity pairs,
 * as term ids. `rank(depth)` may be called for several depths (eval widens until enough
 * documents survive) without redoing the feedback; a shorter ranking is a prefix of a longer
 * one (rescoring always covers its full depth).
 */
export interface PreparedLexicalQuery {
  rank(depth: number): LexicalHit[];
}

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
 * Feedback and proximity read passages' words from the index's stored term lists, never from
 * their text; the expanded search rescores only documents that can still reach the top.
 */
export function prepareLexicalQuery(
  lexical: LexicalSearcher,
  query: string,
  passage: PassageFields,
): PreparedLexicalQuery {
  const options = lexical.options;
  const counts = new Map<string, number>();
  for (const term of lexical.analyzeQuery(query)) counts.set(term, (counts.get(term) ?? 0) + 1);
  if (counts.size === 0) return { rank: () => [] };
  const terms = _known(lexical, counts);
  const vietnamese = detectLanguage(query).language === 'vi';
  const feedback = !vietnamese && options.feedbackDocs > 0 && options.feedbackTerms > 0 && terms.length > 0;
  // The first search keeps its scores: the expanded search then only rescores its best documents.
  const first = feedback ? lexical.searchFirst(terms, options.feedbackDocs) : undefined;
  const expanded = first ? _withFeedback(lexical, terms, counts, first.hits) : terms;
  const pairs =
    options.proximityWeight > 0
      ? _idPairs(
          lexical,
          queryPairs(lexical.analyzeQuery(query, true), (t) => lexical.idf(t)),
        )
      : [];
  const accents = options.accentWeight > 0 ? accentedQueryUnits(query) : [];
  const intent = options.intentWeight > 0 ? intentHeadingMatcher(query) : undefined;
  const depths = {
    proximity: pairs.length > 0 ? options.proximityDepth : 0,
    accent: accents.length > 0 ? ACCENT_DEPTH : 0,
    intent: intent ? options.proximityDepth : 0,
  };
  const rescoreDepth = Math.max(depths.proximity, depths.accent, depths.intent);
  const articles = targetArticles(query);
  return {
    rank: (depth) => {
      if (!(depth >= 1) || terms.length === 0) return [];
      const head = Math.max(depth, rescoreDepth);
      let hits = first ? lexical.searchExpanded(first.scored, terms, expanded, head) : lexical.searchIds(terms, head);
      const rescored = Math.min(hits.length, rescoreDepth);
      if (rescored > 0) {
        const top = hits[0]?.score ?? 0;
        const bonuses = hits.slice(0, rescored).map((h, i) => {
          let bonus = 0;
          if (i < depths.proximity)
            bonus += options.proximityWeight * proximityScore(pairs, _fields(lexical, h.doc), options.proximityWindow);
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
        bonuses.sort((a, b) => b.score - a.score || a.doc - b.doc);
        hits = [...bonuses, ...hits.slice(rescored)];
      }
      return _articlesFirst(hits.slice(0, depth), articles, lexical, passage, depth);
    },
  };
}

/** Returns up to `depth` chunks for `query`, best first (ties: lower ordinal); see {@link prepareLexicalQuery}. */
export function rankLexical(
  lexical: LexicalSearcher,
  query: string,
  depth: number,
  passage: PassageFields,
): LexicalHit[] {
  return prepareLexicalQuery(lexical, query, passage).rank(depth);
}

/** The query's counted terms that the index knows, as ids, in the query's order. */
function _known(lexical: LexicalSearcher, counts: ReadonlyMap<string, number>): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const [term, count] of counts) {
    const id = lexical.termId(term);
    if (id !== undefined) terms.push({ id, count });
  }
  return terms;
}

/** The query's terms followed by the words the `first` passages lend it (RM3). */
function _withFeedback(
  lexical: LexicalSearcher,
  terms: QueryTerm[],
  counts: ReadonlyMap<string, number>,
  first: readonly LexicalHit[],
): QueryTerm[] {
  const options = lexical.options;
  if (first.length === 0) return terms;
  const passages = first.map((h) => ({ terms: lexical.passageWords(h.doc).ids, score: h.score }));
  const maxDocs = options.feedbackMaxDocShare * lexical.size;
  // Words only: numbers, years and codes ("2025", "5316/qd-byt", and the "qd", "byt" of it)
  // would pull in passages that merely share a date or an issuer, which in a corpus of
  // instruments is most of them.
  const codeParts = new Set<number>();
  const codeLike = new Map<number, boolean>();
  const isCodeLike = (id: number): boolean => {
    let known = codeLike.get(id);
    if (known === undefined) {
      const text = lexical.termText(id);
      known = HAS_DIGIT_OR_JOINER.test(text);
      codeLike.set(id, known);
      if (HAS_JOINER.test(text)) {
        for (const part of text.split(JOINERS)) {
          const partId = lexical.termId(part);
          if (partId !== undefined) codeParts.add(partId);
        }
      }
    }
    return known;
  };
  for (const { terms: ids } of passages) for (let i = 0; i < ids.length; i++) isCodeLike(ids[i]!);
  const eligible = (id: number) => !isCodeLike(id) && !codeParts.has(id) && lexical.docFrequencyOf(id) <= maxDocs;
  const queryMass = [...counts.values()].reduce((sum, w) => sum + w, 0);
  const settings = { terms: options.feedbackTerms, queryWeight: options.feedbackQueryWeight };
  const byText = (a: number, b: number) => {
    const x = lexical.termText(a);
    const y = lexical.termText(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const expanded = new Map(terms.map((t) => [t.id, t.count]));
  for (const [id, w] of feedbackTerms(queryMass, passages, settings, eligible, byText))
    expanded.set(id, (expanded.get(id) ?? 0) + w);
  return [...expanded].map(([id, count]) => ({ id, count }));
}

/** Query pairs over term ids (a pair's terms have idf > 0, so the index knows both). */
function _idPairs(lexical: LexicalSearcher, pairs: readonly TermPair[]): TermPair<number>[] {
  return pairs.map((p) => ({ first: lexical.termId(p.first)!, second: lexical.termId(p.second)!, weight: p.weight }));
}

/** A passage's words per field, from the stored term lists. */
function _fields(lexical: LexicalSearcher, doc: number): Uint32Array[] {
  const { ids, ends } = lexical.passageWords(doc);
  return ends.map((end, f) => ids.subarray(f === 0 ? 0 : ends[f - 1], end));
}

/** Most passages of an article number moved to the top when none of them is among the hits. */
const MAX_ARTICLE_PASSAGES = 20;

/**
 * The hits with the passages of the named articles first. Those among the hits keep their
 * order and score, raised by the best score; if none is among them, the article's passages
 * (any instrument's, at most MAX_ARTICLE_PASSAGES) are put first at the best score.
 */
function _articlesFirst(
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
