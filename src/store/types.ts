import type { DocumentStatement } from '../ingest/status-statements.ts';
import type { Chunk, SourceMetadata } from '../types.ts';
import type { QueryTerm } from './lexical/bm25f-scorer.ts';
import type { LexicalOptions } from './lexical/lexical-options.ts';
import type { PassageTerms } from './lexical/passage-terms.ts';
import type { PassageSentences } from './lexical/sentence-table.ts';
import type { CloseTerm } from './lexical/vocabulary.ts';

export type { CloseTerm, PassageSentences, PassageTerms, QueryTerm };

/** Bumped whenever the on-disk layout changes; a loader refuses other versions. */
export const INDEX_FORMAT_VERSION = 2;

/** A lexical hit: `doc` is the chunk's ordinal in `LoadedIndex.chunks`. Higher score is better. */
export interface LexicalHit {
  doc: number;
  score: number;
}

/** What retrieval needs from the lexical (BM25) index. */
export interface LexicalSearcher {
  readonly size: number;
  /** The analyzer, scoring and refinement settings in force. */
  readonly options: Readonly<LexicalOptions>;
  /** Top-k chunks by BM25 for a free-text query, best first. */
  search(query: string, k: number): LexicalHit[];
  /** Top-k chunks by BM25 for analyzed terms with weights, best first. */
  searchTerms(weights: ReadonlyMap<string, number>, k: number): LexicalHit[];
  /** The same for term ids with weights. */
  searchIds(terms: readonly QueryTerm[], k: number): LexicalHit[];
  /** The id of an analyzed term, undefined when no chunk contains it. */
  termId(term: string): number | undefined;
  /** Word terms within `maxEdits` edits of `term` (a misspelt query word), closest and most frequent first. */
  closeTerms(term: string, maxEdits: number): CloseTerm[];
  /** The analyzed term with id `id`. */
  termText(id: number): string;
  /** How many chunks contain the term with id `id`. */
  docFrequencyOf(id: number): number;
  /** A chunk's analyzed terms per field as ids, stored at build time (no text is read). */
  passageTerms(doc: number): PassageTerms;
  /** The same without identifier terms: the chunk's words. */
  passageWords(doc: number): PassageTerms;
  /** A chunk's text's sentences (start, end) and their answer-cue codes, stored at build time (no text is read). */
  passageSentences(doc: number): PassageSentences;
  /** The BM25 idf of an analyzed term (0 when no chunk contains it). */
  idf(term: string): number;
  /** How many chunks contain an analyzed term. */
  docFrequency(term: string): number;
  /** The analyzer's terms for a passage's text, per its language (see Analyzer), in order. */
  analyze(text: string): string[];
  /** The same without identifier terms (`§circular:49`) and syllable pairs: the text's words only. */
  analyzeWords(text: string): string[];
  /** The analyzer's terms for a question (boilerplate cut); `words` as in analyzeWords. */
  analyzeQuery(text: string, words?: boolean): string[];
}

/** A dense hit: `doc` is the chunk ordinal; `score` is cosine similarity (higher is better). */
export interface VectorHit {
  doc: number;
  score: number;
}

/** What retrieval needs from the vector (HNSW) index. */
export interface VectorSearcher {
  readonly dimensions: number;
  readonly size: number;
  /** Approximate k nearest chunks to a normalised query vector, best first. */
  search(vector: Float32Array, k: number): VectorHit[];
}

/** Per-file record in the manifest; the hash decides whether a file is re-processed. */
export interface ManifestFile {
  sha256: string;
  bytes: number;
  chunks: number;
  title: string;
  /** Hash of the `.meta.yaml` sidecar, when there is one: editing it re-processes the file. */
  sidecarSha256?: string;
  /** Validated source metadata (front matter and sidecar), when the file has any. */
  source?: SourceMetadata;
  /** Sentences in the file saying an instrument was replaced, repealed, amended or is outdated. */
  statements?: DocumentStatement[];
}

/** Describes an index on disk: what built it and from which files. */
export interface IndexManifest {
  formatVersion: number;
  /** ISO-8601 time the build finished. */
  builtAt: string;
  /** The embedding model, or null for a lexical-only index. */
  model: { id: string; dimensions: number; queryPrefix: string; passagePrefix: string } | null;
  chunking: { maxTokens: number; overlapTokens: number; tokenizer: string };
  /** Analyzer and BM25 settings the lexical index was built with. */
  lexical: Record<string, unknown>;
  files: Record<string, ManifestFile>;
  skipped: { file: string; reason: string }[];
  chunkCount: number;
}

/** An index loaded into memory, ready to search. */
export interface LoadedIndex {
  /** The folder the index was loaded from (the generation folder, not `index/`). */
  dir: string;
  manifest: IndexManifest;
  chunks: Chunk[];
  lexical: LexicalSearcher;
  /** Null when the index was built without an embedding model. */
  vectors: VectorSearcher | null;
  /**
   * Releases the generation's open files (passage texts); chunks read afterwards throw. Called
   * when a newer generation replaces this one; indexes built in memory have nothing to close.
   */
  close?: () => void;
}
