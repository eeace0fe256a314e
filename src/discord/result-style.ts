import { officialLabel } from '../ingest/identifiers.ts';
import { nearMissNote, relatedNote } from '../present/identifier-notes.ts';
import type { Answer, ResultRelation, SearchResult } from '../types.ts';

/** Embed colours: a skimmer tells the passage asked about from a near miss before reading. */
export const RELATION_COLOUR: Readonly<Record<ResultRelation | 'plain', number>> = {
  /** Green: it names an instrument the question names. */
  named: 0x2d9d5a,
  /** Grey: the question names instruments, this passage none of them (context). */
  related: 0x80848e,
  /** Amber: it names another instrument of the kind asked (Circular 46 for 49). */
  'near-miss': 0xe8a317,
  /** Blue: the question names no instrument; nothing to tell apart. */
  plain: 0x2b6cb0,
};

/**
 * The short label above a passage and its colour. A question that names no instrument gets
 * neither label nor special colour: every passage is simply a match.
 */
export function relationStyle(result: SearchResult, answer: Answer): { colour: number; label: string | null } {
  if (answer.identifiers.length === 0) return { colour: RELATION_COLOUR.plain, label: null };
  const { relation } = result;
  if (relation === 'named') {
    const named = answer.identifiers.filter((id) => result.matchedIdentifiers.includes(id.key)).map(officialLabel);
    return { colour: RELATION_COLOUR.named, label: `✅ ${named.join(', ')}` };
  }
  if (relation === 'near-miss')
    return { colour: RELATION_COLOUR['near-miss'], label: `⚠️ Near miss: ${nearMissNote(result, answer) ?? ''}`.trim() };
  return { colour: RELATION_COLOUR.related, label: relatedNote(result, answer) };
}
