import type { TermVocabulary } from './term-vocabulary.ts';

/**
 * Where an analysis writes its terms: as numbers (an index build, analyzeToNumbers) or as
 * strings (queries and callers that want text), one or the other per analysis. A term is
 * written by number whenever the vocabulary has one for it.
 */
export class TermOutput {
  private numbers: number[] | undefined;
  private terms: string[] | undefined;
  /** A syllable pair (syllable-pairs.ts): by number, or spelt out when it has none. */
  readonly pair = (pair: number | string) => {
    if (typeof pair === 'number') this.number(pair);
    else this.term(pair);
  };

  constructor(private readonly vocabulary: TermVocabulary) {}

  /** Terms go to `out` as numbers until {@link end}. */
  toNumbers(out: number[]): void {
    this.numbers = out;
    this.terms = undefined;
  }

  /** Terms go to `out` as strings until {@link end}. */
  toTerms(out: string[]): void {
    this.terms = out;
    this.numbers = undefined;
  }

  end(): void {
    this.numbers = undefined;
    this.terms = undefined;
  }

  /** A word's term: its number, or the term itself once the vocabulary no longer learns. */
  word(term: number | string): void {
    if (typeof term === 'number') this.number(term);
    else this.terms?.push(term);
  }

  /** A finished term (a compound, an identifier term, a bigram): by number if it has one. */
  term(term: string): void {
    const n = this.vocabulary.number(term);
    if (n !== undefined) this.number(n);
    else this.terms?.push(term);
  }

  number(n: number): void {
    if (this.numbers) this.numbers.push(n);
    else this.terms?.push(this.vocabulary.term(n));
  }
}
