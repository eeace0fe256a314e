import { splitSentences } from '../lib/text.ts';
import type { SearchResult, Span } from '../types.ts';

/** A verbatim excerpt of a passage: `text === chunk.text.slice(start, end)`. */
export interface Quote {
  text: string;
  /** Offsets in the chunk text. */
  start: number;
  end: number;
  /** Offsets in the source document (chunk.charStart + start …), for checking against the file. */
  charStart: number;
  charEnd: number;
  /** Words to emphasise, as spans into `text`. */
  emphasis: Span[];
}

/** Quotes shorter than this are extended with the following sentence when it fits. */
const MIN_QUOTE_CHARS = 80;

const WORD = /[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;

/**
 * Picks the run of consecutive sentences that best answers the query, within `maxChars`:
 * the window with the most distinct query terms and the fewest sentences without any (then the earliest).
 * Consecutive sentences only, so the quote stays verbatim. A single sentence longer than
 * `maxChars` is cut at a word boundary; the caller marks the cut with an ellipsis.
 */
export function selectQuote(result: SearchResult, analyze: (text: string) => string[], maxChars: number): Quote {
  const { chunk } = result;
  const terms = new Set(result.matchedTerms);
  const sentences = splitSentences(chunk.text);
  if (sentences.length === 0) return makeQuote(result, 0, 0, terms, analyze);
  const hits = sentences.map((s) => new Set(analyze(chunk.text.slice(s.start, s.end)).filter((t) => terms.has(t))));

  let best = { first: 0, last: 0, score: -Infinity };
  for (let i = 0; i < sentences.length; i++) {
    const covered = new Set<string>();
    let idle = 0;
    for (let j = i; j < sentences.length; j++) {
      const first = sentences[i] as Span;
      const last = sentences[j] as Span;
      if (j > i && last.end - first.start > maxChars) break;
      const found = hits[j] ?? new Set<string>();
      for (const t of found) covered.add(t);
      if (found.size === 0) idle++;
      // Most distinct terms first; then the fewest sentences that add nothing; then the earliest.
      const score = covered.size * 1000 - idle;
      if (score > best.score) best = { first: i, last: j, score };
    }
  }
  // A lone short sentence reads as a fragment: grow it forward while it stays within budget.
  while (best.last + 1 < sentences.length && span(sentences, best).length < MIN_QUOTE_CHARS) {
    const next = sentences[best.last + 1] as Span;
    if (next.end - (sentences[best.first] as Span).start > maxChars) break;
    best.last++;
  }
  const chosen = span(sentences, best);
  const start = chosen.start;
  let end = chosen.end;
  if (end - start > maxChars) end = cutAtWord(chunk.text, start, start + maxChars);
  return makeQuote(result, start, end, terms, analyze);
}

function makeQuote(result: SearchResult, start: number, end: number, terms: Set<string>, analyze: (t: string) => string[]): Quote {
  const text = result.chunk.text.slice(start, end);
  const emphasis: Span[] = [];
  for (const m of text.matchAll(WORD)) {
    if (analyze(m[0]).some((t) => terms.has(t))) emphasis.push({ start: m.index, end: m.index + m[0].length });
  }
  return { text, start, end, charStart: result.chunk.charStart + start, charEnd: result.chunk.charStart + end, emphasis };
}

function span(sentences: Span[], w: { first: number; last: number }): Span & { length: number } {
  const start = (sentences[w.first] as Span).start;
  const end = (sentences[w.last] as Span).end;
  return { start, end, length: end - start };
}

/** The last word boundary at or before `limit` (never inside a word), but past `start`. */
function cutAtWord(text: string, start: number, limit: number): number {
  for (let i = limit; i > start; i--) {
    if (/\s/.test(text[i] ?? '')) return i;
  }
  return limit;
}
