import { performance } from 'node:perf_hooks';
import type { Answer } from '../types.ts';
import { firstHitRank, hitRates, type HitRates, type Question } from './question-set.ts';

/** What the question-set evaluation needs from retrieval; the bot's `Retriever` is one. */
export interface QuestionAnswerer {
  readonly mode: Answer['mode'];
  retrieve(query: string, options: { k: number }): Promise<Answer>;
}

/** A question none of whose top passages holds an expected phrase within the deepest cut-off. */
export interface QuestionMiss {
  id: string;
  q: string;
  /** Rank of the first hit past the cut-offs, or null when no returned passage has one. */
  firstHit: number | null;
  /** Section path (or title) of each of the top 3 passages, to see what came back instead. */
  top: string[];
}

/** hit@1/3/10 over a question set, the questions missed at 3, and the speed. */
export interface QuestionEvalReport {
  mode: Answer['mode'];
  questions: number;
  metrics: HitRates;
  misses: QuestionMiss[];
  queriesPerSecond: number;
}

/**
 * Asks every question through the same retrieval the bot uses (identifiers first, overlaps
 * merged) and checks whether an expected phrase appears in the passages at ranks 1, ≤ 3,
 * ≤ 10. Questions without a hit in the top 3 are listed as misses for error analysis.
 */
export async function runQuestionEval(
  answerer: QuestionAnswerer,
  questions: readonly Question[],
  onProgress?: (done: number, total: number) => void,
): Promise<QuestionEvalReport> {
  const firstHits: (number | null)[] = [];
  const misses: QuestionMiss[] = [];
  let ms = 0;
  for (const [i, question] of questions.entries()) {
    const start = performance.now();
    const answer = await answerer.retrieve(question.q, { k: 10 });
    ms += performance.now() - start;
    const rank = firstHitRank(
      answer.results.map((r) => r.chunk.text),
      question.expect,
    );
    firstHits.push(rank);
    if (rank === null || rank > 3) {
      const top = answer.results.slice(0, 3).map((r) => r.chunk.section.at(-1) ?? r.chunk.title);
      misses.push({ id: question.id, q: question.q, firstHit: rank, top });
    }
    onProgress?.(i + 1, questions.length);
  }
  return {
    mode: answerer.mode,
    questions: questions.length,
    metrics: hitRates(firstHits),
    misses,
    queriesPerSecond: Math.round((questions.length / Math.max(ms / 1000, 1e-9)) * 10) / 10,
  };
}
