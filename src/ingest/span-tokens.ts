import type { CountWords, Span, WordTokens } from '../types.ts';

/**
 * Token counts of spans of one block, without special tokens: what
 * `count(text.slice(start, end)) - specials` gives. With `countWords` (a tokenizer whose counts
 * add up over the words between spaces, tabs and line breaks) the block's words are counted
 * once, and a span that starts and ends at word boundaries (a sentence, a word) is sized from
 * their sums; any other span, and every span without `countWords`, is counted from its text.
 * Chunk sizing thus counts a long block's words once instead of once for the block, again for
 * each sentence and again for each word of a sentence too long for a chunk.
 */
export class SpanTokens {
  /** Tokens of the whole block. */
  readonly whole: number;
  private readonly words: WordTokens | null;

  constructor(
    private readonly text: string,
    block: Span,
    private readonly count: (t: string) => number,
    private readonly specials: number,
    countWords?: CountWords,
  ) {
    this.words = countWords ? countWords(text, block.start, block.end) : null;
    const { words } = this;
    this.whole = !words ? this.counted(block.start, block.end) : words.count > 0 ? words.sums[words.count - 1]! : 0;
  }

  /** Tokens of `text[start, end)`, a span inside the block (used before the next countWords call). */
  of(start: number, end: number): number {
    const { words } = this;
    if (words) {
      const first = _indexOf(words.starts, words.count, start);
      const last = _indexOf(words.ends, words.count, end);
      if (first >= 0 && last >= first) return words.sums[last]! - (first > 0 ? words.sums[first - 1]! : 0);
    }
    return this.counted(start, end);
  }

  private counted(start: number, end: number): number {
    return this.count(this.text.slice(start, end)) - this.specials;
  }
}

/** Where `value` is among the first `count` (ascending) entries of `sorted`, or -1. */
function _indexOf(sorted: Int32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at < value) lo = mid + 1;
    else if (at > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}
