import type { APIEmbed } from 'discord.js';
import { formatLocation } from '../present/citation.ts';
import type { Chunk, SourceMetadata, Span } from '../types.ts';
import { sourceUrl } from './citation-line.ts';
import { escapeWithEmphasis, escapeWithin } from './escape.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_TITLE_MAX } from './limits.ts';

/** Messages one "Full passage" may take; a longer passage ends with a pointer to the file. */
const MESSAGES_MAX = 5;
const PIECE_MAX = EMBED_DESCRIPTION_MAX - 96;

export interface FullPassageOptions {
  /** The number the passage had in the answer. */
  rank?: number;
  /** The quoted sentences (offsets in the chunk text), shown in bold. */
  quote?: readonly Span[] | undefined;
  source?: SourceMetadata | undefined;
}

/**
 * The whole passage, escaped, with the quoted sentences in bold: one embed per message (the
 * first titled with the full location and linked to the source, the last with the file and
 * character range to check it against). Pieces end at a line or word boundary, so no cut falls
 * inside an escape or a bold pair.
 */
export function renderFullPassage(chunk: Chunk, options: FullPassageOptions = {}): APIEmbed[][] {
  const text = chunk.text;
  // Runs of blank lines (scraped pages have many) shown as one; they carry no markup.
  const render = (start: number, end: number) =>
    escapeWithEmphasis(text.slice(start, end), emphasisIn(options.quote, start, end)).replace(
      /\n[^\S\n]*(?:\n[^\S\n]*)+\n/g,
      '\n\n',
    );
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length && pieces.length < MESSAGES_MAX) {
    const end = pieceEnd(text, at, render);
    pieces.push(render(at, end));
    at = end;
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  }
  const page = chunk.page === null ? '' : ` (p. ${chunk.page})`;
  const title = `${options.rank ? `[${options.rank}] ` : ''}${escapeWithin(`${formatLocation(chunk)}${page}`, EMBED_TITLE_MAX - 6)}`;
  const rest = at < text.length ? ` · continues from character ${chunk.charStart + at} (too long for Discord)` : '';
  const footer = `${chunk.file} · characters ${chunk.charStart}–${chunk.charEnd}${rest}`;
  const url = sourceUrl(options.source);
  return pieces.map((description, i) => {
    const embed: APIEmbed = { description, color: 0x2b6cb0 };
    if (i === 0) {
      embed.title = title;
      if (url) embed.url = url;
    }
    if (i === pieces.length - 1) embed.footer = { text: footer };
    return [embed];
  });
}

/** The quoted sentences' parts of [start, end), relative to start. */
function emphasisIn(quote: readonly Span[] | undefined, start: number, end: number): Span[] {
  return (quote ?? []).flatMap((q) => {
    const s = Math.max(q.start, start);
    const e = Math.min(q.end, end);
    return e > s ? [{ start: s - start, end: e - start }] : [];
  });
}

/** Where the piece starting at `from` ends: the furthest line, else word, boundary whose rendering fits. */
function pieceEnd(text: string, from: number, render: (start: number, end: number) => string): number {
  let limit = Math.min(text.length, from + PIECE_MAX);
  for (;;) {
    if (limit >= text.length && render(from, text.length).length <= PIECE_MAX) return text.length;
    const window = text.slice(from, limit);
    const line = window.lastIndexOf('\n');
    const space = window.search(/\s\S*$/);
    const cut = from + (line > window.length / 2 ? line : space > 0 ? space : window.length);
    if (render(from, cut).length <= PIECE_MAX) return cut;
    limit = from + Math.max(1, Math.floor((cut - from) * 0.8));
  }
}
