import { kindNamedBy } from '../ingest/identifier-patterns.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import type { Identifier, IdentifierKind } from '../types.ts';
import type { IdentifierTable } from './identifier-lookup.ts';

/**
 * Two or more bare numbers joined as a comparison: "46 vs 49", "4888 and 5316", "46, 49 or
 * 50", "46 và 49" (và = and, với = with, so với = compared with), over diacritic-free text.
 * A number must stand alone: not part of a code, a date, a decimal or a percentage.
 */
const NUMBER = String.raw`(?<![\w/.,%-])\d{1,5}(?![\w/%-]|[.,]\d|\s*%)`;
const JOINER = String.raw`\s*(?:,\s*(?:and\s+|or\s+|va\s+)?|\s(?:and|or|&|vs\.?|versus|v\.|with|va|voi|hoac|so\s+voi|compared\s+(?:to|with))\s+)\s*`;
const NUMBER_LIST = new RegExp(`${NUMBER}(?:${JOINER}${NUMBER})+`, 'giu');

/** A number that reads as a year is a date, not an instrument ("2019 and 2023"). */
const YEAR = /^(?:19|20)\d\d$/;

/** What a kind is called in English, for a label ("Circular 46"). */
const KIND_NAMES: Readonly<Record<IdentifierKind, string>> = {
  circular: 'Circular',
  decision: 'Decision',
  decree: 'Decree',
  resolution: 'Resolution',
  directive: 'Directive',
  law: 'Law',
  'official-letter': 'Official letter',
  plan: 'Plan',
  'consolidated-text': 'Consolidated text',
};

/**
 * The instruments a question names by bare numbers in a comparison, when it names none the
 * usual way (see readQueryInstruments): "46 vs 49", "so sánh 4888 và 5316", "the circulars,
 * 46 and 49". A kind word elsewhere in the question ("circulars", "thông tư") gives the
 * numbers its kind; without one, each number must be the number of instruments of exactly
 * one kind in the corpus (Circular 46 and Circular 49 here), or the list names nothing: a
 * number could as well be a count ("24 and 50 provinces"). Lists with a year name nothing.
 */
export function readBareInstruments(question: string, table: IdentifierTable): Identifier[] {
  const plain = question
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const kindWord = _kindWord(plain);
  let kindsByNumber: Map<string, Set<IdentifierKind>> | undefined;
  const found: Identifier[] = [];
  for (const list of plain.matchAll(NUMBER_LIST)) {
    const numbers = list[0].match(/\d+/g) ?? [];
    if (numbers.some((n) => YEAR.test(n))) continue;
    kindsByNumber ??= _kindsByNumber(table);
    const kinds = numbers.map((n) => {
      if (kindWord) return kindWord;
      const known = kindsByNumber?.get(String(Number(n)));
      return known?.size === 1 ? [...known][0] : undefined;
    });
    if (kinds.some((k) => k === undefined)) continue;
    numbers.forEach((n, i) => {
      const [id] = extractIdentifiers(`${KIND_NAMES[kinds[i]!]} ${n}`);
      if (id && !found.some((f) => f.key === id.key)) found.push(id);
    });
  }
  return found;
}

/**
 * Kinds whose word, alone in a question, says which instruments its numbers are. "Law",
 * "plan" and "letter" are everyday words too ("plans for 24 and 50 provinces").
 */
const CARRIED_KINDS: ReadonlySet<IdentifierKind> = new Set([
  'circular',
  'decision',
  'decree',
  'resolution',
  'directive',
]);

/** The kind named by a kind word of the question ("circulars", "thong tu"), if exactly one kind is. */
function _kindWord(plain: string): IdentifierKind | undefined {
  const words = plain.toLowerCase().match(/[a-z]+/g) ?? [];
  const kinds = new Set<IdentifierKind>();
  for (let i = 0; i < words.length; i++) {
    for (const phrase of [words[i]!, `${words[i]} ${words[i + 1] ?? ''}`.trim()]) {
      const kind = kindNamedBy(phrase);
      if (kind && CARRIED_KINDS.has(kind)) kinds.add(kind);
    }
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** For each instrument number in the corpus, the kinds of instrument that carry it. */
function _kindsByNumber(table: IdentifierTable): Map<string, Set<IdentifierKind>> {
  const byNumber = new Map<string, Set<IdentifierKind>>();
  for (const mentions of table.values()) {
    const id = mentions[0]?.identifier;
    if (!id) continue;
    const kinds = byNumber.get(id.number) ?? new Set<IdentifierKind>();
    kinds.add(id.kind);
    byNumber.set(id.number, kinds);
  }
  return byNumber;
}
