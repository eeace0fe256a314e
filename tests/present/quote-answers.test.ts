import { describe, expect, it } from 'vitest';
import { selectQuote } from '../../src/present/quote.ts';
import { analyzerOf } from '../../src/present/term-memo.ts';
import type { Answer, SearchResult } from '../../src/types.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/**
 * Which sentences a quote shows, on real passages of the bundled corpus (keyword search only).
 * Each case names the behaviour; the passages are the ones the questions retrieve today.
 */
const bundled = useBundledIndex();

function quoteOf(result: SearchResult, answer: Answer, maxChars = 600) {
  const quote = selectQuote(result, analyzerOf(bundled.retriever.index.lexical), maxChars, answer);
  expect(result.chunk.text.slice(quote.start, quote.end)).toBe(quote.text);
  return quote;
}

/** The quote of the first passage that contains `passageHas` (the answer passage). */
async function quoteIn(question: string, passageHas: string) {
  const answer = await bundled.retriever.retrieve(question, { k: 5 });
  const result = answer.results.find((r) => r.chunk.text.includes(passageHas));
  if (!result) throw new Error(`no passage with "${passageHas}" for ${question}`);
  return quoteOf(result, answer).text;
}

describe('quote choice on the bundled corpus', () => {
  it('reads neither a year nor the heading’s numbers as the count a “how many / how much” question asks for', async () => {
    // "Starting in November 2023, …" names a year only; the donation sentence states the amounts.
    const donated = await quoteIn('How much did Australia donate to Vietnam during the pandemic?', 'AUD$18.3 million');
    expect(donated).toContain('AUD$18.3 million and 26.4 million vaccine doses');
    expect(donated).not.toContain('Starting in November 2023');
    // The decision's own numbers ("5316/QD-BYT … until 2025 … 2030") are not the share asked for.
    const share = await quoteIn(
      'What share of the population should have EMRs by 2025 under Decision 5316?',
      'This initiative set three key goals',
    );
    expect(share).not.toContain('In 2020, Vietnam');
  });

  it('quotes the sentence carrying every kind of answer asked for, not one of them', async () => {
    // A requirement and a number: "must … 4Mbps or faster", not "must be conducted within …".
    const speed = await quoteIn('thong tu 49 yeu cau toc do mang bao nhieu cho hinh anh', '4Mbps or faster');
    expect(speed).toContain('4Mbps or faster');
    expect(speed).not.toContain('must be conducted within nationally recognized medical facilities');
    // A requirement and a date: the sentence requiring the upgrade between 2019 and 2023, not
    // the 2028 target before it.
    const upgrade = await quoteIn('What must Category-1 hospitals do before 2023?', 'Category-1');
    expect(upgrade).toMatch(/^Between 2019 and 2023, Category-1 healthcare establishments are required/);
  });

  it('quotes the sentence stating the year asked about, not the title that also names it', async () => {
    // The heading reads "… through 2030, with a vision toward 2045"; the first sentence repeats it.
    const quote = await quoteIn('What does Decision 89/QD-TTg aim for by 2045?', 'on par with advanced countries');
    expect(quote).toContain('By 2045, Vietnam aims');
    expect(quote).not.toContain('In February 2024');
  });

  it('does not run a short answer on into the next paragraph', async () => {
    const quote = await quoteIn(
      'who wants to turn the personal data protection decree into a law',
      'proposes to upgrade',
    );
    expect(quote).toContain('the Ministry of Public Security proposes to upgrade the Draft Decree');
    expect(quote).not.toContain('The policy roadmap');
  });

  it('reads an abbreviation the passage defines as the words it stands for', async () => {
    // "Joint Working Group (JWG)" … "The JWG included in-depth discussions on …".
    const quote = await quoteIn('What did the Vietnam-India Joint Working Group discuss in 2021?', 'The JWG included');
    expect(quote).toContain('digital healthcare, disease management, pharmaceuticals');
  });

  it('is not drowned by question words no passage contains (Vietnamese question, English corpus)', async () => {
    expect(await quoteIn('Nghị định 53 thi hành luật nào?', 'Decree 53/2022/ND-CP')).toContain(
      'implements the Law on Cybersecurity 2018',
    );
    expect(await quoteIn('thong tu 46 con hieu luc khong', 'Circular 46/2018/TT-BYT')).toContain(
      'is outdated and no longer fits',
    );
  });

  it('counts an instrument the body names (not the heading) at full weight', async () => {
    const quote = await quoteIn('When did Decree 53/2022/ND-CP come into effect?', 'Decree 53/2022/ND-CP');
    expect(quote).toContain('has been in effect since October 1st, 2022');
  });

  it('does not pad the answer with neighbouring sentences that only carry a date or a number', async () => {
    const effect = await quoteIn('When did the Law on Cybersecurity 2018 take effect?', 'January 1st, 2019');
    expect(effect).toContain('came into effect on January 1st, 2019');
    expect(effect).not.toContain('Cyber Information Security 2015');
    const spending = await quoteIn('How much did Vietnam spend on medical equipment in 2017?', 'US$816 million');
    expect(spending).toContain('spending US$816 million on equipment');
    expect(spending).not.toContain('As early as 2018');
  });

  it('quotes who approved an instrument for a Vietnamese "who" question', async () => {
    expect(await quoteIn('Ai phê duyệt Quyết định 4888?', 'Decision 4888/QD-BYT')).toContain(
      "Vietnam's Ministry of Health approved",
    );
  });
});

describe('quotes in comparison answers', () => {
  it('quotes, in each named passage, a sentence naming its own instrument', async () => {
    for (const question of [
      'Circular 46 vs Circular 49',
      'Thông tư 46 và 49 khác nhau thế nào?',
      'Decree 53 vs Decision 06/2022/QD-TTg',
    ]) {
      const answer = await bundled.retriever.retrieve(question, { k: 5 });
      const named = answer.results.filter((r) => r.relation === 'named');
      expect(named.length).toBeGreaterThanOrEqual(2);
      for (const result of named) {
        const quote = quoteOf(result, answer).text;
        const mentions = result.matchedIdentifiers.map((key) => key.split(':')[1]);
        expect(
          mentions.some((n) => new RegExp(`\\b0*${n}\\b`).test(quote)),
          `${question}: ${quote}`,
        ).toBe(true);
      }
    }
  });

  it('does not force the naming sentence on a question about one instrument', async () => {
    const answer = await bundled.retriever.retrieve('What does Circular 49 require?', { k: 3 });
    const quote = quoteOf(answer.results[0] as SearchResult, answer).text;
    expect(quote).toContain('must be conducted within nationally recognized medical facilities');
  });
});

describe('quotes for bad input', () => {
  it('stays a verbatim slice for an identifier alone, stop words alone and a 1000-character question', async () => {
    const long = 'telemedicine imaging network speed requirements for hospitals '.repeat(20).slice(0, 1000);
    for (const question of ['Decree 53/2022/ND-CP', 'what is the', 'of and the to', long]) {
      const answer = await bundled.retriever.retrieve(question, { k: 3 });
      for (const result of answer.results) {
        const quote = quoteOf(result, answer, 300);
        expect(quote.text.length).toBeGreaterThan(0);
        expect(quote.text.length).toBeLessThanOrEqual(300);
      }
    }
  });

  it('quotes an identifier-only question with the sentence naming it', async () => {
    expect(await quoteIn('Decree 53/2022/ND-CP', 'Decree 53/2022/ND-CP')).toContain(
      'Decree 53/2022/ND-CP, which implements the Law on Cybersecurity 2018',
    );
  });
});
