import type { Chunk } from '../types.ts';

/**
 * Joins two chunks of one file whose spans overlap (neighbouring chunks share a sentence of
 * overlap), so a reader sees one passage instead of the same sentence twice. The merged text
 * is still an exact slice of the source: `a.text` followed by the part of `b` past `a`'s end.
 * Returns null when the chunks do not overlap.
 */
export function mergeChunks(a: Chunk, b: Chunk): Chunk | null {
  if (a.file !== b.file) return null;
  const [first, second] = a.charStart <= b.charStart ? [a, b] : [b, a];
  if (second.charStart >= first.charEnd) return null;
  const end = Math.max(first.charEnd, second.charEnd);
  const text = first.text + second.text.slice(first.charEnd - second.charStart, end - second.charStart);
  const identifiers = [...first.identifiers];
  for (const id of second.identifiers) if (!identifiers.some((x) => x.key === id.key)) identifiers.push(id);
  return {
    ...a,
    text,
    charStart: first.charStart,
    charEnd: end,
    page: first.page,
    identifiers,
    tokens: first.tokens + second.tokens,
  };
}

/**
 * Folds each item into the earliest-ranked item it overlaps with, keeping rank order.
 * `get`/`set` give access to the chunk inside whatever item type the caller ranks; `set` also
 * receives the item folded in. Stops once `limit` distinct items are kept: lower-ranked items
 * are never shown, so merging them would be wasted work on the query path.
 */
export function mergeOverlapping<T>(
  items: T[],
  get: (item: T) => Chunk,
  set: (item: T, chunk: Chunk, folded: T) => T,
  limit = Infinity,
): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length >= limit) break;
    let merged = false;
    for (let i = 0; i < kept.length && !merged; i++) {
      const host = kept[i] as T;
      const joined = mergeChunks(get(host), get(item));
      if (joined) {
        kept[i] = set(host, joined, item);
        merged = true;
      }
    }
    if (!merged) kept.push(item);
  }
  return kept;
}
