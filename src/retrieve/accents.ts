import { foldSameLength, foldText, lowerNfc } from '../lib/fold.ts';
import { detectLanguage } from '../lib/language.ts';
import { type AccentCounts, type AccentUnit, countAccents } from './accent-occurrences.ts';

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
    .map((unit): AccentUnit => {
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
  const shared = new Map<string, AccentCounts | null>();
  const scratch: AccentCounts = { all: new Float64Array(n), exact: new Float64Array(n) };
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
        countAccents(field, units, counts.all, counts.exact);
        shared.set(field, keep ? counts : null);
      }
      for (let j = 0; j < n; j++) {
        all[j]! += counts.all[j]!;
        exact[j]! += counts.exact[j]!;
      }
    }
    if (last >= 0) countAccents(fields[last]!, units, all, exact);
    let score = 0;
    for (let j = 0; j < units.length; j++) if (all[j]! > 0) score += (units[j]!.idf * exact[j]!) / all[j]!;
    return score;
  };
}

/** {@link accentScorer} for one passage. */
export function accentScore(
  queryUnits: readonly string[],
  passageText: string,
  idf: (foldedTerm: string) => number,
): number {
  return accentScorer(queryUnits, idf)([passageText]);
}
