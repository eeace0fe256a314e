import type { CountWords } from '../types.ts';
import { WordIdEncoder } from './word-encoder.ts';
import { wordPieceIds } from './wordpiece.ts';

/** The part of a transformers.js tokenizer this module reads. */
interface BertLikeTokenizer {
  encode(text: string, pair?: string | null, options?: { add_special_tokens?: boolean }): number[];
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  model?: unknown;
  added_tokens?: { content: string }[];
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
}

/** The subword model of a transformers.js tokenizer: callable on pre-tokenized words, and its vocabulary. */
type WordModel = ((words: string[]) => string[]) & { convert_tokens_to_ids(tokens: string[]): number[] };

/** Texts the encoder is checked on before it is used; any difference and it is not used. */
const PROBES = [
  'a',
  'Word, (word) wörd.\tΣΑΣ\n远程 [MASK]',
  ' x\u00a0y\u200bz ',
  'The ABC123 zzqx 2024 Xy',
  'End. (a-b) 3.5% x,y "Q" e.g. a/b_c ~@#$^&*+=|\\:;<>? `it\'s` {}',
];
/** A word of ASCII letters and digits only: nothing for BertNormalizer to change but the case, one pre-token. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/;
/** A word of printable ASCII: BertPreTokenizer splits it into runs of letters and digits and single punctuation marks. */
const ASCII_WORD = /^[\x21-\x7e]+$/;
/** Where a printable ASCII word splits: a run of letters and digits, or any other character. */
const ASCII_PIECES = /[A-Za-z0-9]+|[^A-Za-z0-9]/g;

/** A tokenizer's `encode` (special tokens added, no truncation) and its length. */
export interface TokenEncoder {
  encode(text: string): ArrayLike<number>;
  count(text: string): number;
  /** True when count() makes no ids (word by word): cheaper than encode(text).length. */
  countsWithoutIds: boolean;
  /** Word by word: each word's count, what count() adds up (see WordTokens). Absent for other tokenizers. */
  countWords?: CountWords;
}

/** The tokenizer's own ids, word by word where {@link wordByWordEncoder} gives the same ones. */
export function tokenEncoder(tokenizer: BertLikeTokenizer): TokenEncoder {
  const byWord = wordByWordEncoder(tokenizer);
  if (byWord)
    return {
      encode: (text) => byWord.encode(text),
      count: (text) => byWord.count(text),
      countsWithoutIds: true,
      countWords: (text, start, end) => byWord.countWords(text, start, end),
    };
  return {
    encode: (text) => tokenizer.encode(text),
    count: (text) => tokenizer.encode(text).length,
    countsWithoutIds: false,
  };
}

/**
 * A faster `tokenizer.encode(text)` for BERT-style tokenizers (BertNormalizer,
 * BertPreTokenizer, WordPiece: all-MiniLM-L6-v2, bge, the fixture model): the same ids,
 * built word by word. Such a tokenizer treats a space, tab, newline or carriage return as a
 * plain word break: the normalizer works character by character (its accent stripping and
 * lower-casing cannot reach across a space), the pre-tokenizer splits there, and WordPiece
 * encodes each word alone. So the ids of a text are the special tokens around the ids of its
 * space-separated parts, each encoded once by the tokenizer itself and then remembered.
 * transformers.js instead normalises and pre-tokenizes the whole text on every call, which
 * chunk sizing does for each sentence and again for each chunk.
 *
 * Null for any other tokenizer (SentencePiece's Metaspace joins words with `▁`, BPE keeps
 * spaces in its tokens), and when the word-by-word ids differ from the tokenizer's own on
 * a few probe texts (another post-processor, special tokens holding spaces).
 */
