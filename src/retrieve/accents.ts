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
  const folded = new Map<string, number>();
  const exact = new Map<string, number>();
  for (const unit of surfaceUnits(passageText)) {
    exact.set(unit, (exact.get(unit) ?? 0) + 1);
    const f = _fold(unit);
    folded.set(f, (folded.get(f) ?? 0) + 1);
  }
  let score = 0;
  for (const unit of queryUnits) {
    const f = _fold(unit);
    const all = folded.get(f) ?? 0;
    if (all === 0) continue;
    score += (idf(f) * (exact.get(unit) ?? 0)) / all;
  }
  return score;
}
