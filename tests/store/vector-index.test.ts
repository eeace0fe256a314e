import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../src/store/vector-index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'policybot-hnsw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function normalise(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
}

/** Seeded clustered vectors: 10 centres, points scattered around each. */
function clustered(count: number, dim: number): Float32Array[] {
  let s = 7;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  };
  const centres = Array.from({ length: 10 }, () => Array.from({ length: dim }, rand));
  return Array.from({ length: count }, (_, i) => normalise(centres[i % 10]!.map((c) => c + 0.4 * rand())));
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('VectorIndex', () => {
  it('scores by cosine similarity, best first', () => {
    const index = VectorIndex.create(3, 3);
    index.add(normalise([1, 0, 0]), 0);
    index.add(normalise([1, 1, 0]), 1);
    index.add(normalise([0, 0, 1]), 2);
    const hits = index.search(normalise([1, 0.1, 0]), 5);
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
    expect(hits[1]?.score).toBeCloseTo(dot(normalise([1, 0.1, 0]), normalise([1, 1, 0])), 5);
  });

  it('finds what exact search finds (recall@10 ≥ 0.95 on a clustered set) and survives save/load', async () => {
    const vectors = clustered(2000, 32);
    const index = VectorIndex.create(32, vectors.length);
    for (const [i, v] of vectors.entries()) index.add(v, i);
    await index.save(path.join(dir, 'v.hnsw'));
    const loaded = await VectorIndex.load(path.join(dir, 'v.hnsw'), 32);
    expect(loaded.size).toBe(2000);
    let found = 0;
    const queries = clustered(50, 32);
    for (const q of queries) {
      const exact = vectors
        .map((v, i) => [dot(q, v), i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 10)
        .map(([, i]) => i);
      const approx = new Set(loaded.search(q, 10).map((h) => h.doc));
      found += exact.filter((i) => approx.has(i)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
    expect(loaded.getVector(5)).toHaveLength(32);
    expect(dot(loaded.getVector(5), vectors[5]!)).toBeCloseTo(1, 5);
  });

  it('clamps k to the number of vectors', () => {
    const index = VectorIndex.create(2, 2);
    index.add(normalise([1, 0]), 0);
    expect(index.search(normalise([1, 0]), 10)).toHaveLength(1);
  });
});
