import type { LoadedIndex } from '../store/types.ts';
import type { Chunk } from '../types.ts';
import { identifierTable } from './identifier-lookup.ts';

/** Something a user can cite: a legal instrument named in the corpus, or a whole document. */
export interface Reference {
  kind: 'identifier' | 'document';
  /** Identifier key (`circular:49`) or the document's file path. */
  key: string;
  label: string;
  /** The file that defines it (identifiers: where its defining passage is). */
  file: string;
  title: string;
}

/**
 * Every identifier and document in the index, identifiers first, each once. The label of an
 * identifier is its most specific form seen (with year and issuer when any passage gives them).
 */
export function listReferences(index: LoadedIndex): Reference[] {
  const refs: Reference[] = [];
  for (const [key, mentions] of identifierTable(index)) {
    const best = [...mentions].sort((a, b) => specificity(b.identifier) - specificity(a.identifier))[0];
    const defining = findDefiningPassage(index, key);
    if (!best || !defining) continue;
    refs.push({ kind: 'identifier', key, label: best.identifier.label, file: defining.file, title: defining.title });
  }
  refs.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const seen = new Set<string>();
  for (const chunk of index.chunks) {
    if (seen.has(chunk.file)) continue;
    seen.add(chunk.file);
    refs.push({ kind: 'document', key: chunk.file, label: chunk.title, file: chunk.file, title: chunk.title });
  }
  return refs;
}

/**
 * The passage that best defines a reference: for an identifier, the first chunk of a section
 * whose heading names it, else the first chunk that mentions it; for a document, its first chunk.
 */
export function findDefiningPassage(index: LoadedIndex, key: string): Chunk | null {
  const mentions = identifierTable(index).get(key);
  if (mentions && mentions.length > 0) {
    const about = mentions.find((m) => m.inHeading) ?? mentions[0];
    return about ? (index.chunks[about.doc] ?? null) : null;
  }
  return index.chunks.find((c) => c.file === key) ?? null;
}

function specificity(id: { year?: number; issuer?: string }): number {
  return (id.year ? 1 : 0) + (id.issuer ? 1 : 0);
}
