import { guessByShape } from './vietnamese-shape.ts';

export { isVietnameseSyllable } from './vietnamese-shape.ts';

/**
 * What language a text is written in, as far as its analysis cares: Vietnamese (syllables,
 * diacritics), Chinese/Japanese/Korean (no spaces between words), or any other (Latin-script
 * English and everything else). Decided by script and diacritics, which needs no model and
 * no training data: Vietnamese marks its tones and vowels on nearly every syllable, and
 * several of those marks (ơ, ư, ă, đ, the dot below, the hook above) occur in no other
 * language written in Latin script. Text typed without diacritics is recognised by the shape
 * of its syllables and by words that are common in Vietnamese and absent from English.
 */
export type TextLanguage = 'vi' | 'cjk' | 'other';

/** A detected language and how sure the detector is. */
export interface LanguageGuess {
  language: TextLanguage;
  /**
   * False for Latin text without diacritics whose every word could be Vietnamese
   * ("an ninh mang") but that carries no word only Vietnamese has: it may be either.
   */
  confident: boolean;
}

/** Any character beyond ASCII. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, control characters included
const NON_ASCII = /[^\u0000-\u007f]/;
/** Share of Latin words bearing a Vietnamese diacritic above which a text is Vietnamese. */
const MARKED_SHARE = 0.3;

/**
 * Detects the language of `text` by script and diacritics (see the module comment). Never
 * throws; text with no letters at all is 'other', not confident.
 */
export function detectLanguage(text: string): LanguageGuess {
  // ASCII text has no diacritics and no CJK: only the shape of its words can tell (and with
  // no letters it is 'other', not confident, there too).
  if (!NON_ASCII.test(text)) return guessByShape(text);
  let latinWords = 0;
  let markedWords = 0;
  let strongMarks = 0;
  let cjkChars = 0;
  let latinLetters = 0;
  let inWord = false;
  let wordMarked = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      // ASCII (most of any Latin text): a letter, else a digit (which stays in a word) or a break.
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
        if (!inWord) {
          inWord = true;
          wordMarked = false;
          latinWords++;
        }
        latinLetters++;
      } else if (inWord && !(code >= 48 && code <= 57)) inWord = false;
      continue;
    }
    const kind = _charKind(code);
    if (kind === CJK) cjkChars++;
    if (kind === LATIN || kind === MARKED || kind === STRONG || (kind === COMBINING && inWord)) {
      if (!inWord) {
        inWord = true;
        wordMarked = false;
        latinWords++;
      }
      if (kind !== COMBINING) latinLetters++;
      if (kind === STRONG || (kind === COMBINING && (code === 0x0309 || code === 0x0323 || code === 0x031b)))
        strongMarks++;
      if (kind !== LATIN && !wordMarked) {
        wordMarked = true;
        markedWords++;
      }
    } else if (inWord && !(code >= 48 && code <= 57)) inWord = false;
  }
  if (cjkChars > 0 && cjkChars >= latinLetters / 4) return { language: 'cjk', confident: true };
  if (latinWords === 0) return { language: 'other', confident: false };
  if (strongMarks > 0 && markedWords >= MARKED_SHARE * latinWords) return { language: 'vi', confident: true };
  if (markedWords > 0) return { language: 'other', confident: true };
  return guessByShape(text);
}

const OTHER = 0;
const LATIN = 1;
/** A precomposed Latin letter with a diacritic Vietnamese shares with other languages (é, â). */
const MARKED = 2;
/** A letter only Vietnamese uses (ơ, ư, ă, đ, ạ, ả, …). */
const STRONG = 3;
const COMBINING = 4;
const CJK = 5;

/** Vietnamese vowels with a diacritic that French, Portuguese and others share. */
const SHARED_MARKED = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ'.split('').map((c) => c.charCodeAt(0)));
const ONLY_VIETNAMESE = new Set('ăĂđĐĩĨũŨơƠưƯ'.split('').map((c) => c.charCodeAt(0)));

/** _kindOf for the code units below U+2000 (Latin, its marks, Vietnamese), worked out once. */
const KINDS = Uint8Array.from({ length: 0x2000 }, (_, code) => _kindOf(code));

function _charKind(code: number): number {
  return code < 0x2000 ? KINDS[code]! : _kindOf(code);
}

function _kindOf(code: number): number {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? LATIN : OTHER;
  if (ONLY_VIETNAMESE.has(code) || (code >= 0x1ea0 && code <= 0x1ef9)) return STRONG;
  if (SHARED_MARKED.has(code)) return MARKED;
  if (code >= 0x0300 && code <= 0x036f) return COMBINING;
  if (code >= 0xc0 && code <= 0x24f) return MARKED;
  if (isCjkCode(code)) return CJK;
  return OTHER;
}

/**
 * True for a UTF-16 code unit of a Han, kana or Hangul character (high surrogates count:
 * the rarer Han ideographs lie beyond the BMP).
 */
export function isCjkCode(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // Han extension A
    (code >= 0x4e00 && code <= 0x9fff) || // Han
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0x1100 && code <= 0x11ff) || // Hangul jamo
    (code >= 0x3130 && code <= 0x318f) || // Hangul compatibility jamo
    (code >= 0xf900 && code <= 0xfaff) || // Han compatibility
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of Han extensions B–F
  );
}
