import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/store/lexical/analyzer.ts';
import { DEFAULT_ANALYZER_OPTIONS } from '../../../src/store/lexical/analyzer-options.ts';
import { pairable } from '../../../src/store/lexical/syllable-pairs.ts';

const pairsOf = (text: string, syllablePairs: 'content' | 'all' | 'none') =>
  new Analyzer({ ...DEFAULT_ANALYZER_OPTIONS, syllablePairs }).analyze(text).filter((t) => t.includes(' '));

const FINE = 'Phạt tiền từ 5.000.000 đồng đến 10.000.000 đồng theo khoản 2 Điều 5 của Bộ luật này';

describe('syllable pairs', () => {
  it('pairs no syllable with a number by default: the number matches alone, the pair only grows the index', () => {
    expect(pairsOf(FINE, 'content')).toEqual([
      'phat tien',
      'tien tu',
      'dong den',
      'dong theo',
      'theo khoan',
      'cua bo',
      'bo luat',
      'luat nay',
    ]);
    // The word terms are the same either way.
    const words = (mode: 'content' | 'all') =>
      new Analyzer({ ...DEFAULT_ANALYZER_OPTIONS, syllablePairs: mode }).analyze(FINE).filter((t) => !t.includes(' '));
    expect(words('content')).toEqual(words('all'));
  });

  it('keeps every adjacent pair with `all`, none with `none`', () => {
    expect(pairsOf(FINE, 'all')).toContain('khoan 2');
    expect(pairsOf(FINE, 'all')).toContain('5 cua');
    expect(pairsOf(FINE, 'none')).toEqual([]);
  });

  it('treats questions as passages, so a question pairs what the index pairs', () => {
    const analyzer = new Analyzer(DEFAULT_ANALYZER_OPTIONS);
    // "bao nhiêu" and "theo" are question boilerplate, cut; "khoản 2" is not paired.
    expect(analyzer.analyzeQuery('Phạt tiền bao nhiêu theo khoản 2?').filter((t) => t.includes(' '))).toEqual([
      'phat tien',
    ]);
  });

  it('says which syllables may pair', () => {
    expect(pairable('tai', 'content')).toBe(true);
    expect(pairable('2015', 'content')).toBe(false);
    expect(pairable('000', 'content')).toBe(false);
    expect(pairable('2015', 'all')).toBe(true);
    expect(pairable('tai', 'none')).toBe(false);
  });
});
