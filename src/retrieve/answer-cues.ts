import { splitSentences } from '../lib/split-sentences.ts';
import type { LexicalSearcher, QueryTerm } from '../store/types.ts';
import type { QuestionIntent } from '../types.ts';
import { detectIntents } from './question-intent.ts';
import { cueStrength, cueText } from './sentence-cues.ts';

/**
 * How well a passage holds one sentence that answers the question, in [0, 1]: the best, over
 * its sentences that carry the kind of answer asked for (a date for "when" / "deadline", a
 * percentage or "by 20xx" for targets, "must" / "shall" for requirements, a number for "how
 * many", an agency for "who"; see sentence-cues.ts), of the cue's strength times the share of
 * the query's weight (idf × count) the sentence's words cover.
 */
export type AnswerCueScore = (text: string) => number;

/**
 * The answer-cue scorer for a question (see {@link AnswerCueScore}), or undefined when its
 * wording asks for no particular kind of answer ("telemedicine rules") or it has no weighted
 * terms: then passages are left as the ranking put them.
 * `terms` are the query's searched term ids and weights (typo corrections included).
 */
export function answerCueScorer(
  lexical: LexicalSearcher,
  question: string,
  terms: readonly QueryTerm[],
): AnswerCueScore | undefined {
  const intents = detectIntents(question);
  if (intents.length === 0) return undefined;
  const weights = new Map<number, number>();
  for (const t of terms) {
    const w = t.count * lexical.idf(lexical.termText(t.id));
    if (w > 0) weights.set(t.id, (weights.get(t.id) ?? 0) + w);
  }
  const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
  if (total <= 0) return undefined;
  return (text) => _bestSentence(lexical, text, intents, weights, total);
}

function _bestSentence(
  lexical: LexicalSearcher,
  text: string,
  intents: readonly QuestionIntent[],
  weights: ReadonlyMap<number, number>,
  total: number,
): number {
  let best = 0;
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const cue = cueStrength(cueText(sentence), intents);
    // Only a sentence with a cue can beat the best so far: its coverage is at most 1.
    if (cue <= best) continue;
    const seen = new Set<number>();
    let covered = 0;
    for (const word of lexical.analyzeWords(sentence)) {
      const id = lexical.termId(word);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      covered += weights.get(id) ?? 0;
    }
    best = Math.max(best, (cue * covered) / total);
  }
  return best;
}
