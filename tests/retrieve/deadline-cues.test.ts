import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueStrength, cueText } from '../../src/lib/sentence-cues.ts';
import { answerCueScorer } from '../../src/retrieve/answer-cues.ts';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { detectIntents, intentWording } from '../../src/retrieve/question-intent.ts';
import type { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import { lexicalInput } from '../../src/store/lexical/lexical-options.ts';
import { useBundledIndex, useKeywordIndex } from '../fixtures/keyword-index.ts';

/** Deadline questions prefer the passage whose sentence states the date to be met (keyword search only). */
const bundled = useBundledIndex();
const small = useKeywordIndex((corpus) => {
  const files: Record<string, string> = {
    'digital-health.md':
      'Hospitals must adopt electronic medical records and connect them to the national health insurance portal. Hospitals report progress every year.',
    'archive.md': 'By 2027, the medical archive will be moved to the new building in Hanoi.',
    'telemedicine.md': 'Images are sent over networks of 4Mbps or faster between clinics and provincial centres.',
    'record-keeping.md': 'Hospitals keep patient records for ten years after discharge.',
    'pharmacy.md': 'Pharmacies renew licences every five years with the provincial department.',
    'insurance.md': 'Claims are settled within 30 days by Vietnam Social Security offices.',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(corpus, name), `${text}\n`);
});

const passage = (doc: number) => lexicalInput(bundled.index.chunks[doc]!);
const chunkWith = (text: string) => bundled.index.chunks.findIndex((c) => c.text.includes(text));
const states = (sentence: string) => cueStrength(cueText(sentence), ['deadline']) > 0;

describe('deadline questions', () => {
  it('reads a deadline, not any date, from the wording, in English, Vietnamese and Chinese', () => {
    for (const question of [
      'deadline for electronic medical records',
      'By when should over 90% of the population have EMRs?',
      'When must Category-1 hospitals upgrade their IT infrastructure?',
      'No later than which year must hospitals upgrade?',
      'Thời hạn hoàn thành hồ sơ bệnh án điện tử?',
      'Quyet dinh 89 dat tam nhin truoc nam nao?',
      'Khi nào phải hoàn thành bệnh án điện tử?',
      '电子病历的期限',
    ])
      expect(detectIntents(question), question).toContain('deadline');
    for (const question of [
      'When was Circular 49 issued?',
      'Nghị định 53 có hiệu lực khi nào?',
      'When will the Draft Law go to the National Assembly?',
    ]) {
      expect(detectIntents(question), question).toContain('date');
      expect(detectIntents(question), question).not.toContain('deadline');
    }
  });

  it('takes the words asking for a deadline out of the topic', () => {
    expect(intentWording('What is the deadline for electronic medical records?', 'deadline')).toBe('deadline');
    expect(intentWording('Thời hạn nộp hồ sơ', 'deadline')).toBe('thoi han');
    // The words between "when" and "have to" are the topic: clinics, the records.
    expect(intentWording('When do clinics have to have electronic records in place?', 'deadline')).toBe('when');
    expect(intentWording('When is the hospital required to report?', 'deadline')).toBe('when');
    expect(intentWording('Bệnh viện phải hoàn thành hồ sơ khi nào?', 'deadline')).toBe('khi nao');
    // A misspelt word read as asking for a deadline is given as typed: it is the question's term.
    expect(intentWording('dealine for paying medical expenses electronically', 'deadline')).toBe('dealine');
    expect(intentWording('telemedecine circular requirments', 'obligation')).toBe('requirments');
  });

  it('tells a sentence stating a date to be met from one stating when something happened', () => {
    for (const sentence of [
      'By 2028, all healthcare establishments will have completed the system for electronic medical records (Circular 46).',
      'Providers must register no later than 1 January 2026.',
      'The report is filed before January 1st, 2026.',
      'Between 2019 and 2023, Category-1 healthcare establishments are required to upgrade their IT infrastructure.',
      'Đến năm 2030, 100% bệnh viện sử dụng bệnh án điện tử.',
      'Hồ sơ phải nộp trước ngày 31/12/2025.',
      'The firm must notify the Regulator within 14 days.',
    ])
      expect(states(sentence), sentence).toBe(true);
    for (const sentence of [
      "In July 2019, Vietnam's Ministry of Health announced the implementation of Electronic Medical Records (EMR).",
      'Moreover, since 2019, Vietnam has been actively promoting initiatives such as electronic medical records (EMR).',
      'The Law on Cybersecurity 2018 was passed and came into effect on January 1st, 2019.',
      'Vietnam and Australia met in 2023 (VietnamPlus, 2024).',
    ])
      expect(states(sentence), sentence).toBe(false);
  });

  it('puts the passage stating the deadline in the top 3, which BM25F without answer cues ranks lower', async () => {
    const lexical = bundled.index.lexical as LexicalIndex;
    const by2028 = 'By 2028, all healthcare establishments will have completed';
    for (const question of ['deadline for electronic medical records', 'electornic medical recrods deadline']) {
      const answer = await bundled.retriever.retrieve(question, { k: 3 });
      expect(
        answer.results.some((r) => r.chunk.text.includes(by2028)),
        question,
      ).toBe(true);
      const plain = rankLexical(lexical.withScoring({ deadlineWeight: 0, answerCueWeight: 0 }), question, 3, passage);
      expect(plain.some((h) => bundled.index.chunks[h.doc]!.text.includes(by2028))).toBe(false);
      // The deadline bonus alone lifts it (the plain cue, for any dated sentence, may or may not).
      const deadlineOnly = rankLexical(lexical.withScoring({ answerCueWeight: 0 }), question, 3, passage);
      expect(deadlineOnly.some((h) => bundled.index.chunks[h.doc]!.text.includes(by2028))).toBe(true);
    }
  });

  it('prefers, among close passages, the one whose deadline sentence shares the question topic', async () => {
    const answer = await bundled.retriever.retrieve(
      'What is the deadline for digitalizing the Ministry of Health data?',
      {
        k: 3,
      },
    );
    expect(
      answer.results.some((r) => r.chunk.text.includes('By 2030, Vietnam hopes to digitalize more than 90%')),
    ).toBe(true);
    // A target date in a sentence about something else earns nothing: the banner's
    // "Before 2030, Vietnam also aims to have a digital payment system" is not about records.
    const lexical = bundled.index.lexical as LexicalIndex;
    const question = 'deadline for electronic medical records';
    const on = rankLexical(lexical, question, 20, passage);
    const off = rankLexical(lexical.withScoring({ deadlineWeight: 0 }), question, 20, passage);
    const banner = bundled.index.chunks.findIndex((c) => c.text.includes('Before 2030, Vietnam also aims'));
    const score = (hits: typeof on) => hits.find((h) => h.doc === banner)?.score ?? 0;
    expect(score(on)).toBeCloseTo(score(off), 9);
  });

  it('judges a deadline sentence on the topic its passage holds, at least half the topic', () => {
    const lexical = bundled.index.lexical;
    const bonusFor = (question: string) => {
      const terms = lexical
        .analyzeQuery(question)
        .map((t) => lexical.termId(t))
        .filter((id) => id !== undefined)
        .map((id) => ({ id, count: 1 }));
      const bonus = answerCueScorer(lexical, question, terms, { answerCueWeight: 0, deadlineWeight: 1 })!;
      return (doc: number) => bonus(doc, () => bundled.index.chunks[doc]!.text);
    };
    const by2028 = chunkWith('By 2028, all healthcare establishments');
    const idf = (text: string) => lexical.analyzeQuery(text).reduce((sum, t) => sum + lexical.idf(t), 0);
    const held = idf('electronic medical records');
    // The passage lacks "hospitals" (it says "healthcare establishments"), which BM25F already
    // scores it lower for; it holds more than half the topic, and its sentence all of that.
    const doAbout = 'What must hospitals do about electronic medical records and by when?';
    expect(held / idf('hospitals electronic medical records')).toBeGreaterThan(0.5);
    expect(bonusFor(doAbout)(by2028)).toBeCloseTo(1, 6);
    // Lacking "adopt" too, it holds less than half: judged against half the topic.
    const adopt = 'By when must hospitals adopt electronic medical records?';
    const half = idf('hospitals adopt electronic medical records') / 2;
    expect(held).toBeLessThan(half);
    expect(bonusFor(adopt)(by2028)).toBeCloseTo(held / half, 6);
    // Decision 5316's dated sentence ("… approved “Decision 5316/QD-BYT - Approving Medical
    // Digitalization until 2025 …”") restates its section heading: "until 2025" is the heading's,
    // no date the sentence sets (cue-headings.ts).
    const decision = bonusFor(adopt)(chunkWith('Approving Medical Digitalization until 2025'));
    expect(decision).toBe(0);
  });

  it('does not lift a passage holding one topic word above the relevant ones for its date', () => {
    // "By 2027, the medical archive will be moved" shares only "medical" with the question:
    // judged on that word alone, its date would take the whole bonus and pass the passage
    // on patient records.
    const lexical = small.index.lexical as LexicalIndex;
    const question = 'By when must hospitals adopt electronic medical records?';
    const text = (doc: number) => lexicalInput(small.index.chunks[doc]!);
    const doc = (words: string) => small.index.chunks.findIndex((c) => c.text.includes(words));
    const [archive, records] = [doc('the medical archive'), doc('Hospitals keep patient records')];
    const order = (hits: { doc: number }[]) => hits.map((h) => h.doc).filter((d) => d === archive || d === records);
    const on = rankLexical(lexical, question, 6, text);
    const off = rankLexical(lexical.withScoring({ deadlineWeight: 0 }), question, 6, text);
    expect(order(off)).toEqual([records, archive]);
    expect(order(on)).toEqual([records, archive]);
    // It still gains part of the bonus: its sentence does state a date and holds a topic word.
    const score = (hits: typeof on) => hits.find((h) => h.doc === archive)!.score;
    expect(score(on)).toBeGreaterThan(score(off));
  });

  it('puts the passage stating the deadline above the section merely named after the topic', async () => {
    const by2028 = 'By 2028, all healthcare establishments will have completed';
    const first = await bundled.retriever.retrieve(
      'What must hospitals do about electronic medical records and by when?',
      { k: 1 },
    );
    expect(first.results[0]?.chunk.text).toContain(by2028);
    const top3 = await bundled.retriever.retrieve('By when must hospitals adopt electronic medical records?', { k: 3 });
    expect(top3.results.some((r) => r.chunk.text.includes(by2028))).toBe(true);
  });
});
