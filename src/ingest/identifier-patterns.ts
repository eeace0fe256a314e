import type { IdentifierKind } from '../types.ts';

/**
 * The vocabulary of legal-instrument references: the words that name a kind (English and
 * Vietnamese, matched after diacritics are stripped), the document-type codes of Vietnamese
 * numbering (`49/2017/TT-BYT`: TT = circular) and the issuing-body codes that may follow.
 */

/**
 * A letter or digit in diacritic-free text: ASCII, or any character from U+00C0 up except
 * punctuation: the General Punctuation block (curly quotes “ ” ‘ ’, dashes, ellipsis:
 * "issued “Circular No. 49”" names Circular 49) and CJK punctuation (「」、。). The patterns
 * avoid the `u` flag and \p{…} classes, which made them four times slower, and after
 * diacritics are stripped a non-ASCII letter beside a reference is rare enough.
 */
const WORD_CHAR = '[A-Za-z0-9\\u00C0-\\u1FFF\\u2070-\\u2FFF\\u3040-\\uFFFF]';

/** Words that introduce a numbered instrument, per kind, as regex sources over diacritic-free text. */
const KIND_WORDS: readonly (readonly [IdentifierKind, string])[] = [
  ['circular', 'circulars?|thong\\s+tu(?:\\s+lien\\s+tich)?'],
  ['decision', 'decisions?|quyet\\s+dinh'],
  ['decree', 'decrees?|nghi\\s+dinh'],
  ['resolution', 'resolutions?|nghi\\s+quyet'],
  ['directive', 'directives?|chi\\s+thi'],
  ['law', 'laws?|luat'],
  ['official-letter', 'official\\s+(?:letters?|dispatch(?:es)?)|cong\\s+van'],
  ['plan', 'plans?|ke\\s+hoach'],
  ['consolidated-text', 'consolidated\\s+texts?|van\\s+ban\\s+hop\\s+nhat'],
];

/** The kind for each capture group of {@link KEYWORD_PATTERN}, in group order. */
export const KEYWORD_KINDS: readonly IdentifierKind[] = KIND_WORDS.map(([kind]) => kind);

/**
 * A kind word, an optional "No." / "số" / "#", then the instrument number (group n+1).
 * Only white space may sit between the word and the number, so "the Decision, 24 provinces"
 * names nothing; the number may not run on into letters, a percent sign or a decimal part.
 * Starts at an ASCII word boundary (a lookbehind here cost a check at every position), so a
 * caller must reject a match right after a non-ASCII letter: see {@link followsWordChar}.
 */
export const KEYWORD_PATTERN = new RegExp(
  `\\b(?:${KIND_WORDS.map(([, words]) => `(${words})`).join('|')})` +
    `\\s+((?:nos?\\.?|number|so)\\s*:?\\s*|#\\s*)?(\\d{1,5})(?!${WORD_CHAR}|%|[.,]\\d)`,
  'gi',
);

/** True when the character before `index` is a letter or digit (the match is inside a word). */
export function followsWordChar(text: string, index: number): boolean {
  return index > 0 && WORD_CHAR_TEST.test(text[index - 1] ?? '');
}

const WORD_CHAR_TEST = new RegExp(WORD_CHAR);

/**
 * A bare number followed by a slash, the start of `49/2017/TT-BYT` or `5316/QĐ-BYT`; the
 * rest is read by {@link readTail}, and kept only when a document-type code follows.
 */
export const BARE_PATTERN = new RegExp(`(?<!${WORD_CHAR}|[/_-])(\\d{1,5})(?=/)`, 'g');

/** Document-type codes (first issuer segment) and the kind each denotes. */
const TYPE_CODES: ReadonlyMap<string, IdentifierKind> = new Map([
  ['TT', 'circular'],
  ['TTLT', 'circular'],
  ['QD', 'decision'],
  ['ND', 'decree'],
  ['NQ', 'resolution'],
  ['CT', 'directive'],
  ['KH', 'plan'],
  ['CV', 'official-letter'],
  // Văn bản hợp nhất: the consolidated text of a law or other instrument (01/VBHN-VPQH).
  ['VBHN', 'consolidated-text'],
]);

