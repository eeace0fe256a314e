import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { resolveReferences } from '../../src/retrieve/catalog.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import type { LoadedIndex } from '../../src/store/types.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-catalog-'));
let index: LoadedIndex;

beforeAll(async () => {
  const indexDir = path.join(work, 'index');
  const corpusDir = path.resolve(import.meta.dirname, '../../corpus');
  await buildIndex({
    corpusDir,
    indexDir,
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 256,
    overlapTokens: 0,
  });
  index = await loadIndex(indexDir);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const keys = (typed: string) => resolveReferences(index, typed).map((r) => r.key);

describe('resolveReferences (typed /cite text, read as /ask reads a question)', () => {
  it('reads instruments in English and Vietnamese, with or without diacritics and year', () => {
    for (const typed of [
      'Circular 49',
      'circular no. 49',
      'Thông tư 49',
      'thong tu 49',
      '49/2017/TT-BYT',
      'circular:49',
    ]) {
      expect(keys(typed), typed).toEqual(['circular:49']);
    }
    expect(keys('Quyết định 5316/QĐ-BYT')).toEqual(['decision:5316']);
    expect(keys('decision 5316/qd-byt')).toEqual(['decision:5316']);
  });

  it('shows the official form as the corpus writes it, and matches it when typed', () => {
    const [decision] = resolveReferences(index, 'Decision 6/2022/QD-TTG');
    expect(decision).toMatchObject({
      key: 'decision:6',
      label: 'Decision 6/2022/QD-TTG',
      display: 'Decision 06/2022/QD-TTg',
    });
    expect(keys('decision 06/2022/qd-ttg')).toEqual(['decision:6']);
    expect(resolveReferences(index, 'Circular 46')[0]?.display).toBe('Circular 46/2018/TT-BYT');
  });

  it('refuses an instrument whose year or issuer contradicts the corpus', () => {
    expect(keys('Circular 49/2016')).toEqual([]);
    expect(keys('Circular 99')).toEqual([]);
  });

  it('lists every instrument of a kind named alone', () => {
    const decisions = keys('quyet dinh');
    expect(decisions.length).toBeGreaterThan(1);
    expect(decisions.every((k) => k.startsWith('decision:'))).toBe(true);
    expect(keys('Decisions')).toEqual(decisions);
  });

  it('finds documents by title, ignoring case and diacritics', () => {
    expect(keys('VIETNAM HEALTHCARE & MEDICINE')).toEqual(['corpus/vietnam-healthcare-policy-analysis.txt']);
    expect(keys('opportunities in vietnam')).toEqual(['corpus/vietnam-tech-healthcare-market.txt']);
    expect(keys('   ')).toEqual([]);
  });
});
