import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../../src/ingest/estimate-tokens.ts';
import { windowCoverage } from '../../src/retrieve/confidence.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';

const terms = [
  { term: 'telemedicin', weight: 3 },
  { term: 'licens', weight: 2 },
  { term: 'fee', weight: 5 },
];

describe('windowCoverage', () => {
  it('is the share of the question weight that one window of the text and the headings cover', () => {
    const passage = { heading: new Set(['telemedicin']), body: ['licens', 'x', 'x', 'x', 'fee'] };
    expect(windowCoverage(terms, passage, 5)).toBe(1);
    // "licens" and "fee" are five terms apart: a window of 4 holds one of them.
    expect(windowCoverage(terms, passage, 4)).toBe((3 + 5) / 10);
  });

  it('does not grow when a passage grows around the words it shares with the question', () => {
    const filler = Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? 'licens' : 'x'));
    const short = { heading: new Set<string>(), body: ['telemedicin', 'x', 'licens'] };
    const long = { heading: new Set<string>(), body: [...filler, 'telemedicin', 'x', 'licens', ...filler] };
    expect(windowCoverage(terms, long)).toBe(windowCoverage(terms, short));
    expect(windowCoverage(terms, long)).toBe(0.5);
  });

  it('does not miss the words asking for the kind of answer where a passage lacks them, and counts them where it holds them', () => {
    // "telemedicine licence fee deadline": the answer states a date, not the word "deadline".
    const asked = [...terms, { term: 'deadlin', weight: 4 }];
    const asking = new Set(['deadlin']);
    const states = { heading: new Set<string>(), body: ['telemedicin', 'licens', 'x', 'x'] };
    expect(windowCoverage(asked, states, 12)).toBe(5 / 14);
    expect(windowCoverage(asked, states, 12, asking)).toBe(5 / 10);
    const names = { heading: new Set<string>(), body: ['deadlin', 'licens', 'x', 'x'] };
    expect(windowCoverage(asked, names, 12, asking)).toBe((4 + 2) / (10 + 4));
    // A question of such words alone is measured on all of them.
    const only = [{ term: 'deadlin', weight: 4 }];
    expect(windowCoverage(only, { heading: new Set<string>(), body: ['x'] }, 12, asking)).toBe(0);
  });

  it('is 0 for a question without weight', () => {
    expect(windowCoverage([], { heading: new Set(['a']), body: ['a'] })).toBe(0);
  });
});

/** The weak flag on the bundled corpus, chunked small (256 tokens) and section-sized (4096). */
const corpusDir = path.resolve(import.meta.dirname, '../../corpus');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-weak-'));
const retrievers: Retriever[] = [];

beforeAll(async () => {
  for (const maxTokens of [256, 4096]) {
    const indexDir = path.join(work, `index-${maxTokens}`);
    await buildIndex({
      corpusDir,
      indexDir,
      embedder: null,
      countTokens: typicalTokens,
      tokenizerId: TYPICAL_ESTIMATE_ID,
      maxTokens,
      overlapTokens: 32,
    });
    retrievers.push(new Retriever(await loadIndex(indexDir), null));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the weak flag, whatever the chunk size', () => {
  it('says nothing clearly answers a vague question on a topic the corpus does not treat', async () => {
    for (const retriever of retrievers) {
      for (const question of [
        'hospital parking regulations',
        'What vaccines are required for school children?',
        'licensing fees for importing medical devices',
        'maternity leave entitlement for doctors',
        // A list's wording is its topic ("which astronauts", "những phi hành gia nào"): a passage
        // lacking it does not cover the question.
        'Which astronauts use electronic medical records?',
        'Những phi hành gia nào sử dụng hồ sơ bệnh án điện tử?',
      ]) {
        const answer = await retriever.retrieve(question, { k: 3 });
        expect(answer.weak, `${question} (${retriever.index.chunks.length} chunks)`).toBe(true);
        expect(answer.identifiers).toEqual([]);
      }
    }
  });

  it('stays quiet on answerable questions, vague or paraphrased', async () => {
    for (const retriever of retrievers) {
      for (const question of [
        'EMR rollout',
        'snake antivenom',
        'How fast was Vietnam spending on medical equipment growing?',
        'Which hospital leads the One Country One Center partnership with Vietnam?',
        'What could block the complete digitization of health data?',
        // "rules" and "what year" ask for a kind of answer; the answers say "stipulate", "By 2045".
        'telemedicine rules',
        'by what year does Vietnam expect to reach its healthcare vision',
        'dealine for paying medical expenses electronically',
        'Which health tech firms must follow data localization rules?',
      ]) {
        const answer = await retriever.retrieve(question, { k: 3 });
        expect(answer.weak, `${question} (${retriever.index.chunks.length} chunks)`).toBe(false);
      }
    }
  });
});
