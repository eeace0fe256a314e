/** The part of a transformers.js tokenizer this module touches: its subword model. */
interface SubwordModel {
  encode(words: string[]): string[];
}

/** Distinct words remembered before the memo starts afresh (a few tens of megabytes at most). */
const MAX_WORDS = 200_000;

/**
 * Makes a transformers.js tokenizer remember how each pre-tokenized word splits into
 * subwords. WordPiece (BERT, MiniLM) finds a word's pieces by a greedy longest-match search
 * that tries every prefix of the rest of the word, and transformers.js 2.x does not cache it
 * (its BPE model caches, its WordPiece does not), so chunk sizing and embedding spent most of
 * their time re-splitting the same words. Every subword model there (WordPiece, BPE,
 * Unigram, legacy) encodes each word on its own and concatenates, so per-word results are
 * exact. Installed once per tokenizer instance; the tokenizer's output does not change.
 */
export function rememberWordPieces(tokenizer: { model?: unknown }): void {
  const model = tokenizer.model as (SubwordModel & { [MEMO]?: true }) | undefined;
  if (!model || typeof model.encode !== 'function' || model[MEMO]) return;
  const encode = model.encode.bind(model);
  let memo = new Map<string, string[]>();
  model.encode = (words: string[]): string[] => {
    const out: string[] = [];
    for (const word of words) {
      let pieces = memo.get(word);
      if (!pieces) {
        pieces = encode([word]);
        if (memo.size >= MAX_WORDS) memo = new Map();
        memo.set(word, pieces);
      }
      for (const piece of pieces) out.push(piece);
    }
    return out;
  };
  model[MEMO] = true;
}

const MEMO = Symbol('policybot.wordPieceMemo');
