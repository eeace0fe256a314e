import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/store/lexical/analyzer.ts';
import {
  type AnalyzerOptions,
  DEFAULT_ANALYZER_OPTIONS,
  IDENTIFIER_TERM_PREFIX,
  STOP_SETS,
} from '../../../src/store/lexical/analyzer-options.ts';
import { BARE } from './bare-options.ts';

/** Plain tokens: no stemming, stop words, compounds or identifier terms. */

const analyze = (text: string, options: Partial<AnalyzerOptions> = {}) =>
  new Analyzer({ ...DEFAULT_ANALYZER_OPTIONS, ...options }).analyze(text);
/** Words only: no identifier terms and no Vietnamese syllable pairs. */
const words = (text: string, options: Partial<AnalyzerOptions> = {}) =>
  new Analyzer({ ...DEFAULT_ANALYZER_OPTIONS, ...options }).analyze(text, true);

describe('Analyzer.analyze', () => {
  it('folds case and diacritics, đ included', () => {
    expect(words('Thông tư quy định về hoạt động y tế từ xa', BARE)).toEqual([
      'thong',
      'tu',
      'quy',
      'dinh',
      've',
      'hoat',
      'dong',
      'y',
      'te',
      'tu',
      'xa',
    ]);
    expect(words('Đà Nẵng ĐIỀU KHOẢN', BARE)).toEqual(['da', 'nang', 'dieu', 'khoan']);
    // Composed and decomposed forms give the same terms.
    expect(analyze('Quyết định'.normalize('NFD'), BARE)).toEqual(analyze('Quyết định'.normalize('NFC'), BARE));
  });

  it('drops the possessive ’s, straight or curly', () => {
    expect(analyze("the hospital's records and the ministry’s plan", BARE)).toEqual([
      'the',
      'hospital',
      'records',
      'and',
      'the',
      'ministry',
      'plan',
    ]);
  });

  it('drops the stop words of the chosen set only', () => {
    const text = 'The records would be kept about them';
    expect(analyze(text, { ...BARE, stopWords: 'none' })).toEqual([
      'the',
      'records',
      'would',
      'be',
      'kept',
      'about',
      'them',
    ]);
    // "would", "about" and "them" are not in Lucene's 33 words.
    expect(analyze(text, { ...BARE, stopWords: 'lucene' })).toEqual(['records', 'would', 'kept', 'about', 'them']);
    expect(analyze(text, { ...BARE, stopWords: 'extended' })).toEqual(['records', 'kept']);
    expect(STOP_SETS.lucene.size).toBe(33);
    expect(STOP_SETS.extended.size).toBe(108);
  });

  it('stems all-letter English tokens with porter2 or porter, and not at all with none', () => {
    const text = 'running connected generously generalization easily';
    expect(analyze(text, { ...BARE, stemmer: 'porter2' })).toEqual(['run', 'connect', 'generous', 'general', 'easili']);
    expect(analyze(text, { ...BARE, stemmer: 'porter' })).toEqual(['run', 'connect', 'gener', 'gener', 'easili']);
    expect(analyze(text, { ...BARE, stemmer: 'none' })).toEqual([
      'running',
      'connected',
      'generously',
      'generalization',
      'easily',
    ]);
  });

  it('does not stem tokens with digits or non-English letters', () => {
    // "4mbps" holds a digit; "straße" a letter outside a–z after folding.
    expect(analyze('4Mbps networks straße', { ...BARE, stemmer: 'porter2' })).toEqual(['4mbps', 'network', 'straße']);
  });

  it('keeps a compound with a digit or slash whole and also emits its parts', () => {
    expect(analyze('Circular 49/2017/TT-BYT on COVID-19 and e-health', { ...BARE, compoundTokens: true })).toEqual([
      'circular',
      '49/2017/tt-byt',
      '49',
      '2017',
      'tt',
      'byt',
      'on',
      'covid-19',
      'covid',
      '19',
      'and',
      // Letters joined by a hyphen alone are not kept whole.
      'e',
      'health',
    ]);
  });

  it('emits only the parts of a compound when compound tokens are off', () => {
    expect(analyze('49/2017/TT-BYT covid-19', BARE)).toEqual(['49', '2017', 'tt', 'byt', 'covid', '19']);
  });

  it('neither stems nor stop-filters a whole compound, but does its parts', () => {
    expect(
      analyze('state-of-the-art 2020-runs', { ...BARE, compoundTokens: true, stopWords: 'lucene', stemmer: 'porter2' }),
    ).toEqual(['state', 'art', '2020-runs', '2020', 'run']);
  });

  it('drops tokens longer than 64 characters, and compounds longer than 64 are only split', () => {
    const long = 'x'.repeat(65);
    expect(analyze(`ok ${long} ${'y'.repeat(64)}`, BARE)).toEqual(['ok', 'y'.repeat(64)]);
    const compound = `${'a'.repeat(30)}/${'b'.repeat(34)}`;
    expect(compound.length).toBe(65);
    expect(analyze(compound, { ...BARE, compoundTokens: true })).toEqual(['a'.repeat(30), 'b'.repeat(34)]);
  });

  it('appends one §kind:number term per named legal instrument, after all the words', () => {
    expect(IDENTIFIER_TERM_PREFIX).toBe('§');
    expect(analyze('Thông tư 49/2017/TT-BYT và Quyết định 5316/QĐ-BYT', { ...BARE, identifierTokens: true })).toEqual([
      'thong',
      'tu',
      '49',
      '2017',
      'tt',
      'byt',
      'va',
      'quyet',
      'dinh',
      '5316',
      'qd',
      'byt',
      // Vietnamese: the pairs of adjacent syllables follow the words (none across a slash).
      'thong tu',
      'tu 49',
      'byt va',
      'va quyet',
      'quyet dinh',
      'dinh 5316',
      '§circular:49',
      '§decision:5316',
    ]);
  });

  it('gives the Vietnamese and the English name of an instrument the same identifier term', () => {
    const vi = analyze('Thông tư 49 quy định');
    const en = analyze('Circular No. 49, 2017 regulates telemedicine');
    expect(vi.at(-1)).toBe('§circular:49');
    expect(en.at(-1)).toBe('§circular:49');
  });

  it('names no instrument for COVID-19 or a bare year, and none at all when identifier terms are off', () => {
    expect(analyze('COVID-19 in 2019').filter((t) => t.startsWith('§'))).toEqual([]);
    expect(analyze('Circular 49/2017/TT-BYT', { identifierTokens: false }).filter((t) => t.startsWith('§'))).toEqual(
      [],
    );
  });

  it('analyzes with the defaults as documented', () => {
    expect(analyze('Thông tư 49/2017/TT-BYT regulates the hospitals’ telemedicine records')).toEqual([
      'thong',
      'tu',
      '49/2017/tt-byt',
      '49',
      '2017',
      'tt',
      'byt',
      'regul',
      'hospit',
      'telemedicin',
      'record',
      '§circular:49',
    ]);
  });

  it('gives the same terms on a second analysis, once tokens are remembered', () => {
    const analyzer = new Analyzer(DEFAULT_ANALYZER_OPTIONS);
    const text = 'The hospitals keep records of COVID-19 under Circular 49/2017/TT-BYT';
    const first = analyzer.analyze(text);
    expect(analyzer.analyze(text)).toEqual(first);
    expect(analyzer.analyze(text.toUpperCase())).toEqual(first);
  });
});

