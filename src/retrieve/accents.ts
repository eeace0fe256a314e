import { detectLanguage } from '../lib/language.ts';
import { foldText } from '../lib/text.ts';

const WORD = /[\p{L}\p{N}]+/gu;
/** Folded forms of words seen, so each syllable is folded once; cleared when it grows large. */
const foldCache = new Map<string, string>();
const MAX_CACHED = 100_000;

/** foldText of a unit (a word or two words), one cached word at a time. */
function _fold(unit: string): string {
  const space = unit.indexOf(' ');
  if (space >= 0) return `${_fold(unit.slice(0, space))} ${_fold(unit.slice(space + 1))}`;
  let f = foldCache.get(unit);
  if (f === undefined) {
    if (foldCache.size >= MAX_CACHED) foldCache.clear();
    f = foldText(unit);
    foldCache.set(unit, f);
  }
  return f;
}

/**
 * The syllables of a text as typed, lower-case and composed ("Lợi tức" → "lợi", "tức"), and
 * the pairs of adjacent ones ("lợi tức"): the units an accent-aware match compares.
 */
export function surfaceUnits(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  const units: string[] = [];
  const pairs: string[] = [];
  let previous: { word: string; end: number } | undefined;
  for (const m of lower.matchAll(WORD)) {
    units.push(m[0]);
    if (previous && /^\s+$/.test(lower.slice(previous.end, m.index))) pairs.push(`${previous.word} ${m[0]}`);
    previous = { word: m[0], end: m.index + m[0].length };
  }
  return [...units, ...pairs];
}

/**
 * The query's units when it is Vietnamese written with diacritics, else none: a question
 * typed without them has no accents to prefer, and keeps the folded ranking exactly.
 */
export function accentedQueryUnits(query: string): string[] {
  const guess = detectLanguage(query);
  if (guess.language !== 'vi' || foldText(query) === query.toLowerCase()) return [];
  return [...new Set(surfaceUnits(query))];
}

/**
 * How well a passage matches the query's exact spellings, over the folded matches it
 * already has: for each query unit whose folded form the passage holds, the unit's idf times
 * the share of those occurrences spelt as in the query. Folding merges different words
 * ("lợi / lời / lỗi", "hoa / hòa / hóa"); this tells them apart when the question has
 * accents, without indexing each syllable twice.
 */
export function accentScore(
  queryUnits: readonly string[],
  passageText: string,
  idf: (foldedTerm: string) => number,
): number {
  if (queryUnits.length === 0) return 0;
  // Each unit is counted with indexOf in the passage as typed and as folded: a few native
  // scans per unit instead of splitting the passage into words (the top 50 passages of
  // every accented question are read, so this is on the query path).
  const lower = passageText.normalize('NFC').toLowerCase();
  const folded = foldText(passageText);
  let score = 0;
  for (const unit of queryUnits) {
    const f = _fold(unit);
    const all = _occurrences(folded, f);
    if (all === 0) continue;
    score += (idf(f) * _occurrences(lower, unit)) / all;
  }
  return score;
}

/** How often `word` occurs in `text` as a whole word (or words): not inside a longer one. */
function _occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    if (!_isWordChar(text, at - 1) && !_isWordChar(text, at + word.length)) n++;
  }
  return n;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function _isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(text[i]!);
}
