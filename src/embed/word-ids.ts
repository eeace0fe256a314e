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

/** Distinct words remembered before the memo starts afresh (a few tens of megabytes at most). */
const MAX_WORDS = 200_000;
/** Longer words are encoded as they come: remembering them would only fill memory. */
const MAX_WORD_CHARS = 64;
/** Texts the encoder is checked on before it is used; any difference and it is not used. */
const PROBES = ['a', 'Word, (word) wörd.\tΣΑΣ\n远程 [MASK]', ' x\u00a0y\u200bz ', 'The ABC123 zzqx 2024 Xy'];
/** A word of ASCII letters and digits only: nothing for BertNormalizer to change but the case, one pre-token. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/;

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
export function wordByWordEncoder(tokenizer: BertLikeTokenizer): ((text: string) => number[]) | null {
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
  let memo = new Map<string, number[]>();
  const plain = _plainWordEncoder(tokenizer);
  const encodeWord = (word: string, out: number[]) => {
    let ids = word.length > MAX_WORD_CHARS ? undefined : memo.get(word);
    if (!ids) {
      ids = plain && PLAIN_WORD.test(word) ? plain(word) : tokenizer.encode(word, null, { add_special_tokens: false });
      if (word.length <= MAX_WORD_CHARS) {
        if (memo.size >= MAX_WORDS) memo = new Map();
        memo.set(word, ids);
      }
    }
    for (const id of ids) out.push(id);
  };
  const encode = (text: string): number[] => {
    const out = before.slice();
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (c !== 32 && c !== 10 && c !== 9 && c !== 13) continue;
      if (i > start) encodeWord(text.slice(start, i), out);
      start = i + 1;
    }
    for (const id of after) out.push(id);
    return out;
  };
  return PROBES.every((probe) => _same(encode(probe), tokenizer.encode(probe))) ? encode : null;
}

/**
 * A word of ASCII letters and digits, encoded as the tokenizer would after normalising and
 * pre-tokenizing it, which for such a word do nothing but lower-case it (when the normalizer
 * does): its subword model's tokens, as ids. What transformers.js spends on a first-seen
 * word besides: testing each character with regular expressions (clean-up, Chinese
 * characters, accents), splitting off punctuation, looking for added tokens. Null when an
 * added token could hide inside such a word.
 */
function _plainWordEncoder(tokenizer: BertLikeTokenizer): ((word: string) => number[]) | null {
  const model = tokenizer.model as WordModel;
  const config = (tokenizer.normalizer as { config?: { lowercase?: boolean } }).config;
  if (typeof model !== 'function' || typeof model.convert_tokens_to_ids !== 'function' || !config) return null;
  if ((tokenizer.added_tokens ?? []).some((t) => /^[A-Za-z0-9]*$/.test(t.content))) return null;
  const lowercase = Boolean(config.lowercase);
  return (word) => model.convert_tokens_to_ids(model([lowercase ? word.toLowerCase() : word]));
}

/** The class of a tokenizer part (transformers.js makes them callable: functions with a class prototype). */
function _className(value: unknown): string | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    ? value.constructor.name
    : undefined;
}

function _same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