export function wordByWordEncoder(tokenizer: BertLikeTokenizer): WordIdEncoder | null {
  if (
    _className(tokenizer.normalizer) !== 'BertNormalizer' ||
    _className(tokenizer.pre_tokenizer) !== 'BertPreTokenizer' ||
    _className(tokenizer.model) !== 'WordPieceTokenizer' ||
    tokenizer.remove_space === true ||
    tokenizer.do_lowercase_and_remove_accent === true ||
    (tokenizer.added_tokens ?? []).some((t) => /[ \t\n\r]/.test(t.content))
  )
    return null;
  const specials = tokenizer.encode('');
  const body = tokenizer.encode('a', null, { add_special_tokens: false });
  const full = tokenizer.encode('a');
  // Where the text's ids go among the special tokens ([CLS] … [SEP]: after the first).
  const at = Array.from({ length: specials.length + 1 }, (_, k) => k).find((k) =>
    _same(full, [...specials.slice(0, k), ...body, ...specials.slice(k)]),
  );
  if (at === undefined) return null;
  const before = specials.slice(0, at);
  const after = specials.slice(at);
  const encoder = new WordIdEncoder(_wordEncoder(tokenizer), before, after);
  const same = (probe: string) => {
    const ids = tokenizer.encode(probe);
    return _same(encoder.encode(probe), ids) && encoder.count(probe) === ids.length;
  };
  return PROBES.every(same) ? encoder : null;
}

/**
 * A word of ASCII letters and digits, encoded as the tokenizer would after normalising and
 * pre-tokenizing it, which for such a word do nothing but lower-case it (when the normalizer
 * does): its subword model's tokens, as ids. What transformers.js spends on a first-seen
 * word besides: testing each character with regular expressions (clean-up, Chinese
 * characters, accents), splitting off punctuation, looking for added tokens. Null when an
 * added token could hide inside such a word.
 */
/**
 * A word's ids (no special tokens) as the tokenizer gives them: by {@link _plainWordEncoder}
 * for a word of ASCII letters and digits; for a word of printable ASCII (a word and its
 * punctuation: "end.", "(see", "3.5%"), the same for each piece the pre-tokenizer splits it
 * into, unless it holds an added token ("[MASK]") or the model fuses unknown pieces; any
 * other word by the tokenizer itself.
 */
function _wordEncoder(tokenizer: BertLikeTokenizer): (word: string) => ArrayLike<number> {
  const plain = _plainWordEncoder(tokenizer);
  const added = (tokenizer.added_tokens ?? []).map((t) => t.content);
  const pieces = plain && !(tokenizer.model as { fuse_unk?: boolean }).fuse_unk;
  const whole = (word: string) => tokenizer.encode(word, null, { add_special_tokens: false });
  return (word) => {
    if (!plain) return whole(word);
    if (PLAIN_WORD.test(word)) return plain(word);
    if (!pieces || !ASCII_WORD.test(word) || added.some((token) => word.includes(token))) return whole(word);
    const ids: number[] = [];
    for (const m of word.matchAll(ASCII_PIECES)) for (const id of plain(m[0])) ids.push(id);
    return ids;
  };
}

function _plainWordEncoder(tokenizer: BertLikeTokenizer): ((word: string) => number[]) | null {
  const model = tokenizer.model as WordModel;
  const config = (tokenizer.normalizer as { config?: { lowercase?: boolean } }).config;
  if (typeof model !== 'function' || typeof model.convert_tokens_to_ids !== 'function' || !config) return null;
  if ((tokenizer.added_tokens ?? []).some((t) => /^[A-Za-z0-9]*$/.test(t.content))) return null;
  const lowercase = Boolean(config.lowercase);
  const own = (word: string) => model.convert_tokens_to_ids(model([word]));
  // The WordPiece search itself, straight to ids, when there is one (see wordpiece.ts).
  const search = wordPieceIds(model);
  if (!search) return (word) => own(lowercase ? word.toLowerCase() : word);
  return (word) => {
    const lower = lowercase ? word.toLowerCase() : word;
    return search(lower) ?? own(lower);
  };
}

/** The class of a tokenizer part (transformers.js makes them callable: functions with a class prototype). */
function _className(value: unknown): string | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    ? value.constructor.name
    : undefined;
}

function _same(a: ArrayLike<number>, b: readonly number[]): boolean {
  return a.length === b.length && b.every((x, i) => x === a[i]);
}
