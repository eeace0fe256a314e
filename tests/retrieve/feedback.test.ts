import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../src/retrieve/feedback.ts';
import { withFeedback } from '../../src/retrieve/feedback-expansion.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';

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

  it('measures the lent weight against the query as the score weighs it (count × weight), not its word count', () => {
    const passages = [{ terms: ['oper', 'risk'], score: 3 }];
    const idf = new Map([
      ['risk', 2],
      ['oper', 4],
      ['what', 0],
    ]);
    const weightOf = (t: string) => idf.get(t) ?? 0;
    const settings = { terms: 1, queryWeight: 0.8 };
    const lent = (q: Map<string, number>) =>
      expandQuery(q, passages, settings, (t) => t === 'oper', weightOf).get('oper');
    // Query mass 1 × 2; lent mass 0.5 × 4: "oper" scaled so that its count × 4 = (0.2 / 0.8) × 2.
    expect(lent(new Map([['risk', 1]]))! * 4).toBeCloseTo(0.25 * 2, 12);
    // A word that weighs nothing in the score ("what") lends the expansion nothing either.
    expect(
      lent(
        new Map([
          ['risk', 1],
          ['what', 3],
        ]),
      ),
    ).toBeCloseTo(lent(new Map([['risk', 1]]))!, 12);
  });
});

describe('withFeedback on an index', () => {
  // "vietnam" and "health" are in every passage (idf near 0); "india" in one.
  const texts = [
    'Vietnam health imports from India reached a record; India supplies medicine and India equipment.',
    'Vietnam health vision: by 2045 Vietnam aims to reach its health vision.',
    'Vietnam health records go digital by 2028.',
    'Vietnam health insurance pays claims within 30 days.',
    'Vietnam health workers train in Hanoi.',
  ];
  const lexical = LexicalIndex.build(
    texts.map((text) => ({ title: '', section: '', text })),
    { feedbackDocs: 2, feedbackTerms: 5, feedbackMaxDocShare: 0.5 },
  );

  it('lends (1 − queryWeight) / queryWeight of the question’s idf-weighted mass, so padding with common words lends little more', () => {
    const k = (1 - lexical.options.feedbackQueryWeight) / lexical.options.feedbackQueryWeight;
    const lentFor = (question: string) => {
      const counts = new Map<string, number>();
      for (const t of lexical.analyzeQuery(question)) counts.set(t, (counts.get(t) ?? 0) + 1);
      const terms = [...counts].map(([t, count]) => ({ id: lexical.termId(t)!, count }));
      const expanded = withFeedback(lexical, terms, counts, lexical.searchIds(terms, 2));
      const asked = new Map(terms.map((t) => [t.id, t.count]));
      const idf = (id: number) => lexical.idf(lexical.termText(id));
      // What feedback adds, to new words and to the question's own.
      const lent = expanded.reduce((sum, t) => sum + (t.count - (asked.get(t.id) ?? 0)) * idf(t.id), 0);
      const mass = terms.reduce((sum, t) => sum + t.count * idf(t.id), 0);
      return { lent, mass };
    };
    const bare = lentFor('reach vision');
    const padded = lentFor('Vietnam health reach vision Vietnam health');
    expect(bare.lent).toBeCloseTo(k * bare.mass, 9);
    expect(padded.lent).toBeCloseTo(k * padded.mass, 9);
    // Six words instead of two, but the four common ones weigh little: counted as words, the
    // lent weight would triple and outweigh what the question's own rare words score.
    expect(padded.lent / bare.lent).toBeLessThan(1.2);
  });
});
