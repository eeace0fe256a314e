import type { Answer, SearchResult } from '../types.ts';

/** Labels of the question's identifiers that this passage matches, in question order. */
export function matchedLabels(result: SearchResult, answer: Answer): string[] {
  return answer.identifiers.filter((id) => result.matchedIdentifiers.includes(id.key)).map((id) => id.label);
}

/**
 * A warning for a near miss, e.g. "About Circular 46/2018/TT-BYT, not Circular 49.", so a
 * reader does not cite the wrong instrument; null for any other passage.
 */
export function nearMissNote(result: SearchResult, answer: Answer): string | null {
  if (result.otherIdentifiers.length === 0) return null;
  const kinds = new Set(
    answer.identifiers
      .filter((asked) => result.chunk.identifiers.some((id) => id.kind === asked.kind))
      .map((id) => id.kind),
  );
  const asked = answer.identifiers.filter((id) => kinds.has(id.kind)).map((id) => id.label);
  return `About ${result.otherIdentifiers.join(', ')}, not ${asked.join(' or ')}.`;
}

/**
 * For a passage that names none of the question's instruments (context found by its words),
 * e.g. "Related: does not name Circular 49", so a reader does not take it for the instrument's
 * text; null when the question names none or the passage names one (or a near miss).
 */
export function relatedNote(result: SearchResult, answer: Answer): string | null {
  if (answer.identifiers.length === 0 || result.relation !== 'related') return null;
  return `Related: does not name ${answer.identifiers.map((id) => id.label).join(' or ')}`;
}
