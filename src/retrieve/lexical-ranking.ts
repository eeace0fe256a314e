import { articleOf } from '../ingest/legal-structure.ts';
import { detectLanguage } from '../lib/language.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LexicalHit, LexicalSearcher, QueryTerm } from '../store/types.ts';
import { accentedQueryUnits, accentScorer } from './accents.ts';
import { answerCueScorer } from './answer-cues.ts';
import { targetArticles } from './article-references.ts';
import { articlesFirst } from './articles-first.ts';
import { withFeedback } from './feedback-expansion.ts';
import { intentHeadingMatcher } from './intents.ts';
import { proximityScorer, queryPairs, type TermPair } from './proximity.ts';
import { correctTypos } from './typo-terms.ts';

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
 * 0. Typos: a plain query word the index does not know also searches, at `typoWeight` per
 *    edit, the known words within an edit or two of it (typo-terms.ts); never a number or code.
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
 * 5. Answer cues: for a question that asks for a kind of answer (a date, a target, an
 *    obligation, a number, an agency), the top `proximityDepth` passages gain
 *    `answerCueWeight` × the best score × how well one of their sentences carries that kind
 *    of answer and holds the whole query (the cube of the share it covers; answer-cues.ts): a
 *    bounded nudge that reorders close passages only. A deadline question ("deadline for electronic medical records") also
 *    gains up to `deadlineWeight` × the best score for a sentence stating a date to be met
 *    that covers its topic, as much of it as the passage holds but at least half of it ("By
 *    2028, all healthcare establishments will have completed …" for "By when must hospitals
 *    adopt …").
 * 6. Articles: a question that names an article ("Điều 5", "Article 5(2)") gets that article
 *    first: its passages among the hits, or if none is among them, every passage of an
 *    article with that number (see article-references.ts; cross-references are not moved).
 * Feedback and proximity read passages' words from the index's stored term lists, never from
 * their text; both searches prune (MaxScore) and return exactly what exhaustive scoring would.
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
  const vietnamese = detectLanguage(query).language === 'vi';
  const terms = _known(lexical, counts, vietnamese);
  const feedback = !vietnamese && options.feedbackDocs > 0 && options.feedbackTerms > 0 && terms.length > 0;
  const expanded = feedback
    ? withFeedback(lexical, terms, counts, lexical.searchIds(terms, options.feedbackDocs))
    : terms;
  const pairs =
    options.proximityWeight > 0
      ? _idPairs(
          lexical,
          queryPairs(lexical.analyzeQuery(query, true), (t) => lexical.idf(t)),
        )
      : [];
  const proximity = proximityScorer(pairs, options.proximityWindow);
  const accentUnits = options.accentWeight > 0 ? accentedQueryUnits(query) : [];
  const accents = accentScorer(accentUnits, (t) => lexical.idf(t));
  const intent = options.intentWeight > 0 ? intentHeadingMatcher(query) : undefined;
  const cues =
    options.answerCueWeight > 0 || options.deadlineWeight > 0
      ? answerCueScorer(lexical, query, terms, options)
      : undefined;
  const depths = {
    proximity: pairs.length > 0 ? options.proximityDepth : 0,
    accent: accentUnits.length > 0 ? ACCENT_DEPTH : 0,
    intent: intent ? options.proximityDepth : 0,
    cue: cues ? options.proximityDepth : 0,
  };
  const rescoreDepth = Math.max(depths.proximity, depths.accent, depths.intent, depths.cue);
  const articles = targetArticles(query);
  return {
    rank: (depth) => {
      if (!(depth >= 1) || terms.length === 0) return [];
      const head = Math.max(depth, rescoreDepth);
      let hits = lexical.searchIds(expanded, head);
      const rescored = Math.min(hits.length, rescoreDepth);
      if (rescored > 0) {
        const top = hits[0]?.score ?? 0;
        const bonuses = hits.slice(0, rescored).map((h, i) => {
          let bonus = 0;
          if (i < depths.proximity) bonus += options.proximityWeight * proximity(_fields(lexical, h.doc));
          if (i < depths.accent) {
            const p = passage(h.doc);
            bonus += options.accentWeight * accents([p.title, p.section, p.text]);
          }
          if (i < depths.intent && intent) {
            const p = passage(h.doc);
            const article = articleOf(p.title, p.section.split(' › '));
            if (article && intent(article.heading)) bonus += options.intentWeight * top;
          }
          if (i < depths.cue && cues) bonus += top * cues(h.doc, () => passage(h.doc).text);
          return { doc: h.doc, score: h.score + bonus };
        });
        bonuses.sort((a, b) => b.score - a.score || a.doc - b.doc);
        hits = [...bonuses, ...hits.slice(rescored)];
      }
      return articlesFirst(hits.slice(0, depth), articles, lexical, passage, depth);
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

/**
 * The query's counted terms that the index knows, as ids, in the query's order; a misspelt
 * word the index does not know stands for the known words it probably meant, down-weighted
 * (typo-terms.ts).
 */
function _known(lexical: LexicalSearcher, counts: ReadonlyMap<string, number>, vietnamese: boolean): QueryTerm[] {
  const weights = new Map<number, number>();
  const corrections = correctTypos(lexical, counts.keys(), vietnamese);
  for (const [term, count] of counts) {
    const id = lexical.termId(term);
    if (id !== undefined) weights.set(id, (weights.get(id) ?? 0) + count);
    for (const alternative of corrections.get(term) ?? [])
      weights.set(alternative.id, (weights.get(alternative.id) ?? 0) + count * alternative.weight);
  }
  return [...weights].map(([id, count]) => ({ id, count }));
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
