import type { Identifier } from './identifier.ts';
import type { SourceMetadata } from './source.ts';

/*
 * Parsed documents and the passages cut from them. Every character offset here is a UTF-16
 * code-unit index into `ParsedDocument.text`, so `text.slice(charStart, charEnd)` gives back
 * the exact source span.
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
