import type { Profile } from './analysis-profile.ts';
import type { TermNumbering } from './syllable-pairs.ts';
import { TokenTable } from './token-table.ts';

/** How many tokens and terms a vocabulary remembers before it stops learning new ones. */
export const MAX_REMEMBERED = 8_000_000;

/**
 * What an analyzer remembers: per profile, the token → term-number table (tokens are
 * analyzed once), and the terms numbered in order of first sight, so a fresh analyzer's
 * numbers can serve as the term ids of the index it builds. Past {@link MAX_REMEMBERED}
 * entries it stops learning, so a long-running bot does not grow with every new word users
 * type.
 */
export class TermVocabulary implements TermNumbering {
  readonly tables: Record<Profile, TokenTable> = { en: new TokenTable(), vi: new TokenTable() };
  private readonly numbers = new Map<string, number>();
  private readonly terms: string[] = [];

  /** True while new tokens and terms are still remembered. */
  get learning(): boolean {
    return this.tables.en.size + this.tables.vi.size + this.terms.length < MAX_REMEMBERED;
  }

  /** How many terms have numbers. */
  get size(): number {
    return this.terms.length;
  }

  /** The term numbered `n`. */
  term(n: number): string {
    return this.terms[n]!;
  }

  /** A term's number: given one while learning; afterwards, only the ones it has. */
  number(term: string): number | undefined {
    return this.learning ? this.numberOf(term) : this.numbers.get(term);
  }

  /** A term's number, given one if it has none (callers check {@link learning}). */
  numberOf(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.terms.length;
      this.numbers.set(term, n);
      this.terms.push(term);
    }
    return n;
  }
}
