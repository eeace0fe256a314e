import { extractIdentifiers, identifiersMatch } from '../ingest/identifiers.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Identifier } from '../types.ts';

/** Where one identifier occurs: a chunk ordinal, and whether a heading of its section names it. */
export interface IdentifierMention {
  doc: number;
  /** The section is about the identifier (its heading names it), not just a passing mention. */
  inHeading: boolean;
  identifier: Identifier;
}

/** Identifier key → its mentions, built once per loaded index. */
export type IdentifierTable = ReadonlyMap<string, readonly IdentifierMention[]>;

const tables = new WeakMap<LoadedIndex, IdentifierTable>();

/** The identifier table of an index (cached: an index is immutable once loaded). */
export function identifierTable(index: LoadedIndex): IdentifierTable {
  let table = tables.get(index);
  if (!table) {
    table = buildTable(index);
    tables.set(index, table);
  }
  return table;
}

function buildTable(index: LoadedIndex): IdentifierTable {
  const table = new Map<string, IdentifierMention[]>();
  const headingIds = new Map<string, Set<string>>();
  index.chunks.forEach((chunk, doc) => {
    // A document titled after an instrument (its own number: "Thông tư 49/2017/TT-BYT: …") is
    // about it in every section, as much as a section headed with it.
    const path = [chunk.title, ...chunk.section].join('\n');
    let inPath = headingIds.get(path);
    if (!inPath) {
      inPath = new Set(extractIdentifiers(path).map((id) => id.key));
      headingIds.set(path, inPath);
    }
    for (const identifier of chunk.identifiers) {
      const mentions = table.get(identifier.key) ?? [];
      mentions.push({ doc, inHeading: inPath.has(identifier.key), identifier });
      table.set(identifier.key, mentions);
    }
  });
  return table;
}

/** Mentions in the index compatible with a query identifier (same key, year and issuer agree). */
export function findMentions(table: IdentifierTable, query: Identifier): IdentifierMention[] {
  return (table.get(query.key) ?? []).filter((m) => identifiersMatch(query, m.identifier));
}

/**
 * The query identifier with its official form as the corpus writes it ("06/2022/QD-TTg",
 * "5316/QĐ-BYT"), taken from the first mention that writes it as a code; the form typed in
 * the question otherwise, or none.
 */
export function withOfficialForm(table: IdentifierTable, query: Identifier): Identifier {
  const official = findMentions(table, query).find((m) => m.identifier.official)?.identifier.official ?? query.official;
  return official === undefined ? { ...query } : { ...query, official };
}
