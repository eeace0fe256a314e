import { describe, expect, it } from 'vitest';
import { proximityScore, queryPairs } from '../../src/retrieve/proximity.ts';

const idf: Record<string, number> = { oper: 2, risk: 1, capit: 3, the: 0 };
const idfOf = (t: string) => idf[t] ?? 0;

describe('queryPairs', () => {
  it('pairs consecutive distinct terms, weighted by the smaller idf, dropping pairs with an unknown term', () => {
    expect(queryPairs(['oper', 'risk', 'risk', 'capit', 'the'], idfOf)).toEqual([
      { first: 'oper', second: 'risk', weight: 1 },
      { first: 'risk', second: 'capit', weight: 1 },
    ]);
    expect(queryPairs(['oper'], idfOf)).toEqual([]);
  });

  it('lists an unordered pair once', () => {
    expect(queryPairs(['oper', 'risk', 'oper'], idfOf)).toEqual([{ first: 'oper', second: 'risk', weight: 1 }]);
  });

  it('skips pairs inside one compound, keeps the words around it', () => {
    const anyIdf = () => 1;
    const pairs = queryPairs(['circular', '49/2017/tt-byt', '49', '2017', 'tt', 'byt', 'requir'], anyIdf).map(
      (p) => `${p.first}·${p.second}`,
    );
    expect(pairs).toEqual(['circular·49/2017/tt-byt', 'byt·requir']);
  });
});

describe('proximityScore', () => {
  const pairs = queryPairs(['oper', 'risk', 'capit'], idfOf);

  it('counts pairs within the window in either order, saturating repeats', () => {
    // "oper risk" once (adjacent); "capit risk" once (reversed, adjacent): 1·1/1.9 + 1·1/1.9.
    expect(proximityScore(pairs, [['oper', 'risk', 'x', 'capit', 'risk']], 1)).toBeCloseTo(2 / 1.9, 12);
    // Two adjacent "oper risk": 1·2/2.9.
    expect(proximityScore(pairs.slice(0, 1), [['oper', 'risk', 'y', 'oper', 'risk']], 1)).toBeCloseTo(2 / 2.9, 12);
  });

  it('scores nothing for terms further apart than the window, and widens with it', () => {
    const far = [['oper', 'a', 'b', 'risk']];
    expect(proximityScore(pairs, far, 1)).toBe(0);
    expect(proximityScore(pairs, far, 3)).toBeCloseTo(1 / 1.9, 12);
  });

  it('never pairs terms across two fields', () => {
    expect(
      proximityScore(
        pairs,
        [
          ['x', 'oper'],
          ['risk', 'y'],
        ],
        1,
      ),
    ).toBe(0);
  });

  it('is zero without pairs', () => {
    expect(proximityScore([], [['oper', 'risk']], 1)).toBe(0);
  });
});
