import type { Chunk, SourceMetadata } from '../types.ts';

/** Separator between levels of a section path, as shown to readers. */
export const SECTION_SEPARATOR = ' › ';

/** The section path below the document title (a first heading that repeats the title is left out). */
export function sectionPath(chunk: Pick<Chunk, 'title' | 'section'>): string[] {
  return chunk.section[0] === chunk.title ? chunk.section.slice(1) : chunk.section;
}

/** `Title › Section › Sub` — the document title followed by the section path. */
export function formatLocation(chunk: Pick<Chunk, 'title' | 'section'>): string {
  return [chunk.title, ...sectionPath(chunk)].join(SECTION_SEPARATOR);
}

/** `corpus/file.pdf (p. 3)` — where to check the quote. */
export function formatSource(chunk: Pick<Chunk, 'file' | 'page'>): string {
  return chunk.page === null ? chunk.file : `${chunk.file} (p. ${chunk.page})`;
}

/**
 * `[n] Document title › section path — corpus/file (p. X)`: the citation under every quote,
 * followed by ` · publisher, date · commentary` when the source's metadata says so.
 */
export function formatCitation(
  rank: number,
  chunk: Pick<Chunk, 'title' | 'section' | 'file' | 'page'>,
  source?: SourceMetadata,
): string {
  const details = formatSourceDetails(source);
  return `[${rank}] ${formatLocation(chunk)} — ${formatSource(chunk)}${details ? ` · ${details}` : ''}`;
}

/**
 * What the citation line adds about a source: publisher, issue date, and a label for
 * commentary, translations and any status but "in force" ("MOH, 2023-04-17 · commentary").
 * Null when the source has none of these.
 */
export function formatSourceDetails(source: SourceMetadata | undefined): string | null {
  if (!source) return null;
  const who = [source.publisher, source.date].filter(Boolean).join(', ');
  const labels = [
    source.kind && source.kind !== 'instrument' ? source.kind : null,
    source.status && source.status !== 'in force' ? source.status : null,
  ];
  const parts = [who, ...labels].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : null;
}
