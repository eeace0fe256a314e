import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../src/retrieve/feedback.ts';

const query = new Map([
  ['risk', 1],
  ['capit', 1],
]);

describe('expandQuery (RM3)', () => {
  it('keeps the query counts and adds the heaviest feedback terms carrying (1 − queryWeight) of the weight', () => {
    // One passage of 4 terms: P(w|d) = 2/4 for "oper", 1/4 for "risk" and "capit".
    const expanded = expandQuery(query, [{ terms: ['oper', 'risk', 'capit', 'oper'], score: 3 }], {
      terms: 10,
      queryWeight: 0.8,
    });
    // Model mass 1; query mass 2; scale = (0.2 / 0.8) · 2 / 1 = 0.5.
    expect(expanded.get('oper')).toBeCloseTo(0.5 * 0.5, 12);
    expect(expanded.get('risk')).toBeCloseTo(1 + 0.25 * 0.5, 12);
    expect(expanded.get('capit')).toBeCloseTo(1 + 0.25 * 0.5, 12);
    const total = [...expanded.values()].reduce((a, b) => a + b, 0);
    const added = total - 2;
    expect(added / total).toBeCloseTo(0.2, 12);
  });

  it('weights passages by exp(score − best): a passage far below the best lends almost nothing', () => {
    const expanded = expandQuery(
      query,
      [
        { terms: ['oper'], score: 10 },
        { terms: ['liquid'], score: 0 },
      ],
      { terms: 10, queryWeight: 0.5 },
    );
    const oper = expanded.get('oper') ?? 0;
    const liquid = expanded.get('liquid') ?? 0;
    expect(liquid / oper).toBeCloseTo(Math.exp(-10), 12);
  });

  it('keeps only the `terms` heaviest, breaking ties alphabetically, and skips ineligible terms', () => {
    const passages = [{ terms: ['b', 'a', 'c', 'c', '§circular:49', '§circular:49', '§circular:49'], score: 1 }];
    const expanded = expandQuery(
      new Map([['q', 1]]),
      passages,
      { terms: 2, queryWeight: 0.5 },
      (t) => !t.startsWith('§'),
    );
    expect([...expanded.keys()].sort()).toEqual(['a', 'c', 'q']);
    expect(expanded.get('c')).toBeCloseTo(2 * (expanded.get('a') ?? 0), 12);
  });

  it('ignores a passage a million times less likely than the best', () => {
    const expanded = expandQuery(
      query,
      [
        { terms: ['oper'], score: 30 },
        { terms: ['liquid'], score: 0 },
      ],
      { terms: 10, queryWeight: 0.5 },
    );
    expect(expanded.has('liquid')).toBe(false);
    expect(expanded.has('oper')).toBe(true);
  });

  it('returns the query unchanged when there is no feedback or the query keeps all the weight', () => {
    expect(expandQuery(query, [], { terms: 10, queryWeight: 0.8 })).toEqual(query);
    expect(expandQuery(query, [{ terms: ['oper'], score: 1 }], { terms: 10, queryWeight: 1 })).toEqual(query);
    expect(expandQuery(query, [{ terms: [], score: 1 }], { terms: 10, queryWeight: 0.8 })).toEqual(query);
  });
});
