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

/** The query plus the other form of every abbreviation or long form it contains. */
export function expandAbbreviations(query: string, table: AbbreviationTable): string {
  const lower = query.toLowerCase();
  const extra: string[] = [];
  for (const [long, short] of table.toShort)
    if (lower.includes(long) && !new RegExp(`\\b${short}\\b`).test(lower)) extra.push(short);
  for (const word of lower.match(/[a-z]+/g) ?? []) {
    const long = table.toLong.get(word);
    if (long && !lower.includes(long)) extra.push(long);
  }
  return extra.length > 0 ? `${query} ${extra.join(' ')}` : query;
}
