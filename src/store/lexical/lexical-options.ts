import { z } from 'zod';
import { PolicybotError } from '../../errors.ts';
import { type AnalyzerOptions, DEFAULT_ANALYZER_OPTIONS } from './analyzer-options.ts';

/** The fields of a lexical document, in storage order. */
export const LEXICAL_FIELDS = ['title', 'section', 'body'] as const;

/** One of {@link LEXICAL_FIELDS}. */
export type LexicalField = (typeof LEXICAL_FIELDS)[number];

/** What the lexical index is built from: one entry per chunk, in chunk order. */
export interface LexicalInput {
  title: string;
  /** The section path as one string: headings joined with " › " (see {@link lexicalInput}). */
  section: string;
  text: string;
}

/** A chunk's lexical fields: its document title, section path and text. */
export function lexicalInput(chunk: { title: string; section: readonly string[]; text: string }): LexicalInput {
  return { title: chunk.title, section: chunk.section.join(' › '), text: chunk.text };
}

/** BM25F scoring parameters; unlike the analyzer settings they can change without a rebuild. */
export interface ScoringOptions {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation, applied per field against that field's mean length. */
  b: number;
  /** How much one occurrence in each field counts, relative to one in the body. */
  fieldWeights: Record<LexicalField, number>;
}

/**
 * Query-time refinements of the BM25F ranking, applied by retrieve/lexical-ranking.ts. Like
 * the scoring parameters they are stored with the index (an index keeps the settings it was
 * built with until the next ingest) and `withScoring` changes them without a rebuild.
 */
export interface RefinementOptions {
  /** RM3 pseudo-relevance feedback: top passages read for expansion terms (0 turns it off). */
  feedbackDocs: number;
  /** Expansion terms added to the query. */
  feedbackTerms: number;
  /**
   * Words found in more than this share of all passages are never added: they cannot tell
   * passages apart, and each costs a scan of a posting list that long.
   */
  feedbackMaxDocShare: number;
  /** Share of the expanded query's weight (count × idf) kept by the words the user typed, in (0, 1]. */
  feedbackQueryWeight: number;
  /** Weight of the term-pair proximity bonus relative to one query term's idf (0 turns it off). */
  proximityWeight: number;
  /** Two query terms count as near when at most this many terms apart (1: adjacent). */
  proximityWindow: number;
  /** Top passages rescored with the proximity bonus (and the intent bonus). */
  proximityDepth: number;
  /** Weight of the exact-diacritics bonus for Vietnamese questions typed with accents (0 turns it off). */
  accentWeight: number;
  /** Share of the best score added to an article of the type the question asks for (0 turns it off). */
  intentWeight: number;
  /**
   * Weight, per edit, of the known words a misspelt query word is expanded to (0 turns it
   * off; see retrieve/typo-terms.ts): 0.7 gives a one-edit correction 0.7 of a typed word.
   */
  typoWeight: number;
  /**
   * Share of the best score a passage gains when one of its sentences carries the kind of
   * answer the question asks for and holds all its words, less with the cube of the share it
   * holds (0 turns it off; retrieve/answer-cues.ts).
   */
  answerCueWeight: number;
  /**
   * Share of the best score a passage gains, for a deadline question ("deadline", "by when",
   * "thời hạn"), when one of its sentences states a date to be met ("by 2028", "no later than
   * 1 January 2026", "đến năm 2030") and covers the question's topic, as much of it as the
   * passage holds but at least half of it; the same for a status question ("still in force?")
   * and a sentence stating a status ("is outdated") (0 turns both off; retrieve/answer-cues.ts).
   */
  deadlineWeight: number;
}

/** Everything that decides what the lexical index returns. */
export type LexicalOptions = AnalyzerOptions & ScoringOptions & RefinementOptions;

/**
 * Defaults tuned on the BEIR dev/train splits (SciFact train, NFCorpus dev, ObliQA dev; the
 * eval issue's note has the sweeps): k1 0.9 and b 0.5 beat the usual 1.2 / 0.75 on average;
 * a title word counts two body occurrences and a section-heading word 1.5. RM3 feedback from
 * the top 5 passages (10 terms found in at most a tenth of the passages, the typed words
 * keeping 0.9 of the weight) helps NFCorpus most; the adjacency bonus helps the regulatory
 * set, where questions quote multi-word terms. Feedback and proximity settings within noise
 * of each other on the mean were decided by the regulatory set, the closest to our users;
 * the term cap keeps 100k-passage searches within the latency budget.
 */
