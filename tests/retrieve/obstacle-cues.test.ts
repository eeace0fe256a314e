import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueStrength, cueText } from '../../src/lib/sentence-cues.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { detectIntents, intentWording } from '../../src/retrieve/question-intent.ts';
import type { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { useBundledIndex, useKeywordIndex } from '../fixtures/keyword-index.ts';

/** "What could block …?": the passage stating what stands in the way answers (keyword search only). */
const bundled = useBundledIndex();
const small = useKeywordIndex((corpus) => {
  const files: Record<string, string> = {
    // Says "paper records" and "clinics" more often, and names no obstacle.
    'roadmap.md':
      'Clinics moving paper records to digital records: the roadmap. Clinics move paper records to digital records in stages, and clinics report on digital records yearly.',
    'survey.md': 'A shortage of nurses could slow clinics in moving paper records to digital records.',
    'pharmacy.md': 'Pharmacies renew licences every five years with the provincial department.',
    'insurance.md': 'Claims are settled within 30 days by Vietnam Social Security offices.',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(corpus, name), `${text}\n`);
});

const statesObstacle = (sentence: string) => cueStrength(cueText(sentence), ['obstacle']) > 0;

describe('questions about what stands in the way', () => {
  it('reads the wording asking for an obstacle, in English, Vietnamese and Chinese', () => {
    for (const question of [
      'What could block the complete digitization of health data?',
      'What are the barriers to telemedicine?',
      'Why can’t hospitals share records?',
      'Why is EMR interoperability so hard in Vietnam?',
      'What stands in the way of digital records?',
      'What is standing in the way of telemedicine?',
      'What is holding back EMR adoption?',
      'What is holding the rollout up?',
      'What prevents hospitals from sharing records?',
      'Những khó khăn khi triển khai bệnh án điện tử là gì?',
      '电子病历的障碍是什么？',
    ]) {
      expect(detectIntents(question), question).toContain('obstacle');
    }
    for (const question of [
      'Why does Vietnam need more healthcare personnel?',
      'Which technologies does Decision 4888 highlight?',
      'What does Circular 49 require?',
      // "hold" and "stand" ask for an obstacle only as "holding back/up", "standing in the way".
      'What holds the national healthcare data?',
      'What stands out in Decision 5316?',
      // "prevent" only as "prevents … from": "What prevents dengue?" asks for a remedy.
      'What prevents dengue?',
    ]) {
      expect(detectIntents(question), question).not.toContain('obstacle');
    }
    // Only a question asks for one: a claim or a legal question using the same verbs does not.
    for (const text of [
      'Active Ly49Q prevents neutrophil polarization.',
      'How to Prevent Heart Disease',
      'Người cố ý cản trở việc đăng ký nghĩa vụ quân sự thì bị phạt thế nào?',
      'Người có khó khăn trong nhận thức và làm chủ hành vi là người như thế nào?',
    ]) {
      expect(detectIntents(text), text).not.toContain('obstacle');
    }
    expect(intentWording('What could block the complete digitization of health data?', 'obstacle')).toBe(
      'what could block',
    );
  });

  it('tells a sentence stating an obstacle from one that merely shares a word', () => {
    expect(
      statesObstacle('However, critical infrastructure gaps could pose barriers to the complete digitization.'),
    ).toBe(true);
    expect(statesObstacle('Vietnam still faces major challenges, mainly due to differences in record keeping.')).toBe(
      true,
    );
    expect(statesObstacle('The initiative highlights big data, blockchain, and 3D printing.')).toBe(false);
    expect(statesObstacle('The roadmap outlines milestones to achieve the complete digitization of health data.')).toBe(
      false,
    );
  });

  it('ranks the passage stating the obstacle above one saying the topic’s words more often', () => {
    const lexical = small.index.lexical as LexicalIndex;
    const passage = (doc: number) => lexicalInput(small.index.chunks[doc]!);
    const question = 'What could block clinics moving paper records to digital records?';
    const doc = (words: string) => small.index.chunks.findIndex((c) => c.text.includes(words));
    const [roadmap, survey] = [doc('in stages'), doc('A shortage of nurses')];
    const first = (hits: { doc: number }[]) => hits.map((h) => h.doc).find((d) => d === roadmap || d === survey);
    const off = rankLexical(lexical.withScoring({ deadlineWeight: 0, answerCueWeight: 0 }), question, 4, passage);
    expect(first(off)).toBe(roadmap);
    expect(first(rankLexical(lexical, question, 4, passage))).toBe(survey);
  });

  it('answers “What could block …” on the bundled corpus with the sentence naming the barriers', async () => {
    const answer = await bundled.retriever.retrieve('What could block the complete digitization of health data?', {
      k: 3,
    });
    expect(answer.intents).toContain('obstacle');
    expect(answer.results[0]?.chunk.text).toContain('could pose barriers to the complete digitization of health data');
  });
});
