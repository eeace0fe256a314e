import { PolicybotError } from '../../errors.ts';
import { extractIdentifiers } from '../../ingest/identifiers.ts';
import { foldText } from '../../lib/text.ts';
import { type Profile, passageProfile, queryProfile } from './analysis-profile.ts';
import { type AnalyzerOptions, IDENTIFIER_TERM_PREFIX } from './analyzer-options.ts';
import { type CjkSink, hasCjk, splitCjk } from './cjk-bigrams.ts';
import { SyllablePairs } from './syllable-pairs.ts';
import { TermOutput } from './term-output.ts';
import { MAX_REMEMBERED, TermVocabulary } from './term-vocabulary.ts';
import { isDateCompound, TokenRules } from './token-rules.ts';
import { TOKEN_MISSING, TokenTable } from './token-table.ts';
import { isJoiner, scanTokens, type TokenSink } from './tokenize.ts';
import { cutQuestionBoilerplate } from './vietnamese.ts';

export { isWordTerm } from './syllable-pairs.ts';

const POSSESSIVE = /['’]s\b/gu;
/** Marks a dropped token (stop word, too long) in the token table. */
const DROPPED = -1;
/** Marks a token holding Chinese, Japanese or Korean characters, analysed into bigrams. */
const CJK_TOKEN = -3;

/**
 * Turns text into index terms, the same way for documents and queries: fold case and
 * diacritics (foldText: "Thông tư" → "thong", "tu"), split into letter/digit tokens, keep
 * compounds that carry a digit or slash ("49/2017/tt-byt", "5316/qd-byt") whole and also
 * emit their parts (a date, "03/10/2003", stays one term; token-rules.ts), then per the
 * text's language (analysis-profile.ts):
 * - English and any other language (the rules every index had before languages were told
 *   apart): drop English stop words, stem all-letter tokens;
 * - Vietnamese: keep every syllable (the English list would drop "an", "to", "can": an ninh,
 *   tổ chức, cán bộ), stem nothing, and add pair terms of adjacent syllables ("tai san",
 *   "san hien", "hien co"; syllable-pairs.ts says which), since most Vietnamese words are
 *   two syllables and single ones match almost everything;
 * - Chinese, Japanese and Korean runs become overlapping character bigrams (cjk-bigrams.ts).
 * Then a `§circular:49` term per named legal instrument is appended, so "Thông tư 49" and
 * "Circular No. 49, 2017" share a term.
 *
 * Queries ({@link analyzeQuery}) also lose Vietnamese question boilerplate ("là gì", "bao
 * nhiêu"); a query whose words could be Vietnamese typed without diacritics but might not be
 * ("an ninh mang") gets the English and the Vietnamese terms together: each only matches
 * passages analysed its way.
 *
 * Tokens and terms are remembered (term-vocabulary.ts): a fresh analyzer's term numbers serve
 * as the term ids of the index it builds; terms go out as numbers or strings (term-output.ts).
 */
export class Analyzer implements TokenSink, CjkSink {
  private readonly rules: TokenRules;
  private readonly vocabulary = new TermVocabulary();
  private readonly syllablePairs: SyllablePairs;
  private readonly out = new TermOutput(this.vocabulary);
  // The text being scanned: fields rather than closures, because indexing analyzes hundreds
  // of thousands of texts and a closure per text shows up.
  private folded = '';
  private profile: Profile = 'en';
  private withPairs = true;

  constructor(readonly options: Readonly<AnalyzerOptions>) {
    this.rules = new TokenRules(options);
    this.syllablePairs = new SyllablePairs(options.syllablePairs, this.vocabulary);
  }

  /**
   * The terms of a passage's `text`, in order, identifier terms last. `words: true` leaves
   * the identifier terms and syllable pairs out (and skips finding them), for callers that
   * want the text's words in their positions.
   */
  analyze(text: string, words = false): string[] {
    return this.collect(text, passageProfile(text), !words, !words);
  }

  /**
   * The terms of a question: as {@link analyze}, but Vietnamese question boilerplate is cut,
   * and a question that may or may not be Vietnamese gets both analyses' terms (each term
   * once).
   */
  analyzeQuery(text: string, words = false): string[] {
    const profile = queryProfile(text);
    if (profile !== 'both') return this.collect(text, profile, !words, !words, true);
    const english = this.collect(text, 'en', !words, !words, true);
    const seen = new Set(english);
    return [...english, ...this.collect(text, 'vi', false, !words, true).filter((t) => !seen.has(t))];
  }

  /**
   * Appends the numbers of the terms of a passage's `text` to `out` (see {@link term}).
   * Throws INDEX_BUILD_FAILED once the analyzer has stopped remembering (a vocabulary of
   * millions).
   */
  analyzeToNumbers(text: string, out: number[]): void {
    if (!this.vocabulary.learning) {
      throw new PolicybotError('INDEX_BUILD_FAILED', `The corpus has more than ${MAX_REMEMBERED} distinct tokens.`);
    }
    this.out.toNumbers(out);
    this.scan(text, passageProfile(text), true, true, false);
    this.out.end();
  }

  /** The term numbered `n`. */
  term(n: number): string {
    return this.vocabulary.term(n);
  }

  /** False once the analyzer has stopped remembering: analyzeToNumbers then throws. */
  get learning(): boolean {
    return this.vocabulary.learning;
  }

  /** How many terms have numbers. */
  get termCount(): number {
    return this.vocabulary.size;
  }

  /** Called by scanTokens for each token of the folded text; not for outside use. */
  token(start: number, end: number, compound: boolean): void {
    if (!compound) {
      this.emitToken(start, end);
      return;
    }
    const { folded } = this;
    const whole = folded.slice(start, end);
    if (this.rules.keepsWhole(whole)) this.out.term(whole);
    if (isDateCompound(whole)) return;
    let partStart = start;
    for (let i = start; i <= end; i++) {
      if (i < end && !isJoiner(folded.charCodeAt(i))) continue;
      this.emitToken(partStart, i);
      partStart = i + 1;
    }
  }

  /** Called by splitCjk for a run of other characters in a CJK token; not for outside use. */
  plain(start: number, end: number): void {
    this.emitToken(start, end);
  }

  /** Called by splitCjk for each bigram; not for outside use. */
  bigram(term: string): void {
    this.syllablePairs.break();
    this.out.term(term);
  }

  private collect(text: string, profile: Profile, identifiers: boolean, pairs: boolean, query = false): string[] {
    const out: string[] = [];
    this.out.toTerms(out);
    this.scan(text, profile, identifiers, pairs, query);
    this.out.end();
    return out;
  }

  private scan(text: string, profile: Profile, identifiers: boolean, pairs: boolean, query: boolean): void {
    this.profile = profile;
    this.withPairs = pairs && profile === 'vi';
    this.syllablePairs.break();
    let folded = foldText(text).replace(POSSESSIVE, '');
    if (query && profile === 'vi') folded = cutQuestionBoilerplate(folded);
    this.folded = folded;
    scanTokens(folded, this);
    this.syllablePairs.flush(this.out.pair);
    if (identifiers && this.options.identifierTokens) {
      for (const id of extractIdentifiers(text)) this.out.term(`${IDENTIFIER_TERM_PREFIX}${id.key}`);
    }
    this.folded = '';
  }

  /** One simple token: by number if the table knows it, else decided (and remembered) now. */
  private emitToken(start: number, end: number): void {
    const table = this.vocabulary.tables[this.profile];
    const hash = TokenTable.hash(this.folded, start, end);
    const n = table.find(this.folded, start, end, hash);
    if (n >= 0) this.emitWord(n, start, end);
    else if (n === TOKEN_MISSING) this.emitNew(this.folded.slice(start, end), hash, start, end);
    else if (n === CJK_TOKEN) splitCjk(this.folded, start, end, this);
  }

  private emitNew(token: string, hash: number, start: number, end: number): void {
    const { vocabulary } = this;
    const table = vocabulary.tables[this.profile];
    if (hasCjk(token)) {
      if (vocabulary.learning) table.insert(token, hash, CJK_TOKEN);
      splitCjk(this.folded, start, end, this);
      return;
    }
    const term = this.rules.termOf(token, this.profile === 'en');
    if (!vocabulary.learning) {
      if (term !== null) this.emitWord(term, start, end);
      return;
    }
    const n = term === null ? DROPPED : vocabulary.numberOf(term);
    table.insert(token, hash, n);
    if (n >= 0) this.emitWord(n, start, end);
  }

  /** A word's term, and under the Vietnamese profile a syllable of the pairs to come. */
  private emitWord(term: number | string, start: number, end: number): void {
    this.out.word(term);
    if (this.withPairs) this.syllablePairs.syllable(term, start, end, this.folded);
  }
}
