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
  for (const doc of _inTextOrder(chunks, docs)) {
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

/**
 * The distinct terms of `queryIds` that a result's chunks hold in their text, in the order
 * they first appear there: {@link readResultTerms}'s body filtered to those terms, without
 * spelling the body out.
 */
export function readMatchedTerms(
  lexical: LexicalSearcher,
  chunks: readonly Chunk[],
  docs: readonly number[],
  queryIds: ReadonlySet<number>,
): string[] {
  const seen = new Set<number>();
  const matched: string[] = [];
  for (const doc of _inTextOrder(chunks, docs)) {
    const { ids, ends } = lexical.passageTerms(doc);
    for (let i = ends[ends.length - 2] ?? 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!queryIds.has(id) || seen.has(id)) continue;
      seen.add(id);
      matched.push(lexical.termText(id));
    }
  }
  return matched;
}

/** A result's chunk ordinals in the order their texts stand in the document. */
function _inTextOrder(chunks: readonly Chunk[], docs: readonly number[]): readonly number[] {
  if (docs.length < 2) return docs;
  return [...docs].sort((a, b) => (chunks[a]?.charStart ?? 0) - (chunks[b]?.charStart ?? 0));
}
