import { describe, expect, it } from 'vitest';
import { answerToJson } from '../../src/present/answer-json.ts';
import { selectQuote } from '../../src/present/quote.ts';
import { renderAnswerText } from '../../src/present/render-text.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** Quotes, weak flags and multi-instrument answers on the bundled corpus, keyword search only. */
const bundled = useBundledIndex();
const analyze = (text: string) => bundled.retriever.index.lexical.analyze(text);

async function topQuote(question: string, maxChars = 600) {
  const answer = await bundled.retriever.retrieve(question, { k: 5 });
  const top = answer.results[0];
  if (!top) throw new Error(`no result for ${question}`);
  const quote = selectQuote(top, analyze, maxChars, answer);
  expect(top.chunk.text.slice(quote.start, quote.end)).toBe(quote.text);
  return { answer, quote };
}

describe('quotes on the bundled corpus', () => {
  it('quotes what Circular 49 requires, not its opening sentence', async () => {
    const { quote } = await topQuote('What does Circular 49 require?');
    expect(quote.text).toContain('must be conducted within nationally recognized medical facilities');
    expect(quote.text).not.toContain('At the end of December 2017');
  });

  it('quotes the date when asked when Circular 49 was issued', async () => {
    const { quote } = await topQuote('When was Circular 49 issued?');
    expect(quote.text).toContain('At the end of December 2017');
  });

  it('pulls the list of goals in after a sentence ending with a colon (Decision 4888, typo in the kind)', async () => {
    const { quote } = await topQuote('Decison 4888 goals');
    expect(quote.text).toMatch(/three main goals for Vietnam's digital healthcare:\s+1\. Contribute/);
    expect(quote.sentences.length).toBeGreaterThan(2);
  });

  it('quotes the targets of Decision 5316 (a list or the percentages)', async () => {
    const { quote } = await topQuote('What are the targets of Decision 5316?');
    expect(quote.text).toMatch(/1\. Develop infrastructure|100% of the population/);
  });

  it('keeps quoted sentence spans inside the quote, for the full-passage view', async () => {
    const { quote } = await topQuote('What network speed does Circular 49 require for imaging?');
    expect(quote.text).toContain('4Mbps or faster');
    for (const s of quote.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(quote.start);
      expect(s.end).toBeLessThanOrEqual(quote.end);
    }
  });

  it('answers bad input with verbatim quotes or a clear message', async () => {
    for (const q of [
      'Circular 49',
      'what is the',
      '?!',
      `${'telemedicine imaging rules '.repeat(37)}`.slice(0, 1000),
    ]) {
      const answer = await bundled.retriever.retrieve(q, { k: 3 });
      const text = renderAnswerText(answer, analyze);
      expect(text.length).toBeGreaterThan(0);
      for (const r of answerToJson(answer, analyze).results)
        expect(r.text.slice(r.quoteStart, r.quoteEnd)).toBe(r.quote);
    }
  });
});

describe('weak answers', () => {
  it('says so when nothing clearly answers, and not for a question the corpus answers', async () => {
    const weak = await bundled.retriever.retrieve('licensing fees for importing medical devices', { k: 3 });
    expect(weak.weak).toBe(true);
    expect(renderAnswerText(weak, analyze)).toMatch(/^No passage clearly answers this\. Closest passages:/);
    expect(answerToJson(weak, analyze).weak).toBe(true);
    for (const q of [
      'What does Circular 49 require?',
      'How many provinces were in the first round of the EMR rollout?',
      'snake antivenom',
    ]) {
      expect((await bundled.retriever.retrieve(q, { k: 3 })).weak).toBe(false);
    }
  });
});

describe('every instrument a question names', () => {
  it('answers "Circulars 46 and 49" with a passage about each, in the order named', async () => {
    for (const q of ['Circulars 46 and 49', 'difference between Circular 46 and 49', 'Thông tư 46 và 49']) {
      const answer = await bundled.retriever.retrieve(q, { k: 3 });
      expect(answer.identifiers.map((id) => id.key)).toEqual(['circular:46', 'circular:49']);
      expect(answer.results[0]?.matchedIdentifiers).toContain('circular:46');
      expect(answer.results[1]?.matchedIdentifiers).toContain('circular:49');
      expect(answer.results[0]?.relation).toBe('named');
    }
  });

  it('gives the official form of an instrument as the corpus writes it', async () => {
    const answer = await bundled.retriever.retrieve('quyet dinh 6/2022', { k: 1 });
    expect(answer.identifiers[0]?.official).toBe('06/2022/QD-TTg');
  });
});

describe('boilerplate', () => {
  it('ranks captions and banners below prose, and never quotes a caption first', async () => {
    const answer = await bundled.retriever.retrieve('medical device training workshop', { k: 5 });
    expect(answer.results[0]?.chunk.boilerplate).toBeUndefined();
    expect(bundled.retriever.index.chunks.some((c) => c.boilerplate)).toBe(true);
  });
});
