import type { Chunk } from '../types.ts';

/** Separator between levels of a section path, as shown to readers. */
export const SECTION_SEPARATOR = ' › ';

/** `Title › Section › Sub` — the document title followed by the section path. */
export function formatLocation(chunk: Pick<Chunk, 'title' | 'section'>): string {
  return [chunk.title, ...chunk.section].join(SECTION_SEPARATOR);
}

/** `corpus/file.pdf (p. 3)` — where to check the quote. */
export function formatSource(chunk: Pick<Chunk, 'file' | 'page'>): string {
  return chunk.page === null ? chunk.file : `${chunk.file} (p. ${chunk.page})`;
}

/** `[n] Document title › section path — corpus/file (p. X)`: the citation under every quote. */
export function formatCitation(rank: number, chunk: Pick<Chunk, 'title' | 'section' | 'file' | 'page'>): string {
  return `[${rank}] ${formatLocation(chunk)} — ${formatSource(chunk)}`;
}
