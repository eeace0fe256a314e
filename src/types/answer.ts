import type { Chunk } from './document.ts';
import type { Identifier } from './identifier.ts';
import type { SourceMetadata, StatusNote } from './source.ts';

/**
 * How a passage relates to the instruments the question names:
 * - `named`: it mentions an instrument the question names;
 * - `near-miss`: it names only other instruments of a kind the question names (Circular 46
 *   for a question on Circular 49), the likeliest wrong answer;
 * - `related`: anything else (the question names no instrument, or this passage none).
 */
export type ResultRelation = 'named' | 'related' | 'near-miss';

/** A query term with its weight (the index's inverse document frequency), for quotes and confidence. */
export interface WeightedTerm {
  /** An analyzed term, as `LexicalSearcher.analyze` returns it. */
  term: string;
  weight: number;
}

/**
 * The kind of answer a question asks for, read from its wording (English and Vietnamese):
 * obligations ("require", "must", "quy định gì"), targets ("goals", "mục tiêu"), dates
 * ("when", "hiệu lực"), deadlines ("deadline", "by when", "thời hạn": a date something must be
 * done by), numbers ("how many", "bao nhiêu"), agencies ("who"), lists ("which technologies",
 * "những … nào", "gồm những gì"), an instrument's status ("still in force?", "còn hiệu lực
 * không": in force, outdated, replaced).
 */
export type QuestionIntent =
  | 'obligation'
  | 'target'
  | 'date'
  | 'deadline'
  | 'number'
  | 'agency'
  | 'list'
  | 'status'
  | 'obstacle';

/** One ranked passage returned by retrieval. Higher score is better. */
export interface SearchResult {
  rank: number;
  score: number;
  chunk: Chunk;
  /** Keys of query identifiers this passage mentions. */
  matchedIdentifiers: string[];
  /**
   * Labels of the instruments a near miss names instead (Circular 46 for a question on
   * Circular 49): set only when the passage names none the question asked about but names
   * others of the same kind.
   */
  otherIdentifiers: string[];
  /** Folded query terms found in the passage (for emphasis). */
  matchedTerms: string[];
  /** How the passage relates to the instruments the question names (see ResultRelation). */
  relation: ResultRelation;
  /** The source document's metadata (publisher, date, url, kind, status …), when it has any. */
  source?: SourceMetadata;
  /** Status warnings about instruments this passage names (at most a few). */
  statusNotes?: StatusNote[];
}

/** The retrieval answer to one question. */
export interface Answer {
  query: string;
  mode: 'hybrid' | 'lexical';
  /** Identifiers named in the query. */
  identifiers: Identifier[];
  /** Labels of query identifiers that no indexed document mentions. */
  notFound: string[];
  results: SearchResult[];
  /** Things the reader should know, e.g. that semantic search is off. */
  warnings: string[];
  /** The question's analyzed terms weighted by rarity, heaviest first (quotes are chosen by them). */
  terms: WeightedTerm[];
  /** The kinds of answer the question asks for (may be empty). */
  intents: QuestionIntent[];
  /**
   * True when no passage clearly answers: no named instrument was found and the best passages
   * cover little of the question's weight. The answer then opens with "No passage clearly
   * answers this. Closest passages:".
   */
  weak: boolean;
  /**
   * Optional model scores for quote choice: chunk id → one score in [0, 1] per sentence of the
   * passage (see present/quote-layers.ts). Absent when no embedding model or reranker is loaded.
   */
  sentenceScores?: ReadonlyMap<string, readonly number[]>;
}
