import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueStrength, cueText } from '../../src/lib/sentence-cues.ts';
import { selectQuote } from '../../src/present/quote.ts';
import { analyzerOf } from '../../src/present/term-memo.ts';
import { passageCues } from '../../src/retrieve/cue-sentences.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { detectIntents, intentWording } from '../../src/retrieve/question-intent.ts';
import type { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { useBundledIndex, useKeywordIndex } from '../fixtures/keyword-index.ts';

/** "Is Circular 46 still current?": the passage stating the instrument's status answers (keyword search only). */
const bundled = useBundledIndex();
const small = useKeywordIndex((corpus) => {
  const files: Record<string, string> = {
    // Names Circular 12 more often, and states no status.
    'roadmap.md':
      'Circular 12 sets the roadmap for paper records. Under Circular 12, clinics file paper records monthly. Circular 12 also lists the forms clinics use for paper records.',
    'review.md':
      'A review of record keeping found gaps. Circular 12, which prescribed paper records, is outdated and no longer fits the digital plan.',
    'pharmacy.md': 'Pharmacies renew licences every five years with the provincial department.',
    'insurance.md': 'Claims are settled within 30 days by Vietnam Social Security offices.',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(corpus, name), `${text}\n`);
});

const outdated = 'is outdated and no longer fits';
const statesStatus = (sentence: string) => cueStrength(cueText(sentence), ['status']) > 0;

describe('status questions', () => {
  it('reads a question about an instrument’s status, in English and Vietnamese', () => {
    for (const question of [
      'Is Circular 46 still current?',
      'Is Circular 46 still up to date?',
      'Is Circular 46/2018/TT-BYT outdated?',
      'Has Decree 53 been replaced?',
      'Is Decree 53 still in force?',
      'Thông tư 46 còn hiệu lực không?',
    ])
      expect(detectIntents(question), question).toContain('status');
    for (const question of [
      'How many provinces still had no EMRs in 2021?',
      'What is the current EMR rollout?',
      'When did Decree 53/2022/ND-CP take effect?',
      'What does Circular 49 require?',
      // "valid", "in effect", "still used" without an instrument whose status is asked.
      'What documents are required for a valid licence?',
      'How long is an e-prescription valid?',
      'Which paper forms are still used by clinics?',
    ])
      expect(detectIntents(question), question).not.toContain('status');
  });

  it('takes only the words asking for the status out of the topic, never the instrument', () => {
    expect(intentWording('Is Circular 46/2018/TT-BYT outdated?', 'status')).toBe('outdated');
    expect(intentWording('Is Circular 46 still current?', 'status')).toBe('still current');
    expect(intentWording('Has Decree 53 been replaced?', 'status')).toBe('been replaced');
  });

  it('tells a sentence stating a status from one merely naming the instrument', () => {
    for (const sentence of [
      'However, Circular 46/2018/TT-BYT, which prescribed electronic medical records, is outdated and no longer fits.',
      'Decree 53/2022/ND-CP has been in effect since October 1st, 2022.',
      'Decision 12 was repealed and replaced by Decision 30.',
    ])
      expect(statesStatus(sentence), sentence).toBe(true);
    for (const sentence of [
      'By 2028, all healthcare establishments will have completed the system for electronic medical records (Circular 46).',
      'At the end of December 2017, the Ministry of Health issued Circular No. 49.',
    ])
      expect(statesStatus(sentence), sentence).toBe(false);
  });

  it('reads the status of a stored passage’s sentences from its text (the index stores no status codes)', () => {
    const lexical = small.index.lexical;
    const doc = small.index.chunks.findIndex((c) => c.text.includes(outdated));
    const cues = passageCues(lexical, doc, () => small.index.chunks[doc]!.text);
    const strengths = Array.from({ length: cues.count }, (_, i) => cues.strength(i, ['status']));
    expect(strengths).toEqual([0, 1]);
  });

  it('ranks the passage stating the status above one naming the instrument more often', () => {
    const lexical = small.index.lexical as LexicalIndex;
    const question = 'Is Circular 12 still current?';
    const text = (doc: number) => lexicalInput(small.index.chunks[doc]!);
    const first = (hits: { doc: number }[]) => small.index.chunks[hits[0]!.doc]!.text;
    expect(first(rankLexical(lexical.withScoring({ deadlineWeight: 0 }), question, 4, text))).not.toContain(outdated);
    expect(first(rankLexical(lexical, question, 4, text))).toContain(outdated);
  });

  it('answers and quotes the status of Circular 46 first on the bundled corpus', async () => {
    for (const question of ['Is Circular 46 still current?', 'Thông tư 46 còn hiệu lực không?']) {
      const answer = await bundled.retriever.retrieve(question, { k: 3 });
      const top = answer.results[0]!;
      expect(top.chunk.text, question).toContain(outdated);
      const quote = selectQuote(top, analyzerOf(bundled.retriever.index.lexical), 600, answer);
      expect(quote.text, question).toContain(outdated);
    }
  });
});
