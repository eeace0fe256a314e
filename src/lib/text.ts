import type { Span } from '../types.ts';
import { foldText } from './fold.ts';

export { foldText, lowerNfc } from './fold.ts';

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

/** Whether a UTF-16 code unit is what `\s` matches: ASCII and Unicode white space, line and paragraph separators, the BOM. */
export function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Narrows a span so it starts and ends on non-white-space characters. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
