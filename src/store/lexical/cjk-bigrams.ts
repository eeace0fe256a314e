import { isCjkCode } from '../../lib/language.ts';

/** Where the parts of a token holding CJK characters go. */
export interface CjkSink {
  /** A run of other characters, `[start, end)` of the text: analysed as an ordinary token. */
  plain(start: number, end: number): void;
  /** A CJK bigram, or a lone CJK character. */
  bigram(term: string): void;
}

/**
 * Splits the token `text[start, end)` into runs: each run of Chinese, Japanese or Korean
 * characters becomes overlapping bigrams (a lone character itself), as Lucene's and
 * Elasticsearch's CJK analysis does; the rest goes back as plain tokens.
 */
export function splitCjk(text: string, start: number, end: number, sink: CjkSink): void {
  let i = start;
  while (i < end) {
    let j = i;
    const cjk = isCjkCode(text.charCodeAt(i));
    while (j < end && isCjkCode(text.charCodeAt(j)) === cjk) j++;
    if (!cjk) sink.plain(i, j);
    else {
      const chars = Array.from(text.slice(i, j));
      if (chars.length === 1) sink.bigram(chars[0]!);
      for (let c = 0; c + 1 < chars.length; c++) sink.bigram(chars[c]! + chars[c + 1]!);
    }
    i = j;
  }
}

/** Whether a token holds a Chinese, Japanese or Korean character. */
export function hasCjk(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (isCjkCode(token.charCodeAt(i))) return true;
  return false;
}
