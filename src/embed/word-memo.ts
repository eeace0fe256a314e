import { fastWordPiece } from './wordpiece.ts';

/** The part of a transformers.js tokenizer this module touches: its subword model. */
interface SubwordModel {
  encode(words: string[]): string[];
  /** Unigram (SentencePiece) models list their pieces here. */
  vocab?: unknown;
  constructor: { name: string };
}

/** Distinct words remembered before the memo starts afresh (a few tens of megabytes at most). */
const MAX_WORDS = 200_000;
/** Longer pre-tokens are encoded as they come: remembering whole texts would only fill memory. */
const MAX_WORD_CHARS = 64;
/** SentencePiece's word-boundary mark (a space, after the Metaspace pre-tokenizer). */
const SPIECE = '\u2581';

/**
 * Makes a transformers.js tokenizer remember how each pre-tokenized word splits into
 * subwords. WordPiece (BERT, MiniLM) finds a word's pieces by a greedy longest-match search
 * that tries every prefix of the rest of the word, and transformers.js 2.x does not cache it
 * (its BPE model caches, its WordPiece does not), so chunk sizing and embedding spent most of
 * their time re-splitting the same words. Every subword model there (WordPiece, BPE,
 * Unigram, legacy) encodes each word on its own and concatenates, so per-word results are
 * exact. Installed once per tokenizer instance; the tokenizer's output does not change.
 *
 * SentencePiece (Unigram, the e5 models' XLM-RoBERTa tokenizer): transformers.js's Metaspace
 * pre-tokenizer hands the whole text over as one "word", and the model runs its Viterbi search
 * over all of it. When no piece holds `▁` past its first character, no piece can span a word
 * boundary, so the best segmentation of the text is the best segmentation of each `▁word`
 * in turn: the memo splits there and remembers words as for WordPiece.
 */
export function rememberWordPieces(tokenizer: { model?: unknown }): void {
  const model = tokenizer.model as (SubwordModel & { [MEMO]?: true }) | undefined;
  if (!model || typeof model.encode !== 'function' || model[MEMO]) return;
  const original = model.encode.bind(model);
  // WordPiece words are split by a faster search giving the same pieces (see wordpiece.ts).
  const fast = fastWordPiece(model, original);
  const encode = (words: string[]) => (fast && words.length === 1 ? fast(words[0]!) : original(words));
  const splitWords = _splitsAtWordBoundaries(model);
  let memo = new Map<string, string[]>();
  const encodeWord = (word: string, out: string[]) => {
    if (word.length > MAX_WORD_CHARS) {
      for (const piece of encode([word])) out.push(piece);
      return;
    }
    let pieces = memo.get(word);
    if (!pieces) {
      pieces = encode([word]);
      if (memo.size >= MAX_WORDS) memo = new Map();
      memo.set(word, pieces);
    }
    for (const piece of pieces) out.push(piece);
  };
  model.encode = (words: string[]): string[] => {
    const out: string[] = [];
    for (const word of words) {
      if (!splitWords || word.indexOf(SPIECE, 1) < 0) encodeWord(word, out);
      else for (const part of _wordsOf(word)) encodeWord(part, out);
    }
    return out;
  };
  model[MEMO] = true;
}

/** A Unigram model whose pieces carry `▁` only at their start (SentencePiece's own rule). */
function _splitsAtWordBoundaries(model: SubwordModel): boolean {
  if (model.constructor.name !== 'Unigram' || !Array.isArray(model.vocab)) return false;
  return (model.vocab as unknown[]).every((piece) => typeof piece !== 'string' || piece.indexOf(SPIECE, 1) < 0);
}

/** "▁a▁bc▁▁d" → "▁a", "▁bc", "▁", "▁d": each part starts at a `▁`, except a leading run of text before the first. */
function _wordsOf(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let at = text.indexOf(SPIECE, 1); at >= 0; at = text.indexOf(SPIECE, at + 1)) {
    parts.push(text.slice(start, at));
    start = at;
  }
  parts.push(text.slice(start));
  return parts;
}

const MEMO = Symbol('policybot.wordPieceMemo');
