import { prefixDistances } from '../../lib/edit-distance.ts';

/** A vocabulary term close to a word, and how close. */
export interface CloseTerm {
  id: number;
  term: string;
  /** Edits from the word (see {@link Vocabulary.closeTerms}). */
  distance: number;
  /** Passages containing the term. */
  df: number;
}

/** Only plain letter words are looked up: no numbers, codes, identifier terms or syllable pairs. */
const PLAIN_WORD = /^[a-z]+$/;

/**
 * Most trailing letters of a misspelt word that may stand for a suffix the stemmer would
 * have cut from the right spelling ("decison" for "decision", indexed as "decis";
 * "establishmnets" for "establish"): they cost one edit together.
 */
const STEM_TAIL = 4;

/** A stem must be this long before a word's tail may be read as its cut suffix. */
const MIN_STEM = 5;

/** Bucket of a term: its first letter and its length (terms are at most 64 characters). */
const _bucket = (first: number, length: number) => (first - 97) * 65 + Math.min(length, 64);

/**
 * An index's word terms by first letter and length, for finding the terms within a few edits
 * of a word the index does not know (a typo). The first letter is taken as typed, as most
 * spelling correctors do (people seldom mistype it), except for a swap of the first two; the
 * terms of compatible lengths under it are scanned with a letter-set bound, then a bounded
 * edit distance. Built once, on first use.
 */
export class Vocabulary {
  private readonly buckets = new Map<number, number[]>();
  /** Per term id, which letters a–z it holds, one bit each: a cheap bound on the edits between two words. */
  private readonly letters: Int32Array;

  constructor(
    private readonly terms: readonly string[],
    private readonly df: ArrayLike<number>,
  ) {
    this.letters = new Int32Array(terms.length);
    terms.forEach((term, id) => {
      if (!PLAIN_WORD.test(term)) return;
      this.letters[id] = _letterSet(term, term.length);
      const key = _bucket(term.charCodeAt(0), term.length);
      let list = this.buckets.get(key);
      if (!list) {
        list = [];
        this.buckets.set(key, list);
      }
      list.push(id);
    });
  }

  /**
   * The plain word terms within `maxEdits` of `word` that start with its first letter (or
   * with its first two swapped): insertions, deletions, substitutions, swaps of neighbours; up to STEM_TAIL trailing letters of `word` beyond a stem of at least
   * MIN_STEM letters cost one edit together, since terms are stems), closest first, then the
   * more frequent, then alphabetical. `word` itself is never returned.
   */
  closeTerms(word: string, maxEdits: number): CloseTerm[] {
    if (!PLAIN_WORD.test(word) || word.length < 2 || maxEdits < 1) return [];
    const found: CloseTerm[] = [];
    // Letters of the word outside a possible cut tail must mostly be in the term, and the
    // term's letters mostly in the word: each edit adds or removes at most one letter.
    const head = _letterSet(word, Math.max(0, word.length - STEM_TAIL));
    const all = _letterSet(word, word.length);
    const shortest = Math.max(1, word.length - maxEdits - STEM_TAIL);
    const longest = word.length + maxEdits;
    const first = word.charCodeAt(0);
    const second = word.charCodeAt(1);
    const consider = (id: number) => {
      const letters = this.letters[id]!;
      if (_count(head & ~letters) > maxEdits || _count(letters & ~all) > maxEdits) return;
      const term = this.terms[id]!;
      const distance = _distance(term, word, maxEdits);
      if (distance !== undefined && term !== word) found.push({ id, term, distance, df: this.df[id] ?? 0 });
    };
    for (let length = shortest; length <= longest; length++) {
      for (const id of this.buckets.get(_bucket(first, length)) ?? []) consider(id);
      if (second === first) continue;
      for (const id of this.buckets.get(_bucket(second, length)) ?? [])
        if (this.terms[id]!.charCodeAt(1) === first) consider(id);
    }
    return found.sort(
      (a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
    );
  }
}

/** Edits from `word` to `term`, counting a cut tail (see closeTerms) as one; undefined beyond `max`. */
function _distance(term: string, word: string, max: number): number | undefined {
  const row = prefixDistances(term, word, max);
  if (!row) return undefined;
  let best = row[word.length]!;
  if (term.length >= MIN_STEM) {
    for (let i = Math.max(term.length, word.length - STEM_TAIL); i < word.length; i++)
      best = Math.min(best, row[i]! + 1);
  }
  return best <= max ? best : undefined;
}

/** The letters a–z among the first `length` characters of a plain word, one bit each. */
function _letterSet(word: string, length: number): number {
  let set = 0;
  for (let i = 0; i < length; i++) set |= 1 << (word.charCodeAt(i) - 97);
  return set;
}

/** How many bits are set. */
function _count(set: number): number {
  let n = 0;
  for (let s = set; s !== 0; s &= s - 1) n++;
  return n;
}
