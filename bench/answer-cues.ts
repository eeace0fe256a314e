// What the answer cues cost the lexical ranking, for `npm run bench` (also runnable alone:
// `npx tsx bench/answer-cues.ts`): CPU per question of the project's question set on the
// bundled corpus, cues on against cues off, in one process, rounds interleaved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forgetCueSentences } from '../src/retrieve/cue-sentences.ts';
import { rankLexical } from '../src/retrieve/lexical-ranking.ts';
import type { LexicalIndex } from '../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../src/store/lexical/lexical-options.ts';
import { buildBundledIndex, projectQuestions } from './bundled-corpus.ts';

const ROUNDS = 15;
const round = (x: number) => Math.round(x * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Milliseconds of process CPU per question (depth 10), median of `ROUNDS` rounds: with the
 * answer cues on (as `ask` runs: passages read before keep their sentences), with them on but
 * every passage new (caches dropped before each question), and off. `cueMs` is on − off.
 */
export async function measureAnswerCues(): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-cues-'));
  try {
    const indexDir = path.join(work, 'index');
    const index = await buildBundledIndex(indexDir);
    const questions = projectQuestions();
    const passage = (doc: number) => lexicalInput(index.chunks[doc]!);
    const on = index.lexical;
    const off = (index.lexical as LexicalIndex).withScoring({ answerCueWeight: 0, deadlineWeight: 0 });
    const cpuPerQuestion = (lexical: typeof on, fresh: boolean) => {
      let cpu = 0;
      for (const q of questions) {
        if (fresh) forgetCueSentences();
        const start = process.cpuUsage();
        rankLexical(lexical, q, 10, passage);
        const used = process.cpuUsage(start);
        cpu += (used.user + used.system) / 1000;
      }
      return cpu / questions.length;
    };
    const times = { on: [] as number[], fresh: [] as number[], off: [] as number[] };
    for (let r = 0; r <= ROUNDS; r++) {
      const on_ = cpuPerQuestion(on, false);
      const fresh = cpuPerQuestion(on, true);
      const off_ = cpuPerQuestion(off, false);
      if (r === 0) continue; // warms the JIT and the caches
      times.on.push(on_);
      times.fresh.push(fresh);
      times.off.push(off_);
    }
    const [m, f, o] = [median(times.on), median(times.fresh), median(times.off)];
    return {
      questions: questions.length,
      onMs: round(m),
      newPassagesMs: round(f),
      offMs: round(o),
      cueMs: round(m - o),
      cueNewPassagesMs: round(f - o),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await measureAnswerCues(), null, 2)}\n`);
}
