import { stem as porter2 } from 'porter2';
import { stemmer as porter1 } from 'stemmer';
import { extractIdentifiers } from '../../ingest/identifiers.ts';
import { PolicybotError } from '../../errors.ts';
import { foldText } from '../../lib/text.ts';
import { IDENTIFIER_TERM_PREFIX, STOP_SETS, type AnalyzerOptions } from './analyzer-options.ts';
import { TOKEN_MISSING, TokenTable } from './token-table.ts';
import { isJoiner, scanTokens, type TokenSink } from './tokenize.ts';

const POSSESSIVE = /['’]s\b/gu;
const ENGLISH_WORD = /^[a-z]+$/;
const HAS_DIGIT = /\d/;
/** Longer runs are encodings or garbage, not words anyone searches for. */
const MAX_TOKEN_LENGTH = 64;
/** How many tokens and terms an analyzer remembers before it stops learning new ones. */
const MAX_REMEMBERED = 8_000_000;
/** Marks a dropped token (stop word, too long) in the token table. */
const DROPPED = -1;

/**
 * Turns text into index terms, the same way for documents and queries: fold case and
 * diacritics (foldText: "Thông tư" → "thong", "tu"), split into letter/digit tokens, keep
 * compounds that carry a digit or slash ("49/2017/tt-byt", "5316/qd-byt") whole and also
 * emit their parts, drop stop words, stem all-letter tokens (not digits, compounds or
 * non-English letters), then append a `§circular:49` term per named legal instrument so
 * "Thông tư 49" and "Circular No. 49, 2017" share a term.
 *
 * Tokens and terms are remembered, and terms numbered in order of first sight, so a fresh
 * analyzer's numbers can serve as the term ids of the index it builds. Past a bound, unseen
 * tokens are analyzed afresh each time instead, so a long-running bot does not grow with
 * every new word users type.
 */
export class Analyzer implements TokenSink {
  private readonly stop: ReadonlySet<string>;
  private readonly stem: ((word: string) => string) | undefined;
  private readonly tokens = new TokenTable();
  private readonly numbers = new Map<string, number>();
  private readonly terms: string[] = [];
  // The text being scanned and where its terms go: fields rather than closures, because
  // indexing analyzes hundreds of thousands of texts and a closure per text shows up.
  private folded = '';
  private outNumbers: number[] | undefined;
  private outTerms: string[] | undefined;

  constructor(readonly options: Readonly<AnalyzerOptions>) {
    this.stop = STOP_SETS[options.stopWords];
    this.stem = options.stemmer === 'none' ? undefined : options.stemmer === 'porter' ? porter1 : porter2;
  }

  /**
   * The terms of `text`, in order, identifier terms last. `words: true` leaves the identifier
   * terms out (and skips finding them), for callers that only want the text's words.
   */
  analyze(text: string, words = false): string[] {
    const out: string[] = [];
    this.outTerms = out;
    this.outNumbers = undefined;
    this.scan(text, !words);
    this.outTerms = undefined;
    return out;
  }

  /**
   * Appends the numbers of the terms of `text` to `out` (see {@link term}). Throws
   * INDEX_BUILD_FAILED once the analyzer has stopped remembering (a vocabulary of millions).
   */
  analyzeToNumbers(text: string, out: number[]): void {
    if (!this.learning) {
      throw new PolicybotError('INDEX_BUILD_FAILED', `The corpus has more than ${MAX_REMEMBERED} distinct tokens.`);
    }
    this.outNumbers = out;
    this.outTerms = undefined;
    this.scan(text);
    this.outNumbers = undefined;
  }

  /** The term numbered `n`. */
  term(n: number): string {
    return this.terms[n]!;
  }

  /** How many terms have numbers. */
  get termCount(): number {
    return this.terms.length;
  }

  /** Called by scanTokens for each token of the folded text; not for outside use. */
  token(start: number, end: number, compound: boolean): void {
    if (!compound) return this.emitToken(start, end);
    const { folded } = this;
    const whole = folded.slice(start, end);
    if (this.options.compoundTokens && whole.length <= MAX_TOKEN_LENGTH && (whole.includes('/') || HAS_DIGIT.test(whole))) {
      this.emitTerm(whole);
    }
    let partStart = start;
    for (let i = start; i <= end; i++) {
      if (i < end && !isJoiner(folded.charCodeAt(i))) continue;
      this.emitToken(partStart, i);
      partStart = i + 1;
    }
  }

  /** True while new tokens and terms are still remembered. */
  private get learning(): boolean {
    return this.tokens.size + this.terms.length < MAX_REMEMBERED;
  }

  private scan(text: string, identifiers = true): void {
    this.folded = foldText(text).replace(POSSESSIVE, '');
    scanTokens(this.folded, this);
    if (identifiers && this.options.identifierTokens) {
      for (const id of extractIdentifiers(text)) this.emitTerm(`${IDENTIFIER_TERM_PREFIX}${id.key}`);
    }
    this.folded = '';
  }

  /** One simple token: by number if the table knows it, else decided (and remembered) now. */
  private emitToken(start: number, end: number): void {
    const hash = TokenTable.hash(this.folded, start, end);
    const n = this.tokens.find(this.folded, start, end, hash);
    if (n >= 0) this.emitNumber(n);
    else if (n === TOKEN_MISSING) this.emitNew(this.folded.slice(start, end), hash);
  }

  private emitNew(token: string, hash: number): void {
    const dropped = token.length > MAX_TOKEN_LENGTH || this.stop.has(token);
    const term = dropped ? '' : this.stem && ENGLISH_WORD.test(token) ? this.stem(token) : token;
    if (!this.learning) {
      if (!dropped) this.emitTerm(term);
      return;
    }
    const n = dropped ? DROPPED : this.numberOf(term);
    this.tokens.insert(token, hash, n);
    if (n >= 0) this.emitNumber(n);
  }

  /** A finished term (a compound, an identifier term, or a token's term): by number if it has one. */
  private emitTerm(term: string): void {
    const n = this.learning ? this.numberOf(term) : this.numbers.get(term);
    if (n !== undefined) this.emitNumber(n);
    else this.outTerms?.push(term);
  }

  private emitNumber(n: number): void {
    if (this.outNumbers) this.outNumbers.push(n);
    else this.outTerms?.push(this.terms[n]!);
  }

  private numberOf(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.terms.length;
      this.numbers.set(term, n);
      this.terms.push(term);
    }
    return n;
  }
}
