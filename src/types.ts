/**
 * Shared data shapes. Data flows one way:
 * ingest → embed → store → retrieve → present → discord | cli.
 * Every character offset in this file is a UTF-16 code-unit index into `ParsedDocument.text`,
 * so `text.slice(charStart, charEnd)` gives back the exact source span.
 */

/** A half-open span `[start, end)` into a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A structural block found by a parser: a heading or a run of body text. */
export interface Block extends Span {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table';
  /** Heading level, 1 = top. Only set for headings. */
  level?: number;
}

/** The page a range of text came from (PDF only), 1-based. */
export interface PageSpan extends Span {
  page: number;
}

/** A parsed source file: its text, its structure and where its pages fall. */
export interface ParsedDocument {
  /** Display path of the source, posix separators, e.g. `corpus/report.pdf`. */
  file: string;
  title: string;
  /** The text every span refers to (for .txt/.md: the file's text as read). */
  text: string;
  blocks: Block[];
  /** Set for paginated formats (PDF); empty otherwise. */
  pages: PageSpan[];
  /** Front matter or document properties (title, publisher, date, …). */
  metadata: Record<string, string>;
  /** The validated source fields of `metadata` (front matter merged with a `.meta.yaml` sidecar). */
  source?: SourceMetadata;
}

/** What a source is: the legal text itself, a translation of it, or someone's account of it. */
export type SourceKind = 'instrument' | 'translation' | 'commentary';

/** Legal status of an instrument, as its metadata states it. */
export type SourceStatus = 'in force' | 'amended' | 'replaced' | 'repealed' | 'draft' | 'outdated';

/**
 * Who published a source, when, where to read it and its status: from the file's front matter
 * (md/txt) or its sidecar `<file>.meta.yaml`. Every field is optional; none is ever guessed.
 */
export interface SourceMetadata {
  title?: string;
  /** Where to read the original (http or https). */
  url?: string;
  publisher?: string;
  /** Issued: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date?: string;
  /** In force from, same forms as `date`. */
  effective?: string;
  kind?: SourceKind;
  /** BCP 47 language tag, e.g. `en`, `vi`. */
  language?: string;
  status?: SourceStatus;
  /** The instrument that replaced this one, e.g. `Decree 13/2023/ND-CP`. */
  replaced_by?: string;
  amended_by?: string;
}

/**
 * A warning that an instrument a passage names is replaced, repealed, amended or outdated,
 * with where that is said: a document's metadata, or a sentence in the corpus (quoted verbatim).
 */
export interface StatusNote {
  /** The instrument, e.g. `Circular 46/2018/TT-BYT`. */
  instrument: string;
  status: 'amended' | 'replaced' | 'repealed' | 'outdated';
  origin: 'metadata' | 'corpus';
  /** The replacing or amending instrument, when stated. */
  by?: string;
  /** For `corpus`: the sentence verbatim. */
  sentence?: string;
  /** Where to check it: the document (and for `corpus`, the passage and character span). */
  file: string;
  title: string;
  section: string[];
  page: number | null;
  chunkId?: string;
  charStart?: number;
  charEnd?: number;
}

/** Kinds of legal instrument a policy document names. */
export type IdentifierKind =
  | 'circular'
  | 'decision'
  | 'decree'
  | 'law'
  | 'resolution'
  | 'directive'
  | 'official-letter'
  | 'plan'
  | 'consolidated-text';

/** A normalised reference to a legal instrument, e.g. Circular 49/2017/TT-BYT. */
export interface Identifier {
  /** Canonical key used for matching: `${kind}:${number}`, number without leading zeros. */
  key: string;
  kind: IdentifierKind;
  number: string;
  year?: number;
  /** Issuing-body code, folded and upper-cased, e.g. `TT-BYT`, `QD-TTG`, `ND-CP`. */
  issuer?: string;
  /** Human label, e.g. `Circular 49/2017/TT-BYT` or `Decision 5316/QD-BYT`. */
  label: string;
  /**
   * The number as the source writes it, when it is written as a code: `49/2017/TT-BYT`,
   * `06/2022/QD-TTg`, `5316/QĐ-BYT` (leading zeros, case and diacritics kept). Absent for a
   * worded reference ("Circular No. 49, 2017"). For display only; match on `key`.
   */
  official?: string;
}

/** A retrievable passage with everything a citation needs. */
export interface Chunk {
  /** Stable across rebuilds while the file's text and the chunking settings are unchanged. */
  id: string;
  file: string;
  title: string;
  /** Heading path from the top, e.g. ['Policies & Strategies', 'Circular No. 49, 2017 - …']. */
  section: string[];
  /** Exactly `document.text.slice(charStart, charEnd)`. */
  text: string;
  charStart: number;
  charEnd: number;
  /** PDF page where the chunk starts (1-based), or null for unpaginated formats. */
  page: number | null;
  /** Identifiers the chunk (or its section heading) mentions. */
  identifiers: Identifier[];
  /**
   * Set (true) when the passage is page furniture, not prose: a banner, navigation, captions,
   * a table of contents (see ingest/boilerplate.ts). Searchable, but ranked below prose.
   */
  boilerplate?: true;
  /**
   * Model tokens in the text as embedded (prefix included), measured with the tokenizer; in a
   * lexical-only index without one, the typical estimate (not necessarily a whole number).
   */
  tokens: number;
}

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
 * ("when", "deadline", "hiệu lực"), numbers ("how many", "bao nhiêu"), agencies ("who").
 */
export type QuestionIntent = 'obligation' | 'target' | 'date' | 'number' | 'agency';

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
