import type { LanguageGuess } from './language.ts';

/**
 * Latin text typed without diacritics, told apart by the shape of its words (language.ts
 * decides by diacritics first): Vietnamese syllables are an onset, a vowel nucleus and an
 * optional final consonant, and a few common ones ("cua", "duoc", "nguoi") are no English word.
 */

/** Share of words that must have a Vietnamese syllable's shape for unmarked text to be Vietnamese. */
const SHAPE_SHARE = 0.85;
/** Share of words that must be common Vietnamese-only syllables ("cua", "duoc", "nguoi"). */
const COMMON_SHARE = 0.15;

/**
 * Folded syllables that are frequent in Vietnamese and are not English words, so finding
 * them in unmarked text is evidence of Vietnamese.
 */
const VIETNAMESE_ONLY = new Set(
  (
    'cua duoc nguoi khong nhung trong cac nay thi phai theo hoac voi mot nhieu dieu khoan luat ' +
    'quy dinh nao gi cho nhu ve tai viec phap boi tren duoi sau truoc giua hay cung neu khi ' +
    'thang ngay bao nhieu nhat chinh phu quoc hoi tinh huyen xa dong lao hinh su ' +
    'trach nhiem quyen nghia vu toa thuoc truong nghiem hanh'
  ).split(' '),
);

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
const NUCLEUS =
  '(?:uye|uya|uyu|uoi|uou|oai|oay|oeo|ieu|yeu|uay|uai|uay|ie|ye|uo|ua|ue|ui|uy|oa|oe|oo|ai|ao|au|ay|eo|eu|ia|iu|oi|ua|ui|uu|[aeiouy])';
const CODA = '(?:ch|ng|nh|[cmnpt])?';
/** A folded Vietnamese syllable: optional onset, vowel nucleus, optional final consonant. */
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);

/**
 * Unmarked Latin text: Vietnamese when its words have syllable shape and some are
 * Vietnamese-only. Counts the cheap set lookups first and stops testing shapes as soon as
 * too many words fail, so English text (the common case) costs a few regex tests.
 */
export function guessByShape(text: string): LanguageGuess {
  // The words are the runs of a-z in the lower-cased text; counted first, then cut out one by
  // one only as far as the shape test goes (English text stops after a few).
  const lower = text.toLowerCase();
  const count = _runCount(lower);
  if (count === 0) return { language: 'other', confident: false };
  const allowedMisfits = (1 - SHAPE_SHARE) * count;
  let misfits = 0;
  let common = 0;
  for (let at = _runStart(lower, 0); at < lower.length; ) {
    const end = _runEnd(lower, at);
    const word = lower.slice(at, end);
    if (VIETNAMESE_ONLY.has(word)) common++;
    else if (!SYLLABLE.test(word) && ++misfits > allowedMisfits) return { language: 'other', confident: true };
    at = _runStart(lower, end);
  }
  const confident = count >= 3 && common >= Math.max(1, COMMON_SHARE * count);
  return { language: 'vi', confident };
}

function _isAz(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** How many runs of a-z `text` holds. */
function _runCount(text: string): number {
  let count = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const az = _isAz(text.charCodeAt(i));
    if (az && !inRun) count++;
    inRun = az;
  }
  return count;
}

/** Where the next run of a-z starts at or after `i` (the text's length if none does). */
function _runStart(text: string, i: number): number {
  while (i < text.length && !_isAz(text.charCodeAt(i))) i++;
  return i;
}

function _runEnd(text: string, i: number): number {
  while (i < text.length && _isAz(text.charCodeAt(i))) i++;
  return i;
}

/** True for a folded word that could be one Vietnamese syllable ("nguoi", "an"; not "what"). */
export function isVietnameseSyllable(folded: string): boolean {
  return SYLLABLE.test(folded);
}
