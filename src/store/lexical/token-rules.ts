import { stem as porter2 } from 'porter2';
import { stemmer as porter1 } from 'stemmer';
import { type AnalyzerOptions, STOP_SETS } from './analyzer-options.ts';

const ENGLISH_WORD = /^[a-z]+$/;
const HAS_DIGIT = /\d/;
const DATE = /^(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d$/;
/** Longer runs are encodings or garbage, not words anyone searches for. */
const MAX_TOKEN_LENGTH = 64;

/**
 * What one folded token becomes, as the analyzer's settings say: a simple token's term (stop
 * words and overlong runs dropped, all-letter English words stemmed), and for a compound
 * ("49/2017/tt-byt", "03/10/2003") whether it is also kept whole and whether its parts count.
 */
export class TokenRules {
  private readonly stop: ReadonlySet<string>;
  private readonly stem: ((word: string) => string) | undefined;
  private readonly compounds: boolean;

  constructor(options: Readonly<AnalyzerOptions>) {
    this.stop = STOP_SETS[options.stopWords];
    this.stem = options.stemmer === 'none' ? undefined : options.stemmer === 'porter' ? porter1 : porter2;
    this.compounds = options.compoundTokens;
  }

  /**
   * The term of a simple token, or null when it is dropped: too long, or an English stop word
   * under the English profile. Only the English profile stems (all-letter tokens).
   */
  termOf(token: string, english: boolean): string | null {
    if (token.length > MAX_TOKEN_LENGTH || (english && this.stop.has(token))) return null;
    return english && this.stem && ENGLISH_WORD.test(token) ? this.stem(token) : token;
  }

  /** True when a compound is also a term whole: it carries a digit or a slash (and compounds are kept). */
  keepsWhole(compound: string): boolean {
    return (
      this.compounds && compound.length <= MAX_TOKEN_LENGTH && (compound.includes('/') || HAS_DIGIT.test(compound))
    );
  }
}

/**
 * A date ("03/10/2003") is one term: its day, month and year alone would match every passage
 * that counts to ten or mentions that year, so its parts are not terms.
 */
export function isDateCompound(compound: string): boolean {
  return DATE.test(compound);
}
