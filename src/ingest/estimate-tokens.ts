/** The pieces {@link estimateTokens} counts: a CJK character, a run of letters, marks and digits, any other character. */
const PIECES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
/** An ASCII word with a lower-case letter; acronyms ("DNFBP") split letter by letter, like numbers. */
const ASCII_WORD = /^[A-Z]*[a-z][A-Za-z]*$/;

/**
 * A deliberately high estimate of a BERT WordPiece token count (with [CLS] and [SEP]), for
 * sizing chunks when no tokenizer can be loaded. Every punctuation mark and CJK character is a
 * token. An English word of up to four letters counts one token, one more per three letters
 * after that and, past sixteen letters, one more per six: rare scientific words
 * ("dichlorodiphenyltrichloroethane", 13 pieces) need that rate; an earlier one-per-five rule
 * under-counted such text by a quarter. Acronyms, numbers and words with accents or other
 * scripts, which WordPiece splits finely (Vietnamese syllables lose their accents and break
 * into short pieces), count one token per 1.5 characters.
 * Measured against all-MiniLM-L6-v2 on English science, regulation and Vietnamese text, this
 * never under-counts and over-counts by about half on average. Over-estimating only makes
 * chunks smaller; under-estimating would let a model truncate them silently.
 * The count is additive over white-space-separated words (less the two specials), which the
 * chunker relies on to sum sentence counts.
 */
export function estimateTokens(text: string): number {
  // What {@link estimateTokensByDefinition} counts, one character class lookup per character:
  // chunk sizing counts every text several times, and the regular expression's match per
  // piece (an array and a string each) was most of a lexical-only ingest's chunking.
  let count = 2;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cls = _classAt(text, i);
    let width = cls >>> 4;
    cls &= 15;
    if (cls === SPACE) {
      i += width;
      continue;
    }
    if (cls !== WORD) {
      // A CJK character or another character alone: one token (a piece of one or two code units).
      count += 1;
      i += width;
      continue;
    }
    // A run of letters, marks and digits (CJK letters included once it has started).
    const start = i;
    let ascii = true;
    let lower = false;
    do {
      if (ascii) {
        const c = text.charCodeAt(i);
        if (c >= 97 && c <= 122) lower = true;
        else if (c < 65 || c > 90) ascii = false;
      }
      i += width;
      if (i >= n) break;
      cls = _classAt(text, i);
      width = cls >>> 4;
      cls &= 15;
    } while (cls === WORD || cls === CJK_WORD);
    const length = i - start;
    if (length <= 2) count += 1;
    else if (ascii && lower) count += _englishWord(length);
    else count += Math.ceil(length / 1.5);
  }
  return count;
}

/** {@link estimateTokens} as first written, by the regular expressions (the tests check the two agree). */
export function estimateTokensByDefinition(text: string): number {
  let count = 2;
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    if (piece.length <= 2) count += 1;
    else if (ASCII_WORD.test(piece)) count += _englishWord(piece.length);
    else count += Math.ceil(piece.length / 1.5);
  }
  return count;
}

/** Character classes: white space; a letter, mark or digit; a CJK one; a CJK character that is none; anything else. */
const SPACE = 1;
const WORD = 2;
const CJK_WORD = 3;
const CJK_OTHER = 4;
const OTHER = 5;
/** Per BMP code unit, its class (0: not yet worked out); a lone surrogate is OTHER. */
const CLASSES = new Uint8Array(0x10000);
/** Classes of characters beyond the BMP, as met. */
const ASTRAL = new Map<number, number>();

/** The class of the character at `i`, plus 16 times its width in code units. */
function _classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let cls = ASTRAL.get(point);
      if (cls === undefined) {
        cls = _classify(String.fromCodePoint(point));
        ASTRAL.set(point, cls);
      }
      return cls | 32;
    }
  }
  let cls = CLASSES[c]!;
  if (cls === 0) {
    cls = _classify(String.fromCharCode(c));
    CLASSES[c] = cls;
  }
  return cls | 16;
}

function _classify(char: string): number {
  const cjk = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(char);
  const word = /^[\p{L}\p{M}\p{N}]$/u.test(char);
  if (cjk) return word ? CJK_WORD : CJK_OTHER;
  if (word) return WORD;
  return /^\s$/u.test(char) ? SPACE : OTHER;
}

/**
 * How much {@link estimateTokens} over-counts all-MiniLM-L6-v2's WordPiece on average: the
 * ratio of summed estimates to summed real counts was 1.47 on SciFact abstracts, 1.48 on
 * NFCorpus, 1.58 on ObliQA regulations and 1.69 on the seed corpus.
 */
export const ESTIMATE_OVERCOUNT = 1.5;

/** The name an index records when its chunks were sized by {@link typicalTokens}. */
export const TYPICAL_ESTIMATE_ID = 'estimate-typical';

/**
 * A typical (not worst-case) token count: {@link estimateTokens} less the two special tokens,
 * scaled down by {@link ESTIMATE_OVERCOUNT}. It sizes the chunks of a lexical-only index, which
 * no model window constrains (an index that gains a model is re-chunked with the model's own
 * tokenizer), so its passages hold as much text as a model-sized passage would rather than
 * two thirds of it. Still additive over white-space-separated words, less the specials.
 */
export function typicalTokens(text: string): number {
  return 2 + (estimateTokens(text) - 2) / ESTIMATE_OVERCOUNT;
}

function _englishWord(letters: number): number {
  if (letters <= 4) return 1;
  return 1 + Math.ceil((letters - 4) / 3) + (letters > 16 ? Math.ceil((letters - 16) / 6) : 0);
}
