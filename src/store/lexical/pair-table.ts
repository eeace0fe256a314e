import { PAIR_JOINER } from './syllable-pairs.ts';

/**
 * The syllable-pair terms of an index ("tai san"), held as two term ids rather than as text.
 * An index numbers its terms words first (every term that is not a pair: syllables, English
 * stems, compounds, identifier terms; ids 0 … wordCount − 1), then its pairs ordered by first
 * syllable, then second: the pairs whose first syllable is word w are ids
 * `wordCount + firstStart[w] … wordCount + firstStart[w + 1] − 1`, with their second syllables
 * ascending in `second`. A pair's id is thus found from its syllables' ids by a binary search,
 * with no table of pair strings, and a pair costs one small number on disk.
 */
export interface PairTable {
  wordCount: number;
  /** Word id → index in `second` of its first pair; length wordCount + 1. */
  firstStart: Uint32Array;
  /** The second syllable of each pair, ascending within each first syllable's run. */
  second: Uint32Array;
}

/** A table with no pairs over `wordCount` words. */
export function noPairs(wordCount: number): PairTable {
  return { wordCount, firstStart: new Uint32Array(wordCount + 1), second: new Uint32Array(0) };
}

/** How many pairs the table holds. */
export function pairCount(pairs: PairTable): number {
  return pairs.second.length;
}

/** The id of the pair term (first, second), or −1 when the index has no such pair. */
export function pairId(pairs: PairTable, first: number, second: number): number {
  if (first >= pairs.wordCount) return -1;
  const list = pairs.second;
  let lo = pairs.firstStart[first]!;
  let hi = pairs.firstStart[first + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = list[mid]!;
    if (value < second) lo = mid + 1;
    else if (value > second) hi = mid - 1;
    else return pairs.wordCount + mid;
  }
  return -1;
}

/** The first syllable's id of each pair, in pair order (inverse of firstStart). */
export function pairFirsts(pairs: PairTable): Uint32Array {
  const firsts = new Uint32Array(pairs.second.length);
  for (let w = 0; w < pairs.wordCount; w++) firsts.fill(w, pairs.firstStart[w]!, pairs.firstStart[w + 1]!);
  return firsts;
}

/** Every term's text: the words, then each pair spelt as its two syllables around PAIR_JOINER. */
export function termTexts(words: readonly string[], pairs: PairTable): string[] {
  const terms = words.slice();
  const { firstStart, second } = pairs;
  for (let w = 0; w < pairs.wordCount; w++) {
    const end = firstStart[w + 1]!;
    if (firstStart[w] === end) continue;
    const head = `${words[w]!}${PAIR_JOINER}`;
    for (let i = firstStart[w]!; i < end; i++) terms.push(head + words[second[i]!]!);
  }
  return terms;
}

/**
 * The numbering described at {@link PairTable} for terms numbered in order of first sight:
 * `newId[old]`, the words in order, and the pair table. A term is a pair when it is two
 * words of the index joined by PAIR_JOINER (what SyllablePairs makes); every other term is
 * a word.
 */
export function orderTerms(terms: readonly string[]): { newId: Uint32Array; words: string[]; pairs: PairTable } {
  const newId = new Uint32Array(terms.length);
  const words: string[] = [];
  let joined = 0;
  for (let old = 0; old < terms.length; old++) {
    const term = terms[old]!;
    if (term.includes(PAIR_JOINER)) {
      joined++;
      continue;
    }
    newId[old] = words.length;
    words.push(term);
  }
  // No term with a joiner (an index without Vietnamese text): the words keep their order, no pairs.
  if (joined === 0) return { newId, words, pairs: noPairs(words.length) };
  const wordIds = new Map<string, number>();
  for (let id = 0; id < words.length; id++) wordIds.set(words[id]!, id);
  // Pairs as (first, second) word ids; a term with a joiner that is not two words is a word.
  const pairOld: number[] = [];
  const firsts: number[] = [];
  const seconds: number[] = [];
  for (let old = 0; old < terms.length; old++) {
    const term = terms[old]!;
    const at = term.indexOf(PAIR_JOINER);
    if (at < 0) continue;
    const first = wordIds.get(term.slice(0, at));
    const second = wordIds.get(term.slice(at + PAIR_JOINER.length));
    if (first === undefined || second === undefined) {
      newId[old] = words.length;
      words.push(term);
      continue;
    }
    pairOld.push(old);
    firsts.push(first);
    seconds.push(second);
  }
  // Each pair string is distinct, so (first, second) is too: a radix sort, second then first.
  const wordCount = words.length;
  const bySecond = _countingOrder(seconds, wordCount, Array.from(pairOld.keys()));
  const order = _countingOrder(firsts, wordCount, bySecond);
  const firstStart = new Uint32Array(wordCount + 1);
  for (const first of firsts) firstStart[first + 1]!++;
  for (let w = 0; w < wordCount; w++) firstStart[w + 1]! += firstStart[w]!;
  const second = new Uint32Array(order.length);
  order.forEach((p, rank) => {
    second[rank] = seconds[p]!;
    newId[pairOld[p]!] = wordCount + rank;
  });
  return { newId, words, pairs: { wordCount, firstStart, second } };
}

/** `items` stably reordered by `keys[item]` ascending (keys below `range`). */
function _countingOrder(keys: readonly number[], range: number, items: readonly number[]): number[] {
  const start = new Uint32Array(range + 1);
  for (const item of items) start[keys[item]! + 1]!++;
  for (let k = 0; k < range; k++) start[k + 1]! += start[k]!;
  const out = new Array<number>(items.length);
  for (const item of items) out[start[keys[item]!]!++] = item;
  return out;
}
