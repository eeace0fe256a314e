import type { WordTokens } from '../types.ts';
import { WORD_HASH_START, WordTable } from './word-table.ts';

/** Distinct words remembered before the table starts afresh (a few tens of megabytes at most). */
const MAX_WORDS = 200_000;
/** Longer words are encoded as they come: remembering them would only fill memory. */
const MAX_WORD_CHARS = 64;

/**
 * A text's token ids as the special tokens around the ids of its words, the parts between
 * spaces, tabs, line breaks and carriage returns: each distinct word encoded once by
 * `encodeWord` and then looked up in a {@link WordTable} by its span of the text. Only valid
 * for a tokenizer that encodes such words independently (see wordByWordEncoder).
 */
export class WordIdEncoder {
  private table = new WordTable();
  /** The ids being written; grown as needed, copied out at the end. */
  private out = new Int32Array(1024);
  /** What countWords returns, its arrays reused and grown as needed. */
  private readonly words: WordTokens = {
    count: 0,
    starts: new Int32Array(256),
    ends: new Int32Array(256),
    sums: new Int32Array(256),
  };

  constructor(
    private readonly encodeWord: (word: string) => ArrayLike<number>,
    private readonly before: readonly number[],
    private readonly after: readonly number[],
    /** Distinct words remembered before the table starts afresh. */
    private readonly maxWords = MAX_WORDS,
  ) {}

  /** The ids of `text`, special tokens included (a fresh array). */
  encode(text: string): Int32Array {
    let n = this._put(this.before, 0);
    let start = 0;
    let hash = WORD_HASH_START;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        if (i > start) n = this._word(text, start, i, hash, n);
        start = i + 1;
        hash = WORD_HASH_START;
      } else hash = WordTable.step(hash, c);
    }
    if (length > start) n = this._word(text, start, length, hash, n);
    n = this._put(this.after, n);
    return this.out.slice(0, n);
  }

  /** `encode(text).length`, without writing the ids. */
  count(text: string): number {
    let n = this.before.length + this.after.length;
    let start = 0;
    let hash = WORD_HASH_START;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        if (i > start) n += this._count(text, start, i, hash);
        start = i + 1;
        hash = WORD_HASH_START;
      } else hash = WordTable.step(hash, c);
    }
    if (length > start) n += this._count(text, start, length, hash);
    return n;
  }

  /**
   * The words of `text[start, end)` and their token counts, each word looked up once: what
   * count(text.slice(start, end)) sums, word by word (see WordTokens; valid until the next call).
   */
  countWords(text: string, start: number, end: number): WordTokens {
    let n = 0;
    let sum = 0;
    let from = start;
    let hash = WORD_HASH_START;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        if (i > from) {
          sum += this._count(text, from, i, hash);
          this._record(n++, from, i, sum);
        }
        from = i + 1;
        hash = WORD_HASH_START;
      } else hash = WordTable.step(hash, c);
    }
    if (end > from) {
      sum += this._count(text, from, end, hash);
      this._record(n++, from, end, sum);
    }
    this.words.count = n;
    return this.words;
  }

  /** The slot of `text[start, end)` (hash `hash`) in the table, encoding and storing the word if new. */
  private _slot(text: string, start: number, end: number, hash: number): number {
    const slot = this.table.find(text, start, end, hash);
    if (slot >= 0) return slot;
    if (this.table.size >= this.maxWords) this.table = new WordTable();
    const word = text.slice(start, end);
    return this.table.insert(word, hash, this.encodeWord(word));
  }

  private _count(text: string, start: number, end: number, hash: number): number {
    if (end - start > MAX_WORD_CHARS) return this.encodeWord(text.slice(start, end)).length;
    const slot = this._slot(text, start, end, hash);
    // After _slot: the table may have started afresh.
    return this.table.countOf(slot);
  }

  /** Writes the ids of `text[start, end)` at `n`; returns the new end. */
  private _word(text: string, start: number, end: number, hash: number, n: number): number {
    if (end - start > MAX_WORD_CHARS) return this._put(this.encodeWord(text.slice(start, end)), n);
    const slot = this._slot(text, start, end, hash);
    // After _slot: the table may have started afresh.
    const { table } = this;
    const from = table.startOf(slot);
    const count = table.countOf(slot);
    if (n + count > this.out.length) this._grow(n + count);
    const { out } = this;
    const { pool } = table;
    for (let k = 0; k < count; k++) out[n + k] = pool[from + k]!;
    return n + count;
  }

  private _record(k: number, start: number, end: number, sum: number): void {
    const words = this.words;
    if (k === words.starts.length) {
      const grown = (a: Int32Array) => {
        const bigger = new Int32Array(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      words.starts = grown(words.starts);
      words.ends = grown(words.ends);
      words.sums = grown(words.sums);
    }
    words.starts[k] = start;
    words.ends[k] = end;
    words.sums[k] = sum;
  }

  private _put(ids: ArrayLike<number>, n: number): number {
    if (n + ids.length > this.out.length) this._grow(n + ids.length);
    const { out } = this;
    for (let k = 0; k < ids.length; k++) out[n + k] = ids[k]!;
    return n + ids.length;
  }

  private _grow(need: number): void {
    const bigger = new Int32Array(Math.max(this.out.length * 2, need));
    bigger.set(this.out);
    this.out = bigger;
  }
}