export const DEFAULT_LEXICAL_OPTIONS: Readonly<LexicalOptions> = {
  ...DEFAULT_ANALYZER_OPTIONS,
  k1: 0.9,
  b: 0.5,
  fieldWeights: { title: 2.0, section: 1.5, body: 1.0 },
  feedbackDocs: 5,
  feedbackTerms: 10,
  feedbackMaxDocShare: 0.1,
  feedbackQueryWeight: 0.9,
  proximityWeight: 0.3,
  proximityWindow: 1,
  proximityDepth: 20,
  accentWeight: 0.2,
  intentWeight: 0.1,
  typoWeight: 0.7,
  answerCueWeight: 0.3,
  deadlineWeight: 0.3,
};

/** Validates options read from disk or config. */
export const LEXICAL_OPTIONS_SCHEMA = z
  .object({
    stemmer: z.enum(['porter2', 'porter', 'none']),
    stopWords: z.enum(['lucene', 'extended', 'none']),
    compoundTokens: z.boolean(),
    identifierTokens: z.boolean(),
    syllablePairs: z.enum(['content', 'all', 'none']).default(DEFAULT_LEXICAL_OPTIONS.syllablePairs),
    k1: z.number().nonnegative(),
    b: z.number().min(0).max(1),
    fieldWeights: z
      .object({ title: z.number().nonnegative(), section: z.number().nonnegative(), body: z.number().nonnegative() })
      .strict(),
    // Refinements came later: an index written before them reads with the defaults.
    feedbackDocs: z.number().int().min(0).max(100).default(DEFAULT_LEXICAL_OPTIONS.feedbackDocs),
    feedbackTerms: z.number().int().min(0).max(1000).default(DEFAULT_LEXICAL_OPTIONS.feedbackTerms),
    feedbackMaxDocShare: z.number().gt(0).max(1).default(DEFAULT_LEXICAL_OPTIONS.feedbackMaxDocShare),
    feedbackQueryWeight: z.number().gt(0).max(1).default(DEFAULT_LEXICAL_OPTIONS.feedbackQueryWeight),
    proximityWeight: z.number().nonnegative().default(DEFAULT_LEXICAL_OPTIONS.proximityWeight),
    proximityWindow: z.number().int().min(1).max(100).default(DEFAULT_LEXICAL_OPTIONS.proximityWindow),
    proximityDepth: z.number().int().min(0).max(10_000).default(DEFAULT_LEXICAL_OPTIONS.proximityDepth),
    accentWeight: z.number().nonnegative().default(DEFAULT_LEXICAL_OPTIONS.accentWeight),
    intentWeight: z.number().nonnegative().default(DEFAULT_LEXICAL_OPTIONS.intentWeight),
    typoWeight: z.number().min(0).max(1).default(DEFAULT_LEXICAL_OPTIONS.typoWeight),
    answerCueWeight: z.number().nonnegative().default(DEFAULT_LEXICAL_OPTIONS.answerCueWeight),
    deadlineWeight: z.number().nonnegative().default(DEFAULT_LEXICAL_OPTIONS.deadlineWeight),
  })
  // A misspelt option ("k_1") is an error, not silently the default.
  .strict();

/** `object` without its undefined entries, so spreading it over defaults keeps them. */
export function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Defaults overlaid with `options` (field weights merged one by one; an undefined value keeps
 * the default); CONFIG_INVALID for an unknown option or a value out of range.
 */
export function resolveLexicalOptions(options: Partial<LexicalOptions> = {}): LexicalOptions {
  const merged = {
    ...DEFAULT_LEXICAL_OPTIONS,
    ...definedOnly(options),
    fieldWeights: { ...DEFAULT_LEXICAL_OPTIONS.fieldWeights, ...definedOnly(options.fieldWeights ?? {}) },
  };
  const parsed = LEXICAL_OPTIONS_SCHEMA.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PolicybotError(
      'CONFIG_INVALID',
      `Invalid lexical index options (${problems}).`,
      'Fix the lexical settings.',
    );
  }
  return parsed.data;
}
