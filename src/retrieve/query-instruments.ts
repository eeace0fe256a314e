import { extractIdentifiers } from '../ingest/identifiers.ts';
import { KEYWORD_PATTERN, readTail } from '../ingest/identifier-patterns.ts';
import type { Identifier } from '../types.ts';

/**
 * Joins a further number onto a list of instruments: "Circular 46 and 49", "Circulars 46, 49
 * or 50", "Circular 46 vs 49", "Decision 4888 versus 5316", "Thông tư 46 và 49" (và = and,
 * với = with, hoặc = or, so với = compared with). Over diacritic-free text.
 */
const JOINER = /\s*(?:,\s*(?:and\s+|or\s+|va\s+|hoac\s+)?|\s(?:and|or|&|vs\.?|versus|v\.|compared\s+(?:to|with)|with|va|voi|hoac|so\s+voi)\s+)\s*(?:(?:no|so)\.?\s*)?(\d{1,5})(?![\d.,%]|\s*%)/iy;

/**
 * The instruments a question names, in the order it names them. Besides what
 * `extractIdentifiers` reads, a kind word carries over to the bare numbers listed after it:
 * "Circulars 46 and 49" names Circular 46 and Circular 49, "Quyết định 4888 và 5316" two
 * decisions. A listed number that looks like a year ("Decision 5316 and 2030") names nothing.
 */
export function readQueryInstruments(question: string): Identifier[] {
  const plain = question.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const named = extractIdentifiers(question);
  const carried: { at: number; id: Identifier }[] = [];
  const keyword = new RegExp(KEYWORD_PATTERN.source, KEYWORD_PATTERN.flags);
  for (let m = keyword.exec(plain); m; m = keyword.exec(plain)) {
    const kindWord = m[0].match(/^[^\d]*?(?=\s+(?:(?:nos?\.?|number|so)\s*:?\s*|#\s*)?\d)/i)?.[0];
    if (!kindWord) continue;
    let pos = readTail(plain, m.index + m[0].length).end;
    JOINER.lastIndex = pos;
    for (let j = JOINER.exec(plain); j; j = JOINER.exec(plain)) {
      const numberStart = JOINER.lastIndex - (j[1] ?? '').length;
      pos = readTail(plain, JOINER.lastIndex).end;
      const [id] = extractIdentifiers(`${kindWord} ${plain.slice(numberStart, pos)}`);
      if (id) carried.push({ at: numberStart, id });
      JOINER.lastIndex = pos;
    }
    keyword.lastIndex = Math.max(keyword.lastIndex, pos);
  }
  if (carried.length === 0) return named;
  // Order by where each number first appears in the question.
  const firstAt = (id: Identifier) => {
    const m = new RegExp(`(?<![\\d])0*${id.number}(?!\\d)`).exec(plain);
    return m ? m.index : plain.length;
  };
  const all = [...named.map((id) => ({ at: firstAt(id), id })), ...carried];
  const seen = new Set<string>();
  return all
    .sort((a, b) => a.at - b.at)
    .filter(({ id }) => !seen.has(id.key) && seen.add(id.key))
    .map(({ id }) => id);
}
