import { detectLanguage } from '../lib/language.ts';
import type { LexicalSearcher } from '../store/types.ts';
import type { WeightedTerm } from '../types.ts';
import { correctTypos } from './typo-terms.ts';

/**
 * Words that frame a question rather than say what it is about ("What does … say about …",
 * "… quy định gì", "… là gì", "… khi nào"), in English and Vietnamese. They carry no weight
 * in quotes or in confidence; the intent they express is read separately (question-intent.ts).
 */
const QUESTION_WORDS =
  'what which who whom whose when where why how does did do is are was were be been can could would should will shall ' +
  'say says said tell me about please there any gi nao la ai khi bao nhieu the nhu co khong duoc cua ve va hay';

const questionTerms = new WeakMap<LexicalSearcher, ReadonlySet<string>>();

/** The analyzed forms of the question words, as this index's analyzer writes them. */
function _questionTerms(lexical: LexicalSearcher): ReadonlySet<string> {
  let terms = questionTerms.get(lexical);
  if (!terms) {
    terms = new Set(QUESTION_WORDS.split(' ').flatMap((w) => lexical.analyzeWords(w)));
    questionTerms.set(lexical, terms);
  }
  return terms;
}

/**
 * The distinct analyzed terms of a question, question words left out, each weighted by its
 * rarity in the index, heaviest first: w(t) = ln(1 + (N − df + 0.5) / (df + 0.5)), the BM25
 * idf, computed here so that a term no passage contains weighs the most (the index's own idf
 * gives it 0), which is what a coverage measure needs: a question about something absent
 * stays mostly uncovered. A misspelt word hands the share of its weight that the ranking
 * gives its corrections (typo-terms.ts) to them and keeps the rest, which nothing covers:
 * "telemedicne" is mostly covered by "telemedicine", never wholly.
 */
export function weighQueryTerms(lexical: LexicalSearcher, question: string): WeightedTerm[] {
  const n = lexical.size;
  const skip = _questionTerms(lexical);
  const typed = [...new Set(lexical.analyze(question))].filter((term) => !skip.has(term));
  const corrections = correctTypos(lexical, typed, detectLanguage(question).language === 'vi');
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => weights.set(term, (weights.get(term) ?? 0) + weight);
  for (const term of typed) {
    const df = Math.min(lexical.docFrequency(term), n);
    const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    let kept = weight;
    for (const alternative of corrections.get(term) ?? []) {
      add(alternative.term, weight * alternative.weight);
      kept -= weight * alternative.weight;
    }
    add(term, kept);
  }
  return [...weights]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}
