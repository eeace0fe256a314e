import type { LoadedIndex } from '../store/types.ts';

/** Abbreviation ↔ long form, both folded to lower case: "moh" ↔ "ministry of health". */
export interface AbbreviationTable {
  toLong: ReadonlyMap<string, string>;
  toShort: ReadonlyMap<string, string>;
}

// "Ministry of Health (MOH)", "Electronic Medical Records (EMR)", "Diagnosis Related Group (DRG)":
// capitalised words (small linking words allowed) followed by an upper-case abbreviation in brackets.
const DEFINITION =
  /((?:[A-Z][\w’'-]*\s+(?:(?:of|and|for|the|on|in|&)\s+)*){1,7}[A-Z][\w’'-]*)\s+\(([A-Z][A-Za-z]{1,7})\)/g;

// A run of letters and digits: "4G" and Vietnamese "BỆNH" are one word each, not "G" and "B", "NH".
const WORD = /[\p{L}\p{N}]+/gu;

const tables = new WeakMap<LoadedIndex, AbbreviationTable>();

/**
 * The abbreviations the corpus defines, found once per loaded index. Policy texts define an
 * abbreviation once ("Ministry of Health (MOH)") and then use either form, so a question in one
 * form must find passages written in the other.
 */
export function abbreviationTable(index: LoadedIndex): AbbreviationTable {
  let table = tables.get(index);
  if (!table) {
    table = findAbbreviations(_texts(index));
    tables.set(index, table);
  }
  return table;
}

/**
 * The passages' texts one at a time: each is read from disk when its turn comes and dropped
 * after, never all held at once (at a million passages that is gigabytes of garbage the
 * collector would then have to sweep while questions are answered).
 */
function* _texts(index: LoadedIndex): Generator<string> {
  for (const chunk of index.chunks) yield chunk.text;
}

/** Reads definitions from texts; the long form's initials (MoH, MOH: Ministry of Health) must spell the abbreviation. */
export function findAbbreviations(texts: Iterable<string>): AbbreviationTable {
  const toLong = new Map<string, string>();
  const toShort = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(DEFINITION)) {
      const short = m[2] ?? '';
      const words = (m[1] ?? '').split(/\s+/);
      const initials = short.replace(/[a-z]/g, '');
      // Keep the shortest tail of the phrase whose capitalised words spell the abbreviation.
      for (let start = words.length - 1; start >= 0; start--) {
        const phrase = words.slice(start);
        const caps = phrase
          .filter((w) => /^[A-Z]/.test(w))
          .map((w) => w[0])
          .join('');
        const everyWord = phrase.map((w) => (w[0] ?? '').toUpperCase()).join('');
        if (caps === initials || everyWord === short.toUpperCase()) {
          const long = phrase.join(' ').toLowerCase();
          if (!toLong.has(short.toLowerCase())) toLong.set(short.toLowerCase(), long);
          if (!toShort.has(long)) toShort.set(long, short.toLowerCase());
          break;
        }
      }
    }
  }
  return { toLong, toShort };
}

/**
 * The question written with the other form of every abbreviation or long form it holds in one
 * form only ("deadline for electronic medical records" → "deadline for EMR", "What did MOH
 * propose?" → "What did ministry of health propose?"), or undefined when it holds none.
 * Longer long forms are read first, so one inside another is not read out of it.
 */
export function otherWording(query: string, table: AbbreviationTable): string | undefined {
  const written = new Set<string>();
  for (const word of query.match(WORD) ?? []) {
    const short = _shortForm(word, table);
    if (short) written.add(short);
  }
  let other = query;
  const longs = [...table.toShort].sort(([a], [b]) => b.length - a.length);
  for (const [long, short] of longs) {
    const longForm = new RegExp(`\\b${_escape(long)}\\b`, 'gi');
    if (!written.has(short) && longForm.test(other)) other = other.replace(longForm, short.toUpperCase());
  }
  other = other.replace(WORD, (word) => {
    const short = _shortForm(word, table);
    const long = short && table.toLong.get(short);
    return long && !new RegExp(`\\b${_escape(long)}\\b`, 'i').test(query) ? long : word;
  });
  return other === query ? undefined : other;
}

/**
 * The abbreviation a question's word writes, if any: one the corpus defines, written with at
 * least two capitals ("EMR", "MoH"). Lower-case and capitalised words are words: "it", "us",
 * Vietnamese "Ai" ("who") are not IT, US and AI. A plural ("EMRs") is left as written: the
 * analyzer already reads it as the abbreviation, and its long form, ranked too, lost the
 * passage saying "50 provinces had not yet transitioned to EMRs" its first place.
 */
function _shortForm(word: string, table: AbbreviationTable): string | undefined {
  const folded = word.toLowerCase();
  return /^[A-Z][A-Za-z]*[A-Z]/.test(word) && table.toLong.has(folded) ? folded : undefined;
}

/**
 * Ranks a question in each of its wordings (see {@link otherWording}) and keeps each
 * passage's best score, best first (ties: lower ordinal), `depth` at most. A passage that
 * writes a concept in both forms (a section "Electronic Medical Records (EMR)" whose text says
 * "EMRs") counts it once, like one that writes it in one form: added up, both forms would
 * outweigh the rest of the question and put the passage that merely names the concept above
 * the one that answers it.
 */
export function rankWordings(
  wordings: readonly string[],
  rank: (wording: string) => readonly { doc: number; score: number }[],
  depth: number,
): { doc: number; score: number }[] {
  if (wordings.length === 1) return [...rank(wordings[0]!)];
  const best = new Map<number, number>();
  for (const wording of wordings)
    for (const hit of rank(wording)) best.set(hit.doc, Math.max(best.get(hit.doc) ?? -Infinity, hit.score));
  return [...best]
    .map(([doc, score]) => ({ doc, score }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, depth);
}

function _escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
