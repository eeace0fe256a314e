import { KEYWORD_PATTERN, readTail } from '../ingest/identifier-patterns.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import type { Identifier } from '../types.ts';
import { correctKindWords } from './kind-typos.ts';

/**
 * Joins a further number onto a list of instruments: "Circular 46 and 49", "Circulars 46, 49
 * or 50", "Circular 46 vs 49", "Decision 4888 versus 5316", "Thông tư 46 và 49" (và = and,
 * với = with, hoặc = or, so với = compared with). Over diacritic-free text.
 */
const JOINER =
  /\s*(?:,\s*(?:and\s+|or\s+|va\s+|hoac\s+)?|\s(?:and|or|&|vs\.?|versus|v\.|compared\s+(?:to|with)|with|va|voi|hoac|so\s+voi)\s+)\s*(?:(?:no|so)\.?\s*)?(\d{1,5})(?![\d.,%]|\s*%)/iy;

/**
 * Chinese references: "49号通知" / "第5316号决定" (number, 号, then the kind), or the kind then
 * the number ("决定5316"). 通知/通告/通函 render Thông tư (circular), 决定 Quyết định, 议定/法令
 * Nghị định (decree), 决议 Nghị quyết (resolution), 法 a law.
 */
const CHINESE_KINDS: readonly (readonly [RegExp, string])[] = [
  [/通知|通告|通函|通報|通报/, 'Circular'],
  [/决定|決定/, 'Decision'],
  [/议定|議定|法令/, 'Decree'],
  [/决议|決議/, 'Resolution'],
  [/指示/, 'Directive'],
];
const CHINESE_REFERENCE = /第?\s*(\d{1,5})\s*号\s*([\u4e00-\u9fff]{2})|([\u4e00-\u9fff]{2})\s*第?\s*(\d{1,5})\s*号?/gu;

/** Instruments named the Chinese way, with where each number stands. */
function _chineseInstruments(text: string): { at: number; id: Identifier }[] {
  const out: { at: number; id: Identifier }[] = [];
  for (const m of text.matchAll(CHINESE_REFERENCE)) {
    const [number, word] = m[1] !== undefined ? [m[1], m[2]] : [m[4], m[3]];
    const kind = CHINESE_KINDS.find(([pattern]) => pattern.test(word ?? ''))?.[1];
    if (!kind || !number) continue;
    const [id] = extractIdentifiers(`${kind} ${number}`);
    if (id) out.push({ at: m.index + m[0].indexOf(number), id });
  }
  return out;
}

/**
 * The instruments a question names, in the order it names them. Besides what
 * `extractIdentifiers` reads, a kind word carries over to the bare numbers listed after it:
 * "Circulars 46 and 49" names Circular 46 and Circular 49, "Quyết định 4888 và 5316" two
 * decisions. A listed number that looks like a year ("Decision 5316 and 2030") names nothing.
 * Chinese references ("49号通知", "第5316号决定") are read too, and a misspelt kind word before a
 * number ("Decison 4888", "Circluar 49") as the kind it misspells (kind-typos.ts).
 */
export function readQueryInstruments(question: string): Identifier[] {
  const plain = correctKindWords(
    question
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D'),
  );
  const named = extractIdentifiers(plain);
  const carried: { at: number; id: Identifier }[] = _chineseInstruments(question);
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
