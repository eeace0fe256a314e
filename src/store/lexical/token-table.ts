/** What {@link TokenTable.find} returns for a token it has not seen. */
export const TOKEN_MISSING = -2;

/**
 * A hash table from token text to a number, looked up by a span of a larger string so the
 * hot path of analysis never allocates the token: hashing and comparing char codes in place
 * is several times cheaper than slicing each token and asking a Map. Open addressing with
 * linear probing, FNV-1a hashes, grown at half load.
 */
export class TokenTable {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024);
  private hashes = new Int32Array(1024);
  private values = new Int32Array(1024);
  private mask = 1023;
  /** Number of tokens stored. */
  size = 0;

  /** FNV-1a over the UTF-16 code units of `text[start, end)`. */
  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  /** The value stored for `text[start, end)` (whose hash is `hash`), or TOKEN_MISSING. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return TOKEN_MISSING;
      if (this.hashes[slot] === hash && key.length === length && _sameChars(key, text, start))
        return this.values[slot]!;
    }
  }

  /** Stores `value` for `key` (not already present), whose hash is `hash`. */
  insert(key: string, hash: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  private grow(): void {
    const { keys, hashes, values } = this;
    const capacity = keys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot];
      if (key !== undefined) this.insert(key, hashes[slot]!, values[slot]!);
    }
  }
}

function _sameChars(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
