import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VectorFileWriter } from '../../src/store/vector-file.ts';
import { VectorIndex } from '../../src/store/vector-index.ts';
import { prng } from '../fixtures/prng.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'policybot-vector-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function unitVectors(count: number, dim: number): Float32Array[] {
  const rand = prng(11);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, () => rand() * 2 - 1);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

describe('VectorFileWriter', () => {
  it('writes, from a worker thread, the very file a build in this thread writes, whatever order vectors come in', async () => {
    const vectors = unitVectors(600, 24);
    const here = VectorIndex.create(24, vectors.length);
    for (const [doc, v] of vectors.entries()) here.add(v, doc);
    await here.save(path.join(dir, 'here.bin'));
    // The number of docs is not known when the writer starts: a graph with room for 7 grows
    // (resizeIndex) seven times on the way; one with room for more is cut down to 600.
    for (const capacity of [7, undefined]) {
      const writer = VectorFileWriter.start(24, capacity);
      // Out of order, as a batch sorted by length embeds them; the graph still takes them in doc order.
      const docs = vectors.map((_, doc) => doc);
      for (const part of [docs.slice(300, 450).reverse(), docs.slice(0, 300), docs.slice(450)])
        writer.add(
          part,
          part.map((doc) => vectors[doc]!),
        );
      const file = path.join(dir, `worker-${capacity ?? 'default'}.bin`);
      await writer.write(file, vectors.length);
      const written = readFileSync(file);
      expect(written.length).toBeGreaterThan(600 * 24 * 4);
      expect(written.equals(readFileSync(path.join(dir, 'here.bin'))), `capacity ${capacity}`).toBe(true);
      const loaded = await VectorIndex.load(file, 24);
      expect(loaded.search(vectors[123]!, 1)[0]?.doc).toBe(123);
    }
  });

  it('rejects when the file cannot be written or a vector is missing, and can be cancelled', async () => {
    const vectors = unitVectors(10, 8);
    const docs = vectors.map((_, doc) => doc);
    const unwritable = VectorFileWriter.start(8);
    unwritable.add(docs, vectors);
    await expect(unwritable.write(path.join(dir, 'missing', 'x.bin'), 10)).rejects.toThrow();
    const short = VectorFileWriter.start(8);
    short.add(docs, vectors);
    await expect(short.write(path.join(dir, 'short.bin'), 11)).rejects.toThrow(/1 vectors were never added/);
    const long = VectorFileWriter.start(8, 4);
    long.add(docs, vectors);
    await expect(long.write(path.join(dir, 'long.bin'), 9)).rejects.toThrow(/10 vectors were added for 9 docs/);
    const cancelled = VectorFileWriter.start(8);
    await cancelled.cancel();
    await expect(cancelled.write(path.join(dir, 'cancelled.bin'), 10)).rejects.toThrow();
    const wrong = VectorFileWriter.start(9);
    expect(() => wrong.add(docs, vectors)).toThrow(/9-dimensional/);
    await wrong.cancel();
  });

  it('can be cancelled while it writes the file, as a failed generation write does, without ending the process', () => {
    // In a process of its own: ending the worker while hnswlib saved aborted the whole process.
    const script = path.resolve(import.meta.dirname, 'cancel-write.script.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/FATAL|Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    // The cancel waited for the file being written (a cancel cannot stop hnswlib mid-save).
    expect(out.cancelled).toBe('written');
    expect(out.failed).toMatch(/^rejected: .*string/);
    // The failed generation is gone; the previous one still serves.
    expect(out.previousServing).toBe(true);
    expect(out.folders).toEqual(['CURRENT', out.previous]);
  });
});
