import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { loadEmbedder } from '../../src/embed/load-embedder.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { indexStatus, loadIndex, readCurrentGeneration } from '../../src/store/load-index.ts';
import { FIXTURE_DIMENSIONS, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-build-'));
let corpus: string;
let indexDir: string;
let n = 0;

beforeEach(() => {
  n++;
  corpus = path.join(root, `c${n}`, 'corpus');
  indexDir = path.join(root, `c${n}`, 'index');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(
    path.join(corpus, 'a.txt'),
    'Telemedicine\n\nCircular 49 regulates telemedicine. Images need 4Mbps networks.\n',
  );
  writeFileSync(
    path.join(corpus, 'b.md'),
    '# Records\n\nCircular 46/2018/TT-BYT prescribes electronic medical records.\n',
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const build = (embedder: Embedder | null) =>
  buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 128,
    overlapTokens: 16,
  });

describe('buildIndex → loadIndex', () => {
  it('rebuilds an index made by an earlier analyzer in full, with a one-line notice', async () => {
    const first = await build(null);
    expect(first.notices).toEqual([]);
    const generation = path.join(indexDir, (await readCurrentGeneration(indexDir)) ?? '');
    const header = path.join(generation, 'lexical.json');
    writeFileSync(header, readFileSync(header, 'utf8').replace(/"formatVersion": \d+/, '"formatVersion": 1'));
    const manifest = JSON.parse(readFileSync(path.join(generation, 'manifest.json'), 'utf8')) as {
      lexical: { analyzerVersion: number };
    };
    expect(manifest.lexical.analyzerVersion).toBeGreaterThan(1);
    const again = await build(null);
    expect(again.notices).toHaveLength(1);
    expect(again.notices[0]).toMatch(/earlier version.*rebuilding it in full/);
    expect(again.unchanged).toEqual([]);
    expect((await loadIndex(indexDir)).chunks).toHaveLength(first.chunks);
  });

  it('rebuilds an index in the version 4 layout (terms as text, u32 arrays) with the one-line notice', async () => {
    const first = await build(null);
    const generation = path.join(indexDir, (await readCurrentGeneration(indexDir)) ?? '');
    // The files a version 4 ingest wrote, in place of this version's.
    for (const file of readdirSync(generation))
      if (file.startsWith('lexical.')) unlinkSync(path.join(generation, file));
    const old = ['terms.txt', 'df.u32', 'offsets.u32', 'docs.u32', 'tfs.u16', 'lengths.u32', 'forward-offsets.u32'];
    for (const file of [...old, 'forward.varint']) writeFileSync(path.join(generation, `lexical.${file}`), '');
    writeFileSync(path.join(generation, 'lexical.json'), JSON.stringify({ formatVersion: 4, byteOrder: 'LE' }));
    const manifestFile = path.join(generation, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { lexical: { analyzerVersion: number } };
    manifest.lexical.analyzerVersion = 4;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(indexDir)).rejects.toMatchObject({ code: 'INDEX_INCOMPATIBLE' });
    const again = await build(null);
    expect(again.notices).toEqual(['The index was built by an earlier version of policybot; rebuilding it in full.']);
    expect(again.unchanged).toEqual([]);
    const index = await loadIndex(indexDir);
    expect(index.chunks).toHaveLength(first.chunks);
    expect(index.lexical.search('telemedicine', 5).length).toBeGreaterThan(0);
  });

  it('round-trips chunks, BM25 and vectors through files on disk', async () => {
    const embedder = new HashEmbedder();
    const report = await build(embedder);
    expect(report).toMatchObject({
      files: 2,
      added: ['corpus/a.txt', 'corpus/b.md'],
      embedded: report.chunks,
      model: 'hash-embedder',
    });
    const index = await loadIndex(indexDir);
    expect(index.chunks).toHaveLength(report.chunks);
    expect(index.manifest.model?.dimensions).toBe(64);
    expect(index.manifest.files['corpus/a.txt']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const answer = await new Retriever(index, embedder).retrieve('electronic medical records');
    expect(answer.mode).toBe('hybrid');
    expect(answer.results[0]?.chunk.file).toBe('corpus/b.md');
    const vector = await embedder.embedQuery(
      'Telemedicine\nCircular 49 regulates telemedicine. Images need 4Mbps networks.',
    );
    expect(index.vectors?.search(vector, 1)[0]?.score).toBeCloseTo(1, 5);
  });

  it('re-embeds only what changed, and forgets deleted files', async () => {
    const embedder = new HashEmbedder();
    await build(embedder);
    const again = await build(embedder);
    expect(again).toMatchObject({ embedded: 0, unchanged: ['corpus/a.txt', 'corpus/b.md'], added: [], changed: [] });
    expect(again.reusedVectors).toBe(again.chunks);

    writeFileSync(
      path.join(corpus, 'a.txt'),
      'Telemedicine\n\nCircular 49 regulates telemedicine and remote training.\n',
    );
    unlinkSync(path.join(corpus, 'b.md'));
    const before = embedder.embeddedPassages;
    const edited = await build(embedder);
    expect(edited).toMatchObject({ changed: ['corpus/a.txt'], removed: ['corpus/b.md'], embedded: 1 });
    expect(embedder.embeddedPassages - before).toBe(1);
    const index = await loadIndex(indexDir);
    expect(index.chunks.map((c) => c.file)).toEqual(['corpus/a.txt']);
    expect(index.chunks[0]?.text).toContain('remote training');
  });

  it('re-embeds everything when the model changes', async () => {
    await build(new HashEmbedder());
    const report = await build(new HashEmbedder({ modelId: 'other-model' }));
    expect(report.embedded).toBe(report.chunks);
    expect(await indexStatus(indexDir, { modelId: 'other-model' })).toBe('ok');
    // Read without a model, by keywords: kept, vectors and all.
    expect(await indexStatus(indexDir, { modelId: null })).toBe('ok');
  });

  it('skips a bad file with its reason and indexes the rest', async () => {
    writeFileSync(path.join(corpus, 'broken.pdf'), 'not a pdf');
    writeFileSync(path.join(corpus, 'empty.md'), '');
    const report = await build(null);
    expect(report.files).toBe(2);
    expect(report.skipped.map((s) => s.file)).toEqual(['corpus/broken.pdf', 'corpus/empty.md']);
    expect(report.skipped[1]?.reason).toMatch(/empty/);
    expect((await loadIndex(indexDir)).manifest.skipped).toHaveLength(2);
  });

  it('builds a lexical-only index without a model', async () => {
    await build(null);
    const index = await loadIndex(indexDir);
    expect(index.vectors).toBeNull();
    expect(index.manifest.model).toBeNull();
  });

  it('says how to build the index when there is none', async () => {
    await expect(loadIndex(indexDir)).rejects.toMatchObject({
      code: 'INDEX_MISSING',
      hint: expect.stringContaining('npm run ingest'),
    });
    expect(await indexStatus(indexDir, { modelId: null })).toBe('missing');
  });

  it('refuses an index of another format version, naming the command to run', async () => {
    await build(null);
    const gen = path.join(indexDir, (await readCurrentGeneration(indexDir))!);
    const manifest = JSON.parse(readFileSync(path.join(gen, 'manifest.json'), 'utf8'));
    writeFileSync(path.join(gen, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 999 }));
    await expect(loadIndex(indexDir)).rejects.toMatchObject({
      code: 'INDEX_INCOMPATIBLE',
      hint: expect.stringContaining('npm run ingest'),
    });
  });
});

describe('a failed or crashed build', () => {
  it('leaves the previous index serving when the embedder fails mid-way', async () => {
    await build(new HashEmbedder());
    const before = await loadIndex(indexDir);
    writeFileSync(path.join(corpus, 'c.txt'), 'New\n\nA new document about hospitals.\n');
    const failing = Object.assign(new HashEmbedder(), {
      embedPassages: async () => {
        throw new Error('model crashed');
      },
    });
    await expect(build(failing)).rejects.toThrow('model crashed');
    const after = await loadIndex(indexDir);
    expect(after.dir).toBe(before.dir);
    expect(after.chunks).toEqual(before.chunks);
  });

  it('leaves no next CURRENT behind when the embedder fails once the rest is written', async () => {
    await build(new HashEmbedder());
    const before = await loadIndex(indexDir);
    writeFileSync(path.join(corpus, 'c.txt'), 'New\n\nA new document about hospitals.\n');
    const pointer = () => readdirSync(indexDir).some((e) => /^CURRENT\.\d+\.tmp$/.test(e));
    const late = Object.assign(new HashEmbedder(), {
      // Fails once CURRENT's next content is written, beside the passages, ahead of the vectors.
      embedPassages: async () => {
        for (let i = 0; i < 5000 && !pointer(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error(pointer() ? 'model crashed late' : 'CURRENT was not written ahead');
      },
    });
    await expect(build(late)).rejects.toThrow('model crashed late');
    expect(readdirSync(indexDir).filter((e) => e.startsWith('CURRENT') || e.endsWith('.partial'))).toEqual(['CURRENT']);
    expect((await loadIndex(indexDir)).dir).toBe(before.dir);
  });

  it('survives SIGKILL during the build and cleans up on the next one', async () => {
    await build(new HashEmbedder());
    const before = await loadIndex(indexDir);
    for (let i = 0; i < 30; i++)
      writeFileSync(
        path.join(corpus, `extra-${i}.txt`),
        `Extra ${i}\n\n${'Hospitals adopt electronic records. '.repeat(20)}\n`,
      );
    const script = path.resolve(import.meta.dirname, 'crash-build.script.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, corpus, indexDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('embedding') && resolve());
      child.on('exit', () => reject(new Error('child exited before embedding')));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const after = await loadIndex(indexDir);
    expect(after.dir).toBe(before.dir);
    expect(after.chunks).toHaveLength(before.chunks.length);
    const report = await build(new HashEmbedder());
    expect(report.files).toBe(32);
    expect(readdirSync(indexDir).filter((e) => e.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(indexDir).filter((e) => e.startsWith('gen-')).length).toBeLessThanOrEqual(2);
  });
});

describe('with the real transformers.js pipeline', () => {
  it('embeds with the fixture model and answers in hybrid mode', async () => {
    const { embedder, warning } = await loadEmbedder({
      modelId: 'policybot/tiny-bert',
      modelsDir: process.env.POLICYBOT_FIXTURE_MODELS_DIR!,
      allowRemote: false,
    });
    expect(warning).toBeNull();
    await build(embedder);
    const index = await loadIndex(indexDir);
    expect(index.manifest.model).toMatchObject({ id: FIXTURE_MODEL_ID, dimensions: FIXTURE_DIMENSIONS });
    const answer = await new Retriever(index, embedder).retrieve('telemedicine images');
    expect(answer.mode).toBe('hybrid');
    expect(answer.results[0]?.chunk.file).toBe('corpus/a.txt');
  });
});
