const PIECES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * A deliberately high estimate of a BERT WordPiece token count (with [CLS] and [SEP]), for
 * sizing chunks when no tokenizer can be loaded. Every punctuation mark and CJK character is a
 * token; an English word of up to five letters counts one token and one more per five letters
 * after that; numbers and words with accents or other scripts, which WordPiece splits finely,
 * count one token per two characters. Over-estimating only makes chunks smaller;
 * under-estimating would let a model truncate them silently.
 */
export function estimateTokens(text: string): number {
  let count = 2;
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    if (piece.length <= 2) count += 1;
    else if (ASCII_WORD.test(piece)) count += 1 + Math.floor((piece.length - 1) / 5);
    else count += Math.ceil(piece.length / 2);
  }
  return count;
}
