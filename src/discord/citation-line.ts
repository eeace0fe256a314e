import { hyperlink } from 'discord.js';
import { formatSourceDetails, SECTION_SEPARATOR, sectionPath } from '../present/citation.ts';
import type { Chunk, SourceMetadata } from '../types.ts';
import { escapeDiscord, truncateAtWord } from './escape.ts';

/** Longest document title, section path and publisher shown in one citation line (plain characters). */
const TITLE_CHARS = 110;
const SECTIONS_CHARS = 120;
const DETAILS_CHARS = 110;

/** The heading an answer embed shows as its title: the passage's own section, else the document. */
export function passageHeading(chunk: Pick<Chunk, 'title' | 'section'>): string {
  return sectionPath(chunk).at(-1) ?? chunk.title;
}

/**
 * One short citation line under a quote, as Discord markdown: the document title (a link to
 * its source when the front matter gives `url:`) › the sections above the embed's title
 * (page), then publisher and date when known (and "commentary", "draft"… when the metadata says so). The embed title already shows the passage's own
 * section, and the file path is in "Full passage" and /cite, so neither is repeated here.
 * A `pinpoint` ("Điều 3 khoản 1 điểm b") opens the line in bold.
 */
export function citationLine(
  chunk: Pick<Chunk, 'title' | 'section' | 'page'>,
  source: SourceMetadata | undefined,
  pinpoint?: string,
): string {
  const title = escapeDiscord(truncateAtWord(chunk.title, TITLE_CHARS));
  // A passage outside any section has the document as its embed title (linked there instead).
  const sections = sectionPath(chunk);
  const parts = sections.length === 0 ? [] : [source?.url ? hyperlink(title, safeUrl(source.url)) : title];
  const above = sections.slice(0, -1).join(SECTION_SEPARATOR);
  if (above) parts.push(escapeDiscord(truncateAtWord(above, SECTIONS_CHARS)));
  let line = parts.join(SECTION_SEPARATOR);
  // The clause or point of the article (the embed's title) the quote is in, first: what a
  // reader pastes into a report.
  if (pinpoint) line = `**${escapeDiscord(pinpoint)}**${line ? ` · ${line}` : ''}`;
  if (chunk.page !== null) line += ` (p. ${chunk.page})`;
  const details = formatSourceDetails(source);
  return [line.trim(), details && escapeDiscord(truncateAtWord(details, DETAILS_CHARS))].filter(Boolean).join(' · ');
}

/** The source address to link a document title to, made safe for a markdown link; undefined when none. */
export function sourceUrl(source: SourceMetadata | undefined): string | undefined {
  return source?.url ? safeUrl(source.url) : undefined;
}

/** A URL that cannot end a markdown link early. */
function safeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
