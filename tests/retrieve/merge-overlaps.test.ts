import { describe, expect, it } from 'vitest';
import { mergeChunks, mergeOverlapping } from '../../src/retrieve/merge-overlaps.ts';
import type { Chunk } from '../../src/types.ts';

const source = 'Alpha one. Beta two. Gamma three. Delta four.';

function chunk(id: string, start: number, end: number, file = 'corpus/a.txt'): Chunk {
  return {
    id,
    file,
    title: 'A',
    section: ['S'],
    text: source.slice(start, end),
    charStart: start,
    charEnd: end,
    page: null,
    identifiers: [],
    tokens: 5,
  };
}

describe('mergeChunks', () => {
  it('joins overlapping chunks into one exact slice of the source', () => {
    const merged = mergeChunks(chunk('b', 11, 33), chunk('a', 0, 20));
    expect(merged?.text).toBe(source.slice(0, 33));
    expect(merged?.charStart).toBe(0);
    expect(merged?.charEnd).toBe(33);
    expect(merged?.id).toBe('b');
  });

  it('leaves chunks that only touch or come from different files apart', () => {
    expect(mergeChunks(chunk('a', 0, 10), chunk('b', 11, 20))).toBeNull();
    expect(mergeChunks(chunk('a', 0, 20), chunk('b', 11, 33, 'corpus/b.txt'))).toBeNull();
  });

  it('keeps the outer chunk when one contains the other', () => {
    expect(mergeChunks(chunk('a', 0, 33), chunk('b', 11, 20))?.text).toBe(source.slice(0, 33));
  });
});

describe('mergeOverlapping', () => {
  it('folds later overlapping results into the earlier one and keeps the order of the rest', () => {
    const items = [chunk('x', 34, 45), chunk('a', 0, 20), chunk('b', 11, 33)];
    const merged = mergeOverlapping(
      items,
      (c) => c,
      (_c, m) => m,
    );
    expect(merged.map((c) => c.id)).toEqual(['x', 'a']);
    expect(merged[1]?.text).toBe(source.slice(0, 33));
  });
});
