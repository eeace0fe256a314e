/**
 * Token counts of a text's words, for a tokenizer whose count of any text is its special
 * tokens plus the counts of its words, the runs between spaces, tabs, line breaks and
 * carriage returns (BERT-style WordPiece, word by word: embed/word-ids.ts). Word i spans
 * `[starts[i], ends[i])` of the text and `sums[i]` is the tokens of words 0 … i, so the
 * tokens of any span that starts and ends at word boundaries are a difference of two sums.
 */
export interface WordTokens {
  /** How many words; the arrays may be longer. */
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  sums: Int32Array;
}

/**
 * The words of `text[start, end)` with their token counts (see WordTokens): the counter's
 * count of `text.slice(start, end)` is its special tokens plus the last sum. The result is
 * only valid until the next call (its arrays are reused).
 */
export type CountWords = (text: string, start: number, end: number) => WordTokens;
