import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  containsExpected,
  firstHitRank,
  hitRates,
  normalisePhrase,
  readQuestionSet,
} from '../../src/eval/question-set.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-questions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
}

describe('normalisePhrase and containsExpected', () => {
  it('folds case, runs of white space and curly quotes', () => {
    expect(normalisePhrase('  Vietnam’s  “Digital”\n\tPlan ')).toBe('vietnam\'s "digital" plan');
  });

  it('finds an expected phrase across a line break, in another case, with straight quotes', () => {
    const passage = 'In July 2019, Vietnam’s Ministry of Health\nannounced the plan.';
    expect(containsExpected(passage, ["vietnam's ministry of health announced"])).toBe(true);
    expect(containsExpected(passage, ['Ministry of Finance', 'JULY 2019'])).toBe(true);
    expect(containsExpected(passage, ['Ministry of Finance'])).toBe(false);
  });
});

describe('firstHitRank and hitRates', () => {
  it('gives the 1-based rank of the first passage with a phrase, or null', () => {
    expect(firstHitRank(['nothing', 'still nothing', 'the Answer is here'], ['answer'])).toBe(3);
    expect(firstHitRank(['nothing'], ['answer'])).toBeNull();
  });

  it('counts a question as a hit at k when its first hit is at rank ≤ k', () => {
    // first hits at ranks 1, 2, 5, 11 and none: hit@1 = 1/5, hit@3 = 2/5, hit@10 = 3/5
    expect(hitRates([1, 2, 5, 11, null])).toEqual({ 'hit@1': 0.2, 'hit@3': 0.4, 'hit@10': 0.6 });
    expect(hitRates([])).toEqual({ 'hit@1': 0, 'hit@3': 0, 'hit@10': 0 });
  });
});

describe('readQuestionSet', () => {
  it('reads {id, q, expect} lines, skipping blank ones', async () => {
    const p = file(
      'ok.jsonl',
      '{"id":"a","q":"What?","expect":["x"]}\r\n\r\n{"id":"b","q":"Why?","expect":["y","z"]}\r\n',
    );
    expect(await readQuestionSet(p)).toEqual([
      { id: 'a', q: 'What?', expect: ['x'] },
      { id: 'b', q: 'Why?', expect: ['y', 'z'] },
    ]);
  });

  it('names the file and line of a question without expected phrases', async () => {
    const p = file('bad.jsonl', '{"id":"a","q":"What?","expect":["x"]}\n{"id":"b","q":"Why?","expect":[]}\n');
    await expect(readQuestionSet(p)).rejects.toThrow(
      `${p} line 2: "expect" must be a non-empty list of non-empty strings.`,
    );
  });
});
