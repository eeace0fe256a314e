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
  | 'plan';

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
   * Model tokens in the text as embedded (prefix included), measured with the tokenizer; in a
   * lexical-only index without one, the typical estimate (not necessarily a whole number).
   */
  tokens: number;
}

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
}
