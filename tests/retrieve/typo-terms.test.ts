import { describe, expect, it } from 'vitest';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { weighQueryTerms } from '../../src/retrieve/query-terms.ts';
import { allowedEdits, correctTypos } from '../../src/retrieve/typo-terms.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** Misspelt questions over the bundled corpus, keyword search only. */
const bundled = useBundledIndex();

const topText = async (question: string) =>
  (await bundled.retriever.retrieve(question, { k: 3 })).results[0]?.chunk.text ?? '';

describe('typo tolerance on the bundled corpus', () => {
  it('finds the telemedicine rules when every content word is misspelt', async () => {
    expect(await topText('telemedicne licences')).toContain('licensed medical professionals');
    const answer = await bundled.retriever.retrieve('telemedicne licences', { k: 3 });
    expect(answer.weak).toBe(false);
  });

  it('reads a misspelt word as the words one or two edits away, never as itself', () => {
    const corrections = correctTypos(
      bundled.index.lexical,
      bundled.index.lexical.analyzeQuery('electornic recrods requirments'),
      false,
    );
    expect(corrections.get('electorn')?.map((a) => a.term)).toContain('electron');
    expect(corrections.get('recrod')?.map((a) => a.term)).toEqual(['record']);
    // "requirments" stems to the known "requir": nothing to correct.
    expect(corrections.has('requir')).toBe(false);
  });

  it('never corrects numbers or instrument identifiers: Circular 94 does not become Circular 49', () => {
    const corrections = correctTypos(
      bundled.index.lexical,
      bundled.index.lexical.analyzeQuery('Circular 94 and Decision 5361/QD-BYT'),
      false,
    );
    expect([...corrections.keys()]).toEqual([]);
    expect(bundled.index.lexical.closeTerms('5361', 2)).toEqual([]);
  });

  it('scores a correction below the word typed right', () => {
    const right = rankLexical(bundled.index.lexical, 'telemedicine', 1, (doc) =>
      lexicalInput(bundled.index.chunks[doc]!),
    );
    const wrong = rankLexical(bundled.index.lexical, 'telemedicne', 1, (doc) =>
      lexicalInput(bundled.index.chunks[doc]!),
    );
    expect(wrong[0]?.doc).toBe(right[0]?.doc);
    expect(wrong[0]!.score).toBeLessThan(right[0]!.score);
  });

  it('leaves short words, Vietnamese questions and a zero typo weight alone', () => {
    expect(allowedEdits(4)).toBe(0);
    expect(correctTypos(bundled.index.lexical, ['telemedicn'], true).size).toBe(0);
    const off = LexicalIndex.build([{ title: '', section: '', text: 'telemedicine rules' }], { typoWeight: 0 });
    expect(correctTypos(off, ['telemedicn'], false).size).toBe(0);
    expect(
      correctTypos(LexicalIndex.build([{ title: '', section: '', text: 'telemedicine rules' }]), ['telemedicn'], false)
        .size,
    ).toBe(1);
  });

  it('keeps part of a misspelt word uncovered in the question weight', () => {
    const terms = weighQueryTerms(bundled.index.lexical, 'telemedicne');
    const corrected = terms.find((t) => t.term === 'telemedicin');
    const typed = terms.find((t) => t.term === 'telemedicn');
    expect(corrected && typed && corrected.weight > typed.weight).toBe(true);
  });
});
