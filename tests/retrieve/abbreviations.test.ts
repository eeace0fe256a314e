import { describe, expect, it } from 'vitest';
import { findAbbreviations, otherWording, rankWordings } from '../../src/retrieve/abbreviations.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

describe('abbreviations', () => {
  const table = findAbbreviations([
    'In 2021, the Ministry of Health (MOH) proposed a Draft Decree. The Ministry of Public Security (MPS) agreed.',
    'Vietnam stated that the Diagnosis Related Group (DRG) payment system is transparent.',
    'Something (ABC) with no long form before it, and Cyber Security Law (CSL).',
  ]);

  it('learns abbreviations the corpus defines, only when the initials spell them', () => {
    expect(table.toLong.get('moh')).toBe('ministry of health');
    expect(table.toLong.get('mps')).toBe('ministry of public security');
    expect(table.toLong.get('drg')).toBe('diagnosis related group');
    expect(table.toLong.get('csl')).toBe('cyber security law');
    expect(table.toLong.has('abc')).toBe(false);
  });

  it('writes a question with the other form of each abbreviation or long form it holds in one form', () => {
    expect(otherWording('Does the Ministry of Health prioritise it?', table)).toBe('Does the MOH prioritise it?');
    expect(otherWording('What did MOH propose?', table)).toBe('What did ministry of health propose?');
    expect(otherWording('DRG reform and the ministry of public security', table)).toBe(
      'diagnosis related group reform and the MPS',
    );
    expect(otherWording('MOH and the Ministry of Health', table)).toBeUndefined();
    expect(otherWording('telemedicine', table)).toBeUndefined();
  });

  it('reads only words written with two capitals as abbreviations, not "it", "us" or Vietnamese "ai"', () => {
    const common = findAbbreviations([
      'Artificial Intelligence (AI) is used. The United States (US) agreed. Information Technology (IT) budgets.',
      'The Ministry of Health (MoH) and the National Hospital (NH) met. Electronic Medical Records (EMR) spread.',
    ]);
    expect(otherWording('Ai chịu trách nhiệm quản lý hồ sơ bệnh án điện tử?', common)).toBeUndefined();
    expect(otherWording('What does it require of us?', common)).toBeUndefined();
    expect(otherWording('BỆNH VIỆN NH', common)).toBe('BỆNH VIỆN national hospital');
    expect(otherWording('Who regulates AI?', common)).toBe('Who regulates artificial intelligence?');
    expect(otherWording('What does IT require of the US?', common)).toBe(
      'What does information technology require of the united states?',
    );
    expect(otherWording('What did the MoH say about 4G?', common)).toBe(
      'What did the ministry of health say about 4G?',
    );
    expect(otherWording('EMR deadline', common)).toBe('electronic medical records deadline');
    // A lower-case "it" is not the abbreviation: the long form still gets its other wording.
    expect(otherWording('Who funds information technology and what is it for?', common)).toBe(
      'Who funds IT and what is it for?',
    );
    // A plural stays as written: the analyzer reads "EMRs" as "emr".
    expect(otherWording('How many provinces had no EMRs?', common)).toBeUndefined();
  });

  it('keeps each passage’s best score over the wordings, best first, ties by ordinal', () => {
    const lists: Record<string, { doc: number; score: number }[]> = {
      a: [
        { doc: 4, score: 3 },
        { doc: 1, score: 2 },
      ],
      b: [
        { doc: 1, score: 2.5 },
        { doc: 7, score: 3 },
        { doc: 4, score: 1 },
      ],
    };
    expect(rankWordings(['a', 'b'], (w) => lists[w]!, 2)).toEqual([
      { doc: 4, score: 3 },
      { doc: 7, score: 3 },
    ]);
    expect(rankWordings(['a'], (w) => lists[w]!, 10)).toEqual(lists.a);
  });
});

describe('abbreviations on the bundled corpus', () => {
  // The corpus defines "Electronic Medical Records (EMR)" in a section heading whose passages
  // say "EMRs"; the passage stating the deadline writes "electronic medical records" only.
  const bundled = useBundledIndex();
  const by2028 = 'By 2028, all healthcare establishments will have completed';

  it('ranks the passage stating the deadline first in either form, which the summed forms rank third', async () => {
    for (const question of ['deadline for electronic medical records', 'EMR deadline']) {
      const answer = await bundled.retriever.retrieve(question, { k: 3 });
      expect(answer.results[0]?.chunk.text, question).toContain(by2028);
    }
    // Both forms in one query: the EMR section counts the concept twice and outranks it.
    const summed = rankLexical(bundled.index.lexical, 'deadline for electronic medical records EMR', 3, (doc) =>
      lexicalInput(bundled.index.chunks[doc]!),
    );
    expect(bundled.index.chunks[summed[0]!.doc]!.text).not.toContain(by2028);
  });
});
