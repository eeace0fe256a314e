import type { Span } from '../types.ts';

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Case- and diacritic-folds text for matching: "Quyết định" → "quyet dinh", "QĐ" → "qd".
 * Vietnamese đ/Đ is a separate letter, not a combining mark, so it is mapped explicitly.
 * Folding can change length (e.g. "ﬁ" → "fi"), so never use folded offsets on the source.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
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

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Sentence spans of `text` between `start` and `end`, trimmed of surrounding white space.
 * Uses the ICU sentence rules built into Node, which know abbreviations like "No." poorly;
 * callers that need fewer false breaks can merge very short sentences.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  for (const seg of sentenceSegmenter.segment(text.slice(start, end))) {
    const span = trimSpan(text, start + seg.index, start + seg.index + seg.segment.length);
    if (span.end > span.start) spans.push(span);
  }
  return spans;
}

/** Narrows a span so it starts and ends on non-white-space characters. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
