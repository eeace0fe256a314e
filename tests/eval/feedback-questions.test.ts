import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFeedbackQuestions } from '../../src/eval/feedback-questions.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-feedback-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readFeedbackQuestions', () => {
  it('turns the vote log into question-set lines to label, most 👎 first, one per question', async () => {
    const file = path.join(work, 'feedback.jsonl');
    const vote = (v: string, query: string, chunkIds: string[]) =>
      JSON.stringify({ time: 't', vote: v, query, chunkIds, userId: '1', guildId: null });
    writeFileSync(
      file,
      [
        vote('up', 'Decision 5316 targets', ['c']),
        vote('down', 'What does Circular 49 require?', ['a', 'b']),
        vote('down', ' What does  Circular 49 require? ', ['a']),
        '',
      ].join('\n'),
    );
    expect(await readFeedbackQuestions(file)).toEqual([
      { id: 'feedback-2', q: 'What does Circular 49 require?', expect: [], votes: { up: 0, down: 2 }, shown: ['a'] },
      { id: 'feedback-1', q: 'Decision 5316 targets', expect: [], votes: { up: 1, down: 0 }, shown: ['c'] },
    ]);
  });
});
