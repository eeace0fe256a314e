import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { cueStrength, cueText } from '../../src/lib/sentence-cues.ts';
import { profilePassage } from '../../src/present/passage-profile.ts';
import { selectQuote } from '../../src/present/quote.ts';
import { analyzerOf } from '../../src/present/term-memo.ts';
import { detectIntents } from '../../src/retrieve/question-intent.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';

/** Quotes that carry the kind of answer asked for, on real passages of the bundled corpus (keyword search only). */
const bundled = useBundledIndex();

/** The quote of the first passage that contains `passageHas`. */
async function quoteIn(question: string, passageHas: string): Promise<string> {
  const answer = await bundled.retriever.retrieve(question, { k: 5 });
  const result = answer.results.find((r) => r.chunk.text.includes(passageHas));
  if (!result) throw new Error(`no passage with "${passageHas}" for ${question}`);
  const quote = selectQuote(result, analyzerOf(bundled.index.lexical), 600, answer);
  expect(result.chunk.text.slice(quote.start, quote.end)).toBe(quote.text);
  return quote.text;
}

describe('quotes for what an instrument requires, targets or lists', () => {
  it('quotes a requirement, not the sentence saying who issued the instrument', async () => {
    for (const question of [
      'What does Circular 49 require?',
      'Thông tư 49 quy định gì?',
      'What are the obligations under Circular 49?',
      'Circular 49 rules',
    ]) {
      const quote = await quoteIn(question, 'Circular No. 49, 2017');
      expect(quote, question).toMatch(/must be conducted|must occur/);
      expect(quote, question).not.toContain('Ministry of Health issued');
    }
  });

  it('quotes the sentence listing the technologies for a Vietnamese "những … nào" question', async () => {
    for (const question of [
      'Quyết định 4888 nêu những công nghệ nào?',
      'Which technologies does Decision 4888 highlight?',
    ]) {
      const quote = await quoteIn(question, 'Decision 4888/QD-BYT');
      expect(quote, question).toContain('such as big data, the Internet of Things (IoT)');
      expect(quote, question).not.toContain('Ministry of Health approved');
    }
  });

  it('prefers the goals to a list of anything else when the question asks for goals', async () => {
    expect(await quoteIn('Quyết định 4888 gồm những mục tiêu nào?', 'Decision 4888/QD-BYT')).toContain(
      'three main goals',
    );
  });

  it('still quotes the naming sentence when it states what is asked: when, by whom', async () => {
    expect(await quoteIn('Ai phê duyệt Quyết định 4888?', 'Decision 4888/QD-BYT')).toContain(
      "Vietnam's Ministry of Health approved",
    );
    expect(await quoteIn('Quyết định 89/QĐ-TTg được phê duyệt khi nào?', 'Decision 89/QD-TTg')).toContain(
      'In February 2024',
    );
  });
});

describe('list questions and list sentences', () => {
  it('reads a list question in Vietnamese and English', () => {
    for (const question of [
      'Quyết định 4888 nêu những công nghệ nào?',
      'Các tỉnh nào thí điểm bệnh án điện tử?',
      'Thông tư 49 gồm những gì?',
      'Which technologies does Decision 4888 highlight?',
    ])
      expect(detectIntents(question), question).toContain('list');
    for (const question of ['Which ministry issued Circular 49?', 'which was first', 'What does Circular 49 require?'])
      expect(detectIntents(question), question).not.toContain('list');
  });

  it('scores a list announced by "such as" above a bare three-item enumeration, and a plain sentence at 0', () => {
    const strength = (s: string) => cueStrength(cueText(s), ['list']);
    const announced = strength('It highlights applications such as big data, blockchain and 3D printing.');
    const bare = strength('Use EMRs to create smart hospitals, enhance management, and deploy office systems.');
    expect(announced).toBeGreaterThan(bare);
    expect(bare).toBeGreaterThan(0);
    expect(strength('Vietnam is slowly becoming an aging society.')).toBe(0);
  });
});

describe('instruments inside curly quotes', () => {
  it('reads “Circular No. 49, 2017 …” and ‘Thông tư 49’ as naming the instrument', () => {
    const keys = (text: string) => extractIdentifiers(text).map((id) => id.key);
    expect(keys('the Ministry of Health issued “Circular No. 49, 2017 - Regulating the Management”')).toEqual([
      'circular:49',
    ]);
    expect(keys('see “Circular 49”.')).toEqual(['circular:49']);
    expect(keys('‘Thông tư 49’ quy định')).toEqual(['circular:49']);
  });

  it('knows which sentence of the Circular 49 passage names it inside quotes', () => {
    const chunk = bundled.index.chunks.find((c) => c.text.includes('issued “Circular No. 49, 2017'))!;
    const profile = profilePassage(chunk);
    const issued = profile.sentences.findIndex((s) => chunk.text.slice(s.start, s.end).includes('issued “Circular'));
    expect(profile.names(issued, 'circular:49')).toBe(true);
  });
});
