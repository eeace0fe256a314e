/** The parts of transformers.js's WordPiece model that its `encode` reads. */
export interface WordPieceModel {
  tokens_to_ids: Map<string, number>;
  unk_token: string;
  max_input_chars_per_word: number;
  config: { continuing_subword_prefix?: string };
  constructor: { name: string };
}

/**
 * transformers.js's WordPiece split of one word, the same pieces, faster. Its greedy
 * longest-match search tries every prefix of the rest of the word, from the longest, each
 * time joining a fresh array of characters: a word the vocabulary lacks costs a quadratic
 * number of joins. Here the tries start at the vocabulary's longest piece (no longer piece can
 * match) and slice the string itself. Null when the model is not WordPiece; a word with
 * characters outside the BMP (where string and character positions differ) goes to `encode`,
 * the model's own.
 */
export function fastWordPiece(
  model: unknown,
  encode: (words: string[]) => string[],
): ((word: string) => string[]) | null {
  const m = model as WordPieceModel;
  if (m?.constructor?.name !== 'WordPieceTokenizer' || !(m.tokens_to_ids instanceof Map)) return null;
  const prefix = m.config?.continuing_subword_prefix ?? '##';
  let longest = 0;
  for (const token of m.tokens_to_ids.keys())
    longest = Math.max(longest, token.startsWith(prefix) ? token.length - prefix.length : token.length);
  const ids = m.tokens_to_ids;
  return (word: string): string[] => {
    if (/[\uD800-\uDFFF]/.test(word)) return encode([word]);
    if (word.length > m.max_input_chars_per_word) return [m.unk_token];
    const pieces: string[] = [];
    for (let start = 0; start < word.length; ) {
      let end = Math.min(word.length, start + longest);
      let piece: string | null = null;
      for (; end > start; end--) {
        const candidate = start > 0 ? prefix + word.slice(start, end) : word.slice(start, end);
        if (ids.has(candidate)) {
          piece = candidate;
          break;
        }
      }
      if (piece === null) return [m.unk_token];
      pieces.push(piece);
      start = end;
    }
    return pieces;
  };
}
