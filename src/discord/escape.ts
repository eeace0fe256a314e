import type { Span } from '../types.ts';

/**
 * Makes corpus or user text inert in a Discord message: markdown (bold, italics, code, spoilers,
 * strikethrough, quotes, headings, lists, masked links), mentions (@everyone, @here, <@id>,
 * <@&role>, <#channel>), custom emoji and timestamps all show as typed and do nothing.
 * `allowed_mentions` is empty on every message as well; this also keeps text from *looking*
 * like a ping or a link.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/([\\*_~`|>\[\]()#-])/g, '\\$1')
    .replace(/<(?=[@#:a!t/])/g, '<\u200b')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Escapes `text` and bolds the given spans (sorted, non-overlapping, indices into `text`). */
export function escapeWithEmphasis(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += escapeDiscord(text.slice(at, s.start)) + `**${escapeDiscord(text.slice(s.start, s.end))}**`;
    at = s.end;
  }
  return out + escapeDiscord(text.slice(at));
}

/**
 * Shortens plain text to at most `max` characters at a word boundary, with an ellipsis;
 * never cuts inside a word (or a `\` escape, when used on escaped text).
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  let cut = text.lastIndexOf(' ', room);
  if (cut < room * 0.5) cut = room;
  while (cut > 0 && text[cut - 1] === '\\') cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
