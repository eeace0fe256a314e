import { stem as porter2 } from 'porter2';
import { stemmer as porter1 } from 'stemmer';
import { PolicybotError } from '../../errors.ts';
import { extractIdentifiers } from '../../ingest/identifiers.ts';
import { detectLanguage, isCjkCode } from '../../lib/language.ts';
import { foldText } from '../../lib/text.ts';
import { type AnalyzerOptions, IDENTIFIER_TERM_PREFIX, STOP_SETS } from './analyzer-options.ts';
import { TOKEN_MISSING, TokenTable } from './token-table.ts';
import { isJoiner, scanTokens, type TokenSink } from './tokenize.ts';
import { cutQuestionBoilerplate } from './vietnamese.ts';

const POSSESSIVE = /['’]s\b/gu;
const ENGLISH_WORD = /^[a-z]+$/;
const HAS_DIGIT = /\d/;
const DATE = /^(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d$/;
/** Longer runs are encodings or garbage, not words anyone searches for. */
const MAX_TOKEN_LENGTH = 64;
/** How many tokens and terms an analyzer remembers before it stops learning new ones. */
const MAX_REMEMBERED = 8_000_000;
/** Marks a dropped token (stop word, too long) in the token table. */
const DROPPED = -1;
/** Marks a token holding Chinese, Japanese or Korean characters, analysed into bigrams. */
const CJK_TOKEN = -3;
/** Pair keys are first·PAIR_BASE + second; term numbers stay below MAX_REMEMBERED < PAIR_BASE. */
const PAIR_BASE = 2 ** 23;

/** How one text is analysed: English rules (as ever) or Vietnamese ones. */
type Profile = 'en' | 'vi';

/** Which analysis a query gets: one profile, or both merged when its language is unclear. */
type QueryProfile = Profile | 'both';

/**
 * Turns text into index terms, the same way for documents and queries: fold case and
 * diacritics (foldText: "Thông tư" → "thong", "tu"), split into letter/digit tokens, keep
 * compounds that carry a digit or slash ("49/2017/tt-byt", "5316/qd-byt") whole and also
 * emit their parts, then per the text's language (see detectLanguage):
 * - English and any other language (the rules every index had before languages were told
 *   apart): drop English stop words, stem all-letter tokens;
 * - Vietnamese: keep every syllable (the English list would drop "an", "to", "can": an ninh,
 *   tổ chức, cán bộ), stem nothing, and add a term per pair of adjacent syllables ("tai san",
 *   "san hien", "hien co"), since most Vietnamese words are two syllables and single ones
 *   match almost everything. Pairs follow the syllables, so term positions stay those of the
 *   syllables; no pair spans punctuation;
 * - Chinese, Japanese and Korean runs become overlapping character bigrams (as Lucene's and
 *   Elasticsearch's CJK analysis does), a lone character itself.
 * Then a `§circular:49` term per named legal instrument is appended, so "Thông tư 49" and
 * "Circular No. 49, 2017" share a term.
 *
 * Queries ({@link analyzeQuery}) also lose Vietnamese question boilerplate ("là gì", "bao
 * nhiêu"); a query whose words could be Vietnamese typed without diacritics but might not be
 * ("an ninh mang") gets the English and the Vietnamese terms together: each only matches
 * passages analysed its way.
 *
 * Tokens and terms are remembered, and terms numbered in order of first sight, so a fresh
 * analyzer's numbers can serve as the term ids of the index it builds. Past a bound, unseen
 * tokens are analyzed afresh each time instead, so a long-running bot does not grow with
 * every new word users type.
 */
export class Analyzer implements TokenSink {
  private readonly stop: ReadonlySet<string>;
  private readonly stem: ((word: string) => string) | undefined;
  private readonly tables: Record<Profile, TokenTable> = { en: new TokenTable(), vi: new TokenTable() };
  private readonly numbers = new Map<string, number>();
  private readonly pairNumbers = new Map<number, number>();
  private readonly terms: string[] = [];
  // The text being scanned and where its terms go: fields rather than closures, because
  // indexing analyzes hundreds of thousands of texts and a closure per text shows up.
  private folded = '';
  private profile: Profile = 'en';
  private outNumbers: number[] | undefined;
  private outTerms: string[] | undefined;
  /** Vietnamese: the previous syllable's term (number, or string when unnumbered) and its end. */
  private previous: number | string | undefined;
  private previousEnd = 0;
  private pairs: (number | string)[] = [];
  private withPairs = true;

  constructor(readonly options: Readonly<AnalyzerOptions>) {
    this.stop = STOP_SETS[options.stopWords];
    this.stem = options.stemmer === 'none' ? undefined : options.stemmer === 'porter' ? porter1 : porter2;
  }

  /**
   * The terms of a passage's `text`, in order, identifier terms last. `words: true` leaves
   * the identifier terms and syllable pairs out (and skips finding them), for callers that
   * want the text's words in their positions.
   */
  analyze(text: string, words = false): string[] {
    return this.collect(text, _passageProfile(text), !words, !words);
  }

  /**
   * The terms of a question: as {@link analyze}, but Vietnamese question boilerplate is cut,
   * and a question that may or may not be Vietnamese gets both analyses' terms (each term
   * once).
   */
  analyzeQuery(text: string, words = false): string[] {
    const profile = _queryProfile(text);
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
    if (!this.learning) {
      throw new PolicybotError('INDEX_BUILD_FAILED', `The corpus has more than ${MAX_REMEMBERED} distinct tokens.`);
    }
    this.outNumbers = out;
    this.outTerms = undefined;
    this.scan(text, _passageProfile(text), true, true, false);
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
    if (!compound) {
      this.emitToken(start, end);
      return;
    }
    const { folded } = this;
    const whole = folded.slice(start, end);
    if (
      this.options.compoundTokens &&
      whole.length <= MAX_TOKEN_LENGTH &&
      (whole.includes('/') || HAS_DIGIT.test(whole))
    ) {
      this.emitTerm(whole);
    }
    // A date ("03/10/2003") is one term: its day, month and year alone would match every
    // passage that counts to ten or mentions that year.
    if (DATE.test(whole)) return;
    let partStart = start;
    for (let i = start; i <= end; i++) {
      if (i < end && !isJoiner(folded.charCodeAt(i))) continue;
      this.emitToken(partStart, i);
      partStart = i + 1;
    }
  }

  /** True while new tokens and terms are still remembered. */
  private get learning(): boolean {
    return this.tables.en.size + this.tables.vi.size + this.terms.length < MAX_REMEMBERED;
  }

  private collect(text: string, profile: Profile, identifiers: boolean, pairs: boolean, query = false): string[] {
    const out: string[] = [];
    this.outTerms = out;
    this.outNumbers = undefined;
    this.scan(text, profile, identifiers, pairs, query);
    this.outTerms = undefined;
    return out;
  }

  private scan(text: string, profile: Profile, identifiers: boolean, pairs: boolean, query: boolean): void {
    this.profile = profile;
    this.withPairs = pairs && profile === 'vi';
    this.previous = undefined;
    let folded = foldText(text).replace(POSSESSIVE, '');
    if (query && profile === 'vi') folded = cutQuestionBoilerplate(folded);
    this.folded = folded;
    scanTokens(folded, this);
    for (const pair of this.pairs) {
      if (typeof pair === 'number') this.emitNumber(pair);
      else this.emitTerm(pair);
    }
    this.pairs.length = 0;
    if (identifiers && this.options.identifierTokens) {
      for (const id of extractIdentifiers(text)) this.emitTerm(`${IDENTIFIER_TERM_PREFIX}${id.key}`);
    }
    this.folded = '';
  }

  /** One simple token: by number if the table knows it, else decided (and remembered) now. */
  private emitToken(start: number, end: number): void {
    const table = this.tables[this.profile];
    const hash = TokenTable.hash(this.folded, start, end);
    const n = table.find(this.folded, start, end, hash);
    if (n >= 0) this.emitWord(n, start, end);
    else if (n === TOKEN_MISSING) this.emitNew(this.folded.slice(start, end), hash, start, end);
    else if (n === CJK_TOKEN) this.emitCjk(start, end);
  }

  private emitNew(token: string, hash: number, start: number, end: number): void {
    const table = this.tables[this.profile];
    if (_hasCjk(token)) {
      if (this.learning) table.insert(token, hash, CJK_TOKEN);
      this.emitCjk(start, end);
      return;
    }
    const english = this.profile === 'en';
    const dropped = token.length > MAX_TOKEN_LENGTH || (english && this.stop.has(token));
    const term = dropped ? '' : english && this.stem && ENGLISH_WORD.test(token) ? this.stem(token) : token;
    if (!this.learning) {
      if (!dropped) this.emitWord(term, start, end);
      return;
    }
    const n = dropped ? DROPPED : this.numberOf(term);
    table.insert(token, hash, n);
    if (n >= 0) this.emitWord(n, start, end);
  }

  /**
   * A token with Chinese, Japanese or Korean characters: each run of them as overlapping
   * bigrams (a lone character as itself), the rest of the token as ordinary tokens.
   */
  private emitCjk(start: number, end: number): void {
    const { folded } = this;
    let i = start;
    while (i < end) {
      let j = i;
      const cjk = isCjkCode(folded.charCodeAt(i));
      while (j < end && isCjkCode(folded.charCodeAt(j)) === cjk) j++;
      if (!cjk) this.emitToken(i, j);
      else {
        this.previous = undefined;
        const chars = Array.from(folded.slice(i, j));
        if (chars.length === 1) this.emitTerm(chars[0]!);
        for (let c = 0; c + 1 < chars.length; c++) this.emitTerm(chars[c]! + chars[c + 1]!);
      }
      i = j;
    }
  }

  /** A word's term, and under the Vietnamese profile its pair with the word before. */
  private emitWord(term: number | string, start: number, end: number): void {
    if (typeof term === 'number') this.emitNumber(term);
    else this.outTerms?.push(term);
    if (!this.withPairs) return;
    const before = this.previous;
    if (before !== undefined && _onlySpaces(this.folded, this.previousEnd, start))
      this.pairs.push(this.pairOf(before, term));
    this.previous = term;
    this.previousEnd = end;
  }

  /** The pair term of two words: a number when both have one and the analyzer still learns. */
  private pairOf(first: number | string, second: number | string): number | string {
    if (typeof first === 'number' && typeof second === 'number' && this.learning) {
      const key = first * PAIR_BASE + second;
      let n = this.pairNumbers.get(key);
      if (n === undefined) {
        n = this.numberOf(`${this.terms[first]!}${PAIR_JOINER}${this.terms[second]!}`);
        this.pairNumbers.set(key, n);
      }
      return n;
    }
    const text = (t: number | string) => (typeof t === 'number' ? this.terms[t]! : t);
    return `${text(first)}${PAIR_JOINER}${text(second)}`;
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

/** Joins the two syllables of a pair term ("tai san"): no word holds a space. */
const PAIR_JOINER = ' ';

/**
 * Whether a term is one of a text's words, as `analyze(text, true)` keeps them: not an
 * identifier term (`§circular:49`) nor a syllable pair. Lets a reader of stored terms see
 * the words alone.
 */
export function isWordTerm(term: string): boolean {
  return !term.startsWith(IDENTIFIER_TERM_PREFIX) && !term.includes(PAIR_JOINER);
}

/** Passages: Vietnamese rules only for text that is surely Vietnamese; else as ever. */
function _passageProfile(text: string): Profile {
  const guess = detectLanguage(text);
  return guess.language === 'vi' && guess.confident ? 'vi' : 'en';
}

function _queryProfile(text: string): QueryProfile {
  const guess = detectLanguage(text);
  if (guess.language !== 'vi') return 'en';
  return guess.confident ? 'vi' : 'both';
}

/** True when `text[from, to)` is white space only: two words side by side. */
function _onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code > 32 && code !== 0xa0) return false;
  }
  return true;
}

function _hasCjk(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (isCjkCode(token.charCodeAt(i))) return true;
  return false;
}
