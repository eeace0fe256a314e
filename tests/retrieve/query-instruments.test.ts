import { describe, expect, it } from 'vitest';
import { orderByNamedInstruments } from '../../src/retrieve/named-order.ts';
import { readQueryInstruments } from '../../src/retrieve/query-instruments.ts';
import { detectIntents } from '../../src/retrieve/question-intent.ts';

const keys = (q: string) => readQueryInstruments(q).map((id) => id.key);

describe('readQueryInstruments', () => {
  it('carries the kind over to bare numbers listed after it, in the order named', () => {
    expect(keys('difference between Circular 46 and 49')).toEqual(['circular:46', 'circular:49']);
    expect(keys('Circulars 46 and 49')).toEqual(['circular:46', 'circular:49']);
    expect(keys('Circular 49 vs 46')).toEqual(['circular:49', 'circular:46']);
    expect(keys('Decisions 4888 and 5316')).toEqual(['decision:4888', 'decision:5316']);
    expect(keys('Decisions 4888, 5316 or 89')).toEqual(['decision:4888', 'decision:5316', 'decision:89']);
    expect(keys('Thông tư 46 và 49 khác nhau thế nào?')).toEqual(['circular:46', 'circular:49']);
    expect(keys('thong tu 46 so voi 49')).toEqual(['circular:46', 'circular:49']);
  });

  it('keeps years and issuers of listed numbers, and mixes kinds', () => {
    const ids = readQueryInstruments(
      'Circular 46/2018/TT-BYT and 49/2017/TT-BYT, Decree 53 and Decision 06/2022/QD-TTg',
    );
    expect(ids.map((id) => id.label)).toEqual([
      'Circular 46/2018/TT-BYT',
      'Circular 49/2017/TT-BYT',
      'Decree 53',
      'Decision 6/2022/QD-TTG',
    ]);
  });

  it('does not take a year, a percentage or an unrelated number for an instrument', () => {
    expect(keys('Decision 5316 and 2030 goals')).toEqual(['decision:5316']);
    expect(keys('Decision 5316 targets by 2025 and 2030')).toEqual(['decision:5316']);
    expect(keys('Decision 5316 and 90% of the population')).toEqual(['decision:5316']);
    expect(keys('46 vs 49')).toEqual([]);
  });

  it('reads Chinese references', () => {
    expect(keys('49号通知的要求是什么？')).toEqual(['circular:49']);
    expect(keys('第5316号决定的目标')).toEqual(['decision:5316']);
    expect(keys('决定4888和5316号决定')).toEqual(['decision:4888', 'decision:5316']);
  });
});

describe('orderByNamedInstruments', () => {
  it('puts the best passage about each named instrument first, in the order named', () => {
    const ids = readQueryInstruments('Circular 46 and 49');
    const c = (name: string, matched: string[]) => ({ name, matched });
    const ordered = orderByNamedInstruments(
      [c('49 a', ['circular:49']), c('49 b', ['circular:49']), c('other', []), c('46', ['circular:46'])],
      ids,
    );
    expect(ordered.map((x) => x.name)).toEqual(['46', '49 a', '49 b', 'other']);
  });

  it('takes a passage naming the instrument in full or in its heading before one citing it in passing', () => {
    const ids = readQueryInstruments('Circular 46 vs 49');
    const c = (name: string, matched: string[], definite: string[] = []) => ({ name, matched, definite });
    const ordered = orderByNamedInstruments(
      [
        c('(Circular 46)', ['circular:46']),
        c('49', ['circular:49'], ['circular:49']),
        c('46/2018/TT-BYT', ['circular:46'], ['circular:46']),
      ],
      ids,
    );
    expect(ordered.map((x) => x.name)).toEqual(['46/2018/TT-BYT', '49', '(Circular 46)']);
  });
});

describe('detectIntents', () => {
  it('reads what kind of answer a question wants, in English and Vietnamese', () => {
    expect(detectIntents('What does Circular 49 require?')).toEqual(['obligation']);
    expect(detectIntents('Thông tư 49 quy định gì?')).toEqual(['obligation']);
    expect(detectIntents('Decision 5316 targets')).toEqual(['target']);
    expect(detectIntents('Mục tiêu của Quyết định 5316')).toEqual(['target']);
    expect(detectIntents('deadline for electronic medical records')).toEqual(['deadline']);
    expect(detectIntents('Nghị định 53 có hiệu lực khi nào?')).toEqual(['date']);
    expect(detectIntents('How many provinces joined?')).toEqual(['number']);
    expect(detectIntents('bao nhiêu tỉnh')).toEqual(['number']);
    expect(detectIntents('Who approved Decision 89?')).toEqual(['agency']);
    expect(detectIntents('AI in hospitals')).toEqual([]);
    expect(detectIntents('telemedicine')).toEqual([]);
  });

  it('reads a word asking for a kind of answer through one typo, not a different word', () => {
    expect(detectIntents('dealine for paying medical expenses electronically')).toEqual(['deadline']);
    expect(detectIntents('telemedecine circular requirments')).toEqual(['obligation']);
    expect(detectIntents('affective disorders in the elderly')).toEqual([]);
  });
});
