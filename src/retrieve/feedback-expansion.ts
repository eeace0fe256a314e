import type { LexicalHit, LexicalSearcher, QueryTerm } from '../store/types.ts';
import { feedbackTerms } from './feedback.ts';

const HAS_DIGIT_OR_JOINER = /[\d/-]/;
const HAS_JOINER = /[/-]/;
const JOINERS = /[/-]+/;

/** Per index: term id → 0 not yet looked at, 1 a word, 2 code-like; and a code's parts that the index knows. */
interface TermKinds {
  kinds: Uint8Array;
  parts: Map<number, number[]>;
}

const KINDS = new WeakMap<LexicalSearcher, TermKinds>();

/**
 * The query's terms followed by the words the `first` passages lend it (RM3; see
 * feedback.ts), read from the passages' stored terms. `counts` are the typed terms' counts,
 * whose sum weighted by idf is the query's mass. Words only: numbers, years and codes ("2025",
 * "5316/qd-byt", and the "qd", "byt" of it) would pull in passages that merely share a date
 * or an issuer, which in a corpus of instruments is most of them; nor words in more than
 * `feedbackMaxDocShare` of all passages.
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
  const known = _kindsOf(lexical);
  const codeParts = new Set<number>();
  for (const { terms: ids } of passages) {
    for (let i = 0; i < ids.length; i++) {
      const parts = _kind(lexical, known, ids[i]!) === 2 ? known.parts.get(ids[i]!) : undefined;
      if (parts) for (const part of parts) codeParts.add(part);
    }
  }
  const eligible = (id: number) =>
    _kind(lexical, known, id) === 1 && !codeParts.has(id) && lexical.docFrequencyOf(id) <= maxDocs;
  // The query's weight and the lent words' as the score weighs them: count × idf.
  let queryMass = 0;
  for (const [term, count] of counts) queryMass += count * lexical.idf(term);
  const settings = { terms: options.feedbackTerms, queryWeight: options.feedbackQueryWeight };
  const byText = (a: number, b: number) => {
    const x = lexical.termText(a);
    const y = lexical.termText(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const idf = (id: number) => lexical.idf(lexical.termText(id));
  const expanded = new Map(terms.map((t) => [t.id, t.count]));
  for (const [id, w] of feedbackTerms(queryMass, passages, settings, eligible, byText, idf))
    expanded.set(id, (expanded.get(id) ?? 0) + w);
  return [...expanded].map(([id, count]) => ({ id, count }));
}

function _kindsOf(lexical: LexicalSearcher): TermKinds {
  let known = KINDS.get(lexical);
  if (!known) {
    known = { kinds: new Uint8Array(1024), parts: new Map() };
    KINDS.set(lexical, known);
  }
  return known;
}

/** 1 for a word, 2 for a term with a digit or a joiner (its joined parts remembered), computed once per id. */
function _kind(lexical: LexicalSearcher, known: TermKinds, id: number): number {
  const kind = known.kinds[id];
  if (kind) return kind;
  const text = lexical.termText(id);
  const codeLike = HAS_DIGIT_OR_JOINER.test(text);
  if (codeLike && HAS_JOINER.test(text)) {
    const parts: number[] = [];
    for (const part of text.split(JOINERS)) {
      const partId = lexical.termId(part);
      if (partId !== undefined) parts.push(partId);
    }
    known.parts.set(id, parts);
  }
  if (id >= known.kinds.length) {
    const bigger = new Uint8Array(Math.max(id + 1, known.kinds.length * 2));
    bigger.set(known.kinds);
    known.kinds = bigger;
  }
  known.kinds[id] = codeLike ? 2 : 1;
  return codeLike ? 2 : 1;
}
