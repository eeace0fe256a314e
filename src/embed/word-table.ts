/** FNV-1a's start value; {@link WordTable.step} folds in one code unit. */
export const WORD_HASH_START = 0x811c9dc5 | 0;

/**
 * Token ids of words, looked up by a span of a larger string: hashing and comparing char codes
 * in place, the text is never cut into word strings, which is what a Map keyed by the word
 * would need (a slice, then hashing it, per word of every text counted). Open addressing with
 * linear probing, FNV-1a hashes; the ids of all words lie back to back in one Int32Array.
 */
export class WordTable {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024);
  private hashes = new Int32Array(1024);
  /** Slot → where its word's ids start in `pool`, and how many there are. */
  private starts = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private mask = 1023;
  /** The ids of every word stored, back to back. */
  pool = new Int32Array(4096);
  private used = 0;
  /** Number of words stored. */
  size = 0;

  /** The hash `h` with code unit `c` folded in. */
  static step(h: number, c: number): number {
    return Math.imul(h ^ c, 0x01000193);
  }

  /** The slot of `text[start, end)` (whose hash is `hash`), or -1. Its ids: `pool[startOf(slot), + countOf(slot))`. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return -1;
      if (this.hashes[slot] === hash && key.length === length && _sameChars(key, text, start)) return slot;
    }
  }

  startOf(slot: number): number {
    return this.starts[slot]!;
  }

  countOf(slot: number): number {
    return this.counts[slot]!;
  }

  /** Stores the ids of `word` (not already present), whose hash is `hash`; returns its slot. */
  insert(word: string, hash: number, ids: ArrayLike<number>): number {
    if ((this.size + 1) * 2 > this.keys.length) this._grow();
    if (this.used + ids.length > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, this.used + ids.length));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    for (let i = 0; i < ids.length; i++) this.pool[this.used + i] = ids[i]!;
    const slot = this._place(word, hash, this.used, ids.length);
    this.used += ids.length;
    this.size++;
    return slot;
  }

  private _place(word: string, hash: number, start: number, count: number): number {
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = word;
    this.hashes[slot] = hash;
    this.starts[slot] = start;
    this.counts[slot] = count;
    return slot;
  }

  private _grow(): void {
    const { keys, hashes, starts, counts } = this;
    const capacity = keys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot];
      if (key !== undefined) this._place(key, hashes[slot]!, starts[slot]!, counts[slot]!);
    }
  }
}

function _sameChars(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
