import { articleOf } from '../ingest/legal-structure.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Identifier } from '../types.ts';
import { targetArticles } from './article-references.ts';
import type { Ranked } from './fuse.ts';
import { findMentions, identifierTable } from './identifier-lookup.ts';
import { intentHeadingMatcher } from './intents.ts';

/** The tier of a passage naming only other instruments of a kind the query names. */
const NEAR_MISS_TIER = -1;
/** Candidates read for an article of the type the question asks for (see _intentArticleSecond). */
const MAX_INTENT_SCAN = 200;

/** A passage on its way to the answer: its fused score and what it says about the named instruments. */
export interface Candidate {
  doc: number;
  /** 2 per query identifier the section is about, 1 per identifier merely mentioned, −1 for a near miss. */
  tier: number;
  fused: number;
  matched: string[];
  /** Keys of `matched` named in the heading or in full (with year or issuer): see named-order.ts. */
  definite: string[];
  /** For a near miss, the labels of the other instruments it names. */
  others: string[];
}

/**
 * Puts passages about the query's identifiers first and lists identifiers found nowhere.
 * A passage that names another instrument of the same kind and not the one asked about
 * (Circular 46 for a question on Circular 49) is a near miss, the likeliest wrong answer:
 * it goes below passages that name no such instrument. Among the passages about a named
 * instrument, the article of the type the question asks for comes second at the latest, in
 * whichever language (intents.ts): "When does Circular 49 take effect?" finds "Điều 7. Hiệu
 * lực thi hành" of the Vietnamese original, which its English words never reach.
 */
export function rankByIdentifiers(
  index: LoadedIndex,
  fused: Ranked[],
  identifiers: Identifier[],
  question = '',
): { candidates: Candidate[]; notFound: string[] } {
  const candidates: Candidate[] = fused.map((hit) => ({
    doc: hit.doc,
    tier: 0,
    fused: hit.score,
    matched: [],
    definite: [],
    others: [],
  }));
  const notFound: string[] = [];
  const byDoc = identifiers.length > 0 ? new Map(candidates.map((c) => [c.doc, c])) : undefined;
  const table = identifierTable(index);
  for (const identifier of identifiers) {
    const mentions = findMentions(table, identifier);
    if (mentions.length === 0) notFound.push(identifier.label);
    for (const mention of mentions) {
      let c = byDoc!.get(mention.doc);
      if (!c) {
        c = { doc: mention.doc, tier: 0, fused: 0, matched: [], definite: [], others: [] };
        byDoc!.set(mention.doc, c);
        candidates.push(c);
      }
      const full = mention.identifier.year !== undefined || mention.identifier.issuer !== undefined;
      if ((mention.inHeading || full) && !c.definite.includes(identifier.key)) c.definite.push(identifier.key);
      if (c.matched.includes(identifier.key)) continue;
      c.tier += mention.inHeading ? 2 : 1;
      c.matched.push(identifier.key);
    }
  }
  // Only kinds with an asked instrument in the corpus: a mistyped number must not bury the
  // passages about the real ones, which are then the closest answer.
  const kinds = new Set(identifiers.filter((id) => !notFound.includes(id.label)).map((id) => id.kind));
  if (kinds.size > 0) {
    for (const c of candidates) {
      if (c.tier !== 0) continue;
      const others = (index.chunks[c.doc]?.identifiers ?? []).filter((id) => kinds.has(id.kind));
      if (others.length === 0) continue;
      c.tier = NEAR_MISS_TIER;
      c.others = others.map((id) => id.label);
    }
  }
  // Banners, captions and tables of contents go below the prose of their tier.
  for (const c of candidates) if (index.chunks[c.doc]?.boilerplate) c.tier -= 1;
  candidates.sort((a, b) => b.tier - a.tier || b.fused - a.fused || a.doc - b.doc);
  return { candidates: _intentArticleSecond(index, candidates, identifiers, question), notFound };
}

/**
 * The first passage about a named instrument whose article is of the type the question asks
 * for, moved up to second place (rescored between the first and the next) when it is lower:
 * the question's words keep the first place, since "quy định gì về đường truyền" asks about
 * the transmission line more than about the scope. Not when the question names an article.
 */
function _intentArticleSecond(
  index: LoadedIndex,
  candidates: Candidate[],
  identifiers: readonly Identifier[],
  question: string,
): Candidate[] {
  const intent = identifiers.length > 0 ? intentHeadingMatcher(question) : undefined;
  if (!intent || targetArticles(question).size > 0) return candidates;
  const at = candidates.findIndex((c, i) => {
    const chunk = index.chunks[c.doc];
    const article = i < MAX_INTENT_SCAN && c.tier > 0 && chunk ? articleOf(chunk.title, chunk.section) : undefined;
    return article !== undefined && intent(article.heading);
  });
  const [first, next] = candidates;
  if (at < 2 || !first || !next) return candidates;
  const moved = candidates[at]!;
  const top = first.tier + first.fused;
  const score = (top + Math.min(top, next.tier + next.fused)) / 2;
  const rest = candidates.filter((c, i) => i > 0 && c !== moved);
  return [first, { ...moved, tier: first.tier, fused: score - first.tier }, ...rest];
}
