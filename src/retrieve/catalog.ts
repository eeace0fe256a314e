import { kindNamedBy } from '../ingest/identifier-patterns.ts';
import { extractIdentifiers, officialLabel } from '../ingest/identifiers.ts';
import { foldText } from '../lib/text.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Chunk, IdentifierKind } from '../types.ts';
import { findMentions, identifierTable } from './identifier-lookup.ts';

/** Something a user can cite: a legal instrument named in the corpus, or a whole document. */
export interface Reference {
  kind: 'identifier' | 'document';
  /** For an identifier, the instrument kind (`circular`, `decision`, …). */
  instrument?: IdentifierKind;
  /**
   * The label as the corpus writes the number when it writes it as a code ("Decision
   * 06/2022/QD-TTg"); the label otherwise. For display; match on `key`.
   */
  display: string;
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
    const official = mentions.find((m) => m.identifier.official)?.identifier.official;
    const { label, kind } = best.identifier;
    const display = officialLabel(official ? { label, official } : { label });
    refs.push({
      kind: 'identifier',
      instrument: kind,
      key,
      label,
      display,
      file: defining.file,
      title: defining.title,
    });
  }
  refs.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const seen = new Set<string>();
  for (const chunk of index.chunks) {
    if (seen.has(chunk.file)) continue;
    seen.add(chunk.file);
    refs.push({
      kind: 'document',
      key: chunk.file,
      label: chunk.title,
      display: chunk.title,
      file: chunk.file,
      title: chunk.title,
    });
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

/**
 * The references typed text names, best first, read the way a question is: an exact key;
 * the instruments it names ("Circular 49", "Thông tư 49", "49/2017/TT-BYT", "QĐ 5316" with
 * year and issuer checked); a label or title equal to it once case and diacritics are
 * folded; every instrument of a kind named alone ("quyet dinh", "circulars"); else labels
 * and titles that start with it, then contain it. Empty when nothing matches.
 */
export function resolveReferences(
  index: LoadedIndex,
  typed: string,
  refs: readonly Reference[] = listReferences(index),
): Reference[] {
  const exact = refs.filter((r) => r.key === typed);
  if (exact.length > 0) return exact;
  const table = identifierTable(index);
  const named = extractIdentifiers(typed).flatMap((id) =>
    findMentions(table, id).length > 0 ? refs.filter((r) => r.kind === 'identifier' && r.key === id.key) : [],
  );
  if (named.length > 0) return [...new Set(named)];
  const q = foldText(typed).replace(/\s+/g, ' ').trim();
  if (!q) return [];
  const labels = (r: Reference) => [foldText(r.label), foldText(r.display)];
  const equal = refs.filter((r) => labels(r).includes(q));
  if (equal.length > 0) return equal;
  const kind = kindNamedBy(q);
  if (kind) return refs.filter((r) => r.instrument === kind);
  const starts = refs.filter((r) => labels(r).some((l) => l.startsWith(q)));
  return starts.length > 0 ? starts : refs.filter((r) => labels(r).some((l) => l.includes(q)));
}
