import { WORD_HASH_START, WordTable } from './word-table.ts';

/** The parts of transformers.js's WordPiece model that its `encode` reads. */
export interface WordPieceModel {
  tokens_to_ids: Map<string, number>;
  unk_token: string;
  max_input_chars_per_word: number;
  config: { continuing_subword_prefix?: string };
  constructor: { name: string };
}

/**
 * transformers.js's WordPiece split of one word, as token ids: the same pieces, found faster.
 * Its greedy longest-match search tries every prefix of the rest of the word, from the
 * longest, each time joining a fresh array of characters and looking the string up: a word
 * the vocabulary lacks costs a quadratic number of joins. Here the vocabulary is a table
 * looked up by a span of the word (word-table.ts), the tries start at the vocabulary's
 * longest piece (no longer piece can match), and the hashes of the candidate spans are built
 * one character at a time. Null when the model is not WordPiece; the returned function gives
 * null for a word with characters outside the BMP (where string and character positions
 * differ), which is for the model's own `encode`.
 */
export function wordPieceIds(model: unknown): ((word: string) => number[] | null) | null {
  if (typeof model !== 'object' && typeof model !== 'function') return null;
  if (model === null) return null;
  if (!searches.has(model)) searches.set(model, _search(model as WordPieceModel));
  return searches.get(model) ?? null;
}

/** One search per model (the tokenizer's memo and its word-by-word encoder both use it). */
const searches = new WeakMap<object, ((word: string) => number[] | null) | null>();

function _search(m: WordPieceModel): ((word: string) => number[] | null) | null {
  if (m?.constructor?.name !== 'WordPieceTokenizer' || !(m.tokens_to_ids instanceof Map)) return null;
  const prefix = m.config?.continuing_subword_prefix ?? '##';
  const unk = m.tokens_to_ids.get(m.unk_token);
  if (unk === undefined) return null;
  // A word's first piece is any token as it is; a later one, a token that has the prefix, without it.
  const first = new WordTable();
  const later = new WordTable();
  let longestFirst = 0;
  let longestLater = 0;
  for (const [token, id] of m.tokens_to_ids) {
    first.insert(token, _hash(token, 0), [id]);
    longestFirst = Math.max(longestFirst, token.length);
    if (!token.startsWith(prefix) || token.length === prefix.length) continue;
    later.insert(token.slice(prefix.length), _hash(token, prefix.length), [id]);
    longestLater = Math.max(longestLater, token.length - prefix.length);
  }
  const hashes = new Int32Array(Math.max(longestFirst, longestLater) + 1);
  return (word: string): number[] | null => {
    if (/[\uD800-\uDFFF]/.test(word)) return null;
    if (word.length > m.max_input_chars_per_word) return [unk];
    const ids: number[] = [];
    for (let start = 0; start < word.length; ) {
      const table = start > 0 ? later : first;
      const limit = Math.min(word.length, start + (start > 0 ? longestLater : longestFirst));
      let h = WORD_HASH_START;
      for (let e = start; e < limit; e++) hashes[e - start] = h = WordTable.step(h, word.charCodeAt(e));
      let end = limit;
      let slot = -1;
      for (; end > start; end--) {
        slot = table.find(word, start, end, hashes[end - start - 1]!);
        if (slot >= 0) break;
      }
      if (slot < 0) return [unk];
      ids.push(table.pool[table.startOf(slot)]!);
      start = end;
    }
    return ids;
  };
}

/**
 * transformers.js's WordPiece split of one word, the same pieces (see {@link wordPieceIds}).
 * Null when the model is not WordPiece or its vocabulary gives two tokens one id; a word with
 * characters outside the BMP goes to `encode`, the model's own.
 */
export function fastWordPiece(
  model: unknown,
  encode: (words: string[]) => string[],
): ((word: string) => string[]) | null {
  const ids = wordPieceIds(model);
  if (!ids) return null;
  const m = model as WordPieceModel;
  const tokens: string[] = [];
  for (const [token, id] of m.tokens_to_ids) {
    if (tokens[id] !== undefined) return null;
    tokens[id] = token;
  }
  return (word: string): string[] => {
    const found = ids(word);
    return found ? found.map((id) => tokens[id]!) : encode([word]);
  };
}

function _hash(text: string, from: number): number {
  let h = WORD_HASH_START;
  for (let i = from; i < text.length; i++) h = WordTable.step(h, text.charCodeAt(i));
  return h;
}
