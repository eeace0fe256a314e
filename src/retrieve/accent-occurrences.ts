import { foldSameLength, foldText, lowerCodeAt, lowerNfc } from '../lib/fold.ts';

// How often a query's units occur in a passage's field, folded and as typed: the counting
// behind the accent score (accents.ts).

/** Occurrences per query unit in a field: folded, and as typed. */
export interface AccentCounts {
  all: Float64Array;
  exact: Float64Array;
}

/** A query unit as typed, its folded form and that form's idf; `sameLength`: whether foldSameLength folds it (keeping positions). */
export interface AccentUnit {
  unit: string;
  folded: string;
  idf: number;
  sameLength: boolean;
}

/**
 * Adds each query unit's occurrences in `text`, folded to `all` and as typed to `exact`. Each unit
 * is counted with indexOf in the text as folded, and as typed where that holds it: a few
 * native scans per unit instead of splitting the text into words (the top 50 passages of
 * every accented question are read, so this is on the query path).
 */
export function countAccents(text: string, units: readonly AccentUnit[], all: Float64Array, exact: Float64Array): void {
  const same = foldSameLength(text);
  const folded = same ?? foldText(text);
  let lower: string | undefined;
  for (let j = 0; j < units.length; j++) {
    const u = units[j]!;
    if (same !== undefined && u.sameLength) _bothOccurrences(text, same, u, j, all, exact);
    else {
      all[j]! += _occurrences(folded, u.folded);
      lower ??= lowerNfc(text);
      exact[j]! += _occurrences(lower, u.unit);
    }
  }
}

/** How often `word` occurs in `text` as a whole word (or words): not inside a longer one. */
function _occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    if (!_isWordChar(text, at - 1) && !_isWordChar(text, at + word.length)) n++;
  }
  return n;
}

/**
 * Adds _occurrences(folded, unit.folded) to `all[j]` and _occurrences(lowerNfc(text), unit.unit)
 * to `exact[j]` in one scan,
 * for a text whose folding keeps positions (`folded` from foldSameLength) and a unit that
 * folds likewise: wherever the text spells the unit, its folding holds the folded unit at the
 * same place, so the spelt occurrences are found among the folded ones. Each count skips
 * what its own scan would skip (a match resumes the scan after it).
 */
function _bothOccurrences(
  text: string,
  folded: string,
  u: AccentUnit,
  j: number,
  all: Float64Array,
  exact: Float64Array,
): void {
  const length = u.folded.length;
  let nextAll = 0;
  let nextExact = 0;
  for (let at = folded.indexOf(u.folded); at >= 0; at = folded.indexOf(u.folded, at + 1)) {
    if (at >= nextAll) {
      nextAll = at + length;
      if (!_isWordChar(folded, at - 1) && !_isWordChar(folded, at + length)) all[j]!++;
    }
    if (at >= nextExact && _spelt(text, at, u.unit)) {
      nextExact = at + length;
      if (!_isWordCode(text, at - 1) && !_isWordCode(text, at + length)) exact[j]!++;
    }
  }
}

/** Whether lowerNfc(text) holds `unit` at `at` (text as foldSameLength accepts). */
function _spelt(text: string, at: number, unit: string): boolean {
  for (let j = 0; j < unit.length; j++) if (lowerCodeAt(text, at + j) !== unit.charCodeAt(j)) return false;
  return true;
}

/** _isWordChar of lowerNfc(text) at `i`, read through lowerCodeAt. */
function _isWordCode(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = lowerCodeAt(text, i);
  return code < 128 ? _isAsciiWord(code) : WORD_CHAR.test(String.fromCharCode(code));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function _isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  return code < 128 ? _isAsciiWord(code) : WORD_CHAR.test(text[i]!);
}

/** A digit or a Latin letter. */
function _isAsciiWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}
