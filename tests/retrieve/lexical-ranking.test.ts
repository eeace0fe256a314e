import { describe, expect, it } from 'vitest';
import { rankLexical } from '../../src/retrieve/lexical-ranking.ts';
import { LexicalIndex } from '../../src/store/lexical/lexical-index.ts';
import type { LexicalInput } from '../../src/store/lexical/lexical-options.ts';

const doc = (text: string, section = ''): LexicalInput => ({ title: '', section, text });

const OFF = { feedbackDocs: 0, proximityWeight: 0 };

describe('rankLexical', () => {
  it('is plain BM25F when both refinements are off', () => {
    const docs = [
      doc('capital requirements for banks'),
      doc('risk capital and more capital'),
      doc('nothing relevant here'),
    ];
    const index = LexicalIndex.build(docs, OFF);
    const passage = (i: number) => docs[i]!;
    expect(rankLexical(index, 'capital risk', 10, passage)).toEqual(index.search('capital risk', 10));
  });

  it('returns nothing for a query with no indexed words', () => {
    const docs = [doc('capital requirements')];
    const index = LexicalIndex.build(docs);
    expect(rankLexical(index, 'the of and', 10, (i) => docs[i]!)).toEqual([]);
    expect(rankLexical(index, 'zebra', 10, (i) => docs[i]!)).toEqual([]);
  });

  it('with feedback, finds a passage that shares the top passages’ vocabulary but not the query word', () => {
    const docs = [
      doc('Telemedicine lets hospitals offer remote consultation over a video platform.'),
      doc('Remote consultation over a secure video platform must be logged by hospitals.'),
      doc('Pharmacies must store vaccines in refrigerators.'),
    ];
    const passage = (i: number) => docs[i]!;
    const plain = rankLexical(LexicalIndex.build(docs, OFF), 'telemedicine', 10, passage);
    expect(plain.map((h) => h.doc)).toEqual([0]);
    const feedback = {
      feedbackDocs: 1,
      feedbackTerms: 10,
      feedbackQueryWeight: 0.5,
      feedbackMaxDocShare: 1,
      proximityWeight: 0,
    };
    const expanded = rankLexical(LexicalIndex.build(docs, feedback), 'telemedicine', 10, passage);
    expect(expanded.map((h) => h.doc)).toEqual([0, 1]);
    // Every word of passage 0 is in a third of the passages: a cap below that lends nothing.
    const capped = rankLexical(
      LexicalIndex.build(docs, { ...feedback, feedbackMaxDocShare: 0.3 }),
      'telemedicine',
      10,
      passage,
    );
    expect(capped.map((h) => h.doc)).toEqual([0]);
  });

  it('lends words, never numbers, years or codes', () => {
    const docs = [
      doc('Telemedicine rules of 2017 under 49/2017/TT-BYT cover remote consultation.'),
      doc('The 2017 budget and 49/2017/TT-BYT tables.'),
      doc('Remote consultation needs licensed doctors.'),
    ];
    const index = LexicalIndex.build(docs, {
      feedbackDocs: 1,
      feedbackTerms: 20,
      feedbackQueryWeight: 0.5,
      feedbackMaxDocShare: 1,
      proximityWeight: 0,
    });
    const hits = rankLexical(index, 'telemedicine', 10, (i) => docs[i]!);
    // Passage 2 comes in through "remote consultation"; passage 1 shares only a year and a code.
    expect(hits.map((h) => h.doc)).toEqual([0, 2]);
  });

  it('with proximity, ranks the passage holding the query words side by side above one that scatters them', () => {
    const docs = [
      doc('Risk teams review the operational plan; capital is separate.'),
      doc('Operational risk is reviewed by teams with the plan; capital is separate.'),
    ];
    const passage = (i: number) => docs[i]!;
    const withoutProximity = rankLexical(LexicalIndex.build(docs, OFF), 'operational risk', 10, passage);
    const withProximity = rankLexical(
      LexicalIndex.build(docs, { feedbackDocs: 0, proximityWeight: 0.3, proximityWindow: 1 }),
      'operational risk',
      10,
      passage,
    );
    expect(withoutProximity.map((h) => h.doc)).toEqual([0, 1]);
    expect(withProximity.map((h) => h.doc)).toEqual([1, 0]);
    expect(withProximity[0]!.score).toBeGreaterThan(withoutProximity[1]!.score);
  });

  it('reads no passage text for feedback and proximity (stored terms), and keeps scores descending', () => {
    const docs = Array.from({ length: 200 }, (_, i) =>
      doc(`capital rule ${i} ${i % 3 === 0 ? 'capital requirements' : 'reporting'} for firms`),
    );
    // Answer cues read the text of the top passages for a question that asks for a kind of
    // answer ("requirements"): off here, this is about feedback and proximity.
    const index = LexicalIndex.build(docs, { feedbackDocs: 3, proximityDepth: 10, answerCueWeight: 0 });
    const read = new Set<number>();
    const hits = rankLexical(index, 'capital requirements', 100, (i) => {
      read.add(i);
      return docs[i]!;
    });
    expect(hits).toHaveLength(100);
    expect(read.size).toBe(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });

  it('ranks the article a question names first, of the instrument it names, whatever its words', () => {
    const docs = [
      {
        title: 'Luật An ninh mạng',
        section: 'Chương I › Điều 1. Phạm vi điều chỉnh',
        text: 'Luật này quy định về an ninh mạng và bảo vệ hệ thống thông tin.',
      },
      {
        title: 'Luật An ninh mạng',
        section: 'Chương I › Điều 2. Giải thích từ ngữ',
        text: 'Trong Luật này, các từ ngữ dưới đây được hiểu như sau.',
      },
      {
        title: 'Bộ luật Lao động',
        section: 'Chương I › Điều 2. Đối tượng áp dụng',
        text: 'Người lao động, người sử dụng lao động.',
      },
      {
        title: 'Circular 49',
        section: 'Article 2. Interpretation of terms',
        text: 'In this Circular, the terms below are construed as follows.',
      },
    ];
    const index = LexicalIndex.build(docs, OFF);
    const passage = (i: number) => docs[i]!;
    expect(rankLexical(index, 'Điều 2 Luật An ninh mạng quy định gì về an ninh mạng?', 10, passage)[0]?.doc).toBe(1);
    expect(rankLexical(index, 'What does Article 2 of Circular 49 say?', 10, passage)[0]?.doc).toBe(3);
    // Without the reference, the article whose words match wins.
    expect(rankLexical(index, 'Luật An ninh mạng quy định gì về an ninh mạng?', 10, passage)[0]?.doc).toBe(0);
    // A cross-reference in a quoted provision does not move its article.
    expect(rankLexical(index, 'hệ thống thông tin theo quy định tại Điều 2 của Luật này', 10, passage)[0]?.doc).toBe(0);
  });
});
