import { describe, expect, it } from 'vitest';
import { readMatchedTerms, readResultTerms, termIdsOf } from '../../src/retrieve/passage-terms.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

const bundled = useBundledIndex();

describe('readMatchedTerms', () => {
  it("gives a result's text terms among the question's, first appearance first, as its spelt-out body does", () => {
    const { index } = bundled;
    const lexical = index.lexical;
    const questions = ['What does Circular 49 require of telemedicine?', 'electronic medical records deadline 2028'];
    let compared = 0;
    for (const question of questions) {
      const queryTerms = lexical.analyzeQuery(question);
      const ids = termIdsOf(lexical, queryTerms);
      for (const hit of lexical.search(question, 20)) {
        // A merged result too: the hit and the chunk after it, in either order.
        for (const docs of [[hit.doc], [hit.doc + 1, hit.doc].filter((d) => d < index.chunks.length)]) {
          const body = readResultTerms(lexical, index.chunks, docs, ids).body;
          const expected = [...new Set(body)].filter((t) => queryTerms.includes(t));
          expect(readMatchedTerms(lexical, index.chunks, docs, ids)).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
