import { describe, expect, it } from 'vitest';
import { answerCueScorer } from '../../src/retrieve/answer-cues.ts';
import { detectIntents } from '../../src/retrieve/question-intent.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import type { LexicalSearcher, QueryTerm } from '../../src/store/types.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** What a passage's headings make given to the answer cues (cue-headings.ts). */
const bundled = useBundledIndex();

const termsOf = (question: string, lexical: LexicalSearcher): QueryTerm[] =>
  lexical
    .analyzeQuery(question)
    .map((t) => lexical.termId(t))
    .filter((id) => id !== undefined)
    .map((id) => ({ id, count: 1 }));
const WEIGHTS = { answerCueWeight: 0.3, deadlineWeight: 0.3 };

describe('answer cues and the headings of a passage', () => {
  it('reads a sentence restating its heading without the heading’s years: “until 2025 … to 2030” is no target it states', () => {
    const section = 'Plans › Plan for rural clinics until 2025 with an orientation to 2030';
    const texts = [
      'In 2020, the ministry approved the “Plan for rural clinics until 2025 with an orientation to 2030.”',
      'By 2030, rural clinics will offer online booking.',
      'Pharmacies keep paper ledgers.',
    ];
    const lexical = LexicalIndex.build(texts.map((text) => ({ title: 'Health plans', section, text })));
    const question = 'What is the 2030 target for rural clinics?';
    const scorer = answerCueScorer(lexical, question, termsOf(question, lexical), WEIGHTS)!;
    const [restates, states] = texts.map((text, doc) => scorer(doc, () => text)) as [number, number];
    expect(states).toBeCloseTo(WEIGHTS.answerCueWeight, 9);
    expect(restates).toBe(0);
    // Under a heading without years the same sentence states its target.
    const plain = LexicalIndex.build(texts.map((text) => ({ title: 'Health plans', section: 'Plans', text })));
    const plainScorer = answerCueScorer(plain, question, termsOf(question, plain), WEIGHTS)!;
    expect(plainScorer(0, () => texts[0]!)).toBeGreaterThan(0);
  });

  it('counts the instrument a passage’s heading names as held by each of its sentences, for goals and deadlines', () => {
    const texts = [
      'By 2030, rural clinics will offer online booking.',
      'Rural clinics were surveyed in 2019 about their booking systems.',
    ];
    const lexical = LexicalIndex.build([
      ...texts.map((text) => ({ title: 'Health plans', section: 'Decision 77/QD-BYT on rural clinics', text })),
      { title: 'Health plans', section: 'Other plans', text: 'Decision 77 aims to reach rural clinics by 2030.' },
    ]);
    const question = 'What does Decision 77 aim for rural clinics by 2030?';
    const scorer = answerCueScorer(lexical, question, termsOf(question, lexical), WEIGHTS)!;
    // The sentence stating the goal holds every word but the instrument's, which its heading names.
    const goal = scorer(0, () => texts[0]!);
    const aim = lexical.idf('aim');
    expect(aim).toBeGreaterThan(0);
    const weights = termsOf(question, lexical).map((t) => lexical.idf(lexical.termText(t.id)));
    const instrument = ['decis', '77', '§decision:77'].reduce((sum, t) => sum + lexical.idf(t), 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const held = (total - instrument - aim) / (total - instrument);
    expect(goal).toBeCloseTo(WEIGHTS.answerCueWeight * held ** 3, 9);
    // A passage whose heading does not name it still needs the instrument in its sentence.
    expect(scorer(2, () => 'Decision 77 aims to reach rural clinics by 2030.')).toBeGreaterThan(0);
    expect(scorer(1, () => texts[1]!)).toBe(0);
  });

  it('reads a year the question sets as its horizon as asking for a target', () => {
    expect(
      detectIntents('Theo Quyết định 5316, đến năm 2030 Việt Nam muốn số hóa bao nhiêu phần trăm dữ liệu?'),
    ).toEqual(['target', 'number']);
    expect(detectIntents('What share of the population should have EMRs by 2025?')).toEqual(['target', 'number']);
    expect(detectIntents('How many provinces were in the first round?')).toEqual(['number']);
  });

  it('answers the 2030 goal of Decision 5316, asked in Vietnamese, with the sentence stating it, not the one naming it', async () => {
    const retriever = new Retriever(bundled.index, null);
    for (const question of [
      'Mục tiêu năm 2030 của Quyết định 5316 là gì?',
      'Quyết định 5316 đặt mục tiêu gì cho năm 2030?',
      'Theo Quyết định 5316, đến năm 2030 Việt Nam muốn số hóa bao nhiêu phần trăm dữ liệu của Bộ Y tế?',
    ]) {
      const answer = await retriever.retrieve(question, { k: 2 });
      expect(answer.results[0]?.chunk.text, question).toContain('By 2030, Vietnam hopes to digitalize more than 90%');
    }
  });
});