describe('Analyzer.analyzeToNumbers', () => {
  it('numbers terms in order of first sight and appends their numbers', () => {
    const analyzer = new Analyzer(BARE);
    const out: number[] = [];
    analyzer.analyzeToNumbers('beta alpha beta', out);
    analyzer.analyzeToNumbers('gamma alpha', out);
    expect(out).toEqual([0, 1, 0, 2, 1]);
    expect(analyzer.termCount).toBe(3);
    expect([0, 1, 2].map((n) => analyzer.term(n))).toEqual(['beta', 'alpha', 'gamma']);
  });

  it('gives tokens that stem alike and compounds one number each, and stop words none', () => {
    const analyzer = new Analyzer({ ...DEFAULT_ANALYZER_OPTIONS, identifierTokens: false });
    const out: number[] = [];
    analyzer.analyzeToNumbers('records the recording record covid-19 covid-19', out);
    expect(out.map((n) => analyzer.term(n))).toEqual([
      'record',
      'record',
      'record',
      'covid-19',
      'covid',
      '19',
      'covid-19',
      'covid',
      '19',
    ]);
    expect(analyzer.termCount).toBe(4);
  });

  it('agrees with analyze', () => {
    const analyzer = new Analyzer(DEFAULT_ANALYZER_OPTIONS);
    const text = 'Quyết định 5316/QĐ-BYT approves the digital transformation of health care';
    const out: number[] = [];
    analyzer.analyzeToNumbers(text, out);
    expect(out.map((n) => analyzer.term(n))).toEqual(new Analyzer(DEFAULT_ANALYZER_OPTIONS).analyze(text));
  });
});
