import { performance } from 'node:perf_hooks';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import type { Answer, SearchResult } from '../types.ts';
import { containsExpected, firstHitRank, type HitRates, hitRates, type Question } from './question-set.ts';

/** What the question-set evaluation needs from retrieval; the bot's `Retriever` is one. */
export interface QuestionAnswerer {
  readonly mode: Answer['mode'];
  retrieve(query: string, options: { k: number }): Promise<Answer>;
}

/** The quote shown for a result (the CLI's and the bot's choice), for quote@k. */
export type QuoteOf = (result: SearchResult, answer: Answer) => string;

/** A question answered wrongly: its expected phrase not in the top 3, not quoted first, or wrongly flagged. */
export interface QuestionMiss {
  id: string;
  q: string;
  /** What went wrong: "hit@3", "quote@1", "comparison", "absent", "weak". */
  problem: string;
  /** Rank of the first hit past the cut-offs, or null when no returned passage has one. */
  firstHit: number | null;
  /** Section path (or title) of each of the top 3 passages, to see what came back instead. */
  top: string[];
  /** The first quote, to read what was shown. */
  quote?: string;
}

/** The answer-quality rates over a question set. */
export interface QuestionMetrics extends HitRates {
  /** Answerable questions whose first quote contains an expected phrase. */
  'quote@1': number;
  /** Answerable questions with an expected phrase in one of the top 3 quotes. */
  'quote@3': number;
  /** Comparison questions (`expectEach`) with a passage about each named instrument in the top 3. */
  comparisons: number;
  /** Unanswerable questions (`absent` or `weak`) whose answer said so (not found, or weak). */
  absentFlagged: number;
  /** Answerable questions whose answer was flagged weak (should be near 0). */
  weakOnAnswerable: number;
}

/** Rates over a question set, the questions missed, and the speed. */
export interface QuestionEvalReport {
  mode: Answer['mode'];
  questions: number;
  answerable: number;
  comparisons: number;
  unanswerable: number;
  metrics: QuestionMetrics;
  misses: QuestionMiss[];
  queriesPerSecond: number;
}

const QUOTE_K = 3;

/**
 * Asks every question through the same retrieval the bot uses and checks, on answerable
 * questions, whether an expected phrase is in the passages at ranks 1, ≤ 3, ≤ 10 (hit@k) and
 * in the quotes shown (quote@1, quote@3); on comparisons, whether each named instrument has a
 * passage in the top 3; on unanswerable ones, whether the answer said so (absent instruments
 * reported not found, or the weak flag). Rates are shares of the questions they apply to.
 */
export async function runQuestionEval(
  answerer: QuestionAnswerer,
  questions: readonly Question[],
  onProgress?: (done: number, total: number) => void,
  quoteOf?: QuoteOf,
): Promise<QuestionEvalReport> {
  const firstHits: (number | null)[] = [];
  const misses: QuestionMiss[] = [];
  const count = { quote1: 0, quote3: 0, weak: 0, comparisons: 0, compared: 0, unanswerable: 0, flagged: 0 };
  let ms = 0;
  for (const [i, question] of questions.entries()) {
    const start = performance.now();
    const answer = await answerer.retrieve(question.q, { k: 10 });
    ms += performance.now() - start;
    const miss = (problem: string, firstHit: number | null) =>
      misses.push({
        id: question.id,
        q: question.q,
        problem,
        firstHit,
        top: answer.results.slice(0, 3).map((r) => r.chunk.section.at(-1) ?? r.chunk.title),
        ...(quoteOf && answer.results[0] ? { quote: quoteOf(answer.results[0], answer) } : {}),
      });
    if (question.expect.length === 0) {
      count.unanswerable++;
      if (_flagged(question, answer)) count.flagged++;
      else miss(question.absent ? 'absent' : 'weak', null);
    } else {
      const rank = firstHitRank(
        answer.results.map((r) => r.chunk.text),
        question.expect,
      );
      firstHits.push(rank);
      if (rank === null || rank > 3) miss('hit@3', rank);
      if (answer.weak) {
        count.weak++;
        miss('weak', rank);
      }
      const quotes = quoteOf ? answer.results.slice(0, QUOTE_K).map((r) => quoteOf(r, answer)) : [];
      const quoted = quotes.findIndex((q) => containsExpected(q, question.expect));
      if (quoted === 0) count.quote1++;
      else if (rank !== null && rank <= 3) miss('quote@1', rank);
      if (quoted >= 0) count.quote3++;
    }
    if (question.expectEach) {
      count.compared++;
      const top = answer.results.slice(0, 3).map((r) => r.chunk.text);
      if (question.expectEach.every((group) => top.some((text) => containsExpected(text, group)))) count.comparisons++;
      else miss('comparison', null);
    }
    onProgress?.(i + 1, questions.length);
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  const answerable = firstHits.length;
  return {
    mode: answerer.mode,
    questions: questions.length,
    answerable,
    comparisons: count.compared,
    unanswerable: count.unanswerable,
    metrics: {
      ...hitRates(firstHits),
      'quote@1': share(count.quote1, answerable),
      'quote@3': share(count.quote3, answerable),
      comparisons: share(count.comparisons, count.compared),
      absentFlagged: share(count.flagged, count.unanswerable),
      weakOnAnswerable: share(count.weak, answerable),
    },
    misses,
    queriesPerSecond: Math.round((questions.length / Math.max(ms / 1000, 1e-9)) * 10) / 10,
  };
}

/** Whether the answer said the question has no answer: absent instruments not found, or weak. */
function _flagged(question: Question, answer: Answer): boolean {
  if (question.absent?.length) {
    const notFound = new Set(answer.notFound.flatMap((label) => extractIdentifiers(label).map((id) => id.key)));
    return question.absent.every((label) => extractIdentifiers(label).every((id) => notFound.has(id.key)));
  }
  return answer.weak;
}
