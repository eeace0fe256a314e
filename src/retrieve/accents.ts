import { foldSameLength, foldText, lowerCodeAt, lowerNfc } from '../lib/fold.ts';
import { detectLanguage } from '../lib/language.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The syllables of a text as typed, lower-case and composed ("Lợi tức" → "lợi", "tức"), and
 * the pairs of adjacent ones ("lợi tức"): the units an accent-aware match compares.
 */
export function surfaceUnits(text: string): string[] {
  const lower = lowerNfc(text);
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
 * How well one passage matches a query's exact spellings (see {@link accentScorer}), given
 * its fields (title, section path, text; the text last): no unit spans two fields, so each is
 * read as it is.
 */
export type AccentScore = (fields: readonly string[]) => number;

/**
 * How well a passage matches the query's exact spellings, over the folded matches it
 * already has: for each query unit whose folded form the passage holds, the unit's idf times
 * the share of those occurrences spelt as in the query. Folding merges different words
 * ("lợi / lời / lỗi", "hoa / hòa / hóa"); this tells them apart when the question has
 * accents, without indexing each syllable twice.
 *
 * The units' folded forms and idfs are found once per query; a unit of idf 0 (no passage
 * holds its folded form: most pairs across the question's boilerplate) adds nothing and is
 * not looked for.
 */
export function accentScorer(queryUnits: readonly string[], idf: (foldedTerm: string) => number): AccentScore {
  const units = queryUnits
    .map((unit): _Unit => {
      const folded = unit.split(' ').map(foldText).join(' ');
      return { unit, folded, idf: idf(folded), sameLength: foldSameLength(unit) === folded };
    })
    .filter((u) => u.idf !== 0);
  if (units.length === 0) return () => 0;
  // Per unit: its occurrences folded and as typed, summed over the passage's fields.
  const n = units.length;
  const all = new Float64Array(n);
  const exact = new Float64Array(n);
  // A title or section path, which the passages of one document or section share, is counted
  // once per query: from the second passage that has it on, its counts are kept (null: seen
  // once, counted in the scratch arrays; most section paths are one passage's).
  const shared = new Map<string, _Counts | null>();
  const scratch: _Counts = { all: new Float64Array(n), exact: new Float64Array(n) };
  return (fields) => {
    all.fill(0);
    exact.fill(0);
    const last = fields.length - 1;
    for (let f = 0; f < last; f++) {
      const field = fields[f]!;
      let counts = shared.get(field);
      if (!counts) {
        const keep = counts === null;
        counts = keep ? { all: new Float64Array(n), exact: new Float64Array(n) } : scratch;
        if (!keep) {
          scratch.all.fill(0);
          scratch.exact.fill(0);
        }
        _count(field, units, counts.all, counts.exact);
        shared.set(field, keep ? counts : null);
      }
      for (let j = 0; j < n; j++) {
        all[j]! += counts.all[j]!;
        exact[j]! += counts.exact[j]!;
      }
    }
    if (last >= 0) _count(fields[last]!, units, all, exact);
    let score = 0;
    for (let j = 0; j < units.length; j++) if (all[j]! > 0) score += (units[j]!.idf * exact[j]!) / all[j]!;
    return score;
  };
}

/**
 * Adds each unit's occurrences in `text`, folded to `all` and as typed to `exact`. Each unit
 * is counted with indexOf in the text as folded, and as typed where that holds it: a few
 * native scans per unit instead of splitting the text into words (the top 50 passages of
 * every accented question are read, so this is on the query path).
 */
function _count(text: string, units: readonly _Unit[], all: Float64Array, exact: Float64Array): void {
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

/** Occurrences per query unit in a field: folded, and as typed. */
interface _Counts {
  all: Float64Array;
  exact: Float64Array;
}

/** A query unit as typed, its folded form and that form's idf; `sameLength` as foldSameLength finds it. */
interface _Unit {
  unit: string;
  folded: string;
  idf: number;
  sameLength: boolean;
}

/** {@link accentScorer} for one passage. */
export function accentScore(
  queryUnits: readonly string[],
  passageText: string,
  idf: (foldedTerm: string) => number,
): number {
  return accentScorer(queryUnits, idf)([passageText]);
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
  u: _Unit,
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
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(String.fromCharCode(code));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function _isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(text[i]!);
}
