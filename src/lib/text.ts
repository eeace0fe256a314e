import type { Span } from '../types.ts';

const COMBINING_MARKS = /\p{M}+/gu;
/** The combining marks of Latin text (U+0300–U+036F), the only marks below U+0370. */
const LATIN_MARKS = /[\u0300-\u036f]+/g;
/** A character from U+0370 on, bar punctuation and currency signs (U+2000–U+20CF): only then can another mark occur. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: code-point ranges, not characters with marks
const BEYOND_LATIN_MARKS = /[\u0370-\u1fff\u20d0-\uffff]/;

/**
 * Case- and diacritic-folds text for matching: "Quyết định" → "quyet dinh", "QĐ" → "qd".
 * Vietnamese đ/Đ is a separate letter, not a combining mark, so it is mapped explicitly.
 * Folding can change length (e.g. "ﬁ" → "fi"), so never use folded offsets on the source.
 */
export function foldText(text: string): string {
  const decomposed = text.normalize('NFKD');
  // The Unicode-property regex is several times slower than a range: English and Vietnamese
  // text (every indexed passage, every query) takes the range, with the same result.
  const bare = BEYOND_LATIN_MARKS.test(decomposed)
    ? decomposed.replace(COMBINING_MARKS, '')
    : decomposed.replace(LATIN_MARKS, '');
  return bare.replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Folds of single non-ASCII characters already seen (bounded: hostile text may hold many). */
const ALIGNED_FOLDS = new Map<string, string>();
const ALIGNED_FOLDS_MAX = 4096;

/**
 * Folds one character at a time so that position i of the result corresponds to position i
 * of the input (each character folds to exactly one character, or stays as it is).
 * Used where folded matches must be mapped back to source offsets. ASCII runs are lower-cased
 * whole and other characters folded once each, so a long document costs one pass, not a
 * Unicode normalisation per character.
 */
export function foldTextAligned(text: string): string {
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    if (i > run) parts.push(text.slice(run, i).toLowerCase());
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    parts.push(foldAligned(ch));
    i += ch.length;
    run = i;
  }
  if (run < text.length) parts.push(text.slice(run).toLowerCase());
  return parts.join('');
}

function foldAligned(ch: string): string {
  const known = ALIGNED_FOLDS.get(ch);
  if (known !== undefined) return known;
  const folded = foldText(ch);
  const lower = ch.toLowerCase();
  const out = folded.length === ch.length ? folded : lower.length === ch.length ? lower : ch;
  if (ALIGNED_FOLDS.size < ALIGNED_FOLDS_MAX) ALIGNED_FOLDS.set(ch, out);
  return out;
}

export { splitSentences } from './split-sentences.ts';

/** Narrows a span so it starts and ends on non-white-space characters. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
