import type { Span } from '../types.ts';

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Case- and diacritic-folds text for matching: "Quyết định" → "quyet dinh", "QĐ" → "qd".
 * Vietnamese đ/Đ is a separate letter, not a combining mark, so it is mapped explicitly.
 * Folding can change length (e.g. "ﬁ" → "fi"), so never use folded offsets on the source.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/**
 * Folds one character at a time so that position i of the result corresponds to position i
 * of the input (each character folds to exactly one character, or stays as it is).
 * Used where folded matches must be mapped back to source offsets.
 */
export function foldTextAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = foldText(ch);
    out += folded.length === ch.length ? folded : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
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
