import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { formatEmbeddingInput } from '../../src/ingest/chunk-document.ts';
import type { FileResult } from '../../src/store/corpus-file.ts';
import { ChunkEmbedding } from '../../src/store/embed-chunks.ts';
import { VectorIndex } from '../../src/store/vector-index.ts';
import type { Chunk } from '../../src/types.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'policybot-embed-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One file of `count` passages, none carried over. */
function file(name: string, count: number): FileResult {
  const chunks: Chunk[] = Array.from({ length: count }, (_, i) => ({
    id: `${name}-${i}`,
    file: name,
    title: name,
    section: [],
    text: `passage ${i} of ${name}`,
    charStart: i,
    charEnd: i + 1,
    page: null,
    identifiers: [],
    tokens: 4,
  }));
  const record = { sha256: name, bytes: count, chunks: count, title: name };
  return { file: name, record: record as FileResult['record'], chunks, vectors: null, reused: false };
}

/**
 * An embedder that embeds on another thread as far as the build knows, each call held until
 * released; a release returns the promise of that call's vectors having been handed back.
 */
function heldEmbedder(): { embedder: Embedder; held: (() => Promise<void>)[] } {
  const hash = new HashEmbedder();
  const held: (() => Promise<void>)[] = [];
  const embedder: Embedder = Object.assign(Object.create(hash) as Embedder, {
    passagesInBackground: true,
    embedPassages: (texts: string[]) =>
      new Promise<Float32Array[]>((resolve) => held.push(() => hash.embedPassages(texts).then(resolve))),
  });
  return { embedder, held };
}

/** The calls' vectors, each doc's where the embedder put it. */
async function expectEach(vectors: Float32Array[], texts: string[]): Promise<void> {
  const expected = await new HashEmbedder().embedPassages(texts);
  expect(vectors).toHaveLength(texts.length);
  for (const [doc, vector] of vectors.entries()) expect(vector, `doc ${doc}`).toEqual(expected[doc]);
}

describe('ChunkEmbedding', () => {
  it('embeds slices of 32, 64, 128, 256, then 512 passages, and 256, 128, 64, 32 last', async () => {
    const sizes: number[] = [];
    const hash = new HashEmbedder();
    const embedder: Embedder = Object.assign(Object.create(hash) as Embedder, {
      passagesInBackground: true,
      embedPassages: (texts: string[]) => {
        sizes.push(texts.length);
        return hash.embedPassages(texts);
      },
    });
    const embedding = new ChunkEmbedding(embedder, {});
    const files = [file('a.txt', 100), file('b.txt', 2000)];
    await embedding.add(files[0]!);
    expect(sizes).toEqual([32, 64]);
    await embedding.add(files[1]!);
    const { vectors, embedded } = await embedding.finish();
    // The second slice of 512 once 256 more passages are parsed behind it: 2,100 − 480 − 2 × 512 = 596 left.
    expect(sizes).toEqual([32, 64, 128, 256, 512, 512, 116, 256, 128, 64, 32]);
    expect(embedded).toBe(2100);
    await expectEach(
      vectors,
      files.flatMap((f) => f.chunks.map((c) => formatEmbeddingInput(c))),
    );
    await embedding.cancel();
  });

  it('lets parsing run only a few slices’ passages ahead of an embedder running elsewhere', async () => {
    const { embedder, held } = heldEmbedder();
    const embedding = new ChunkEmbedding(embedder, {});
    // 2,016 passages may be embedding (32 + 64 + 128 + 256 + 3 × 512, 544 held back) while the next file is parsed…
    for (let f = 0; f < 5; f++) await embedding.add(file(`f${f}.txt`, 512));
    expect(held).toHaveLength(7);
    // …with a sixth file, the parsing waits until no more than 2,048 are.
    let added = false;
    const sixth = embedding.add(file('f5.txt', 512)).then(() => {
      added = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(8);
    // The first slice's vectors are handed back, and everything they set off has run: still waiting.
    await held[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(added).toBe(false);
    void held[4]!();
    await sixth;
    expect(added).toBe(true);
    const finished = embedding.finish();
    for (const [i, release] of held.entries()) if (i !== 0 && i !== 4) void release();
    const { vectors, embedded } = await finished;
    expect(embedded).toBe(6 * 512);
    expect(vectors.every((v) => v.length === embedder.dimensions)).toBe(true);
    await embedding.cancel();
  });

  it('gives the vector file every vector in doc order from the first slice on, carried-over ones included', async () => {
    const hash = new HashEmbedder();
    const embedding = new ChunkEmbedding(hash, {});
    const carried = file('carried.txt', 40);
    carried.vectors = await hash.embedPassages(carried.chunks.map((c) => `old ${c.text}`));
    carried.reused = true;
    await embedding.add(carried);
    // Nothing embedded yet: the build may still turn out to be up to date, with nothing to write.
    expect(embedding.vectorFile).toBeNull();
    const fresh = file('fresh.txt', 50);
    await embedding.add(fresh);
    const started = embedding.vectorFile;
    expect(started).not.toBeNull();
    const { vectors } = await embedding.finish();
    const written = path.join(dir, 'embedding.hnsw');
    await started!.write(written, 90);
    const here = VectorIndex.create(hash.dimensions, 90);
    here.addAll(vectors);
    await here.save(path.join(dir, 'here.hnsw'));
    expect(readFileSync(written).equals(readFileSync(path.join(dir, 'here.hnsw')))).toBe(true);
    expect(vectors.slice(0, 40)).toEqual(carried.vectors);
    await expectEach(
      vectors.slice(40),
      fresh.chunks.map((c) => formatEmbeddingInput(c)),
    );
  });

  it('ends the vector file’s thread when cancelled', async () => {
    const embedding = new ChunkEmbedding(new HashEmbedder(), {});
    await embedding.add(file('a.txt', 40));
    await embedding.cancel();
    await expect(embedding.finish()).rejects.toThrow('The build stopped.');
    await expect(embedding.vectorFile!.write(path.join(dir, 'cancelled.hnsw'), 40)).rejects.toThrow(/stopped/);
  });

  it('fails at the next file once a slice fails, stops the others, and asks for its passages behind an answer’s', async () => {
    const hash = new HashEmbedder();
    const calls: { texts: string[]; onProgress: (done: number) => void; background: boolean | undefined }[] = [];
    const fail: ((error: Error) => void)[] = [];
    const embedder: Embedder = Object.assign(Object.create(hash) as Embedder, {
      passagesInBackground: true,
      embedPassages: (texts: string[], onProgress: (done: number) => void, options?: { background?: boolean }) =>
        new Promise<Float32Array[]>((_, reject) => {
          calls.push({ texts, onProgress, background: options?.background });
          fail.push(reject);
        }),
    });
    const embedding = new ChunkEmbedding(embedder, {});
    for (let f = 0; f < 3; f++) await embedding.add(file(`f${f}.txt`, 512));
    expect(calls.map((c) => c.background)).toEqual([true, true, true, true, true]);
    fail[1]!(new Error('model crashed'));
    await new Promise((resolve) => setImmediate(resolve));
    // The other slices are still running (they never finish here): the failure does not wait for them.
    await expect(embedding.add(file('f3.txt', 512))).rejects.toThrow('model crashed');
    expect(calls).toHaveLength(5);
    // The slices still running stop at their next batch.
    for (const i of [0, 2, 3, 4]) {
      expect(() => calls[i]!.onProgress(32)).toThrow('The build stopped.');
      fail[i]!(new Error('The build stopped.'));
    }
    await expect(embedding.finish()).rejects.toThrow('model crashed');
    await embedding.cancel();
  });
});
