import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassageThread } from '../../src/embed/passage-thread.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Passages of many lengths (so batches sort and pad differently), and words the fixture spells letter by letter. */
const TEXTS = Array.from({ length: 150 }, (_, i) =>
  [`Article ${i}: telemedicine images and electronic medical records`, 'zqx'.repeat(i % 7), 'clinic '.repeat(i % 23)]
    .join(' ')
    .trim(),
);
const options = (modelId: string) => ({ modelId, modelsDir: fixtureModelsDir(), allowRemote: false, batchSize: 8 });
const bytes = (vectors: Float32Array[]) =>
  vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex'));

let threaded: TransformersEmbedder;
let here: TransformersEmbedder;
beforeAll(async () => {
  [threaded, here] = await Promise.all([
    TransformersEmbedder.load({ ...options(FIXTURE_MODEL_ID), passageThread: true }),
    TransformersEmbedder.load(options(FIXTURE_MODEL_ID)),
  ]);
});
afterAll(() => threaded.close());

describe('passages embedded on the passage thread', () => {
  it('are the vectors embedded on this thread, bit for bit, in the passages order', async () => {
    expect(threaded.passageThreadError).toBeNull();
    expect(threaded.passagesInBackground).toBe(true);
    expect(here.passagesInBackground).toBe(false);
    const progress: number[] = [];
    const [onThread, onThisThread] = await Promise.all([
      threaded.embedPassages(TEXTS, (done) => progress.push(done)),
      here.embedPassages(TEXTS),
    ]);
    expect(bytes(onThread)).toEqual(bytes(onThisThread));
    expect(progress.at(-1)).toBe(TEXTS.length);
    expect(threaded.stats.texts).toBe(TEXTS.length);
    expect(threaded.stats.forwardMs).toBeGreaterThan(0);
    // Overlapping calls (a build embeds slice after slice without waiting) each get their own vectors.
    const [first, second] = await Promise.all([
      threaded.embedPassages(TEXTS.slice(0, 70)),
      threaded.embedPassages(TEXTS.slice(70)),
    ]);
    expect(bytes([...first, ...second])).toEqual(bytes(onThisThread));
  });

  it('give an answer’s few passages their own vectors while a rebuild’s batches are queued', async () => {
    const rebuild = threaded.embedPassages([...TEXTS, ...TEXTS]);
    const answer = await threaded.embedPassages(TEXTS.slice(0, 3));
    expect(bytes(answer)).toEqual(bytes(await here.embedPassages(TEXTS.slice(0, 3))));
    expect(bytes(await rebuild)).toEqual(bytes(await here.embedPassages([...TEXTS, ...TEXTS])));
  });

  it('are the same with a SentencePiece model and passage prefix, and after the thread is closed', async () => {
    const e5 = await TransformersEmbedder.load({ ...options(FIXTURE_E5_MODEL_ID), passageThread: true });
    const e5Here = await TransformersEmbedder.load(options(FIXTURE_E5_MODEL_ID));
    expect(e5.passagePrefix).toBe('passage: ');
    const expected = bytes(await e5Here.embedPassages(TEXTS));
    expect(bytes(await e5.embedPassages(TEXTS))).toEqual(expected);
    await e5.close();
    expect(e5.passagesInBackground).toBe(false);
    expect(bytes(await e5.embedPassages(TEXTS))).toEqual(expected);
  });

  it('fails to start with the reason when the model cannot be loaded there', async () => {
    const start = PassageThread.start({
      modelId: 'policybot/no-such-model',
      modelsDir: fixtureModelsDir(),
      quantized: true,
      batchOptions: { maxLength: 16, padId: 0, tokenTypeIds: true },
    });
    await expect(start).rejects.toThrow(/no-such-model/);
  });

  it('runs from the compiled dist/ as in production, to the same vectors', async () => {
    const script = `
      const { TransformersEmbedder } = await import(${JSON.stringify(path.join(ROOT, 'dist/embed/transformers-embedder.js'))});
      const embedder = await TransformersEmbedder.load({ ...${JSON.stringify(options(FIXTURE_MODEL_ID))}, passageThread: true });
      const vectors = await embedder.embedPassages(${JSON.stringify(TEXTS)});
      process.stdout.write(JSON.stringify({ error: embedder.passageThreadError, background: embedder.passagesInBackground,
        vectors: vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')) }));
      await embedder.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { error: string | null; background: boolean; vectors: string[] };
    expect(out.error).toBeNull();
    expect(out.background).toBe(true);
    expect(out.vectors).toEqual(bytes(await here.embedPassages(TEXTS)));
  });
});
