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
