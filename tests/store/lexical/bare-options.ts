import type { AnalyzerOptions } from '../../../src/store/lexical/analyzer-options.ts';

/** Analyzer options with every switch off: tests of scoring and storage see the raw words. */
export const BARE: AnalyzerOptions = {
  stemmer: 'none',
  stopWords: 'none',
  compoundTokens: false,
  identifierTokens: false,
  syllablePairs: 'all',
};
