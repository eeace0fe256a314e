const PIECES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/**
 * A deliberately high estimate of a BERT WordPiece token count (with [CLS] and [SEP]), for
 * sizing chunks when no tokenizer can be loaded: every punctuation mark and CJK character is
 * a token, and a word counts one token per three characters. Over-estimating only makes
 * chunks smaller; under-estimating would let the model truncate them silently.
 */
export function estimateTokens(text: string): number {
  let count = 2;
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    count += piece.length <= 3 ? 1 : Math.ceil(piece.length / 3);
  }
  return count;
}
