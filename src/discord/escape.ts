import { bold, escapeMarkdown } from 'discord.js';
import type { Span } from '../types.ts';

/**
 * Makes corpus or user text inert in a Discord message. discord.js's `escapeMarkdown` escapes
 * what Discord would format (bold, italics, underline, code, spoilers, strikethrough, and at a
 * line start headings and lists), and leaves URLs and plain `-`, `(`, `#` alone, so the
 * 6000-character budget goes to text. On top of it, what discord.js leaves live: masked links
 * (every bracket is escaped: its own rule misses a second link on a line), block quotes and
 * `-#` subtext at a line start, mentions (@everyone, @here, <@id>, <@&role>, <#channel>),
 * custom emoji and timestamps, which show as typed. `allowed_mentions` is empty on every
 * message as well; this also keeps text from *looking* like a ping or a link.
 */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/g, '\\$&')
    .replace(/^(\s*)(>|-#)/gm, '$1\\$2')
    .replace(/<(?=[@#:a!t/])/g, '<\u200b')
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Escapes `text` and bolds the given spans (sorted, non-overlapping, indices into `text`). */
export function escapeWithEmphasis(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= s.start || s.start < at) continue;
    out += escapeDiscord(text.slice(at, s.start)) + boldLines(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + escapeDiscord(text.slice(at));
}

/** Bold that survives line breaks: each non-blank line is wrapped on its own. */
function boldLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const lead = /^\s*/.exec(line)?.[0] ?? '';
      const trail = /\s*$/.exec(line.slice(lead.length))?.[0] ?? '';
      const core = line.slice(lead.length, line.length - trail.length);
      return core ? `${lead}${bold(escapeDiscord(core))}${trail}` : line;
    })
    .join('\n');
}

/**
 * Shortens plain (unescaped) text to at most `max` characters at a word boundary, with an
 * ellipsis; never cuts inside a word. Escape after cutting, or use `escapeWithin`.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  let cut = text.lastIndexOf(' ', room);
  if (cut < room * 0.5) cut = room;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * `render(text)` (an escaping function) of the longest word-boundary prefix of plain `text`
 * whose rendering fits in `max` characters. Cutting before escaping means no cut can fall
 * inside an escape sequence, a bold pair or a link.
 */
export function escapeWithin(text: string, max: number, render: (plain: string) => string = escapeDiscord): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  let room = Math.min(text.length, max);
  for (;;) {
    const cut = truncateAtWord(text, room);
    const rendered = render(cut);
    if (rendered.length <= max || room <= 1) return rendered.length <= max ? rendered : '…';
    room = Math.max(1, Math.min(room - 1, Math.floor((room * max) / rendered.length)));
  }
}

/**
 * Joins rendered lines with newlines, keeping only whole lines within `max` characters; when
 * some are left out, the last line says how many ("…and 3 more.").
 */
export function joinLinesWithin(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const tail = left > 0 ? `\n…and ${left + 1} more.`.length : 0;
    if (length + line.length + 1 + tail > max) {
      kept.push(`…and ${lines.length - i} more.`);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}
