import { eng as STOPWORD_ENG } from 'stopword';

/** How text becomes terms. Indexing and querying must use the same settings. */
export interface AnalyzerOptions {
  /**
   * English stemmer for all-letter tokens: `porter2` (Snowball English, as in bm25s),
   * `porter` (the original Porter algorithm, as in Lucene's and Pyserini's default) or `none`.
   */
  stemmer: 'porter2' | 'porter' | 'none';
  /**
   * English stop words to drop: `lucene` (Lucene's 33-word English set, Pyserini's default),
   * `extended` (the 108 words of the `stopword` package's English list) or `none`.
   */
  stopWords: 'lucene' | 'extended' | 'none';
  /** Keep `49/2017/tt-byt` or `covid-19` whole as well as split into its parts. */
  compoundTokens: boolean;
  /** Append one `§kind:number` term per legal instrument the text names (see extractIdentifiers). */
  identifierTokens: boolean;
  /**
   * Vietnamese text's terms for adjacent syllables ("tai san"): `content` (none with a digit;
   * see syllable-pairs.ts), `all`, or `none`.
   */
  syllablePairs: 'content' | 'all' | 'none';
}

/** Provisional defaults; the evaluation measures each switch. */
export const DEFAULT_ANALYZER_OPTIONS: Readonly<AnalyzerOptions> = {
  stemmer: 'porter2',
  stopWords: 'extended',
  compoundTokens: true,
  identifierTokens: true,
  syllablePairs: 'content',
};

/** Prefix of synthetic identifier terms; no tokenised word can contain it. */
export const IDENTIFIER_TERM_PREFIX = '§';

/** Lucene's EnglishAnalyzer stop set (ENGLISH_STOP_WORDS_SET), 33 words. */
const LUCENE_STOP_WORDS = (
  'a an and are as at be but by for if in into is it no not of on or such that the their then ' +
  'there these they this to was will with'
).split(' ');

/** The stop-word set for each `stopWords` setting. */
export const STOP_SETS: Record<AnalyzerOptions['stopWords'], ReadonlySet<string>> = {
  lucene: new Set(LUCENE_STOP_WORDS),
  extended: new Set(STOPWORD_ENG),
  none: new Set(),
};
