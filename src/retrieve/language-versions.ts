import { extractIdentifiers } from '../ingest/identifiers.ts';
import { articleNumberOf } from '../ingest/legal-structure.ts';
import type { Chunk, Identifier } from '../types.ts';

/** What placing versions needs of a candidate: its chunk ordinal, tier and score. */
interface Placed {
  doc: number;
  tier: number;
  fused: number;
  matched: readonly string[];
}

/**
 * For a question naming an instrument the corpus holds in several versions (the Vietnamese
 * original and its English translation: documents titled after that instrument), puts each
 * other version's passage right after the best passage of the first: the same article when
 * that version has it ("Điều 4" beside "Article 4"), else that version's best candidate. An
 * English question then shows the Vietnamese original too, which its words alone never reach.
 * Moved candidates take scores between their new neighbours', so scores still fall with rank.
 * Candidates are assumed best first; nothing changes when no named instrument has two versions.
 */
export function withLanguageVersions<T extends Placed>(
  candidates: readonly T[],
  identifiers: readonly Identifier[],
  chunkOf: (doc: number) => Chunk | undefined,
): T[] {
  let out = [...candidates];
  for (const id of identifiers) {
    const isVersion = (c: T) => {
      const chunk = chunkOf(c.doc);
      return chunk !== undefined && c.matched.includes(id.key) && _titleNames(chunk.title, id.key);
    };
    const at = out.findIndex(isVersion);
    const lead = out[at];
    if (!lead) continue;
    const leadChunk = chunkOf(lead.doc)!;
    const article = articleNumberOf(leadChunk.title, leadChunk.section);
    const files = new Set([leadChunk.file]);
    const picked: T[] = [];
    for (const c of out.slice(at + 1)) {
      const file = chunkOf(c.doc)?.file;
      if (file === undefined || files.has(file) || !isVersion(c)) continue;
      const versionOf = (x: T) => chunkOf(x.doc)?.file === file && isVersion(x);
      const same =
        article === undefined ? undefined : out.find((x) => versionOf(x) && _articleOf(x, chunkOf) === article);
      picked.push(same ?? c);
      files.add(file);
    }
    if (picked.length === 0) continue;
    const rest = out.slice(at + 1).filter((c) => !picked.includes(c));
    out = [...out.slice(0, at + 1), ..._between(picked, lead, rest[0]), ...rest];
  }
  return out;
}

/** `picked` rescored to fall evenly between the scores of `before` and `after`. */
function _between<T extends Placed>(picked: readonly T[], before: T, after: T | undefined): T[] {
  const top = before.tier + before.fused;
  const bottom = after ? Math.min(top, after.tier + after.fused) : top - 1e-3;
  return picked.map((c, i) => {
    const score = top - ((top - bottom) * (i + 1)) / (picked.length + 1);
    return { ...c, tier: before.tier, fused: score - before.tier };
  });
}

function _articleOf<T extends Placed>(c: T, chunkOf: (doc: number) => Chunk | undefined): string | undefined {
  const chunk = chunkOf(c.doc);
  return chunk ? articleNumberOf(chunk.title, chunk.section) : undefined;
}

const titleKeys = new Map<string, ReadonlySet<string>>();

/** Whether a document title names the instrument (cached: a corpus has few titles). */
function _titleNames(title: string, key: string): boolean {
  let keys = titleKeys.get(title);
  if (!keys) {
    keys = new Set(extractIdentifiers(title).map((id) => id.key));
    if (titleKeys.size > 10_000) titleKeys.clear();
    titleKeys.set(title, keys);
  }
  return keys.has(key);
}
