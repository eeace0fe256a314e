import type { LexicalHit, LexicalSearcher, QueryTerm } from '../store/types.ts';
import { feedbackTerms } from './feedback.ts';

const HAS_DIGIT_OR_JOINER = /[\d/-]/;
const HAS_JOINER = /[/-]/;
const JOINERS = /[/-]+/;

/**
 * The query's terms followed by the words the `first` passages lend it (RM3; see
 * feedback.ts). `counts` are the typed terms' counts, whose sum is the query's mass.
 */
export function withFeedback(
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
