import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PassageThread } from '../../src/embed/passage-thread.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { expectCloseVectors } from './close-vectors.ts';
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
  it('are the vectors embedded on this thread (to float32 rounding: pooled inside the model), in the passages order', async () => {
    expect(threaded.passageThreadError).toBeNull();
    expect(threaded.passagesInBackground).toBe(true);
    expect(here.passagesInBackground).toBe(false);
    const progress: number[] = [];
    const [onThread, onThisThread] = await Promise.all([
      threaded.embedPassages(TEXTS, (done) => progress.push(done)),
      here.embedPassages(TEXTS),
    ]);
    expectCloseVectors(onThread, onThisThread);
    expect(progress.at(-1)).toBe(TEXTS.length);
    expect(threaded.stats.texts).toBe(TEXTS.length);
    // Pooled inside the model there, in JavaScript here.
    expect(threaded.stats.pooledInModel).toBe(TEXTS.length);
    expect(here.stats.pooledInModel).toBe(0);
    expect(threaded.stats.forwardMs).toBeGreaterThan(0);
    // Overlapping calls (a build embeds slice after slice without waiting) each get their own vectors.
    const [first, second] = await Promise.all([
      threaded.embedPassages(TEXTS.slice(0, 70)),
      threaded.embedPassages(TEXTS.slice(70)),
    ]);
    expectCloseVectors([...first, ...second], onThisThread);
    // The same passages in the same batches: the same vectors, bit for bit.
    expect(bytes(await threaded.embedPassages(TEXTS))).toEqual(bytes(onThread));
  });

  it('agree with the same texts embedded as queries are (the feature-extraction pipeline, pooled in JavaScript)', async () => {
    // The fixture model has no prefixes: a query is embedded as the pipeline embeds the text.
    const texts = TEXTS.slice(0, 20);
    const queries = await Promise.all(texts.map((text) => here.embedQuery(text)));
    expectCloseVectors(await threaded.embedPassages(texts), queries);
  });

  it('give an answer’s few passages their own vectors while a rebuild’s batches are queued', async () => {
    const rebuild = threaded.embedPassages([...TEXTS, ...TEXTS]);
    const answer = await threaded.embedPassages(TEXTS.slice(0, 3));
    expectCloseVectors(answer, await here.embedPassages(TEXTS.slice(0, 3)));
    expectCloseVectors(await rebuild, await here.embedPassages([...TEXTS, ...TEXTS]));
  });

  it('put a call ahead of a build’s batches whatever its size; a build’s own calls say they can wait', async () => {
    const embed = vi.spyOn(PassageThread.prototype, 'embed');
    const urgency = async (texts: string[], background?: boolean) => {
      embed.mockClear();
      await threaded.embedPassages(texts, undefined, background === undefined ? {} : { background });
      return embed.mock.calls.map(([job]) => job.urgent);
    };
    try {
      // An answer's quote sentences may be more than a batch (8 here): still urgent, every batch.
      expect(await urgency(TEXTS.slice(0, 20))).toEqual([true, true, true]);
      expect(await urgency(TEXTS.slice(0, 3))).toEqual([true]);
      // A build's slice waits, even its last few passages.
      expect(await urgency(TEXTS.slice(0, 20), true)).toEqual([false, false, false]);
      expect(await urgency(TEXTS.slice(0, 3), true)).toEqual([false]);
    } finally {
      embed.mockRestore();
    }
  });

  it('fall back to this thread, to the same vectors (to float32 rounding), when the thread dies midway', async () => {
    const dying = await TransformersEmbedder.load({ ...options(FIXTURE_MODEL_ID), passageThread: true });
    let killed: Promise<number> | null = null;
    const vectors = await dying.embedPassages(TEXTS, () => {
      // After the first batch, the thread ends with the others queued there, as a crash would.
      // (Not terminate(): ending it inside a forward pass aborts the process; see close().)
      if (killed) return;
      const { worker } = (dying as unknown as { passageThread: { worker: Worker } }).passageThread;
      killed = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
    });
    expect(await killed).toBe(0);
    expect(dying.passagesInBackground).toBe(false);
    expectCloseVectors(vectors, await here.embedPassages(TEXTS));
    // Then on this thread, pooled in JavaScript as there: bit for bit.
    expect(bytes(await dying.embedPassages(TEXTS.slice(0, 9)))).toEqual(
      bytes(await here.embedPassages(TEXTS.slice(0, 9))),
    );
  });

  it('are the same (to float32 rounding) with a SentencePiece model and passage prefix, and after the thread is closed', async () => {
    const e5 = await TransformersEmbedder.load({ ...options(FIXTURE_E5_MODEL_ID), passageThread: true });
    const e5Here = await TransformersEmbedder.load(options(FIXTURE_E5_MODEL_ID));
    expect(e5.passagePrefix).toBe('passage: ');
    const expected = await e5Here.embedPassages(TEXTS);
    expectCloseVectors(await e5.embedPassages(TEXTS), expected);
    await e5.close();
    expect(e5.passagesInBackground).toBe(false);
    expect(bytes(await e5.embedPassages(TEXTS))).toEqual(bytes(expected));
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
        pooledInModel: embedder.stats.pooledInModel,
        vectors: vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')) }));
      await embedder.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    // Not empty on a Node warning (an experimental feature, a deprecation): no error there.
    expect(run.stderr).not.toMatch(/Error|FATAL|thread stopped/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      error: string | null;
      background: boolean;
      pooledInModel: number;
      vectors: string[];
    };
    expect(out.error).toBeNull();
    expect(out.background).toBe(true);
    expect(out.pooledInModel).toBe(TEXTS.length);
    expectCloseVectors(
      out.vectors.map((hex) => new Float32Array(new Uint8Array(Buffer.from(hex, 'hex')).buffer)),
      await here.embedPassages(TEXTS),
    );
  });
});
