import { foldText } from '../lib/text.ts';

const SYLLABLE = /\p{L}+/gu;

/**
 * The question's words typed with diacritics, by folded form → the exact spellings typed
 * ("Thông tư 49" → "thong" → {"thông"}, "tu" → {"tư"}). Folding merges different words
 * ("tư / từ / tu"), so a quote marks a word with that folded form only when it is spelt the
 * same way. A folded form the question also types without diacritics is left out: there the
 * folded match is what the user asked for. Upper-case codes ("QĐ-BYT") are left out too:
 * English text writes them without the stroke ("QD-BYT").
 */
export function exactSpellings(question: string | undefined): ReadonlyMap<string, ReadonlySet<string>> {
  const spellings = new Map<string, Set<string>>();
  if (!question) return spellings;
  const plain = new Set<string>();
  for (const [word] of question.normalize('NFC').matchAll(SYLLABLE)) {
    const lower = word.toLowerCase();
    const folded = foldText(lower);
    if (folded === lower) plain.add(folded);
    else if (word !== word.toUpperCase() || word.length === 1) {
      const set = spellings.get(folded) ?? new Set<string>();
      set.add(lower);
      spellings.set(folded, set);
    }
  }
  for (const folded of plain) spellings.delete(folded);
  return spellings;
}

/** Whether `word` (from a passage) may be marked: its spelling is one typed, when the question pins its folded form. */
export function spelledAsAsked(word: string, spellings: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (spellings.size === 0) return true;
  const lower = word.normalize('NFC').toLowerCase();
  const typed = spellings.get(foldText(lower));
  return !typed || typed.has(lower);
}
