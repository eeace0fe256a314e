import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.ts';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import type { FileResult } from '../../src/store/corpus-file.ts';
import { ChunkEmbedding } from '../../src/store/embed-chunks.ts';
import type { Chunk } from '../../src/types.ts';

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

/** An embedder that embeds on another thread as far as the build knows, each call held until released. */
function heldEmbedder(): { embedder: Embedder; held: (() => void)[] } {
  const hash = new HashEmbedder();
  const held: (() => void)[] = [];
  const embedder: Embedder = Object.assign(Object.create(hash) as Embedder, {
    passagesInBackground: true,
    embedPassages: (texts: string[]) =>
      new Promise<Float32Array[]>((resolve) => held.push(() => void hash.embedPassages(texts).then(resolve))),
  });
  return { embedder, held };
}

describe('ChunkEmbedding', () => {
  it('lets parsing run only a few slices ahead of an embedder running elsewhere', async () => {
    const { embedder, held } = heldEmbedder();
    const embedding = new ChunkEmbedding(embedder, {});
    // Four slices of 512 may be embedding while the next file is parsed…
    for (let f = 0; f < 4; f++) await embedding.add(file(`f${f}.txt`, 512));
    expect(held).toHaveLength(4);
    // …with a fifth, the parsing waits until one of them is done.
    let added = false;
    const fifth = embedding.add(file('f4.txt', 512)).then(() => {
      added = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(5);
    expect(added).toBe(false);
    held[0]!();
    await fifth;
    expect(added).toBe(true);
    const finished = embedding.finish(null);
    for (const release of held.slice(1)) release();
    const { vectors, embedded } = await finished;
    expect(embedded).toBe(5 * 512);
    expect(vectors.every((v) => v.length === embedder.dimensions)).toBe(true);
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
    expect(calls.map((c) => c.background)).toEqual([true, true, true]);
    fail[1]!(new Error('model crashed'));
    await new Promise((resolve) => setImmediate(resolve));
    // The other slices are still running (they never finish here): the failure does not wait for them.
    await expect(embedding.add(file('f3.txt', 512))).rejects.toThrow('model crashed');
    expect(calls).toHaveLength(3);
    // The slices still running stop at their next batch.
    expect(() => calls[0]!.onProgress(32)).toThrow('The build stopped.');
    expect(() => calls[2]!.onProgress(32)).toThrow('The build stopped.');
    fail[0]!(new Error('The build stopped.'));
    fail[2]!(new Error('The build stopped.'));
    await expect(embedding.finish(null)).rejects.toThrow('model crashed');
  });
});
