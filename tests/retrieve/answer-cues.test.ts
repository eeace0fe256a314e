import { describe, expect, it } from 'vitest';
import { answerCueScorer } from '../../src/retrieve/answer-cues.ts';
import { forgetCueSentences } from '../../src/retrieve/cue-sentences.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import type { LexicalSearcher, QueryTerm } from '../../src/store/types.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** Question intent reordering close passages, on the bundled corpus (keyword search only). */
const bundled = useBundledIndex();

const passage = (doc: number) => lexicalInput(bundled.index.chunks[doc]!);
const termsOf = (question: string, lexical: LexicalSearcher = bundled.index.lexical): QueryTerm[] =>
  lexical
    .analyzeQuery(question)
    .map((t) => lexical.termId(t))
    .filter((id) => id !== undefined)
    .map((id) => ({ id, count: 1 }));
const WEIGHTS = { answerCueWeight: 0.1, deadlineWeight: 0 };

describe('answer cues', () => {
  it('scores the sentence that names the agency asked for above one that only shares words', () => {
    const question = 'Which ministry proposed the Draft Decree on the national medical database?';
    // Three passages added to the bundled corpus's (the cues read a passage's sentences from its index).
    const texts = [
      'In 2021, the Ministry of Health (MOH) proposed a Draft Decree on the national medical database.',
      'The Ministry of Public Security proposes to upgrade the Draft Decree on Personal Data Protection.',
      'A national medical database was proposed in a draft.',
    ];
    const first = bundled.index.chunks.length;
    const lexical = LexicalIndex.build([
      ...bundled.index.chunks.map(lexicalInput),
      ...texts.map((text) => ({ title: '', section: '', text })),
    ]);
    const scorer = answerCueScorer(lexical, question, termsOf(question, lexical), WEIGHTS);
    expect(scorer).toBeDefined();
    const [moh, other, noCue] = texts.map((text, i) => scorer!(first + i, () => text)) as [number, number, number];
    expect(moh).toBeGreaterThan(other);
    expect(noCue).toBeLessThan(moh);
  });

  it('falls with the cube of the share of the question a cue sentence holds', () => {
    const question = 'When will clinics open payment desks?';
    const texts = [
      'In 2030, clinics will open payment desks.',
      'In 2030, clinics will open.',
      'Payment desks are planned for clinics.',
      'Hospitals keep records for ten years.',
    ];
    const lexical = LexicalIndex.build(texts.map((text) => ({ title: '', section: '', text })));
    const terms = termsOf(question, lexical);
    const scorer = answerCueScorer(lexical, question, terms, WEIGHTS)!;
    const [all, half, none] = texts.map((text, doc) => scorer(doc, () => text)) as [number, number, number];
    // The share of the question's weight (idf) the second sentence's words hold.
    const asked = [...new Set(lexical.analyzeQuery(question))];
    const held = new Set(lexical.analyzeWords(texts[1]!));
    const weight = (ts: string[]) => ts.reduce((sum, t) => sum + lexical.idf(t), 0);
    const share = weight(asked.filter((t) => held.has(t))) / weight(asked);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.8);
    expect(all).toBeCloseTo(WEIGHTS.answerCueWeight, 9);
    expect(half).toBeCloseTo(WEIGHTS.answerCueWeight * share ** 3, 9);
    expect(half).toBeLessThan(all * share * 0.5);
    // No date: no cue, whatever words it holds.
    expect(none).toBe(0);
  });

  it('ranks the sentence answering the whole question above a passage saying its rarest word more often', async () => {
    const question = 'When does Vietnam want a digital payment system for healthcare?';
    const summary = 'Before 2030, Vietnam also aims to have a digital payment system for healthcare expenses';
    const answer = await new Retriever(bundled.index, null).retrieve(question, { k: 1 });
    expect(answer.results[0]?.chunk.text).toContain(summary);
    const lexical = bundled.index.lexical as LexicalIndex;
    const plain = rankLexical(lexical.withScoring({ answerCueWeight: 0 }), question, 1, passage);
    expect(bundled.index.chunks[plain[0]!.doc]!.text).not.toContain(summary);
  });

  it('leaves a question that asks for no kind of answer alone', () => {
    expect(
      answerCueScorer(bundled.index.lexical, 'EMR rollout in Vietnam', termsOf('EMR rollout in Vietnam'), WEIGHTS),
    ).toBeUndefined();
  });

  it('puts the passage saying which ministry proposed the decree first, which plain BM25F ranks second', async () => {
    const question = 'Which ministry proposed the Draft Decree on the national medical database?';
    const answer = await new Retriever(bundled.index, null).retrieve(question, { k: 3 });
    expect(answer.results[0]?.chunk.text).toContain('the Ministry of Health (MOH) proposed a Draft Decree');
    const lexical = bundled.index.lexical as LexicalIndex;
    const moh = 'the Ministry of Health (MOH) proposed a Draft Decree';
    const plain = rankLexical(
      lexical.withScoring({ answerCueWeight: 0, feedbackDocs: 0, proximityWeight: 0 }),
      question,
      3,
      passage,
    );
    expect(bundled.index.chunks[plain[0]!.doc]!.text).not.toContain(moh);
    // The agency cue widens its lead over the passage plain BM25F puts first.
    const lead = (weight: number) => {
      const hits = rankLexical(lexical.withScoring({ answerCueWeight: weight }), question, 3, passage);
      const score = (has: boolean) => hits.find((h) => bundled.index.chunks[h.doc]!.text.includes(moh) === has)!.score;
      return score(true) - score(false);
    };
    expect(lead(0.1)).toBeGreaterThan(lead(0));
  });

  it('nudges by at most answerCueWeight (+ deadlineWeight) of the best score: distant passages keep their order', () => {
    const lexical = bundled.index.lexical as LexicalIndex;
    for (const question of [
      'What is the deadline for electronic medical records in all healthcare establishments?',
      'How many provinces were in the first round of the EMR rollout?',
      'What must Category-1 hospitals do before 2023?',
    ]) {
      const plain = rankLexical(lexical.withScoring({ answerCueWeight: 0, deadlineWeight: 0 }), question, 20, passage);
      const nudged = rankLexical(
        lexical.withScoring({ answerCueWeight: 0.1, deadlineWeight: 0.3 }),
        question,
        20,
        passage,
      );
      const top = plain[0]!.score;
      const before = new Map(plain.map((h) => [h.doc, h.score]));
      for (const hit of nudged) {
        const gain = hit.score - (before.get(hit.doc) ?? 0);
        expect(gain).toBeGreaterThanOrEqual(0);
        expect(gain).toBeLessThanOrEqual(0.4 * top + 1e-9);
      }
    }
  });
});

describe('answer cues read each passage once', () => {
  it('reads a passage text from disk the first time only, with the same bonus after', () => {
    const question = 'What is the deadline for electronic medical records in all healthcare establishments?';
    const scorer = answerCueScorer(bundled.index.lexical, question, termsOf(question), {
      answerCueWeight: 0.1,
      deadlineWeight: 0.3,
    })!;
    const doc = bundled.index.chunks.findIndex((c) => c.text.includes('By 2028, all healthcare establishments'));
    forgetCueSentences();
    let reads = 0;
    const text = () => {
      reads++;
      return bundled.index.chunks[doc]!.text;
    };
    const first = scorer(doc, text);
    const readsFirst = reads;
    expect(first).toBeGreaterThan(0);
    expect(readsFirst).toBe(1);
    expect(scorer(doc, text)).toBe(first);
    expect(reads).toBe(readsFirst);
  });
});
