import { describe, expect, it } from 'vitest';
import { editDistance, prefixDistances } from '../../src/lib/edit-distance.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('record', 'record', 2)).toBe(0);
    expect(editDistance('telemedicin', 'telemedicn', 2)).toBe(1);
    expect(editDistance('licens', 'licenc', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('record', 'recrod', 2)).toBe(1);
    expect(editDistance('electron', 'electorn', 2)).toBe(1);
  });

  it('gives up beyond the bound', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBeUndefined();
    expect(editDistance('a', 'abcd', 2)).toBeUndefined();
  });

  it('gives the distance to every prefix of the query', () => {
    const row = prefixDistances('decis', 'decison', 2);
    expect(row?.[5]).toBe(0);
    expect(row?.[7]).toBe(2);
  });
});
