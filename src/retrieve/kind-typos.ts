import { editDistance } from '../lib/edit-distance.ts';

/**
 * The kind words a misspelling is read against (diacritic-free, lower case), singular and
 * plural: "Decison 4888" and "Circluar 49" name a decision and a circular. "law" and "plan"
 * are too short to tell from other words one edit away.
 */
const KIND_WORDS = [
  'circular',
  'circulars',
  'decision',
  'decisions',
  'decree',
  'decrees',
  'resolution',
  'resolutions',
  'directive',
  'directives',
  'thong tu',
  'quyet dinh',
  'nghi dinh',
  'nghi quyet',
];

/** Real words a kind word's misspelling could be: never read as one. */
const NOT_TYPOS = new Set(['degree', 'degrees', 'devision', 'decisive', 'circle', 'circles']);

/** One or two words right before an instrument number ("No. 49", "số 49", "#49", "49"). */
const BEFORE_NUMBER =
  /(?<![\p{L}\p{N}])(\p{L}{4,}(?:\s+\p{L}{2,})?)(?=\s+(?:(?:nos?\.?|number|so)\s*:?\s*|#\s*)?\d{1,5}(?![\p{L}\d]))/giu;

/**
 * The question with a misspelt kind word before an instrument number written right: one edit
 * away ("Decison", "Circluar": a swap of neighbours is one edit), two for words of ten letters
 * or more ("Resoluton"), with the same first letter ("directing 5" stays: two edits). Only before a number: "decison" alone is a
 * typo the keyword search corrects (typo-terms.ts), not an instrument. Input is diacritic-free.
 */
export function correctKindWords(plain: string): string {
  return plain.replace(BEFORE_NUMBER, (words: string) => {
    const parts = words.split(/\s+/);
    // The kind word is the last word, or (Vietnamese) the last two.
    for (const take of [2, 1]) {
      if (parts.length < take) continue;
      const word = parts.slice(-take).join(' ');
      const kind = _nearestKind(word.toLowerCase());
      if (!kind) continue;
      const head = parts.slice(0, -take);
      const fixed = word[0] === word[0]?.toUpperCase() ? kind[0]!.toUpperCase() + kind.slice(1) : kind;
      return [...head, fixed].join(' ');
    }
    return words;
  });
}

function _nearestKind(word: string): string | undefined {
  if (KIND_WORDS.includes(word) || NOT_TYPOS.has(word)) return undefined;
  const max = word.replace(/\s/g, '').length >= 10 ? 2 : 1;
  let best: { kind: string; distance: number } | undefined;
  for (const kind of KIND_WORDS) {
    if (kind[0] !== word[0]) continue;
    const distance = editDistance(word, kind, max);
    if (distance !== undefined && (!best || distance < best.distance)) best = { kind, distance };
  }
  return best?.kind;
}
