import type { LexicalSearcher } from '../store/types.ts';
import type { Chunk } from '../types.ts';

/**
 * A result's analyzed terms: those of its headings (title, section path) and its text's, in
 * text order. Only the terms asked for are spelled out; any other term of the text is '' (a
 * position kept, so windows over the text keep their width).
 */
export interface ResultTerms {
  heading: ReadonlySet<string>;
  body: readonly string[];
}

/** The ids of those of `terms` that the index knows. */
export function termIdsOf(lexical: LexicalSearcher, terms: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const term of terms) {
    const id = lexical.termId(term);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/**
 * The `wanted` analyzed terms of a result's chunks (neighbours merged into one result), read
 * from the index's stored term lists: no passage text is analyzed again, and only wanted ids
 * are spelled out. The chunks' texts follow one another in the order they stand in the document.
 */
export function readResultTerms(
  lexical: LexicalSearcher,
  chunks: readonly Chunk[],
  docs: readonly number[],
  wanted: ReadonlySet<number>,
): ResultTerms {
  const heading = new Set<string>();
  const body: string[] = [];
  const inTextOrder = [...docs].sort((a, b) => (chunks[a]?.charStart ?? 0) - (chunks[b]?.charStart ?? 0));
  for (const doc of inTextOrder) {
    const { ids, ends } = lexical.passageTerms(doc);
    // The body is the last field: the chunk's text.
    const start = ends[ends.length - 2] ?? 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const term = wanted.has(id) ? lexical.termText(id) : '';
      if (i >= start) body.push(term);
      else if (term) heading.add(term);
    }
  }
  return { heading, body };
}
