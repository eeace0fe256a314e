import { z } from 'zod';
import { PolicybotError } from '../../errors.ts';
import { DEFAULT_ANALYZER_OPTIONS, type AnalyzerOptions } from './analyzer-options.ts';

/** The fields of a lexical document, in storage order. */
export const LEXICAL_FIELDS = ['title', 'section', 'body'] as const;

/** One of {@link LEXICAL_FIELDS}. */
export type LexicalField = (typeof LEXICAL_FIELDS)[number];

/** What the lexical index is built from: one entry per chunk, in chunk order. */
export interface LexicalInput {
  title: string;
  /** The section path as one string, e.g. headings joined with " > ". */
  section: string;
  text: string;
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

/** Everything that decides what the lexical index returns. */
export type LexicalOptions = AnalyzerOptions & ScoringOptions;

/**
 * Provisional defaults, to be tuned on BEIR dev/train splits: k1 = 1.2 and b = 0.75 are the
 * usual BM25 values; a section heading names what its passage is about, so a word there
 * counts 1.5 body occurrences; the document title is shared by every chunk of a file and
 * so tells chunks of one file apart not at all, hence no more weight than the body.
 */
export const DEFAULT_LEXICAL_OPTIONS: Readonly<LexicalOptions> = {
  ...DEFAULT_ANALYZER_OPTIONS,
  k1: 0.9,
  b: 0.5,
  fieldWeights: { title: 2.0, section: 1.5, body: 1.0 },
};

/** Validates options read from disk or config. */
export const LEXICAL_OPTIONS_SCHEMA = z.object({
  stemmer: z.enum(['porter2', 'porter', 'none']),
  stopWords: z.enum(['lucene', 'extended', 'none']),
  compoundTokens: z.boolean(),
  identifierTokens: z.boolean(),
  k1: z.number().nonnegative(),
  b: z.number().min(0).max(1),
  fieldWeights: z.object({ title: z.number().nonnegative(), section: z.number().nonnegative(), body: z.number().nonnegative() }),
});

/** Defaults overlaid with `options` (field weights merged one by one); CONFIG_INVALID if out of range. */
export function resolveLexicalOptions(options: Partial<LexicalOptions> = {}): LexicalOptions {
  const merged = {
    ...DEFAULT_LEXICAL_OPTIONS,
    ...options,
    fieldWeights: { ...DEFAULT_LEXICAL_OPTIONS.fieldWeights, ...options.fieldWeights },
  };
  const parsed = LEXICAL_OPTIONS_SCHEMA.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PolicybotError('CONFIG_INVALID', `Invalid lexical index options (${problems}).`, 'Fix the lexical settings.');
  }
  return parsed.data;
}
