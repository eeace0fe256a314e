import { type AnalyzerOptions, IDENTIFIER_TERM_PREFIX } from './analyzer-options.ts';

/** Joins the two syllables of a pair term ("tai san"): no word holds a space. */
export const PAIR_JOINER = ' ';

/** Pair keys are first·PAIR_BASE + second; term numbers stay below 2^23. */
const PAIR_BASE = 2 ** 23;

const HAS_DIGIT = /\d/;

/** Whether a syllable may stand in a pair term under `mode`. */
export function pairable(syllable: string, mode: AnalyzerOptions['syllablePairs']): boolean {
  if (mode === 'all') return true;
  if (mode === 'none') return false;
  // Numbers ("khoản 2", "năm 2015", "5.000.000 đồng") are matched by the numbers themselves,
  // and article references by their own rule: their pairs grew the ALQAC index by a tenth
  // and moved nDCG@10 by 0.0007. Pairs across linking words ("và các", "của người") look
  // useless but are not: leaving them out cost 0.005.
  return !HAS_DIGIT.test(syllable);
}

/**
 * Whether a term is one of a text's words, as `analyze(text, true)` keeps them: not an
 * identifier term (`§circular:49`) nor a syllable pair. Lets a reader of stored terms see
 * the words alone.
 */
export function isWordTerm(term: string): boolean {
  return !term.startsWith(IDENTIFIER_TERM_PREFIX) && !term.includes(PAIR_JOINER);
}

/** How the analyzer numbers terms, as syllable pairs need it. */
export interface TermNumbering {
  /** The text of term number `n`. */
  term(n: number): string;
  /** The number of `term`, given one if need be; undefined once the analyzer stops learning. */
  number(term: string): number | undefined;
}

/**
 * The pair terms of one text under the Vietnamese profile: one per two adjacent syllables
 * with only white space between (no pair spans punctuation), both {@link pairable}. Pairs
 * are held back and emitted after the text's words, so word positions stay the syllables'.
 */
export class SyllablePairs {
  private previous: number | string | undefined;
  private previousEnd = 0;
  private readonly pending: (number | string)[] = [];
  private readonly numbers = new Map<number, number>();
  /** By term number: 0 not yet known, 1 pairable, 2 not. */
  private readonly allowed: number[] = [];

  constructor(
    private readonly mode: AnalyzerOptions['syllablePairs'],
    private readonly terms: TermNumbering,
  ) {}

  /** Forgets the syllable before: the next one starts a new run. */
  break(): void {
    this.previous = undefined;
  }

  /** A syllable's term, found at `[start, end)` of `text`. */
  syllable(term: number | string, start: number, end: number, text: string): void {
    if (!this.isPairable(term)) {
      this.previous = undefined;
      return;
    }
    const before = this.previous;
    if (before !== undefined && _onlySpaces(text, this.previousEnd, start))
      this.pending.push(this.pairOf(before, term));
    this.previous = term;
    this.previousEnd = end;
  }

  /** Hands over the pairs found since the last flush, in order, and starts afresh. */
  flush(emit: (pair: number | string) => void): void {
    for (const pair of this.pending) emit(pair);
    this.pending.length = 0;
    this.previous = undefined;
  }

  private isPairable(term: number | string): boolean {
    if (typeof term === 'string') return pairable(term, this.mode);
    let known = this.allowed[term];
    if (known === undefined || known === 0) {
      known = pairable(this.terms.term(term), this.mode) ? 1 : 2;
      this.allowed[term] = known;
    }
    return known === 1;
  }

  /** The pair term of two syllables: a number when both have one and the analyzer still learns. */
  private pairOf(first: number | string, second: number | string): number | string {
    const text = (t: number | string) => (typeof t === 'number' ? this.terms.term(t) : t);
    if (typeof first === 'number' && typeof second === 'number') {
      const key = first * PAIR_BASE + second;
      const known = this.numbers.get(key);
      if (known !== undefined) return known;
      const n = this.terms.number(`${text(first)}${PAIR_JOINER}${text(second)}`);
      if (n !== undefined) {
        this.numbers.set(key, n);
        return n;
      }
    }
    return `${text(first)}${PAIR_JOINER}${text(second)}`;
  }
}

/** True when `text[from, to)` is white space only: two words side by side. */
function _onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code > 32 && code !== 0xa0) return false;
  }
  return true;
}