/**
 * Issuing bodies recognised in any letter case. Upper-case codes are accepted without being
 * listed; the list exists so a lower-case query ("qd-ttg") still keeps its issuer while a
 * following ordinary word ("…/QD-TTg-National Strategy") is not taken for one.
 */
const KNOWN_BODIES = new Set(
  (
    'BYT TTG CP BTC BCT BQP BCA BTP BNV BXD BKHDT BGDDT BLDTBXH BNNPTNT BTNMT BTTTT BGTVT ' +
    'BVHTTDL BKHCN NHNN VPCP UBND HDND QH UBTVQH BHXH KCB DP QLD MT BCD TW'
  ).split(' '),
);

/** The kind a document-type code denotes; `QH14` (National Assembly) numbers laws. */
export function kindOfTypeCode(code: string): IdentifierKind | undefined {
  const upper = code.toUpperCase();
  if (/^QH\d*$/.test(upper)) return 'law';
  return TYPE_CODES.get(upper);
}

/** What follows an instrument number: a year, an issuer code, and where the reference ends. */
export interface Tail {
  year?: number;
  issuer?: string;
  end: number;
}

const SLASH_YEAR = new RegExp(`/(\\d{4})(?!${WORD_CHAR}|%|[.,]\\d)`, 'y');
const WORDED_YEAR = new RegExp(`(?:,\\s*|\\s+of\\s+|\\s+nam\\s+)(\\d{4})(?!${WORD_CHAR}|%|[.,]\\d)`, 'iy');
const CODE_RUN = /\/([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)/y;

/** True for a plausible year of a modern legal instrument. */
export function isYear(value: number): boolean {
  return value >= 1945 && value <= 2099;
}

/**
 * Reads what follows a number at `pos` in diacritic-free, case-preserving text:
 * `/2017/TT-BYT`, `/2017`, `/QD-BYT`, `, 2017`, ` of 2017`, ` năm 2017`, or nothing.
 */
export function readTail(text: string, pos: number): Tail {
  const tail: Tail = { end: pos };
  SLASH_YEAR.lastIndex = pos;
  const slashYear = SLASH_YEAR.exec(text);
  if (slashYear && isYear(Number(slashYear[1]))) {
    tail.year = Number(slashYear[1]);
    tail.end = SLASH_YEAR.lastIndex;
  } else {
    WORDED_YEAR.lastIndex = pos;
    const worded = WORDED_YEAR.exec(text);
    if (worded && isYear(Number(worded[1]))) return { year: Number(worded[1]), end: WORDED_YEAR.lastIndex };
  }
  const issuer = _readIssuer(text, tail.end);
  if (issuer) {
    tail.issuer = issuer.code;
    tail.end = issuer.end;
  }
  return tail;
}

/** Reads `/CODE-BODY-…` at `pos`, keeping segments only while they look like codes. */
function _readIssuer(text: string, pos: number): { code: string; end: number } | undefined {
  CODE_RUN.lastIndex = pos;
  const run = CODE_RUN.exec(text);
  if (!run?.[1]) return undefined;
  const kept: string[] = [];
  for (const segment of run[1].split('-')) {
    if (!_isCodeSegment(segment, kept.length === 0)) break;
    kept.push(segment.toUpperCase());
  }
  if (kept.length === 0) return undefined;
  const code = kept.join('-');
  return { code, end: pos + 1 + code.length };
}

/**
 * A document-type code, a known body in any case, or an upper-case code, optionally ending
 * in the lower-case "g" of "TTg" (Thủ tướng, the Prime Minister).
 */
function _isCodeSegment(segment: string, first: boolean): boolean {
  if (segment.length > 10) return false;
  const upper = segment.toUpperCase();
  if (first && kindOfTypeCode(upper)) return true;
  if (KNOWN_BODIES.has(upper)) return true;
  return /^[A-Z][A-Z0-9]*g?$/.test(segment);
}

const WHOLE_KIND_WORDS = KIND_WORDS.map(([kind, words]) => [kind, new RegExp(`^(?:${words})$`, 'i')] as const);

/** The kind named by a bare kind word in diacritic-free text ("decisions", "thong tu"), if it is one. */
export function kindNamedBy(plain: string): IdentifierKind | undefined {
  const text = plain.trim().replace(/\s+/g, ' ');
  return WHOLE_KIND_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
}
