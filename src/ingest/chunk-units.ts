import { isWhiteSpace, splitSentences, trimSpan } from '../lib/text.ts';
import type { Block, CountWords, Span } from '../types.ts';
import { SpanTokens } from './span-tokens.ts';

/** A piece of a section's text the chunker packs whole: a block, a sentence or a run of words. */
export interface Unit extends Span {
  tokens: number;
  /** First unit of a block: a good place to start a new chunk. */
  blockStart: boolean;
}

/**
 * A block as one unit when it fits, else its sentences, else word runs of a long sentence.
 * With `countWords` (a tokenizer that counts word by word) the block's words are counted once
 * and its sentences and words are sized from those counts (span-tokens.ts).
 */
export function unitsOf(
  text: string,
  block: Block,
  count: (t: string) => number,
  specials: number,
  budget: number,
  countWords?: CountWords,
): Unit[] {
  const tokens = new SpanTokens(text, block, count, specials, countWords);
  const whole = tokens.whole;
  if (whole <= budget) return [{ start: block.start, end: block.end, tokens: whole, blockStart: true }];
  const units: Unit[] = [];
  for (const s of splitSentences(text, block.start, block.end)) {
    // A block that is one sentence (a line without stops) was just counted whole.
    const n = s.start === block.start && s.end === block.end ? whole : tokens.of(s.start, s.end);
    if (n <= budget) units.push({ ...s, tokens: n, blockStart: units.length === 0 });
    else
      units.push(
        ...splitWords(text, s, tokens, budget).map((u, i) => ({
          ...u,
          blockStart: units.length === 0 && i === 0,
        })),
      );
  }
  return units;
}

/**
 * Word runs of an over-long sentence. Each word is counted once and runs are packed by the sum,
 * so a sentence of n words costs n tokenizer calls, not n²; WordPiece counts add up over white
 * space, and chunkDocument re-measures the final chunk anyway.
 */
function splitWords(text: string, s: Span, spans: SpanTokens, budget: number): Omit<Unit, 'blockStart'>[] {
  const out: Omit<Unit, 'blockStart'>[] = [];
  let run: Omit<Unit, 'blockStart'> | null = null;
  for (let at = _wordStart(text, s.start, s.end); at < s.end; ) {
    const end = _wordEnd(text, at, s.end);
    const tokens = spans.of(at, end);
    if (run && run.tokens + tokens <= budget) {
      run.end = end;
      run.tokens += tokens;
    } else {
      if (run) out.push(run);
      run = { start: at, end, tokens };
    }
    at = _wordStart(text, end, s.end);
  }
  if (run) out.push(run);
  return out;
}

/** Where the next word (a run of non-white-space, as `\S+`) starts at or after `i`, or `end`. */
function _wordStart(text: string, i: number, end: number): number {
  while (i < end && isWhiteSpace(text.charCodeAt(i))) i++;
  return i;
}

function _wordEnd(text: string, i: number, end: number): number {
  while (i < end && !isWhiteSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Splits a unit near its middle (used when a tokenizer's counts do not add up), at white space if it has any; null for a single character. */
export function halveUnit(
  text: string,
  unit: Unit,
  count: (t: string) => number,
  specials: number,
): [Unit, Unit] | null {
  const mid = Math.floor((unit.start + unit.end) / 2);
  let cut = text.lastIndexOf(' ', mid);
  if (cut <= unit.start) cut = text.indexOf(' ', mid);
  if (cut <= unit.start || cut >= unit.end) cut = mid;
  // Never split a surrogate pair.
  if (/[\udc00-\udfff]/.test(text[cut] ?? '')) cut--;
  if (cut <= unit.start || cut >= unit.end) return null;
  const a = trimSpan(text, unit.start, cut);
  const b = trimSpan(text, cut, unit.end);
  const tokens = (sp: Span) => count(text.slice(sp.start, sp.end)) - specials;
  return [
    { ...a, tokens: tokens(a), blockStart: unit.blockStart },
    { ...b, tokens: tokens(b), blockStart: false },
  ];
}
