import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/lib/split-sentences.ts';
import { loadIndex, readCurrentGeneration } from '../../src/store/load-index.ts';
import { keywordIndexBuilder } from '../fixtures/corpus/bundled-corpus.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-sentence-rebuild-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an index without the sentence table (format 5)', () => {
  it('is refused on load and rebuilt by the next ingest with the one-line notice, sentences and all', async () => {
    const corpusDir = path.join(root, 'corpus');
    const indexDir = path.join(root, 'index');
    mkdirSync(corpusDir, { recursive: true });
    writeFileSync(
      path.join(corpusDir, 'a.txt'),
      'Telemedicine\n\nCircular 49 regulates telemedicine. Hospitals must transmit images over 4Mbps networks.\n',
    );
    const build = keywordIndexBuilder(corpusDir, indexDir, 128);
    expect((await build()).notices).toEqual([]);
    const generation = path.join(indexDir, (await readCurrentGeneration(indexDir)) ?? '');
    // What a format 5 ingest left: no sentence files, no sentenceBytes, analyzer version 5.
    for (const file of readdirSync(generation))
      if (file.startsWith('lexical.sentence')) unlinkSync(path.join(generation, file));
    const headerFile = path.join(generation, 'lexical.json');
    const { sentenceBytes: _, ...header } = JSON.parse(readFileSync(headerFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(headerFile, JSON.stringify({ ...header, formatVersion: 5 }));
    const manifestFile = path.join(generation, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { lexical: { analyzerVersion: number } };
    manifest.lexical.analyzerVersion = 5;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(indexDir)).rejects.toMatchObject({ code: 'INDEX_INCOMPATIBLE' });

    const again = await build();
    expect(again.notices).toEqual(['The index was built by an earlier version of policybot; rebuilding it in full.']);
    const index = await loadIndex(indexDir);
    const text = index.chunks[0]!.text;
    expect(Array.from(index.lexical.passageSentences(0).bounds)).toEqual(
      splitSentences(text).flatMap((s) => [s.start, s.end]),
    );
  });
});
