import { type PairTable, pairId } from './pair-table.ts';
import { PAIR_JOINER } from './syllable-pairs.ts';

/**
 * An index's term → id lookup: the words (the first `pairs.wordCount` terms) in a map, the
 * syllable pairs ("tai san") from their two words' ids through the pair table, so the
 * hundreds of thousands of pair terms of a Vietnamese corpus need no map entry each.
 */
export class TermIds {
  private readonly words = new Map<string, number>();

  constructor(
    terms: readonly string[],
    private readonly pairs: PairTable,
  ) {
    for (let id = 0; id < pairs.wordCount; id++) this.words.set(terms[id]!, id);
  }

  /** The id of `term`, or undefined when the index does not have it. */
  get(term: string): number | undefined {
    const id = this.words.get(term);
    if (id !== undefined) return id;
    const at = term.indexOf(PAIR_JOINER);
    if (at < 0) return undefined;
    const first = this.words.get(term.slice(0, at));
    const second = this.words.get(term.slice(at + PAIR_JOINER.length));
    if (first === undefined || second === undefined) return undefined;
    const pair = pairId(this.pairs, first, second);
    return pair < 0 ? undefined : pair;
  }
}
