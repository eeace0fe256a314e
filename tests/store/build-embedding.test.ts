import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { loadIndex, VECTORS_FILE } from '../../src/store/load-index.ts';
import { VectorIndex } from '../../src/store/vector-index.ts';
import { expectCloseVectors } from '../embed/close-vectors.ts';
import { fixtureModelsDir } from '../embed/fixture-models-dir.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-build-embedding-'));
const corpus = path.join(root, 'corpus');
let threaded: TransformersEmbedder;
let here: TransformersEmbedder;

beforeAll(async () => {
  // Enough passages for several slices of 512, spread over files, so that embedding overlaps parsing.
  mkdirSync(corpus, { recursive: true });
  for (let f = 0; f < 12; f++) {
    const paragraphs = Array.from(
      { length: 60 },
      (_, p) =>
        `Each clinic in district ${f} keeps telemedicine images for ${p} years. ` +
        `Records of patient ${f * p} travel over a network of ${p % 9} megabits, checked monthly by the ministry.`,
    );
    writeFileSync(path.join(corpus, `policy-${f}.txt`), `Policy ${f}\n\n${paragraphs.join('\n\n')}\n`);
  }
  const options = { modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false };
  [threaded, here] = await Promise.all([
    TransformersEmbedder.load({ ...options, passageThread: true }),
    TransformersEmbedder.load(options),
  ]);
});
afterAll(async () => {
  await threaded.close();
  rmSync(root, { recursive: true, force: true });
});

const build = (embedder: TransformersEmbedder, indexDir: string) =>
  buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder,
    countTokens: (text) => embedder.countTokens(text),
    tokenizerId: embedder.modelId,
    maxTokens: 24,
    overlapTokens: 4,
  });

/** Every file of the live generation, but the manifest (it records when it was built). */
async function files(indexDir: string): Promise<Record<string, Buffer>> {
  const { dir } = await loadIndex(indexDir);
  const names = readdirSync(dir).filter((name) => name !== 'manifest.json');
  return Object.fromEntries(names.map((name) => [name, readFileSync(path.join(dir, name))]));
}

/** Every stored vector of the live generation, by doc. */
async function vectors(indexDir: string): Promise<Float32Array[]> {
  const index = await loadIndex(indexDir);
  const store = await VectorIndex.load(path.join(index.dir, VECTORS_FILE), index.manifest.model!.dimensions);
  index.close?.();
  return index.chunks.map((_, doc) => store.getVector(doc));
}

describe('a build embedding on the passage thread', () => {
  it('writes the files of a build embedding on this thread: the same but for the vectors’ last bits', async () => {
    const progress: string[] = [];
    const report = await buildIndex({
      ...{ corpusDir: corpus, indexDir: path.join(root, 'threaded'), embedder: threaded },
      countTokens: (text) => threaded.countTokens(text),
      tokenizerId: threaded.modelId,
      maxTokens: 24,
      overlapTokens: 4,
      onProgress: (e) => progress.push(e.phase),
    });
    expect(report.skipped).toEqual([]);
    expect(report.chunks).toBeGreaterThan(1024);
    expect(report.embedded).toBe(report.chunks);
    expect(await build(here, path.join(root, 'here'))).toMatchObject({ chunks: report.chunks });
    const [onThread, onThisThread] = await Promise.all([
      files(path.join(root, 'threaded')),
      files(path.join(root, 'here')),
    ]);
    expect(Object.keys(onThread).sort()).toEqual(Object.keys(onThisThread).sort());
    expect(Object.keys(onThread)).toContain('vectors.hnsw');
    // The passage thread pools inside the model (float32), this thread as transformers.js does.
    for (const [name, content] of Object.entries(onThread))
      if (name !== 'vectors.hnsw') expect(content.equals(onThisThread[name]!), name).toBe(true);
    expectCloseVectors(await vectors(path.join(root, 'threaded')), await vectors(path.join(root, 'here')));
    // The same build again on the thread: the very same files.
    await build(threaded, path.join(root, 'threaded-again'));
    const again = await files(path.join(root, 'threaded-again'));
    for (const [name, content] of Object.entries(onThread)) expect(content.equals(again[name]!), name).toBe(true);
    // One progress bar at a time: parse, then embed, then write.
    const phases = progress.filter((phase, i) => phase !== progress[i - 1]);
    expect(phases).toEqual(['parse', 'embed', 'write']);
  });

  it('fails as a whole when a slice cannot be embedded, and the previous generation keeps serving', async () => {
    const indexDir = path.join(root, 'failing');
    await build(here, indexDir);
    const before = (await loadIndex(indexDir)).dir;
    writeFileSync(path.join(corpus, 'policy-new.txt'), 'New policy\n\nArticle 99: a new rule on clinic records.\n');
    const failing = Object.create(threaded) as TransformersEmbedder;
    failing.embedPassages = () => Promise.reject(new Error('the model stopped'));
    await expect(build(failing, indexDir)).rejects.toThrow(/the model stopped/);
    expect((await loadIndex(indexDir)).dir).toBe(before);
    expect(readdirSync(indexDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
